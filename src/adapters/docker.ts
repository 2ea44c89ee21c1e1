// The Docker CLI adapter: every docker command the action runs goes through here, as an
// argument array (never a shell string). Unit tests replace the Runner; end-to-end tests use the real one.
import { runProgram } from './tool-runner.js';
import { OWN_BUILDER_PURPOSE, type OwnBuilderPurpose } from '../core/builder.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the command's standard input (passwords, rendered Dockerfiles). */
  input?: string;
  /** Extra environment, merged over the action's own. */
  env?: Record<string, string>;
  /** Stream the command and its output to the log (builds, pushes) instead of capturing quietly. */
  echo?: boolean;
}

export type Runner = (args: string[], options?: RunOptions) => Promise<ExecResult>;

export class DockerError extends Error {
  constructor(
    message: string,
    readonly result?: ExecResult,
  ) {
    super(message);
    this.name = 'DockerError';
  }
}

export const realRunner: Runner = (args, options = {}) =>
  runProgram(
    'docker',
    args,
    options,
    (why) => new DockerError(`The docker command could not be run (${why}). Install Docker, or run on a runner that has it (ubuntu-latest does).`),
  );

export interface ContainerState {
  status: string;
  running: boolean;
  exitCode: number;
}

export class Docker {
  constructor(private readonly run: Runner = realRunner) {}

  /** Fails with a message that says what to start when no engine answers. */
  async serverVersion(): Promise<string> {
    const result = await this.run(['version', '--format', '{{.Server.Version}}']);
    if (result.exitCode !== 0 || result.stdout.trim() === '') {
      throw new DockerError(
        `No Docker engine answered (${lastLines(result.stderr, 3) || 'no output'}). Start the engine (e.g. \`sudo systemctl start docker\`, or \`bash scripts/testbed.sh up\` on a development machine) and check that \`docker info\` works.`,
        result,
      );
    }
    return result.stdout.trim();
  }

  /** The engine's own buildx builder (named after the current context), or '' when buildx is absent. */
  async buildxBuilder(): Promise<string> {
    const buildx = await this.run(['buildx', 'version']);
    if (buildx.exitCode !== 0) return '';
    const context = await this.run(['context', 'show']);
    return context.exitCode === 0 && context.stdout.trim() !== '' ? context.stdout.trim() : 'default';
  }

  /**
   * A buildx builder's name, driver (docker, docker-container, remote, ...) and the platforms it can
   * build (the engine's own, plus those QEMU is registered for); without a name, the current builder's.
   * '', '' and [] where buildx does not know it.
   */
  async inspectBuilder(builder?: string, bootstrap = false): Promise<{ name: string; driver: string; platforms: string[] }> {
    // --bootstrap starts a builder that has not run yet: only a running one lists its platforms.
    const result = await this.run(['buildx', 'inspect', ...(bootstrap ? ['--bootstrap'] : []), ...(builder !== undefined ? [builder] : [])]);
    // The first Name: is the builder's (its nodes follow).
    const field = (name: string): string => (result.exitCode === 0 ? (new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(result.stdout)?.[1] ?? '') : '');
    const platforms = field('Platforms')
      .split(',')
      .map((platform) => platform.trim().replace(/\*$/, ''))
      .filter((platform) => platform !== '');
    return { name: field('Name').trim(), driver: field('Driver').trim(), platforms };
  }

  /** The engine's own platform (linux/amd64): what its images run natively, without QEMU. */
  async enginePlatform(): Promise<string> {
    return (await this.must(['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}'], "read the engine's platform")).trim();
  }

  /**
   * Makes (or moves) `ref` to point at an image index over the given per-platform images, in the
   * registry: the images are not pulled. Returns the index digest.
   */
  async createIndex(ref: string, sources: string[], env: Record<string, string>): Promise<string> {
    const created = await this.run(['buildx', 'imagetools', 'create', '--tag', ref, ...sources], { env });
    if (created.exitCode !== 0)
      throw new DockerError(`Could not push the multi-platform image ${ref}: ${lastLines(created.stderr || created.stdout, 5)}`, created);
    const inspected = await this.run(['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .Manifest.Digest}}'], { env });
    const digest = inspected.exitCode === 0 ? (/"(sha256:[a-f0-9]{64})"/.exec(inspected.stdout)?.[1] ?? '') : '';
    if (digest === '')
      throw new DockerError(`Pushed ${ref}, but could not read its digest back: ${lastLines(inspected.stderr || inspected.stdout, 3)}`, inspected);
    return digest;
  }

