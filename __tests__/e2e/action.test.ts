/**
 * The action end to end, through the runner contract, against the real engine and the
 * authenticated registry of the test bed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  imageIdOf,
  leftoverSmokeContainers,
  runAction,
  startFakeGitHubApi,
  testbedInputs,
  TEST_RUN_ID,
  workflowEnv,
  writeApp,
  type ActionRun,
  type FakeGitHubApi,
} from './run-action.js';
import { defaultWorker } from '../../src/core/versions.js';
import { e2eTarget, registryManifestDigest, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
const DATE = '2026-11-21';
const suffix = target.variant === 'debian' ? '' : `-${target.variant}`;
const versionTag = `python${target.pythonVersion}${suffix}`;
let workspace: string;
let api: FakeGitHubApi;

function repo(name: string): string {
  return `e2e/${name}-${Math.random().toString(36).slice(2, 8)}`;
}

function pushInputs(repository: string): Record<string, string> {
  const tb = testbed();
  return {
    image: `${tb.registry}/${repository}`,
    push: 'true',
    username: tb.user,
    password: tb.password,
    date: DATE,
  };
}

function expectNothingLeft(run: ActionRun): void {
  expect(leftoverSmokeContainers()).toEqual([]);
  // The per-run Docker config (the registry login) is gone once the steps end.
  expect(run.runnerTempLeft).toEqual([]);
  const userConfig = join(homedir(), '.docker', 'config.json');
  if (existsSync(userConfig)) expect(readFileSync(userConfig, 'utf8')).not.toContain(testbed().registry);
}

function expectNoSecret(run: ActionRun): void {
  const password = testbed().password;
  expect(run.masked).toContain(password);
  expect(run.log).not.toContain(password);
  expect(run.postLog).not.toContain(password);
  expect(run.summary).not.toContain(password);
  expect(JSON.stringify(run.outputs)).not.toContain(password);
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'action-workspace-'));
  // The run started just before midnight UTC; jobs running after midnight must still use its date.
  api = await startFakeGitHubApi('2026-11-20T23:59:30Z');
});

afterAll(async () => {
  rmSync(workspace, { recursive: true, force: true });
  await api.close();
});

/** Runs the action as a workflow job would, on this test bed. */
function runInWorkflow(inputs: Record<string, string>, options: { workspace?: string } = {}) {
  return runAction({ 'github-token': 'fake-token-for-the-local-api', ...inputs }, { ...options, env: workflowEnv(api) });
}

