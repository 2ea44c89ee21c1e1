/**
 * Driving the image from the outside for the image's e2e tests: build it from docker/ with the action's
 * own base build (the plan's command line, src/core/plan.ts), layer small test apps on it, run containers and
 * look at them only through HTTP, `docker logs`, `docker top`, `docker inspect` and exit codes.
 *
 * Every container started here is tracked; call removeContainers() in afterEach.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseBuilder } from '../../src/core/builder.js';
import { Docker } from '../../src/adapters/docker.js';
import { pipIndex } from '../../src/core/pip-index.js';
import { makePlan, type BuildStep } from '../../src/core/plan.js';
import { targets } from '../../src/core/platforms.js';
import type { Settings } from '../../src/core/settings.js';
import { isVariant, officialBaseImage, versionsFile } from '../../src/core/versions.js';
import { makeSettings } from '../unit/fixtures.js';
import { freePort, testbed } from './testbed.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DOCKER_DIR = join(REPO, 'docker');

export const versions = versionsFile;

export interface Exec {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `docker ARGS`; never throws on a non-zero exit (the caller asserts on `code`). */
export function docker(args: string[], timeoutMs = 120_000, step?: Pick<BuildStep, 'env' | 'dockerfile'>): Promise<Exec> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...step?.env };
    const child = execFile('docker', args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    // A Dockerfile read with `--file -` (the classic builder's). docker may exit before it reads its input (a
    // command that reads none, or one that fails at once): the write then fails with EPIPE, which says nothing
    // the exit code does not, so it must not surface as an unhandled error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(step?.dockerfile ?? '');
  });
}

/** Like docker() but throws, with the output, unless the command succeeds. */
export async function dockerOk(args: string[], timeoutMs?: number): Promise<string> {
  const r = await docker(args, timeoutMs);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The build's network flags: host on the offline test bed (its engine has no bridge). */
export function networkArgs(): string[] {
  return testbed().network === 'host' ? ['--network', 'host'] : [];
}

/**
 * The test bed's package index as build args (none online: PyPI), for the app layers built here: the
 * action's own rule (src/core/pip-index.ts), which makes a plain-HTTP index a trusted host.
 */
export function indexBuildArgs(): string[] {
  // The classic builder's form: the build args these plain `docker build` calls can take.
  const index = pipIndex(testbed().pipIndexUrl, 'classic');
  return index.kind === 'build-args' ? Object.entries(index.args).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]) : [];
}

export interface BaseBuild {
  pythonVersion: string;
  variant: string;
  /** Defaults to the version's defaultWorker in versions.json. */
  worker?: string;
  /** Overrides the PYTHON_VERSION build arg (to test the interpreter check). */
  pythonVersionArg?: string;
}

/** The base image reference the action would compute: test bed prefix + python:X + variant suffix. */
export function baseImageRef(pythonVersion: string, variant: string): string {
  if (!isVariant(variant)) throw new Error(`unknown variant ${variant}`);
  return `${testbed().basePrefix}${officialBaseImage(pythonVersion, variant)}`;
}

/**
 * The repository namespace of the images these suites build. E2E_IMAGE_NAMESPACE gives a run its own, so
 * two runs on one engine (a developer's beside CI's, or two branches) never test each other's builds.
 */
export const E2E_IMAGES = process.env.E2E_IMAGE_NAMESPACE || 'flask-image-e2e';

export function imageTag(b: BaseBuild): string {
  const worker = b.worker ?? versions.versions[b.pythonVersion]?.defaultWorker ?? 'gthread';
  return `${E2E_IMAGES}/base:${b.pythonVersion}-${b.variant}-${worker}`;
}

/**
 * The action's base build of docker/, or of a modified copy of it in `context` (a folder named docker,
 * as in the action's own folder): the plan's command line (builder, network, package index, build
 * arguments) with the harness's tag. Resolves to the result.
 */
export async function buildBase(b: BaseBuild, tag = imageTag(b), context = DOCKER_DIR): Promise<Exec> {
  if (basename(context) !== 'docker')
    throw new Error(`buildBase: the build context must be a folder named docker (a copy of docker/), got ${context}`);
  const tb = testbed();
  const builder = chooseBuilder('auto', await new Docker().buildxBuilder());
  const settings = makeSettings({
    // pythonVersionArg: the PYTHON_VERSION build arg differs from the base image's Python, which is then named in full.
    pythonVersion: b.pythonVersionArg ?? b.pythonVersion,
    // Unchecked on purpose: tests hand the image workers and variants the action would refuse, to see the image refuse them.
    variant: b.variant as Settings['variant'],
    worker: (b.worker ?? versions.versions[b.pythonVersion]?.defaultWorker ?? 'gthread') as Settings['worker'],
    baseImage: baseImageRef(b.pythonVersion, b.variant),
    pipIndexUrl: tb.pipIndexUrl,
    network: tb.network,
  });
  const { base } = makePlan(settings, {
    date: '2026-01-01',
    created: '2026-01-01T00:00:00.000Z',
    sourceUrl: '',
    revision: '',
    jobId: 'image-e2e',
    builder,
    // The engine's own platform, as the action builds when no platforms are asked for.
    target: targets([], '')[0]!,
    hostPort: 0,
    hasRequirements: false,
    actionRoot: dirname(context),
    appContext: context,
    bundledDockerfile: readFileSync(join(context, 'Dockerfile'), 'utf8'),
    cache: { from: [], to: [] },
    baseLayout: '',
  });
  const args = base.args.map((arg, i) => (base.args[i - 1] === '--tag' ? tag : arg));
  return docker(args, 600_000, base);
}