  /**
   * One field of an image in a registry, as JSON (`Manifest`: the manifest or index; `Image`: the
   * image config, or one per platform), read with the login in `env` and without pulling a layer.
   * `missing` when the registry has no such tag; a DockerError when it could not be read at all.
   */
  async inspectRemote(ref: string, field: 'Manifest' | 'Image', env: Record<string, string>): Promise<unknown> {
    const result = await this.run(['buildx', 'imagetools', 'inspect', ref, '--format', `{{json .${field}}}`], { env });
    if (result.exitCode === 0) return JSON.parse(result.stdout.trim() || 'null') as unknown;
    if (/: not found|manifest unknown/i.test(result.stderr)) return 'missing';
    throw new DockerError(`Could not read ${ref} from the registry: ${lastLines(result.stderr || result.stdout, 3)}`, result);
  }

  /** Makes a buildx builder (cache-builder.ts); `docker buildx create` pulls its image if needed. */
  async createBuilder(args: string[], purpose: OwnBuilderPurpose, env?: Record<string, string>): Promise<void> {
    const result = await this.run(args, { echo: true, ...(env ? { env } : {}) });
    const { made, without } = OWN_BUILDER_PURPOSE[purpose];
    if (result.exitCode !== 0)
      throw new DockerError(
        `Could not make a builder ${made} (docker ${args.slice(0, 2).join(' ')}); this run needs one (${without}): ${lastLines(result.stderr || result.stdout, 5)}`,
        result,
      );
  }

  /**
   * Removes a docker-container builder the action made, and its container; one already gone is not an
   * error. `buildx rm` can fail, or no longer know the name, and leave the container running: what it
   * leaves is removed by the names the driver gives, buildx_buildkit_<name>0 and its _state volume.
   */
  async removeBuilder(name: string, env?: Record<string, string>): Promise<void> {
    const options = env ? { env } : {};
    const result = await this.run(['buildx', 'rm', name], options);
    if (result.exitCode === 0) return;
    const node = `buildx_buildkit_${name}0`;
    const container = await this.run(['rm', '--force', '--volumes', node], options);
    await this.run(['volume', 'rm', '--force', `${node}_state`], options);
    if (container.exitCode !== 0 && !/no such container/i.test(container.stderr))
      throw new DockerError(`Could not remove builder ${name}: ${lastLines(result.stderr, 3)}; ${lastLines(container.stderr, 2)}`, result);
  }

  /** Whether the engine keeps images in containerd's store, where its own builder can export cache. */
  async containerdImageStore(): Promise<boolean> {
    const result = await this.run(['info', '--format', '{{json .DriverStatus}}']);
    return result.exitCode === 0 && result.stdout.includes('io.containerd.snapshotter');
  }

  async build(args: string[], what: string, input?: string, env?: Record<string, string>): Promise<void> {
    const result = await this.run(args, {
      echo: true,
      ...(input !== undefined ? { input } : {}),
      ...(env !== undefined && Object.keys(env).length > 0 ? { env } : {}),
    });
    if (result.exitCode !== 0) {
      throw new DockerError(
        `${what} failed (docker exited with ${result.exitCode}). The failing step:\n${lastLines(result.stderr || result.stdout, 25)}`,
        result,
      );
    }
  }

  /** Loads an image archive (a tar holding docker's manifest.json) into the engine. */
  async load(archive: string): Promise<void> {
    const result = await this.run(['load', '--input', archive]);
    if (result.exitCode !== 0) throw new DockerError(`Could not load the tested image into the engine: ${lastLines(result.stderr, 3)}`, result);
  }

  async imageId(reference: string): Promise<string> {
    return (await this.must(['image', 'inspect', '--format', '{{.Id}}', reference], `inspect image ${reference}`)).trim();
  }

  async imageSize(reference: string): Promise<number> {
    return Number((await this.must(['image', 'inspect', '--format', '{{.Size}}', reference], `inspect image ${reference}`)).trim());
  }