describe('happy path', () => {
  it('builds the demo app, probes it, pushes dated, version, extra and latest tags, and reports the registry digest', async () => {
    const repository = repo('demo');
    const run = await runInWorkflow({
      'python-version': target.pythonVersion,
      variant: target.variant,
      ...testbedInputs(),
      ...pushInputs(repository),
      tags: 'sha-0123abc',
      'probe-body': `Python ${target.pythonVersion}`,
    });
    expect(run.exitCode, run.log).toBe(0);

    const tags = [`${versionTag}-${DATE}`, versionTag, 'sha-0123abc', 'latest'];
    expect(run.outputs.tags).toBe(tags.map((tag) => `${testbed().registry}/${repository}:${tag}`).join('\n'));
    expect(await registryTags(repository)).toEqual([...tags].sort());

    // Every tag points at the digest the action reported: one image, pushed once, tested before.
    expect(run.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    for (const tag of tags) expect(await registryManifestDigest(repository, tag)).toBe(run.outputs.digest);
    expect(imageIdOf(`${testbed().registry}/${repository}:latest`)).toBe(run.outputs['image-id']);

    expect(run.outputs['probe-status']).toBe('200');
    expect(Number(run.outputs['probe-seconds'])).toBeGreaterThan(0);
    expect(Number(run.outputs['image-size'])).toBeGreaterThan(10_000_000);
    expect(run.summary).toContain(run.outputs.digest);
    expect(run.summary).toContain(versionTag);
    // Built through buildx on the engine's own builder, as on GitHub runners, and the job says so.
    expect(run.log).toMatch(/Builder: buildx \(builder [\w.-]+\)\./);
    expect(run.summary).toMatch(/<tr><td>Builder<\/td><td>buildx \(builder [\w.-]+\)<\/td><\/tr>/);
    expect(run.log).toMatch(/^\[command\]\S*docker buildx build --builder [\w.-]+ --load /m);
    // Dated tags before latest, in the order they were pushed.
    expect(run.log.indexOf(`:${versionTag}-${DATE}`)).toBeLessThan(run.log.lastIndexOf(':latest'));
    expectNoSecret(run);
    expectNothingLeft(run);
  });

  it('layers a user app: requirements, app/main.py, prestart.sh and gunicorn_conf.py are all honoured', async () => {
    const app = writeApp(workspace, {
      'requirements.txt': 'requests\n',
      'app/main.py': [
        'import os, requests',
        'from flask import Flask',
        'app = Flask(__name__)',
        '@app.route("/")',
        'def index():',
        '    marker = open("/tmp/prestart-ran").read().strip()',
        "    return f\"user app requests={requests.__version__} prestart={marker} conf={os.environ.get('CONF_SEEN', 'no')}\"",
        '',
      ].join('\n'),
      'prestart.sh': '#!/bin/sh\necho yes > /tmp/prestart-ran\n',
      'app/gunicorn_conf.py':
        'import os\nos.environ["CONF_SEEN"] = "custom"\nbind = os.environ.get("BIND") or f"0.0.0.0:{os.environ.get(\'PORT\', \'80\')}"\nworkers = 1\n',
    });
    const run = await runInWorkflow(
      {
        'python-version': target.pythonVersion,
        variant: target.variant,
        app,
        ...testbedInputs(),
        'probe-body': '^user app requests=\\d+\\.\\d+.* prestart=yes conf=custom$',
        image: 'acme/web-local',
      },
      { workspace },
    );
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs.digest).toBe('');
    // No date input: the dated tag carries the workflow run's start date (UTC), read from the API.
    expect((run.outputs.tags ?? '').split('\n')).toEqual([
      `acme/web-local:${versionTag}-2026-11-20`,
      `acme/web-local:${versionTag}`,
      'acme/web-local:latest',
    ]);
    expect(api.requests).toContain(`GET /repos/acme/web/actions/runs/${TEST_RUN_ID} auth=yes`);
    // Tagged locally for later steps, the same image that was probed, with OCI labels from the context.
    expect(imageIdOf('acme/web-local:latest')).toBe(run.outputs['image-id']);
    const labels = JSON.parse(
      execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', run.outputs['image-id']!], { encoding: 'utf8' }),
    ) as Record<string, string>;
    expect(labels['org.opencontainers.image.source']).toBe('https://github.com/acme/web');
    expect(labels['org.opencontainers.image.revision']).toBe('0123abcd0123abcd0123abcd0123abcd0123abcd');
    expect(labels['org.opencontainers.image.version']).toBe(`${versionTag}-2026-11-20`);
    // The build facts, in one namespace: the variant from the app layer, the rest inherited from the base image.
    expect(labels['flask-gunicorn-action.python-version']).toBe(target.pythonVersion);
    expect(labels['flask-gunicorn-action.worker']).toBe(defaultWorker(target.pythonVersion));
    expect(labels['flask-gunicorn-action.variant']).toBe(target.variant);
    expectNothingLeft(run);
  });
});

