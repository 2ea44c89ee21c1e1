import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Docker, DockerError, type ExecResult, type Runner } from '../../../src/adapters/docker.js';
import { makePlan, type Plan } from '../../../src/core/plan.js';
import { parseSettings } from '../../../src/core/settings.js';
import { smokeTest, SmokeTestError } from '../../../src/pipeline/smoke-test.js';

const ACTION_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const IMAGE_ID = `sha256:${'ab'.repeat(32)}`;

// The app under test: a real HTTP server whose answer each test chooses.
let answer: { status: number; body: string };
let server: http.Server;
let port: number;
let workspace: string;

beforeAll(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-test-'));
  server = http.createServer((req, res) => {
    res.writeHead(req.url === '/health' ? answer.status : 404).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(workspace, { recursive: true, force: true });
});

beforeEach(() => {
  answer = { status: 200, body: 'Hello from Flask' };
});

function plan(inputs: Record<string, string> = {}, hostPort = port): Plan {
  const settings = parseSettings(
    { 'python-version': '3.12', network: 'host', 'probe-path': '/health', 'probe-timeout': '1', ...inputs },
    { workspace, actionRoot: ACTION_ROOT, forkPullRequest: false, foreignCodeWithSecrets: false },
  );
  return makePlan(settings, {
    date: '2026-11-21',
    created: '2026-11-21T00:00:00Z',
    sourceUrl: '',
    revision: '',
    jobId: 'job7',
    target: { platform: '', emulated: false, slug: '' },
    builder: { kind: 'classic', reason: 'no buildx plugin in this docker CLI' },
    hostPort,
    hasRequirements: false,
    actionRoot: ACTION_ROOT,
    appContext: ACTION_ROOT,
    bundledDockerfile: 'FROM python\n',
    cache: { from: [], to: [] },
    baseLayout: '',
  });
}

/** A Docker whose container "runs" while `running` says so; every command is recorded. */
function fakeDocker(
  options: { running?: () => boolean; exitCode?: number; logs?: string; run?: Partial<ExecResult>; port?: string | ExecResult; gone?: boolean } = {},
) {
  const calls: string[][] = [];
  const runner: Runner = async (args) => {
    calls.push(args);
    const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
    switch (args[0]) {
      case 'run':
        return { ...ok('c0ffee\n'), ...options.run };
      case 'port':
        return typeof options.port === 'object' ? options.port : ok(`${options.port ?? ''}\n`);
      case 'container': {
        if (options.gone) return { exitCode: 1, stdout: '', stderr: `Error: No such container: ${args.at(-1)}\n` };
        const running = options.running?.() ?? true;
        return ok(running ? 'running true 0\n' : `exited false ${options.exitCode ?? 1}\n`);
      }
      case 'logs':
        return { exitCode: 0, stdout: options.logs ?? '', stderr: '' };
      default:
        return ok();
    }
  };
  return { docker: new Docker(runner), calls };
}

async function smokeError(promise: Promise<unknown>): Promise<SmokeTestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmokeTestError);
    return error as SmokeTestError;
  }
  throw new Error('expected the smoke test to fail');
}

const removed = (calls: string[][]) => calls.filter((args) => args[0] === 'rm');

