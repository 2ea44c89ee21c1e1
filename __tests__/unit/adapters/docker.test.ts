import { describe, expect, it } from 'vitest';
import { Docker, DockerError, lastLines, type ExecResult, type RunOptions, type Runner } from '../../../src/adapters/docker.js';

interface Call {
  args: string[];
  options: RunOptions | undefined;
}

/** A Runner that records every call and answers from `respond` (default: success, no output). */
function fakeRunner(respond: (args: string[]) => Partial<ExecResult> = () => ({})): { run: Runner; calls: Call[] } {
  const calls: Call[] = [];
  const run: Runner = async (args, options) => {
    calls.push({ args, options });
    return { exitCode: 0, stdout: '', stderr: '', ...respond(args) };
  };
  return { run, calls };
}

async function rejection(promise: Promise<unknown>): Promise<DockerError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DockerError);
    return error as DockerError;
  }
  throw new Error('expected a DockerError');
}

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('serverVersion', () => {
  it('returns the engine version', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: '27.3.1\n' }));
    expect(await new Docker(run).serverVersion()).toBe('27.3.1');
    expect(calls.map((c) => c.args)).toEqual([['version', '--format', '{{.Server.Version}}']]);
  });

  it('says what to start when no engine answers', async () => {
    const stderr = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';
    const { run } = fakeRunner(() => ({ exitCode: 1, stdout: '', stderr }));
    const error = await rejection(new Docker(run).serverVersion());
    expect(error.message).toContain('No Docker engine answered (Cannot connect to the Docker daemon at unix:///var/run/docker.sock.');
    expect(error.message).toContain('sudo systemctl start docker');
    expect(error.message).toContain('bash scripts/testbed.sh up');
    expect(error.message).toContain('`docker info`');
    expect(error.result?.exitCode).toBe(1);
  });

  it('fails when only the client answers', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 0, stdout: '\n', stderr: '' }));
    expect((await rejection(new Docker(run).serverVersion())).message).toMatch(/^No Docker engine answered \(no output\)\. Start the engine/);
  });
});

describe('buildxBuilder', () => {
  it("is '' without buildx, and does not ask for the context", async () => {
    const { run, calls } = fakeRunner(() => ({ exitCode: 1, stderr: "docker: 'buildx' is not a docker command." }));
    expect(await new Docker(run).buildxBuilder()).toBe('');
    expect(calls.map((c) => c.args)).toEqual([['buildx', 'version']]);
  });

  it('is the current context name with buildx', async () => {
    const { run, calls } = fakeRunner((args) =>
      args[0] === 'buildx' ? { stdout: 'github.com/docker/buildx v0.17.1 257815a\n' } : { stdout: 'desktop-linux\n' },
    );
    expect(await new Docker(run).buildxBuilder()).toBe('desktop-linux');
    expect(calls.map((c) => c.args)).toEqual([
      ['buildx', 'version'],
      ['context', 'show'],
    ]);
  });

  it("is 'default' when the context cannot be read", async () => {
    const { run } = fakeRunner((args) => (args[0] === 'context' ? { exitCode: 1, stderr: 'boom' } : { stdout: 'v0.17.1' }));
    expect(await new Docker(run).buildxBuilder()).toBe('default');
  });
});

describe('inspectBuilder', () => {
  // What buildx 0.29 prints for a remote builder: the builder's Name and Driver first, then its nodes.
  const remote = [
    'Name:          shared',
    'Driver:        remote',
    'Last Activity: 2026-12-02 03:04:09 +0000 UTC',
    '',
    'Nodes:',
    'Name:             shared0',
    'Endpoint:         tcp://127.0.0.1:49483',
    'Status:           running',
    'BuildKit version: v0.25.2',
    'Platforms:        linux/amd64, linux/amd64/v2, linux/arm64*',
    '',
  ].join('\n');

  it("reads the builder's name (not its node's), driver and platforms; without a name, the current builder's", async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: remote }));
    expect(await new Docker(run).inspectBuilder()).toEqual({
      name: 'shared',
      driver: 'remote',
      platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/arm64'],
    });
    await new Docker(run).inspectBuilder('shared');
    expect(calls.map((c) => c.args)).toEqual([
      ['buildx', 'inspect'],
      ['buildx', 'inspect', 'shared'],
    ]);
  });

  it('starts a builder that has not run yet when asked to (--bootstrap), so it lists its platforms', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: remote }));
    await new Docker(run).inspectBuilder('shared', true);
    expect(calls.map((c) => c.args)).toEqual([['buildx', 'inspect', '--bootstrap', 'shared']]);
  });

  it('says nothing of a builder buildx does not know', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 1, stderr: 'ERROR: no builder "gone" found\n' }));
    expect(await new Docker(run).inspectBuilder('gone')).toEqual({ name: '', driver: '', platforms: [] });
  });
});

