/**
 * The pipeline's reporting on the paths a review of real users' runs found wrong: what the outputs, the summary and the
 * exit say when a push succeeded but a later step failed, when a push stopped part-way, and when an
 * input was bad; and which local tags are left. Docker is scripted; the app it "runs" is a real HTTP
 * server on loopback (network host with PORT in probe-env points the probe at it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Docker, type ExecResult, type Runner } from '../../../src/adapters/docker.js';
import { runPipeline, type PipelineDeps } from '../../../src/pipeline/pipeline.js';
import type { Reporter, SummaryRow } from '../../../src/adapters/reporter.js';
import { InputError } from '../../../src/core/settings.js';
import { memoryState } from '../../../src/adapters/state.js';

const ACTION_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const IMAGE_ID = `sha256:${'ab'.repeat(32)}`;
const DIGEST = `sha256:${'12'.repeat(32)}`;
const REPO = '127.0.0.1:5000/web';

let server: http.Server;
let appPort: number;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200).end('Hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appPort = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function recordingReporter() {
  const record = {
    notices: [] as string[],
    infos: [] as string[],
    warnings: [] as string[],
    outputs: {} as Record<string, string>,
    summaries: [] as { title: string; rows: SummaryRow[] }[],
  };
  const reporter: Reporter = {
    group: (_title, task) => task(),
    info: (message) => record.infos.push(message),
    notice: (message) => record.notices.push(message),
    warning: (message) => record.warnings.push(message),
    details: () => undefined,
    setOutput: (name, value) => {
      record.outputs[name] = value;
    },
    setSecret: () => undefined,
    summary: async (title, rows) => {
      record.summaries.push({ title, rows });
    },
  };
  return { reporter, record };
}

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string): ExecResult => ({ exitCode: 1, stdout: '', stderr: `${stderr}\n` });

/** A Docker whose answers are the defaults below unless `answer` returns one for the command. */
function fakeDocker(answer: (args: string[]) => ExecResult | undefined = () => undefined) {
  const calls: string[][] = [];
  /** The environment each call was given, in the same order as calls. */
  const envs: Record<string, string>[] = [];
  const runner: Runner = async (args, options = {}) => {
    calls.push(args);
    envs.push(options.env ?? {});
    const scripted = answer(args);
    if (scripted) return scripted;
    const command = args.slice(0, 2).join(' ');
    if (command === 'version --format') return ok('24.0.0\n');
    if (command === 'buildx version') return fail('docker: buildx is not a docker command');
    if (args[0] === 'image' && args[1] === 'inspect' && args[3] === '{{.Id}}') return ok(`${IMAGE_ID}\n`);
    if (args[0] === 'image' && args[1] === 'inspect' && args[3] === '{{.Size}}') return ok('123456789\n');
    if (args[0] === 'run') return ok('c0ffee\n');
    if (args[0] === 'push') return ok(`${args[1]!.split(':').at(-1)}: digest: ${DIGEST} size: 1570\n`);
    return ok();
  };
  return { docker: new Docker(runner), calls, envs };
}

function deps(docker: Docker, reporter: Reporter, source: Partial<PipelineDeps['source']> = {}): PipelineDeps {
  return {
    docker,
    reporter,
    state: memoryState(),
    resolveDate: async () => ({ date: '2026-11-21', source: 'input' }),
    source: { url: '', revision: '', runId: '', runAttempt: '', runNumber: '', ...source },
  };
}

// RUNNER_TEMP is /tmp, where the local cache folders below lie.
const env = { workspace: ACTION_ROOT, actionRoot: ACTION_ROOT, forkPullRequest: false, foreignCodeWithSecrets: false, runnerTemp: '/tmp' };

function inputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'python-version': '3.12',
    network: 'host',
    'probe-env': `PORT=${appPort}`,
    'probe-timeout': '5',
    latest: 'false',
    ...overrides,
  };
}

const pushInputs = { image: REPO, push: 'true', username: 'ci', password: 'pa55word' };
const refs = [`${REPO}:python3.12-2026-11-21`, `${REPO}:python3.12`];
const row = (rows: SummaryRow[], label: string) => rows.find((r) => r.label === label)?.value;
const untagged = (calls: string[][]) => calls.filter((args) => args[0] === 'image' && args[1] === 'rm').map((args) => args.at(-1)!);