const scratch = mkdtempSync(join(tmpdir(), 'image-e2e-'));
let appCount = 0;

/** Builds `FROM base` + the given files copied into /app (on top of the demo); returns the tag. */
export async function buildApp(base: string, name: string, files: Record<string, string>): Promise<string> {
  const dir = join(scratch, `app-${appCount++}`);
  const context = join(dir, 'context');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(context, path)), { recursive: true });
    writeFileSync(join(context, path), content);
  }
  mkdirSync(context, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${base}\nCOPY . /app/\n`);
  const tag = `${E2E_IMAGES}/app-${name}:latest`;
  await dockerOk(['build', ...networkArgs(), '--file', join(dir, 'Dockerfile'), '--tag', tag, context], 300_000);
  return tag;
}

export function removeScratch(): void {
  rmSync(scratch, { recursive: true, force: true });
}

export interface Container {
  id: string;
  port: number;
}

const started: string[] = [];

export interface RunOptions {
  env?: Record<string, string>;
  /** Extra `docker run` flags, e.g. ['--cpus', '1']. */
  flags?: string[];
  /** Command to run instead of the image's CMD. */
  command?: string[];
}

/**
 * Starts a container detached. PORT is a free port unless `env.PORT` is given; with a bridge network
 * the port is published on 127.0.0.1 (traffic stays on loopback either way).
 */
export async function run(image: string, opts: RunOptions = {}): Promise<Container> {
  const port = opts.env?.PORT !== undefined ? Number(opts.env.PORT) : await freePort();
  const env = { PORT: String(port), ...opts.env };
  const net =
    testbed().network === 'host'
      ? ['--network', 'host']
      : Number.isInteger(port) && port > 0 && port < 65536
        ? ['--publish', `127.0.0.1:${port}:${port}`]
        : [];
  const args = ['run', '--detach', ...net, ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`])];
  args.push(...(opts.flags ?? []), image, ...(opts.command ?? []));
  const id = (await dockerOk(args)).trim();
  started.push(id);
  return { id, port };
}

/** `docker rm -f` every container this file started. */
export async function removeContainers(): Promise<void> {
  const ids = started.splice(0);
  if (ids.length > 0) await docker(['rm', '--force', '--volumes', ...ids]);
}

export interface Logs {
  stdout: string;
  stderr: string;
  all: string;
}

export async function logs(c: Container): Promise<Logs> {
  const r = await docker(['logs', c.id]);
  return { stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

export async function isRunning(c: Container): Promise<boolean> {
  const r = await docker(['inspect', '--format', '{{.State.Running}}', c.id]);
  return r.stdout.trim() === 'true';
}

/** Waits for the container to stop and returns its exit code. */
export async function exitCode(c: Container, timeoutMs = 30_000): Promise<number> {
  const r = await docker(['wait', c.id], timeoutMs);
  if (r.code !== 0) throw new Error(`docker wait ${c.id}: ${r.stderr}`);
  return Number(r.stdout.trim());
}

export interface Reply {
  status: number;
  body: string;
}

/** GET http://HOST:PORT/PATH; rejects on connection errors and timeouts. */
export async function get(c: Container | number, path = '/', host = '127.0.0.1', timeoutMs = 10_000): Promise<Reply> {
  const port = typeof c === 'number' ? c : c.port;
  const res = await fetch(`http://${host}:${port}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.text() };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the server answers HTTP on HOST:PORT (any status); throws with the logs if it stops. */
export async function ready(c: Container, host = '127.0.0.1', port = c.port, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await get(port, '/', host, 2_000);
      return;
    } catch {
      if (!(await isRunning(c))) {
        const l = await logs(c);
        throw new Error(`container stopped before answering on ${host}:${port}:\n${l.all}`);
      }
      await sleep(150);
    }
  }
  throw new Error(`no HTTP answer on ${host}:${port} within ${timeoutMs} ms:\n${(await logs(c)).all}`);
}

/** Gunicorn's worker processes: children of the container's PID 1 as `docker top` lists them. */
export async function workerCount(c: Container): Promise<number> {
  const out = await dockerOk(['top', c.id, '-eo', 'pid,ppid,args']);
  const rows = out
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, ...args]) => ({ pid, ppid, args: args.join(' ') }));
  const pids = new Set(rows.map((r) => r.pid));
  const master = rows.find((r) => !pids.has(r.ppid));
  if (!master || !/gunicorn/.test(master.args)) throw new Error(`no gunicorn master in docker top:\n${out}`);
  return rows.filter((r) => r.ppid === master.pid).length;
}

/** The worker count once it stops changing (Gunicorn boots workers one after another). */
export async function settledWorkerCount(c: Container, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const n = await workerCount(c);
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (n > 0 && Date.now() - stableSince >= 1_000) {
      return n;
    }
    await sleep(200);
  }
  return last;
}

/** The `autotune: ...` start-up line from the logs (throws when absent). */
export function autotuneLine(l: Logs): string {
  const line = l.all.split('\n').find((x) => x.startsWith('autotune: cores='));
  if (!line) throw new Error(`no autotune line in the logs:\n${l.all}`);
  return line;
}

/** Waits until `pattern` shows in the logs. */
export async function waitForLog(c: Container, pattern: RegExp, timeoutMs = 15_000): Promise<Logs> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const l = await logs(c);
    if (pattern.test(l.all)) return l;
    if (Date.now() > deadline) throw new Error(`${pattern} not in the logs within ${timeoutMs} ms:\n${l.all}`);
    await sleep(200);
  }
}