describe('build', () => {
  it('streams the build, passing the Dockerfile on stdin when given', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).build(['build', '--file', '-', '.'], 'Layering the app', 'FROM base\n');
    expect(calls).toEqual([{ args: ['build', '--file', '-', '.'], options: { echo: true, input: 'FROM base\n' } }]);
  });

  it("passes the build's environment (the classic builder's DOCKER_BUILDKIT=0) to the command", async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).build(['build', '.'], 'Building the base image', undefined, { DOCKER_BUILDKIT: '0' });
    expect(calls).toEqual([{ args: ['build', '.'], options: { echo: true, env: { DOCKER_BUILDKIT: '0' } } }]);
  });

  it('passes no input when none is given', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).build(['build', '.'], 'Building the base image');
    expect(calls[0]!.options).toEqual({ echo: true });
  });

  it('fails with the exit code and the last 25 lines of the output', async () => {
    const stderr = Array.from({ length: 30 }, (_, i) => `#${i + 1} step output`).join('\n') + '\n';
    const { run } = fakeRunner(() => ({ exitCode: 17, stderr }));
    const error = await rejection(new Docker(run).build(['build', '.'], 'Building the base image'));
    const [head, ...tail] = error.message.split('\n');
    expect(head).toBe('Building the base image failed (docker exited with 17). The failing step:');
    expect(tail).toHaveLength(25);
    expect(tail[0]).toBe('#6 step output');
    expect(tail.at(-1)).toBe('#30 step output');
    expect(error.result?.exitCode).toBe(17);
  });

  it('shows standard output when standard error is empty', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 1, stdout: 'ERROR: pip could not find flask==99\n', stderr: '' }));
    expect((await rejection(new Docker(run).build(['build', '.'], 'Layering the app'))).message).toContain('ERROR: pip could not find flask==99');
  });
});

describe('inspection', () => {
  it('reads the image ID, size and repo digests', async () => {
    const { run, calls } = fakeRunner((args) => {
      const format = args[3];
      if (format === '{{.Id}}') return { stdout: `${DIGEST}\n` };
      if (format === '{{.Size}}') return { stdout: '123456789\n' };
      return { stdout: `["127.0.0.1:5000/web@${DIGEST}"]\n` };
    });
    const docker = new Docker(run);
    expect(await docker.imageId('app:tag')).toBe(DIGEST);
    expect(await docker.imageSize('app:tag')).toBe(123456789);
    expect(await docker.repoDigests('app:tag')).toEqual([`127.0.0.1:5000/web@${DIGEST}`]);
    expect(calls.map((c) => c.args)).toEqual([
      ['image', 'inspect', '--format', '{{.Id}}', 'app:tag'],
      ['image', 'inspect', '--format', '{{.Size}}', 'app:tag'],
      ['image', 'inspect', '--format', '{{json .RepoDigests}}', 'app:tag'],
    ]);
  });

  it.each(['null\n', '[]\n', ''])('reads the repo digests %j as none', async (stdout) => {
    const { run } = fakeRunner(() => ({ stdout }));
    expect(await new Docker(run).repoDigests('x')).toEqual([]);
  });

  it('says what it could not do', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 1, stderr: 'Error response from daemon: No such image: app:tag\n' }));
    expect((await rejection(new Docker(run).imageId('app:tag'))).message).toBe(
      'Could not inspect image app:tag: Error response from daemon: No such image: app:tag',
    );
  });

  it('reads a container state', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: 'exited false 3\n' }));
    expect(await new Docker(run).containerState('c1')).toEqual({ status: 'exited', running: false, exitCode: 3 });
    expect(calls[0]!.args).toEqual(['container', 'inspect', '--format', '{{.State.Status}} {{.State.Running}} {{.State.ExitCode}}', 'c1']);
  });

  it('reads a running container as running', async () => {
    const { run } = fakeRunner(() => ({ stdout: 'running true 0\n' }));
    expect(await new Docker(run).containerState('c1')).toEqual({ status: 'running', running: true, exitCode: 0 });
  });
});

