/**
 * End to end: inputs real users write, re-runs, worker matrices and failures after or
 * part-way through the work. Real engine, the test bed's registry with auth, real HTTP; the one
 * fault that needs help (the engine failing after a push) comes from a proxy in front of the real engine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedWorkers, defaultWorker } from '../../src/core/versions.js';
import { startEngineProxy } from './engine-proxy.js';
import { imageIdOf, runAction, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, freePort, registryManifestDigest, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
// A run ID of this file's own, so the check for leftover containers is not confused by other e2e files
// (which use run-action's TEST_RUN_ID) running at the same time on the shared engine.
const RUN_ID = '16016';
const versionTag = `python${target.pythonVersion}${target.variant === 'debian' ? '' : `-${target.variant}`}`;
let workspace: string;
let api: FakeGitHubApi;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'user-inputs-'));
  // Attempt 2 of a run created just before midnight UTC and re-run just after it.
  api = await startFakeGitHubApi('2026-11-20T23:50:00Z', '2026-11-21T00:20:00Z');
});

afterAll(async () => {
  rmSync(workspace, { recursive: true, force: true });
  await api.close();
});

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    { 'python-version': target.pythonVersion, variant: target.variant, 'github-token': 'fake', ...testbedInputs(), ...inputs },
    { workspace, env: { ...workflowEnv(api), GITHUB_RUN_ID: RUN_ID, ...env } },
  );
}

function pushTo(repository: string): Record<string, string> {
  return { image: `${testbed().registry}/${repository}`, push: 'true', username: testbed().user, password: testbed().password };
}

function helloApp(text: string): string {
  return writeApp(workspace, {
    'main.py': `from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return ${JSON.stringify(text)}\n`,
  });
}

const suffix = (): string => Math.random().toString(36).slice(2, 8);

/** The per-job local tags this run built (read from the build commands it logged). */
function perJobTags(result: ActionRun): string[] {
  return [...new Set([...result.log.matchAll(/--tag (flask-gunicorn-action\/(?:base|app):\S+)/g)].map((m) => m[1]!))];
}