describe('a push that succeeded', () => {
  // The image size (or digest) failing after the push must not say "not pushed".
  it('stays a success when the image size cannot be read afterwards: outputs, summary and tags say pushed', async () => {
    const { reporter, record } = recordingReporter();
    const { docker, calls } = fakeDocker((args) =>
      args[0] === 'image' && args[1] === 'inspect' && args[3] === '{{.Size}}' ? fail('Error response from daemon: connection reset') : undefined,
    );
    const result = await runPipeline(inputs(pushInputs), env, deps(docker, reporter));
    expect(result.push).toEqual({ digest: DIGEST, pushed: refs });
    expect(record.outputs.tags).toBe(refs.join('\n'));
    expect(record.outputs.digest).toBe(DIGEST);
    expect(record.outputs['image-size']).toBe('');
    expect(record.warnings).toEqual([
      'Could not read the image size (Could not inspect image sha256:' +
        'ab'.repeat(32) +
        ': Error response from daemon: connection reset); the image-size output is empty.',
    ]);
    expect(record.summaries).toHaveLength(1);
    expect(record.summaries[0]!.title).toBe('Flask image');
    expect(row(record.summaries[0]!.rows, 'Pushed')).toBe('yes, 2 tags');
    expect(row(record.summaries[0]!.rows, 'Size')).toBe('-');
    // The pushed refs stay; only the per-job tags go.
    expect(untagged(calls).filter((ref) => ref.startsWith(REPO))).toEqual([]);
  });

  // Per-job local tags must not pile up on a self-hosted runner's engine.
  it('removes both per-job local tags at the end, keeping the refs that name the image', async () => {
    const { reporter } = recordingReporter();
    const { docker, calls } = fakeDocker();
    const result = await runPipeline(inputs(pushInputs), env, deps(docker, reporter));
    expect(untagged(calls).sort()).toEqual([result.plan.app.tag, result.plan.base.tag].sort());
    expect(result.plan.app.tag).toMatch(/^flask-gunicorn-action\/app:/);
  });

  it('keeps the app tag when there is no image, since the tags output names it', async () => {
    const { reporter, record } = recordingReporter();
    const { docker, calls } = fakeDocker();
    const result = await runPipeline(inputs(), env, deps(docker, reporter));
    expect(record.outputs.tags).toBe(result.plan.app.tag);
    expect(untagged(calls)).toEqual([result.plan.base.tag]);
  });
});

describe('a push that stopped part-way', () => {
  it('fails, and the outputs and summary name the tags the registry already holds', async () => {
    const { reporter, record } = recordingReporter();
    const { docker } = fakeDocker((args) =>
      args[0] === 'push' && args[1] === refs[1] ? fail('denied: requested access to the resource is denied') : undefined,
    );
    await expect(runPipeline(inputs(pushInputs), env, deps(docker, reporter))).rejects.toThrow(`docker push ${refs[1]} failed: denied`);
    expect(record.outputs.tags).toBe(refs[0]);
    expect(record.outputs.digest).toBe(DIGEST);
    expect(record.summaries.map((s) => s.title)).toEqual(['Flask image: failed']);
    expect(row(record.summaries[0]!.rows, 'Pushed')).toBe(`partly: ${refs[0]} (digest ${DIGEST}); latest was not moved`);
  });
});

// A red job with an empty summary explains nothing.
describe('a bad input', () => {
  it('leaves a job summary naming every problem, and touches no Docker', async () => {
    const { reporter, record } = recordingReporter();
    const { docker, calls } = fakeDocker();
    const failed = runPipeline({ 'python-version': '2.7', 'probe-timeout': 'soon' }, env, deps(docker, reporter));
    await expect(failed).rejects.toBeInstanceOf(InputError);
    expect(calls).toEqual([]);
    expect(record.summaries).toHaveLength(1);
    expect(record.summaries[0]!.title).toBe('Flask image: failed');
    expect(record.summaries[0]!.rows).toEqual([
      { label: 'Failed at', value: 'inputs' },
      { label: 'Problem', value: expect.stringMatching(/^python-version: "2\.7" is not supported/) },
      { label: 'Problem', value: 'probe-timeout: "soon" is not a whole number from 1 to 3600.' },
      { label: 'Pushed', value: 'nothing' },
    ]);
  });

  it('refuses immutable-tag outside a workflow run, with the reason and the fix, in the summary too', async () => {
    const { reporter, record } = recordingReporter();
    const { docker, calls } = fakeDocker();
    await expect(runPipeline(inputs({ 'immutable-tag': 'true' }), env, deps(docker, reporter))).rejects.toThrow(
      'immutable-tag: true needs the workflow run number, which only a GitHub workflow has; outside one, leave immutable-tag false and give your own unique tag in tags.',
    );
    expect(calls).toEqual([]);
    expect(row(record.summaries[0]!.rows, 'Problem')).toMatch(/^immutable-tag: true needs the workflow run number/);
  });
});