describe('containers', () => {
  it('starts a container and returns its ID', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: 'f00dcafe\n' }));
    expect(await new Docker(run).runContainer(['run', '--detach', 'img'])).toBe('f00dcafe');
    expect(calls[0]!.args).toEqual(['run', '--detach', 'img']);
  });

  it('fails to start with the reason', async () => {
    const { run } = fakeRunner(() => ({
      exitCode: 125,
      stderr: 'docker: Error response from daemon: Conflict. The container name "/x" is already in use.\n',
    }));
    expect((await rejection(new Docker(run).runContainer(['run', 'img']))).message).toContain('Could not start the test container: docker: Error');
  });

  it('finds the published loopback address among the ones docker port lists', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: '0.0.0.0:49100\n127.0.0.1:49153\n' }));
    expect(await new Docker(run).publishedAddress('c1', 8080)).toBe('127.0.0.1:49153');
    expect(calls[0]!.args).toEqual(['port', 'c1', '8080/tcp']);
  });

  it('fails when nothing is published on loopback', async () => {
    const { run } = fakeRunner(() => ({ stdout: '0.0.0.0:49100\n' }));
    expect((await rejection(new Docker(run).publishedAddress('c1', 80))).message).toBe(
      'Container c1 has no port 80 published on 127.0.0.1 (docker port said: 0.0.0.0:49100).',
    );
  });

  it('keeps both output streams of the logs', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: 'Booting worker\n', stderr: 'Traceback: boom\n\n' }));
    expect(await new Docker(run).logs('c1', 80)).toBe('Booting worker\nTraceback: boom');
    expect(calls[0]!.args).toEqual(['logs', '--tail', '80', 'c1']);
  });

  it('removes a container with its volumes', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).removeContainer('c1');
    expect(calls[0]!.args).toEqual(['rm', '--force', '--volumes', 'c1']);
  });

  it('does not mind a container that is already gone', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 1, stderr: 'Error response from daemon: No such container: c1\n' }));
    await expect(new Docker(run).removeContainer('c1')).resolves.toBeUndefined();
  });

  it('fails on any other removal error', async () => {
    const { run } = fakeRunner(() => ({
      exitCode: 1,
      stderr: 'Error response from daemon: cannot remove container "/c1": device or resource busy\n',
    }));
    expect((await rejection(new Docker(run).removeContainer('c1'))).message).toBe(
      'Could not remove container c1: Error response from daemon: cannot remove container "/c1": device or resource busy',
    );
  });
});

describe('tags', () => {
  it('tags and untags', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).tag('sha256:abc', 'ghcr.io/acme/web:latest');
    await new Docker(run).untag('ghcr.io/acme/web:latest');
    expect(calls.map((c) => c.args)).toEqual([
      ['tag', 'sha256:abc', 'ghcr.io/acme/web:latest'],
      ['image', 'rm', '--no-prune', 'ghcr.io/acme/web:latest'],
    ]);
  });

  it('fails a tag with the reason, and ignores a failed untag', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 1, stderr: 'invalid reference format\n' }));
    expect((await rejection(new Docker(run).tag('x', 'Bad:Ref'))).message).toBe('Could not tag Bad:Ref: invalid reference format');
    await expect(new Docker(run).untag('gone:tag')).resolves.toBeUndefined();
  });
});

