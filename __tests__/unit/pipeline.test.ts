/**
 * The pipeline's reporting on the paths issue 16 found wrong: what the outputs, the summary and the
 * exit say when a push succeeded but a later step failed, when a push stopped part-way, and when an
 * input was bad; and which local tags are left. Docker is scripted; the app it "runs" is a real HTTP
 * server on loopback (network host with PORT in probe-env points the probe at it).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Docker, type ExecResult, type Runner } from '../../src/docker.js';
import { runPipeline, type PipelineDeps } from '../../src/pipeline.js';
import type { Reporter, SummaryRow } from '../../src/reporter.js';
import { InputError } from '../../src/settings.js';
import { memoryState } from '../../src/state.js';

const ACTION_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
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
    warnings: [] as string[],
    outputs: {} as Record<string, string>,
    summaries: [] as { title: string; rows: SummaryRow[] }[],
  };
  const reporter: Reporter = {
    group: (_title, task) => task(),
    info: () => undefined,
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
  const runner: Runner = async (args) => {
    calls.push(args);
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
  return { docker: new Docker(runner), calls };
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

const env = { workspace: ACTION_ROOT, actionRoot: ACTION_ROOT, forkPullRequest: false, foreignCodeWithSecrets: false };

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
  // Issue 16 item 5: the image size (or digest) failing after the push must not say "not pushed".
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
      'Could not read the image size (Could not inspect image sha256:' + 'ab'.repeat(32) + ': Error response from daemon: connection reset); the image-size output is empty.',
    ]);
    expect(record.summaries).toHaveLength(1);
    expect(record.summaries[0]!.title).toBe('Flask image');
    expect(row(record.summaries[0]!.rows, 'Pushed')).toBe('yes, 2 tags');
    expect(row(record.summaries[0]!.rows, 'Size')).toBe('-');
    // The pushed refs stay; only the per-job tags go.
    expect(untagged(calls).filter((ref) => ref.startsWith(REPO))).toEqual([]);
  });

  // Issue 16 item 6: per-job local tags must not pile up on a self-hosted runner's engine.
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
    const { docker } = fakeDocker((args) => (args[0] === 'push' && args[1] === refs[1] ? fail('denied: requested access to the resource is denied') : undefined));
    await expect(runPipeline(inputs(pushInputs), env, deps(docker, reporter))).rejects.toThrow(`docker push ${refs[1]} failed: denied`);
    expect(record.outputs.tags).toBe(refs[0]);
    expect(record.outputs.digest).toBe(DIGEST);
    expect(record.summaries.map((s) => s.title)).toEqual(['Flask image: failed']);
    expect(row(record.summaries[0]!.rows, 'Pushed')).toBe(`partly: ${refs[0]} (digest ${DIGEST}); latest was not moved`);
  });
});

// Issue 16 item 7: a red job with an empty summary explains nothing.
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

describe('inputs the action adjusts', () => {
  it('pushes a capitalised image lower-cased, with a notice', async () => {
    const { reporter, record } = recordingReporter();
    const { docker, calls } = fakeDocker();
    await runPipeline(inputs({ ...pushInputs, image: '127.0.0.1:5000/Octo-Org/Web' }), env, deps(docker, reporter));
    expect(record.notices).toEqual(['image: "127.0.0.1:5000/Octo-Org/Web" was lower-cased to "127.0.0.1:5000/octo-org/web": registries accept only lowercase repository names.']);
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