/** Smoke-test containers of this file's runs still on the engine. */
function leftoverContainers(): string[] {
  const out = execFileSync('docker', ['ps', '--all', '--filter', 'label=flask-gunicorn-action.smoke-test', '--format', '{{.Names}}'], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((name) => name.startsWith(`flask-gunicorn-action-smoke-${RUN_ID}-`));
}

function expectClean(result: ActionRun): void {
  expect(leftoverContainers()).toEqual([]);
  expect(result.runnerTempLeft).toEqual([]);
  expect(result.log).not.toContain(testbed().password);
}

describe('item 1 and 2: an owner with capitals, a re-run after midnight, the immutable tag', () => {
  it('pushes to the lower-cased repository, dated by the run creation day, led by the run number and attempt', async () => {
    const name = `e2e/Octo-Org-${suffix()}`;
    const result = await run({ app: helloApp('capitals'), ...pushTo(name), 'immutable-tag': 'true' }, { GITHUB_RUN_ATTEMPT: '2' });
    expect(api.requests).toContain(`GET /repos/acme/web/actions/runs/${RUN_ID} auth=yes`);
    expect(result.exitCode, result.log).toBe(0);
    const repository = name.toLowerCase();
    expect(result.log).toContain(`image: "${testbed().registry}/${name}" was lower-cased to "${testbed().registry}/${repository}"`);
    // created_at is 2026-11-20; run_started_at (reset by the re-run) is 2026-11-21 and must not be used.
    const tags = [`${versionTag}-2026-11-20-run17.2`, `${versionTag}-2026-11-20`, versionTag, 'latest'];
    expect(result.outputs.tags).toBe(tags.map((tag) => `${testbed().registry}/${repository}:${tag}`).join('\n'));
    expect(await registryTags(repository)).toEqual([...tags].sort());
    for (const tag of tags) expect(await registryManifestDigest(repository, tag)).toBe(result.outputs.digest);
    expectClean(result);
  });
});

describe('item 3: BIND in probe-env', () => {
  it('probes the port BIND makes the app listen on', async () => {
    const port = await freePort();
    const result = await run({ app: helloApp('bound'), 'probe-env': `BIND=0.0.0.0:${port}`, 'probe-body': '^bound$', 'probe-timeout': '60' });
    expect(result.exitCode, result.log).toBe(0);
    expect(result.outputs['probe-status']).toBe('200');
    expect(result.log).toMatch(new RegExp(`http://127\\.0\\.0\\.1:\\d+/ answered 200`));
    if (testbed().network === 'host') expect(result.log).toContain(`http://127.0.0.1:${port}/ answered 200`);
    expectClean(result);
  });

  it('refuses a unix-socket BIND before any build, saying why and what to give', async () => {
    const result = await run({ 'probe-env': 'BIND=unix:/tmp/app.sock' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain('probe-env: BIND="unix:/tmp/app.sock" makes the app listen on a socket the smoke test cannot reach over HTTP');
    expect(result.log).not.toContain('[command]');
  });
});

describe('item 4: a container that exits at once', () => {
  it('fails with its exit code and its last log lines', async () => {
    const app = writeApp(workspace, {
      'main.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'prestart.sh': '#!/bin/sh\necho "prestart: DATABASE_URL is not set" >&2\nexit 7\n',
    });
    const result = await run({ app, 'probe-timeout': '120' });
    expect(result.exitCode, result.log).toBe(1);
    expect(result.seconds).toBeLessThan(110); // failed on the exit, not on the timeout
    expect(result.log).toMatch(/The app container exited with code 7 before/);
    expect(result.log).toContain('prestart: DATABASE_URL is not set');
    expect(result.log).not.toMatch(/published port/);
    expect(result.summary).toContain('smoke test');
    expectClean(result);
  });
});

describe('item 5: the engine fails after the push', () => {
  it('is a warning: the job passes, the outputs and the summary say pushed, the refs stay', async () => {
    const repository = `e2e/after-push-${suffix()}`;
    // Fail every image inspection once a push has gone through: the size lookup that follows the push.
    const proxy = await startEngineProxy(
      (req, seen) =>
        req.method === 'GET' && /\/images\/.+\/json$/.test(req.url ?? '') && seen.some((line) => /^POST \S*\/images\/.+\/push/.test(line)),
    );
    try {
      const result = await run(
        { app: helloApp('pushed'), ...pushTo(repository), date: '2026-11-21', latest: 'false' },
        { DOCKER_HOST: proxy.dockerHost },
      );
      expect(proxy.failed.length, result.log).toBeGreaterThan(0);
      expect(result.exitCode, result.log).toBe(0);
      expect(result.log).toMatch(/Could not read the image size \(.*injected failure.*\); the image-size output is empty\./);
      const tags = [`${versionTag}-2026-11-21`, versionTag];
      expect(await registryTags(repository)).toEqual([...tags].sort());
      expect(result.outputs.digest).toBe(await registryManifestDigest(repository, versionTag));
      expect(result.outputs.tags).toBe(tags.map((tag) => `${testbed().registry}/${repository}:${tag}`).join('\n'));
      expect(result.outputs['image-size']).toBe('');
      expect(result.summary).toContain('yes, 2 tags');
      for (const tag of tags) expect(imageIdOf(`${testbed().registry}/${repository}:${tag}`)).toBe(result.outputs['image-id']);
      expectClean(result);
    } finally {
      await proxy.close();
    }
  });
});

describe('item 6: a matrix over workers', () => {
  it('names a worker other than the default in the generated tags, and leaves no per-job local tag', async () => {
    // sync builds offline on every version; if it ever becomes the default, any other allowed one will do.
    const worker = ['sync', 'gthread'].find(
      (w) => w !== defaultWorker(target.pythonVersion) && allowedWorkers(target.pythonVersion).includes(w as 'sync'),
    )!;
    const repository = `e2e/workers-${suffix()}`;
    const result = await run({ app: helloApp('worker'), ...pushTo(repository), worker, date: '2026-11-21', latest: 'false' });
    expect(result.exitCode, result.log).toBe(0);
    expect(await registryTags(repository)).toEqual([`${versionTag}-${worker}`, `${versionTag}-${worker}-2026-11-21`].sort());
    const local = perJobTags(result);
    expect(local).toHaveLength(2);
    for (const tag of local) expect(imageIdOf(tag), tag).toBeUndefined();
    expectClean(result);
  });
});

describe('item 7: a bad input', () => {
  it('leaves a job summary that says what was wrong', async () => {
    const result = await run({ 'python-version': '2.7', 'probe-timeout': 'soon' });
    expect(result.exitCode).toBe(1);
    expect(result.summary).toContain('Flask image: failed');
    // Cells are text: the quotes come escaped.
    expect(result.summary).toContain('python-version: &#34;2.7&#34; is not supported');
    expect(result.summary).toContain('probe-timeout: &#34;soon&#34; is not a whole number');
  });
});