describe('registry', () => {
  it('logs in with the password on stdin only, in the given config folder', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: 'Login Succeeded\n' }));
    await new Docker(run).login('ghcr.io', 'octocat', 'ghp_SuperSecret', '/tmp/cfg');
    expect(calls).toEqual([
      {
        args: ['login', '--username', 'octocat', '--password-stdin', 'ghcr.io'],
        options: { input: 'ghp_SuperSecret', env: { DOCKER_CONFIG: '/tmp/cfg' } },
      },
    ]);
    expect(calls[0]!.args.some((arg) => arg.includes('SuperSecret'))).toBe(false);
  });

  it('logs in to Docker Hub without naming a registry', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).login('', 'octocat', 'pw', '/tmp/cfg');
    expect(calls[0]!.args).toEqual(['login', '--username', 'octocat', '--password-stdin']);
  });

  it('fails a login naming the registry and user, not the password', async () => {
    const { run } = fakeRunner(() => ({
      exitCode: 1,
      stderr: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n',
    }));
    const error = await rejection(new Docker(run).login('', 'octocat', 'hunter2', '/tmp/cfg'));
    expect(error.message).toBe(
      'docker login docker.io as octocat failed: Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('logs out of the registry in the given config folder', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).logout('ghcr.io', '/tmp/cfg');
    await new Docker(run).logout('', '/tmp/cfg');
    expect(calls).toEqual([
      { args: ['logout', 'ghcr.io'], options: { env: { DOCKER_CONFIG: '/tmp/cfg' } } },
      { args: ['logout'], options: { env: { DOCKER_CONFIG: '/tmp/cfg' } } },
    ]);
  });

  it('pushes with the login config and returns the digest docker reports', async () => {
    const stdout = [
      'The push refers to repository [127.0.0.1:5000/web]',
      '5f70bf18a086: Pushed',
      `python3.12-2026-11-21: digest: ${DIGEST} size: 1570`,
    ].join('\n');
    const { run, calls } = fakeRunner(() => ({ stdout }));
    expect(await new Docker(run).push('127.0.0.1:5000/web:python3.12-2026-11-21', '/tmp/cfg')).toBe(DIGEST);
    expect(calls).toEqual([
      { args: ['push', '127.0.0.1:5000/web:python3.12-2026-11-21'], options: { echo: true, env: { DOCKER_CONFIG: '/tmp/cfg' } } },
    ]);
  });

  it("returns '' when docker reports no digest", async () => {
    const { run } = fakeRunner(() => ({ stdout: 'Layer already exists\n' }));
    expect(await new Docker(run).push('web:1', '/tmp/cfg')).toBe('');
  });

  it('fails a push with the last lines of the output', async () => {
    const { run } = fakeRunner(() => ({ exitCode: 1, stderr: 'a\nb\nc\nd\ne\nf\nreceived unexpected HTTP status: 503 Service Unavailable\n' }));
    expect((await rejection(new Docker(run).push('web:1', '/tmp/cfg'))).message).toBe(
      'docker push web:1 failed: c\nd\ne\nf\nreceived unexpected HTTP status: 503 Service Unavailable',
    );
  });
});

describe('lastLines', () => {
  it('keeps the last lines, ignoring trailing blank ones', () => {
    expect(lastLines('1\n2\n3\n4\n\n', 2)).toBe('3\n4');
    expect(lastLines('only', 5)).toBe('only');
    expect(lastLines('', 3)).toBe('');
  });
});

describe('removeBuilder', () => {
  const NAME = 'flask-gunicorn-action-cache-4242-1-0a1b2c3d';
  const NODE = `buildx_buildkit_${NAME}0`;

  it('is buildx rm alone when that works', async () => {
    const { run, calls } = fakeRunner();
    await new Docker(run).removeBuilder(NAME);
    expect(calls.map((c) => c.args)).toEqual([['buildx', 'rm', NAME]]);
  });

  it('removes the container and state volume buildx rm left, when it failed or no longer knew the name', async () => {
    for (const stderr of ['ERROR: no builder "x" found', 'ERROR: failed to remove: removal of container is already in progress']) {
      const { run, calls } = fakeRunner((args) => (args[0] === 'buildx' ? { exitCode: 1, stderr } : {}));
      await new Docker(run).removeBuilder(NAME, { DOCKER_CONFIG: '/tmp/c' });
      expect(calls.map((c) => c.args)).toEqual([
        ['buildx', 'rm', NAME],
        ['rm', '--force', '--volumes', NODE],
        ['volume', 'rm', '--force', `${NODE}_state`],
      ]);
      expect(calls.every((c) => c.options?.env?.DOCKER_CONFIG === '/tmp/c')).toBe(true);
    }
  });

  it('is not an error when both are already gone; fails, quoting both, when the container stays', async () => {
    const gone = fakeRunner((args) => ({ exitCode: 1, stderr: args[0] === 'buildx' ? 'no builder found' : 'Error: No such container: x' }));
    await new Docker(gone.run).removeBuilder(NAME);
    const stuck = fakeRunner((args) => ({ exitCode: 1, stderr: args[0] === 'buildx' ? 'buildx broke' : 'engine broke' }));
    const error = await rejection(new Docker(stuck.run).removeBuilder(NAME));
    expect(error.message).toBe(`Could not remove builder ${NAME}: buildx broke; engine broke`);
  });
});