describe('a failing app fails the job, shows why, pushes nothing and leaves nothing', () => {
  const cases: { name: string; files: Record<string, string>; inputs?: Record<string, string>; expectLog: RegExp[]; maxSeconds: number }[] = [
    {
      name: 'answers 500',
      files: {
        'main.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    raise RuntimeError("boom from the app")\n',
      },
      inputs: { 'probe-timeout': '8' },
      expectLog: [/did not answer .* with status 200 within 8 s/, /status 500, expected 200/, /boom from the app/],
      maxSeconds: 120,
    },
    {
      name: 'fails to import',
      files: { 'main.py': 'import not_a_real_module\n' },
      inputs: { 'probe-timeout': '60' },
      expectLog: [/The app container exited with code [1-9]\d* before answering/, /No module named 'not_a_real_module'/],
      maxSeconds: 100,
    },
    {
      name: 'never listens',
      files: {
        'main.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'prestart.sh': '#!/bin/sh\necho "prestart waits forever"\nsleep 3600\n',
      },
      inputs: { 'probe-timeout': '6' },
      expectLog: [/did not answer .* within 6 s/, /connection error: ECONNREFUSED/, /prestart waits forever/],
      maxSeconds: 120,
    },
    {
      name: 'answers the wrong body',
      files: { 'main.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return "goodbye"\n' },
      // Long enough for the app's first answer on a loaded machine (the probe retries until then).
      inputs: { 'probe-body': '^hello', 'probe-timeout': '30' },
      expectLog: [/body does not match \/\^hello\//, /^\s+goodbye$/m],
      maxSeconds: 120,
    },
  ];

  for (const scenario of cases) {
    it(scenario.name, async () => {
      const repository = repo('failing');
      const app = writeApp(workspace, scenario.files);
      const run = await runInWorkflow(
        {
          'python-version': target.pythonVersion,
          variant: target.variant,
          app,
          ...testbedInputs(),
          ...pushInputs(repository),
          ...scenario.inputs,
        },
        { workspace },
      );
      expect(run.exitCode, run.log).toBe(1);
      for (const pattern of scenario.expectLog) expect(run.log).toMatch(pattern);
      expect(run.log).toContain('Why the smoke test failed');
      expect(run.seconds).toBeLessThan(scenario.maxSeconds);
      expect(await registryTags(repository)).toEqual([]);
      expect(run.log).not.toMatch(/docker push/);
      expect(run.summary).toContain('Flask image: failed');
      expect(run.summary).toContain('smoke test');
      expectNoSecret(run);
      expectNothingLeft(run);
    });
  }
});

describe('bad input fails before any build', () => {
  const bad: { name: string; inputs: Record<string, string>; message: RegExp }[] = [
    { name: 'unsupported Python', inputs: { 'python-version': '2.7' }, message: /python-version: "2\.7" is not supported; use one of 3\.8, .*3\.14/ },
    { name: 'unknown variant', inputs: { variant: 'ubuntu' }, message: /variant: "ubuntu" is not a variant; use one of debian, slim, alpine/ },
    { name: 'invalid image', inputs: { image: '127.0.0.1:5000/acme/web!' }, message: /image: .* is not a valid repository/ },
    { name: 'push without credentials', inputs: { image: '127.0.0.1:5000/acme/web', push: 'true' }, message: /username: required when push is true/ },
    { name: 'shell in a tag', inputs: { tags: 'ok, $(touch /tmp/pwned)' }, message: /tags: "\$\(touch \/tmp\/pwned\)" is not a valid tag/ },
    { name: 'app outside the workspace', inputs: { app: '../../etc' }, message: /app: "\.\.\/\.\.\/etc" points outside the workspace/ },
    {
      name: 'unknown worker',
      inputs: { worker: 'uvicorn' },
      message: /worker: "uvicorn" is not a worker; use auto, meinheld, gthread, gevent, sync/,
    },
    { name: 'probe timeout out of range', inputs: { 'probe-timeout': '0' }, message: /probe-timeout: "0" is not a whole number from 1 to 3600/ },
  ];
  for (const scenario of bad) {
    it(scenario.name, async () => {
      const run = await runInWorkflow({ 'python-version': target.pythonVersion, ...testbedInputs(), ...scenario.inputs });
      expect(run.exitCode).toBe(1);
      expect(run.log).toMatch(scenario.message);
      expect(run.log).not.toContain('Build the base image');
      expect(run.log).not.toContain('[command]');
      expectNothingLeft(run);
    });
  }
});

describe('registry faults', () => {
  it('a refused password fails at login without retrying and pushes nothing', async () => {
    const repository = repo('badauth');
    const run = await runInWorkflow({
      'python-version': target.pythonVersion,
      variant: target.variant,
      ...testbedInputs(),
      ...pushInputs(repository),
      password: 'not-the-password',
    });
    expect(run.exitCode, run.log).toBe(1);
    expect(run.log).toMatch(/docker login .* failed/);
    expect(run.log).not.toMatch(/retrying/);
    expect(run.log).not.toContain('not-the-password');
    expect(await registryTags(repository)).toEqual([]);
    expectNothingLeft(run);
  });
});