describe('the app folder', () => {
  it('is read once, when the inputs are: its requirements.txt reaches the app layer; the bundled demo app has none', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'pipeline-app-'));
    try {
      mkdirSync(path.join(workspace, 'web'));
      writeFileSync(path.join(workspace, 'web', 'main.py'), 'app = None\n');
      writeFileSync(path.join(workspace, 'web', 'requirements.txt'), 'flask\n');
      const { docker } = fakeDocker();
      const given = await runPipeline(inputs({ app: 'web' }), { ...env, workspace }, deps(docker, recordingReporter().reporter));
      expect(given.plan.app.dockerfile).toContain('COPY requirements.txt /tmp/app-requirements.txt');
      const demo = await runPipeline(inputs(), env, deps(fakeDocker().docker, recordingReporter().reporter));
      expect(demo.plan.app.dockerfile).toContain('COPY . /app');
      expect(demo.plan.app.dockerfile).not.toContain('requirements.txt');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('inputs the action adjusts', () => {
  it('pushes a capitalised image lower-cased, with a notice', async () => {
    const { reporter, record } = recordingReporter();
    const { docker, calls } = fakeDocker();
    await runPipeline(inputs({ ...pushInputs, image: '127.0.0.1:5000/Octo-Org/Web' }), env, deps(docker, reporter));
    expect(record.notices).toEqual([
      'image: "127.0.0.1:5000/Octo-Org/Web" was lower-cased to "127.0.0.1:5000/octo-org/web": registries accept only lowercase repository names.',
    ]);
    expect(calls.filter((args) => args[0] === 'push').map((args) => args[1])).toEqual([
      '127.0.0.1:5000/octo-org/web:python3.12-2026-11-21',
      '127.0.0.1:5000/octo-org/web:python3.12',
    ]);
  });

  it('leads with the immutable tag of the run number and attempt in a workflow', async () => {
    const { reporter, record } = recordingReporter();
    const { docker } = fakeDocker();
    await runPipeline(inputs({ ...pushInputs, 'immutable-tag': 'true' }), env, deps(docker, reporter, { runNumber: '42', runAttempt: '3' }));
    expect(record.outputs.tags!.split('\n')).toEqual([`${REPO}:python3.12-2026-11-21-run42.3`, ...refs]);
  });
});

/** A buildx-equipped Docker: the engine's own builder on the classic store unless `answer` says otherwise. */
function buildxDocker(answer: (args: string[]) => ExecResult | undefined = () => undefined) {
  // fakeDocker's defaults, with buildx answering.
  const fake = fakeDocker((args) => {
    const scripted = answer(args);
    if (scripted) return scripted;
    if (args[0] === 'buildx' && args[1] === 'version') return ok('github.com/docker/buildx 0.29.1\n');
    if (args[0] === 'context' && args[1] === 'show') return ok('default\n');
    if (args[0] === 'buildx' && args[1] === 'inspect') return ok('Name:          default\nDriver:        docker\n');
    if (args[0] === 'info') return ok('[["Backing Filesystem","extfs"]]\n');
    return undefined;
  });
  // Read after the run: each call with the environment it was given.
  return {
    docker: fake.docker,
    get calls(): Call[] {
      return fake.calls.map((args, i) => ({ args, env: fake.envs[i]! }));
    },
  };
}
type Call = { args: string[]; env: Record<string, string> };
const builds = (calls: Call[]): Call[] => calls.filter((c) => c.args[0] === 'buildx' && c.args[1] === 'build');

describe('login, cache builder and retried pulls', () => {
  it('logs in before building, and both builds use that login, buildx keeping its builders where they were', async () => {
    const { reporter } = recordingReporter();
    const fake = buildxDocker();
    await runPipeline(inputs(pushInputs), env, deps(fake.docker, reporter));
    const calls = fake.calls;
    const login = calls.findIndex((c) => c.args[0] === 'login');
    expect(login).toBeGreaterThanOrEqual(0);
    expect(login).toBeLessThan(calls.indexOf(builds(calls)[0]!));
    const configDir = calls[login]!.env.DOCKER_CONFIG!;
    for (const build of builds(calls)) {
      expect(build.env.DOCKER_CONFIG).toBe(configDir);
      expect(build.env.BUILDX_CONFIG).toMatch(/\/buildx$/);
      expect(build.env.BUILDX_CONFIG!.startsWith(configDir)).toBe(false);
    }
    expect(calls.filter((c) => c.args[0] === 'login')).toHaveLength(1);
  });

  it("makes a builder that exports cache where the engine's own cannot, hands the base image over as an OCI layout, and removes the builder", async () => {
    const { reporter } = recordingReporter();
    const fake = buildxDocker();
    const state = memoryState();
    const result = await runPipeline(inputs({ 'cache-to': 'type=local,dest=/tmp/c', 'cache-from': 'type=local,src=/tmp/c' }), env, {
      ...deps(fake.docker, reporter),
      state,
    });
    const calls = fake.calls;
    const name = result.plan.builder.kind === 'buildx' ? result.plan.builder.name : '';
    expect(name).toMatch(/^flask-gunicorn-action-cache-local-1-[0-9a-f]{8}$/);
    expect(state.load().builder).toBe(name);
    const create = calls.findIndex((c) => c.args[0] === 'buildx' && c.args[1] === 'create');
    expect(calls[create]!.args.slice(0, 6)).toEqual(['buildx', 'create', '--name', name, '--driver', 'docker-container']);
    const [base, app] = builds(calls);
    expect(calls.indexOf(base!)).toBeGreaterThan(create);
    const output = base!.args[base!.args.indexOf('--output') + 1]!;
    expect(output).toMatch(new RegExp(`^type=oci,dest=(.+/flask-gunicorn-action-base-\\w+),tar=false,name=${result.plan.base.tag}$`));
    // The layout folder served the one run and is gone.
    expect(existsSync(/dest=([^,]+)/.exec(output)![1]!)).toBe(false);
    expect(base!.args).toContain('type=local,dest=/tmp/c/base');
    expect(app!.args).toContain('--load');
    expect(app!.args).toContain('type=local,dest=/tmp/c/app');
    expect(calls.at(-1)!.args).toEqual(['buildx', 'rm', name]);
  });

  it('gives code from another repository no login, no cache builder or export, and no index in the app layer, and says so; the password is masked first', async () => {
    const { reporter, record } = recordingReporter();
    const masked: string[] = [];
    reporter.setSecret = (value) => void masked.push(value);
    const fake = buildxDocker();
    const foreign = { ...env, foreignCodeWithSecrets: true, foreignCodeWhy: 'workflow_run for a pull request from another repository' };
    const index = 'http://ci:idx-pass@127.0.0.1:8080/simple/';
    const result = await runPipeline(
      inputs({ ...pushInputs, 'pip-index-url': index, 'cache-to': 'type=local,dest=/tmp/c', 'cache-from': 'type=local,src=/tmp/c' }),
      foreign,
      deps(fake.docker, reporter),
    );
    const calls = fake.calls;
    expect(calls.some((c) => c.args[0] === 'login' || c.args[0] === 'push' || (c.args[0] === 'buildx' && c.args[1] === 'create'))).toBe(false);
    const [base, app] = builds(calls);
    expect(base!.env.FLASK_GUNICORN_ACTION_PIP_CONFIG).toContain(index);
    expect(app!.env.FLASK_GUNICORN_ACTION_PIP_CONFIG).toBeUndefined();
    expect(app!.args.join(' ')).not.toMatch(/--secret|--cache-to|idx-pass/);
    expect(app!.args).toContain('--cache-from');
    expect(result.push).toBeUndefined();
    expect(record.notices.join('\n')).toMatch(/\(workflow_run for a pull request from another repository\).*Withheld: the registry login/);
    expect(masked.slice(0, 2)).toEqual([pushInputs.password, index]);
  });

  it("keeps the engine's own builder when it exports cache (containerd image store)", async () => {
    const { reporter } = recordingReporter();
    const fake = buildxDocker((args) => (args[0] === 'info' ? ok('[["driver-type","io.containerd.snapshotter.v1"]]\n') : undefined));
    const result = await runPipeline(inputs({ 'cache-to': 'type=local,dest=/tmp/c' }), env, deps(fake.docker, reporter));
    const calls = fake.calls;
    expect(result.plan.builder).toEqual({ kind: 'buildx', name: 'default' });
    expect(calls.some((c) => c.args[0] === 'buildx' && (c.args[1] === 'create' || c.args[1] === 'rm'))).toBe(false);
  });

  it('on a hosted runner with no cache input and the classic image store: the default GitHub cache, on a builder the action makes', async () => {
    const { reporter } = recordingReporter();
    const fake = buildxDocker();
    const result = await runPipeline(inputs(), { ...env, githubCache: true }, deps(fake.docker, reporter));
    const calls = fake.calls;
    const name = result.plan.builder.kind === 'buildx' ? result.plan.builder.name : '';
    expect(name).toMatch(/^flask-gunicorn-action-cache-local-1-[0-9a-f]{8}$/);
    const create = calls.find((c) => c.args[0] === 'buildx' && c.args[1] === 'create');
    expect(create?.args.slice(0, 6)).toEqual(['buildx', 'create', '--name', name, '--driver', 'docker-container']);
    const [base, app] = builds(calls);
    expect(base!.args[base!.args.indexOf('--cache-to') + 1]).toMatch(/^type=gha,scope=flask-gunicorn-action-3\.12-debian-\w+-base,mode=max$/);
    expect(app!.args[app!.args.indexOf('--cache-from') + 1]).toMatch(/^type=gha,scope=flask-gunicorn-action-3\.12-debian-\w+-app$/);
    expect(calls.at(-1)!.args).toEqual(['buildx', 'rm', name]);
  });

  it('makes its builder on the host network only when network: host was asked for', async () => {
    const created = async (network: string): Promise<string[]> => {
      // On bridge, the smoke test asks where Docker published the port: the test's own server.
      const fake = buildxDocker((args) => (args[0] === 'port' ? ok(`127.0.0.1:${appPort}\n`) : undefined));
      await runPipeline(inputs({ network, 'cache-to': 'type=local,dest=/tmp/c' }), env, deps(fake.docker, recordingReporter().reporter));
      return fake.calls.find((c) => c.args[0] === 'buildx' && c.args[1] === 'create')!.args;
    };
    expect(await created('host')).toContain('network=host');
    const bridge = await created('bridge');
    expect(bridge).not.toContain('network=host');
    expect(bridge).not.toContain('--allow-insecure-entitlement=network.host');
  });

  it('on a hosted runner whose engine exports cache (containerd image store), the default GitHub cache is used', async () => {
    const { reporter } = recordingReporter();
    const fake = buildxDocker((args) => (args[0] === 'info' ? ok('[["driver-type","io.containerd.snapshotter.v1"]]\n') : undefined));
    await runPipeline(inputs(), { ...env, githubCache: true }, deps(fake.docker, reporter));
    const [base] = builds(fake.calls);
    expect(base!.args[base!.args.indexOf('--cache-to') + 1]).toMatch(/^type=gha,scope=flask-gunicorn-action-3\.12-debian-\w+-base,mode=max$/);
  });

  it('builds again when the base image could not be fetched for a passing reason, not when a step failed', async () => {
    const { reporter, record } = recordingReporter();
    let fetchFailures = 1;
    const fake = buildxDocker((args) =>
      args[0] === 'buildx' && args[1] === 'build' && args.includes('--file') && args[args.indexOf('--file') + 1] !== '-' && fetchFailures-- > 0
        ? fail(
            'ERROR: failed to build: failed to solve: python:3.12: failed to resolve source metadata for docker.io/library/python:3.12: unexpected status from HEAD request: 503 Service Unavailable',
          )
        : undefined,
    );
    await runPipeline(inputs(), env, deps(fake.docker, reporter));
    const calls = fake.calls;
    expect(builds(calls)).toHaveLength(3);
    expect(record.warnings[0]).toMatch(
      /^Building the base image: attempt 1 failed \(Building the base image failed \(docker exited with 1\)\..*\); retrying in 1 s$/,
    );

    const failing = buildxDocker((args) =>
      args[0] === 'buildx' && args[1] === 'build'
        ? fail('ERROR: failed to build: failed to solve: process "/bin/sh -c pip install" did not complete successfully: exit code: 1')
        : undefined,
    );
    await expect(runPipeline(inputs(), env, deps(failing.docker, recordingReporter().reporter))).rejects.toThrow(/Building the base image failed/);
    expect(builds(failing.calls)).toHaveLength(1);
  });
});

describe("the workflow's own builder", () => {
  /** buildx whose `buildx inspect NAME` (or, without NAME, the current builder) answers with `builders`. */
  function withBuilders(builders: Record<string, string>, current = 'default') {
    return buildxDocker((args) => {
      if (args[0] !== 'buildx' || args[1] !== 'inspect') return undefined;
      const name = args[2] ?? current;
      const driver = name === 'default' ? 'docker' : builders[name];
      if (driver === undefined) return fail(`ERROR: no builder "${name}" found`);
      return ok(`Name:          ${name}\nDriver:        ${driver}\n\nNodes:\nName:          ${name}0\nPlatforms:     linux/amd64\n`);
    });
  }
  const isBuilderChange = (c: Call): boolean => c.args[0] === 'buildx' && (c.args[1] === 'create' || c.args[1] === 'rm');

  it('builds on a named docker-container builder, hands the base over as a folder, loads the app image, and leaves the builder alone', async () => {
    const { reporter, record } = recordingReporter();
    const fake = withBuilders({ 'builder-1234': 'docker-container' });
    const result = await runPipeline(inputs({ builder: 'builder-1234', 'cache-to': 'type=local,dest=/tmp/c' }), env, deps(fake.docker, reporter));
    expect(result.plan.builder).toEqual({ kind: 'buildx', name: 'builder-1234', driver: 'docker-container' });
    const [base, app] = builds(fake.calls);
    expect(base!.args.slice(0, 5)).toEqual(['buildx', 'build', '--builder', 'builder-1234', '--output']);
    expect(app!.args.slice(0, 5)).toEqual(['buildx', 'build', '--builder', 'builder-1234', '--load']);
    expect(app!.args).toContain('--build-context');
    // network: host on a builder in a container is an entitlement the build asks for.
    expect(app!.args.join(' ')).toContain('--network host --allow network.host');
    expect(base!.args).toContain('type=local,dest=/tmp/c/base');
    expect(fake.calls.some(isBuilderChange)).toBe(false);
    expect(record.infos.join('\n')).toContain("Builder: buildx (builder builder-1234, docker-container, the workflow's).");
  });

  it('starts a named builder that has not run yet before it checks the platforms, instead of blaming QEMU', async () => {
    // Like buildx: an inactive docker-container builder lists no platforms until --bootstrap starts it.
    const fake = buildxDocker((args) => {
      if (args[0] !== 'buildx' || args[1] !== 'inspect') return undefined;
      const started = args.includes('--bootstrap');
      const platforms = started ? 'linux/amd64, linux/arm64' : '';
      return ok(`Name:          fresh\nDriver:        docker-container\n\nNodes:\nName:          fresh0\nPlatforms:     ${platforms}\n`);
    });
    const result = await runPipeline(
      inputs({ builder: 'fresh', platforms: 'linux/amd64,linux/arm64' }),
      env,
      deps(fake.docker, recordingReporter().reporter),
    );
    expect(result.plan.builder).toEqual({ kind: 'buildx', name: 'fresh', driver: 'docker-container' });
    const inspects = fake.calls.filter((c) => c.args[0] === 'buildx' && c.args[1] === 'inspect').map((c) => c.args);
    expect(inspects).toEqual([
      ['buildx', 'inspect', 'fresh'],
      ['buildx', 'inspect', '--bootstrap', 'fresh'],
    ]);
  });

  it('builder: current takes the builder in use, remote ones too', async () => {
    const fake = withBuilders({ shared: 'remote' }, 'shared');
    const result = await runPipeline(inputs({ builder: 'current' }), env, deps(fake.docker, recordingReporter().reporter));
    expect(result.plan.builder).toEqual({ kind: 'buildx', name: 'shared', driver: 'remote' });
    expect(fake.calls.find((c) => c.args[0] === 'buildx' && c.args[1] === 'inspect')!.args).toEqual(['buildx', 'inspect']);
    expect(builds(fake.calls).every((b) => b.args[3] === 'shared')).toBe(true);
  });

  it("builder: current on the engine's own builder builds exactly as auto does", async () => {
    const fake = withBuilders({});
    const result = await runPipeline(inputs({ builder: 'current' }), env, deps(fake.docker, recordingReporter().reporter));
    expect(result.plan.builder).toEqual({ kind: 'buildx', name: 'default' });
    expect(builds(fake.calls)[0]!.args).toContain('--load');
  });

  it('fails before any build when the named builder does not exist, saying where names come from', async () => {
    const fake = withBuilders({});
    await expect(runPipeline(inputs({ builder: 'builder-gone' }), env, deps(fake.docker, recordingReporter().reporter))).rejects.toThrow(
      /^builder: "builder-gone" is not a builder this docker CLI knows \(`docker buildx ls` lists them\); give the name a step before made \(docker\/setup-buildx-action's name output\)/,
    );
    expect(builds(fake.calls)).toEqual([]);
  });

  it('a named docker-driver builder on the classic store: a cache given fails before any work; the default cache is left out, saying why', async () => {
    const fake = withBuilders({ other: 'docker' });
    await expect(
      runPipeline(inputs({ builder: 'other', 'cache-to': 'type=local,dest=/tmp/c' }), env, deps(fake.docker, recordingReporter().reporter)),
    ).rejects.toThrow(/^cache-to: builder other \(docker driver\) is on an engine with the classic image store, which cannot export cache\./);
    expect(builds(fake.calls)).toEqual([]);

    const { reporter, record } = recordingReporter();
    const quiet = withBuilders({ other: 'docker' });
    await runPipeline(inputs({ builder: 'other' }), { ...env, githubCache: true }, deps(quiet.docker, reporter));
    for (const build of builds(quiet.calls)) expect(build.args.filter((a) => a === '--cache-to' || a === '--cache-from')).toEqual([]);
    expect(quiet.calls.some(isBuilderChange)).toBe(false);
    expect(record.infos.join('\n')).toMatch(/Cache: builder other \(docker driver\) is on an engine with the classic image store/);
  });
});

describe('several platforms', () => {
  const INDEX = `sha256:${'9f'.repeat(32)}`;
  const ARM_ID = `sha256:${'a6'.repeat(32)}`;
  const platformInputs = { ...pushInputs, platforms: 'linux/arm64,linux/amd64' };

  /** buildx on an amd64 engine whose builder lists arm64 (QEMU registered), unless `answer` says otherwise. */
  function platformDocker(answer: (args: string[]) => ExecResult | undefined = () => undefined) {
    return buildxDocker((args) => {
      const scripted = answer(args);
      if (scripted) return scripted;
      if (args[0] === 'version' && args[2]?.includes('.Server.Arch')) return ok('linux/amd64\n');
      if (args[0] === 'buildx' && args[1] === 'inspect')
        return ok('Name: default\nDriver: docker\nPlatforms: linux/amd64, linux/amd64/v2, linux/386, linux/arm64\n');
      if (args[0] === 'image' && args[1] === 'inspect' && args[3] === '{{.Id}}' && args[4]!.endsWith('-arm64')) return ok(`${ARM_ID}\n`);
      if (args[0] === 'buildx' && args[1] === 'imagetools' && args[2] === 'inspect') return ok(`"${INDEX}"\n`);
      return undefined;
    });
  }
  const platformOf = (args: string[]): string => args[args.indexOf('--platform') + 1] ?? '';

  it("builds and tests the engine's platform, then the emulated one; then pushes each, then the index under every tag", async () => {
    const { reporter, record } = recordingReporter();
    const fake = platformDocker();
    await runPipeline(inputs(platformInputs), env, deps(fake.docker, reporter));
    const steps = fake.calls
      .map((c) => c.args)
      .filter((args) => ['build', 'imagetools', 'run', 'push'].includes(args[0] === 'buildx' ? args[1]! : args[0]!))
      .map((args) =>
        args[0] === 'run'
          ? `run ${platformOf(args)}`
          : args[0] === 'push'
            ? `push ${args[1]}`
            : args[1] === 'build'
              ? `build ${platformOf(args)}`
              : `imagetools ${args[2]} ${args.find((arg) => arg.startsWith(`${REPO}:`))}`,
      );
    const dated = `${REPO}:python3.12-2026-11-21`;
    expect(steps).toEqual([
      'build linux/amd64',
      'build linux/amd64',
      'run linux/amd64',
      'build linux/arm64',
      'build linux/arm64',
      'run linux/arm64',
      `push ${dated}-amd64`,
      `push ${dated}-arm64`,
      `imagetools create ${dated}`,
      `imagetools inspect ${dated}`,
      `imagetools create ${REPO}:python3.12`,
      `imagetools inspect ${REPO}:python3.12`,
    ]);
    // The index is made from the two tested images, by digest, with the run's login.
    const create = fake.calls.find((c) => c.args[1] === 'imagetools' && c.args[2] === 'create')!;
    expect(create.args.slice(5)).toEqual([`${REPO}@${DIGEST}`, `${REPO}@${DIGEST}`]);
    expect(create.env.DOCKER_CONFIG).toMatch(/flask-gunicorn-action-docker-config-/);
    expect(record.outputs.digest).toBe(INDEX);
    expect(record.outputs.tags!.split('\n')).toEqual([`${dated}-amd64`, `${dated}-arm64`, ...refs]);
    expect(record.outputs['image-id']).toBe(IMAGE_ID);
    expect(record.outputs['platform-image-ids']).toBe(`linux/amd64=${IMAGE_ID}\nlinux/arm64=${ARM_ID}`);
    const rows = record.summaries.at(-1)!.rows;
    expect(row(rows, 'Platform linux/arm64')).toMatch(
      new RegExp(`^${ARM_ID}, 123.5 MB, built in \\d+ s, http://127.0.0.1:\\d+/ → 200 in [\\d.]+ s, emulated \\(probe timeout 5 s\\)$`),
    );
    expect(row(rows, 'Platform linux/amd64')).not.toContain('emulated');
    expect(record.infos.some((line) => line.includes('for linux/amd64 and linux/arm64 (emulated; probe timeout 5 s)'))).toBe(true);
  });

  it('pushes nothing for any platform when one fails, and the error names that platform', async () => {
    const { reporter, record } = recordingReporter();
    const fake = platformDocker((args) =>
      args[1] === 'build' && platformOf(args) === 'linux/arm64'
        ? fail('ERROR: process "/bin/sh -c pip install" did not complete successfully: exit code: 1')
        : undefined,
    );
    await expect(runPipeline(inputs(platformInputs), env, deps(fake.docker, reporter))).rejects.toThrow(
      /^linux\/arm64: Building the base image failed/,
    );
    const calls = fake.calls.map((c) => c.args);
    expect(calls.some((args) => args[0] === 'push' || args[1] === 'imagetools')).toBe(false);
    expect(calls.some((args) => args[0] === 'tag')).toBe(false);
    const rows = record.summaries.at(-1)!.rows;
    expect(row(rows, 'Failed at')).toBe('build for linux/arm64');
    expect(row(rows, 'Pushed')).toBe('nothing');
    // The platform that passed is in the summary; every per-job tag of both is removed.
    expect(row(rows, 'Platform linux/amd64')).toContain(IMAGE_ID);
    expect(untagged(calls).filter((tag) => tag.startsWith('flask-gunicorn-action/'))).toHaveLength(4);
  });

  it('fails before any build when no emulator is registered for a platform, saying how to add one', async () => {
    const { reporter, record } = recordingReporter();
    const fake = platformDocker((args) =>
      args[0] === 'buildx' && args[1] === 'inspect' ? ok('Driver: docker\nPlatforms: linux/amd64, linux/386\n') : undefined,
    );
    await expect(runPipeline(inputs(platformInputs), env, deps(fake.docker, reporter))).rejects.toThrow(
      /platforms: builder default cannot build linux\/arm64 on this linux\/amd64 engine: no emulator is registered for it\. Add docker\/setup-qemu-action/,
    );
    expect(fake.calls.some((c) => c.args[1] === 'build' || c.args[0] === 'login')).toBe(false);
    expect(row(record.summaries.at(-1)!.rows, 'Failed at')).toBe('setup');
  });

  it('fails before any build on the classic builder', async () => {
    const { reporter } = recordingReporter();
    const { docker, calls } = fakeDocker();
    await expect(runPipeline(inputs(platformInputs), env, deps(docker, reporter))).rejects.toThrow(
      /platforms: linux\/arm64, linux\/amd64 needs buildx/,
    );
    expect(calls.some((args) => args[0] === 'build')).toBe(false);
  });

  it('one platform: built with --platform, pushed as a plain image under its tags', async () => {
    const { reporter, record } = recordingReporter();
    const fake = platformDocker();
    await runPipeline(inputs({ ...pushInputs, platforms: 'linux/arm64' }), env, deps(fake.docker, reporter));
    const calls = fake.calls.map((c) => c.args);
    expect(calls.filter((args) => args[1] === 'build').map(platformOf)).toEqual(['linux/arm64', 'linux/arm64']);
    expect(calls.some((args) => args[1] === 'imagetools')).toBe(false);
    expect(record.outputs.tags!.split('\n')).toEqual(refs);
    expect(record.outputs['platform-image-ids']).toBe('');
  });
});

describe('attestations and signing', () => {
  const attested = { ...pushInputs, attestations: 'provenance, sbom' };
  const builds = (calls: string[][]) => calls.filter((args) => args.includes('build'));
  const buildx = (args: string[]) => (args.slice(0, 2).join(' ') === 'buildx version' ? ok('github.com/docker/buildx 0.29.1\n') : undefined);
  const noTool: NonNullable<PipelineDeps['tools']> = async (tool) => {
    throw new Error(`${tool}: not found`);
  };

  it('fail before any build without skopeo, saying where to get it', async () => {
    const { docker, calls } = fakeDocker(buildx);
    const { reporter, record } = recordingReporter();
    await expect(runPipeline(inputs(attested), env, { ...deps(docker, reporter), tools: noTool })).rejects.toThrow(
      /needs skopeo, which is not on PATH/,
    );
    expect(builds(calls)).toEqual([]);
    expect(row(record.summaries.at(-1)!.rows, 'Pushed')).toBe('nothing');
  });

  it('fail before any build on the classic builder, and without cosign when signing is asked for', async () => {
    const classic = fakeDocker();
    const { reporter } = recordingReporter();
    await expect(runPipeline(inputs(attested), env, { ...deps(classic.docker, reporter), tools: noTool })).rejects.toThrow(
      /this run has the classic builder/,
    );
    expect(builds(classic.calls)).toEqual([]);
    const unsigned = fakeDocker(buildx);
    await expect(
      runPipeline(inputs({ ...pushInputs, sign: 'key', 'cosign-key': 'PEM' }), env, { ...deps(unsigned.docker, reporter), tools: noTool }),
    ).rejects.toThrow(/sign: key needs cosign, which is not on PATH/);
    expect(builds(unsigned.calls)).toEqual([]);
  });
});