describe('smokeTest', () => {
  it('passes when the app answers as expected, and removes the container', async () => {
    const p = plan({ 'probe-body': 'Hello' });
    const { docker, calls } = fakeDocker();
    const result = await smokeTest(docker, p, IMAGE_ID);
    expect(result.status).toBe(200);
    expect(result.url).toBe(`http://127.0.0.1:${port}/health`);
    expect(result.seconds).toBeGreaterThanOrEqual(0);
    expect(result.seconds).toBeLessThan(1);
    expect(calls[0]).toEqual([...p.container.runArgs, IMAGE_ID]);
    expect(calls[0]).toContain(`PORT=${port}`);
    // Passed on the first probe: no need to look at the container.
    expect(calls.slice(1)).toEqual([['rm', '--force', '--volumes', 'flask-gunicorn-action-smoke-job7']]);
  });

  it('keeps probing while the port refuses connections, until the app listens', async () => {
    const late = http.createServer((_req, res) => res.writeHead(200).end('late but fine'));
    const reserve = http.createServer();
    await new Promise<void>((resolve) => reserve.listen(0, '127.0.0.1', resolve));
    const latePort = (reserve.address() as AddressInfo).port;
    await new Promise((resolve) => reserve.close(resolve));
    const timer = setTimeout(() => late.listen(latePort, '127.0.0.1'), 400);
    try {
      const { docker, calls } = fakeDocker();
      const result = await smokeTest(docker, plan({ 'probe-timeout': '5' }, latePort), IMAGE_ID);
      expect(result.url).toBe(`http://127.0.0.1:${latePort}/health`);
      expect(result.seconds).toBeGreaterThanOrEqual(0.35);
      // Refused probes retry within 250 ms, so the app is seen soon after it listens.
      expect(result.seconds).toBeLessThan(1.5);
      expect(calls.filter((args) => args[0] === 'container').length).toBeGreaterThanOrEqual(2);
      expect(removed(calls)).toHaveLength(1);
    } finally {
      clearTimeout(timer);
      late.closeAllConnections();
      await new Promise((resolve) => late.close(resolve));
    }
  });

  it('probes the address Docker published in bridge mode', async () => {
    const p = plan({ network: 'bridge' }, 0);
    const { docker, calls } = fakeDocker({ port: `0.0.0.0:1\n127.0.0.1:${port}` });
    const result = await smokeTest(docker, p, IMAGE_ID);
    expect(result.url).toBe(`http://127.0.0.1:${port}/health`);
    expect(calls[1]).toEqual(['port', 'flask-gunicorn-action-smoke-job7', '80/tcp']);
    expect(calls[0]).toContain('127.0.0.1::80');
    expect(removed(calls)).toHaveLength(1);
  });

  it('fails at once when the container exits, with its exit code and logs', async () => {
    answer = { status: 500, body: 'Internal Server Error' };
    const { docker, calls } = fakeDocker({ running: () => false, exitCode: 3, logs: 'ModuleNotFoundError: No module named flask' });
    const started = Date.now();
    const error = await smokeError(smokeTest(docker, plan({ 'probe-timeout': '30' }), IMAGE_ID));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toBe(`The app container exited with code 3 before answering http://127.0.0.1:${port}/health as expected.`);
    expect(error.lastStatus).toBe(500);
    expect(error.details).toBe(
      [
        'Last probe:',
        '  HTTP 500 (status 500, expected 200)',
        '  Internal Server Error',
        '',
        'Last container log lines:',
        '  ModuleNotFoundError: No module named flask',
      ].join('\n'),
    );
    expect(calls.map((args) => args[0])).toEqual(['run', 'container', 'logs', 'rm']);
    expect(calls.at(-1)).toEqual(['rm', '--force', '--volumes', 'flask-gunicorn-action-smoke-job7']);
  });

  // Docker lists no ports for an exited container, which used to hide the real error.
  it('in bridge mode, a container that exits at once fails with its exit code and logs, not "no published port"', async () => {
    const noPort: ExecResult = { exitCode: 1, stdout: '', stderr: "Error: No public port '80/tcp' published for flask-gunicorn-action-smoke-job7\n" };
    const { docker, calls } = fakeDocker({ port: noPort, running: () => false, exitCode: 7, logs: 'prestart: DATABASE_URL is not set' });
    const error = await smokeError(smokeTest(docker, plan({ network: 'bridge' }, 0), IMAGE_ID));
    expect(error.message).toBe('The app container exited with code 7 before its port could be probed.');
    expect(error.details).toContain('Last container log lines:\n  prestart: DATABASE_URL is not set');
    expect(error.lastStatus).toBe(0);
    expect(calls.map((args) => args[0])).toEqual(['run', 'port', 'container', 'logs', 'rm']);
  });

  it('in bridge mode, keeps the port error when the container still runs', async () => {
    const noPort: ExecResult = { exitCode: 1, stdout: '', stderr: "Error: No public port '80/tcp' published for flask-gunicorn-action-smoke-job7\n" };
    const { docker } = fakeDocker({ port: noPort });
    await expect(smokeTest(docker, plan({ network: 'bridge' }, 0), IMAGE_ID)).rejects.toThrow(
      /Could not find the published port of flask-gunicorn-action-smoke-job7: Error: No public port/,
    );
  });

  it('fails at once, with what Docker said, when the container is gone altogether', async () => {
    const { docker } = fakeDocker({ gone: true, logs: '' });
    const error = await smokeError(smokeTest(docker, plan({ 'probe-timeout': '30' }, 1), IMAGE_ID));
    expect(error.message).toBe(
      'The app container is gone (Could not inspect container flask-gunicorn-action-smoke-job7: Error: No such container: flask-gunicorn-action-smoke-job7) before answering http://127.0.0.1:1/health as expected.',
    );
  });

  it('says so when a dead container printed nothing', async () => {
    answer = { status: 502, body: '' };
    const { docker } = fakeDocker({ running: () => false });
    const error = await smokeError(smokeTest(docker, plan(), IMAGE_ID));
    expect(error.details).toContain('Last container log lines:\n  (the container printed nothing)');
  });

  it('fails within the probe timeout when the app keeps answering wrongly', async () => {
    answer = { status: 503, body: 'starting' };
    const { docker, calls } = fakeDocker({ logs: 'worker booted' });
    const started = Date.now();
    const error = await smokeError(smokeTest(docker, plan({ 'probe-timeout': '1' }), IMAGE_ID));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(1500);
    expect(error.message).toBe(`The app did not answer http://127.0.0.1:${port}/health with status 200 within 1 s.`);
    expect(error.lastStatus).toBe(503);
    expect(error.details).toContain('  HTTP 503 (status 503, expected 200)\n  starting');
    expect(error.details).toContain('  worker booted');
    expect(calls.filter((args) => args[0] === 'container').length).toBeGreaterThanOrEqual(3);
    expect(removed(calls)).toEqual([['rm', '--force', '--volumes', 'flask-gunicorn-action-smoke-job7']]);
  });

  it('names the body pattern when the body never matches', async () => {
    answer = { status: 200, body: 'Hello' };
    const { docker } = fakeDocker();
    const p = plan({ 'probe-body': '^ok$' });
    p.probe.timeoutSeconds = 0.3; // below the input's minimum, to keep the suite fast
    const error = await smokeError(smokeTest(docker, p, IMAGE_ID));
    expect(error.message).toBe(`The app did not answer http://127.0.0.1:${port}/health with status 200 and a body matching /^ok$/ within 0.3 s.`);
    expect(error.details).toContain('HTTP 200 (body does not match /^ok$/)');
    expect(error.lastStatus).toBe(200);
  });

  it('reports status 0 when nothing ever answered', async () => {
    const reserve = http.createServer();
    await new Promise<void>((resolve) => reserve.listen(0, '127.0.0.1', resolve));
    const deadPort = (reserve.address() as AddressInfo).port;
    await new Promise((resolve) => reserve.close(resolve));
    const { docker, calls } = fakeDocker();
    const p = plan({}, deadPort);
    p.probe.timeoutSeconds = 0.3;
    const error = await smokeError(smokeTest(docker, p, IMAGE_ID));
    expect(error.lastStatus).toBe(0);
    expect(error.details).toMatch(/Last probe:\n {2}connection error: ECONNREFUSED/);
    expect(removed(calls)).toHaveLength(1);
  });

  it('removes the container even when it could not start', async () => {
    const { docker, calls } = fakeDocker({ run: { exitCode: 125, stdout: '', stderr: 'docker: port is already allocated.' } });
    const failed = smokeTest(docker, plan(), IMAGE_ID);
    await expect(failed).rejects.toBeInstanceOf(DockerError);
    await expect(failed).rejects.toThrow('Could not start the test container: docker: port is already allocated.');
    expect(calls.map((args) => args[0])).toEqual(['run', 'rm']);
  });
});