  async repoDigests(reference: string): Promise<string[]> {
    const out = await this.must(['image', 'inspect', '--format', '{{json .RepoDigests}}', reference], `inspect image ${reference}`);
    return (JSON.parse(out.trim() || '[]') as string[] | null) ?? [];
  }

  async runContainer(args: string[]): Promise<string> {
    return (await this.must(args, 'start the test container')).trim();
  }

  /** Host address Docker published a container port on, e.g. 127.0.0.1:49153. */
  async publishedAddress(container: string, port: number): Promise<string> {
    const out = await this.must(['port', container, `${port}/tcp`], `find the published port of ${container}`);
    const first = out.split('\n').find((line) => line.startsWith('127.0.0.1:'));
    if (!first) throw new DockerError(`Container ${container} has no port ${port} published on 127.0.0.1 (docker port said: ${out.trim()}).`);
    return first.trim();
  }

  async containerState(container: string): Promise<ContainerState> {
    const out = await this.must(
      ['container', 'inspect', '--format', '{{.State.Status}} {{.State.Running}} {{.State.ExitCode}}', container],
      `inspect container ${container}`,
    );
    const [status = 'unknown', running = 'false', exitCode = '0'] = out.trim().split(' ');
    return { status, running: running === 'true', exitCode: Number(exitCode) };
  }

  async logs(container: string, tail: number): Promise<string> {
    const result = await this.run(['logs', '--tail', String(tail), container]);
    // Container logs interleave the app's stdout and stderr; keep both.
    return `${result.stdout}${result.stderr}`.trimEnd();
  }

  /** A container's labels, or undefined when there is no such container. */
  async containerLabels(container: string): Promise<Record<string, string> | undefined> {
    const result = await this.run(['container', 'inspect', '--format', '{{json .Config.Labels}}', '--', container]);
    if (result.exitCode !== 0) {
      if (/no such (container|object)/i.test(result.stderr)) return undefined;
      throw new DockerError(`Could not inspect container ${container}: ${lastLines(result.stderr, 3)}`, result);
    }
    return (JSON.parse(result.stdout.trim() || 'null') as Record<string, string> | null) ?? {};
  }

  /** Removes a container if it exists; a missing one is not an error. */
  async removeContainer(container: string): Promise<void> {
    const result = await this.run(['rm', '--force', '--volumes', container]);
    if (result.exitCode !== 0 && !/no such container/i.test(result.stderr)) {
      throw new DockerError(`Could not remove container ${container}: ${lastLines(result.stderr, 3)}`, result);
    }
  }

  async tag(source: string, target: string): Promise<void> {
    await this.must(['tag', source, target], `tag ${target}`);
  }

  async untag(reference: string): Promise<void> {
    await this.run(['image', 'rm', '--no-prune', reference]);
  }

  /** Writes an image to a tar file (docker save), which a platform job uploads by digest (image-upload.ts). */
  async save(image: string, file: string): Promise<void> {
    await this.must(['save', '--output', file, image], `save the image ${image.slice(0, 19)} for its upload`);
  }

  /** Pushes one reference; returns the pushed manifest digest when Docker reports it. */
  async push(reference: string, configDir: string): Promise<string> {
    const result = await this.run(['push', reference], { echo: true, env: { DOCKER_CONFIG: configDir } });
    if (result.exitCode !== 0) {
      throw new DockerError(`docker push ${reference} failed: ${lastLines(result.stderr || result.stdout, 5)}`, result);
    }
    return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1] ?? '';
  }

  async login(registry: string, username: string, password: string, configDir: string): Promise<void> {
    const args = ['login', '--username', username, '--password-stdin', ...(registry !== '' ? [registry] : [])];
    const result = await this.run(args, { input: password, env: { DOCKER_CONFIG: configDir } });
    if (result.exitCode !== 0) {
      throw new DockerError(`docker login ${registry || 'docker.io'} as ${username} failed: ${lastLines(result.stderr, 3)}`, result);
    }
  }

  async logout(registry: string, configDir: string): Promise<void> {
    await this.run(['logout', ...(registry !== '' ? [registry] : [])], { env: { DOCKER_CONFIG: configDir } });
  }

  private async must(args: string[], what: string): Promise<string> {
    const result = await this.run(args);
    if (result.exitCode !== 0) throw new DockerError(`Could not ${what}: ${lastLines(result.stderr, 3)}`, result);
    return result.stdout;
  }
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
