/**
 * The action under faults and hostile input: every case ends with a clear error (or a safe
 * success), no container, no login and no stray tag. Real engine, real registry, real HTTP;
 * faults are made by real means (a closed port, a proxy that fails one request, a missing engine).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  imageIdOf,
  leftoverSmokeContainers,
  runAction,
  startFakeGitHubApi,
  testbedInputs,
  workflowEnv,
  writeApp,
  type ActionRun,
  type FakeGitHubApi,
} from './run-action.js';
import { e2eTarget, freePort, registryManifestDigest, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
const DATE = '2026-11-21';
const versionTag = `python${target.pythonVersion}${target.variant === 'debian' ? '' : `-${target.variant}`}`;
let workspace: string;
let api: FakeGitHubApi;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'action-faults-'));
  api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
});

afterAll(async () => {
  rmSync(workspace, { recursive: true, force: true });
  await api.close();
});

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    { 'python-version': target.pythonVersion, variant: target.variant, 'github-token': 'fake', date: DATE, ...testbedInputs(), ...inputs },
    { workspace, env: { ...workflowEnv(api), ...env } },
  );
}

function helloApp(text: string): string {
  return writeApp(workspace, {
    'main.py': `from flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return ${JSON.stringify(text)}\n`,
  });
}

function credentials(registry = testbed().registry): Record<string, string> {
  return { push: 'true', username: testbed().user, password: testbed().password, registry };
}

function repo(name: string): string {
  return `faults/${name}-${Math.random().toString(36).slice(2, 8)}`;
}

/** No local tag of the repository is left after a failed run. */
function localTags(repository: string): string[] {
  const out = execFileSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', repository], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

function expectClean(result: ActionRun): void {
  expect(leftoverSmokeContainers()).toEqual([]);
  expect(result.runnerTempLeft).toEqual([]);
  expect(result.log).not.toContain(testbed().password);
}

/**
 * A proxy in front of the test bed's registry that answers 500 to manifest uploads for one tag,
 * so a push can fail half-way for real.
 */
async function startFailingProxy(failTag: string): Promise<{ host: string; failures: number; close: () => Promise<void> }> {
  const [registryHost, registryPort] = testbed().registry.split(':');
  const state = { host: '', failures: 0, close: async () => undefined as void };
  const server: Server = createServer((req, res) => {
    if (req.method === 'PUT' && new RegExp(`/manifests/${failTag}$`).test(req.url ?? '')) {
      state.failures++;
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNKNOWN","message":"injected failure"}]}');
      return;
    }
    const upstream = httpRequest(
      { host: registryHost, port: Number(registryPort), method: req.method, path: req.url, headers: { ...req.headers, host: testbed().registry } },
      (upstreamRes) => {
        // Redirects and upload locations name the registry; keep the client on the proxy.
        const headers = { ...upstreamRes.headers };
        if (typeof headers.location === 'string') headers.location = headers.location.replace(testbed().registry, state.host);
        res.writeHead(upstreamRes.statusCode ?? 502, headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

describe('registry faults', () => {
  it('a registry that refuses connections is retried with backoff, then fails clearly', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const result = await run({ app: helloApp('hello'), image: `${closed}/${repo('refused')}`, ...credentials(closed) });
    expect(result.exitCode, result.log).toBe(1);
    expect(result.log).toMatch(/login: attempt 1 failed .*; retrying in 1 s/);
    expect(result.log).toMatch(/login: attempt 3 failed .*; retrying in 4 s/);
    expect(result.log).toMatch(/docker login 127\.0\.0\.1:\d+ as .* failed: .*connection refused/i);
    expectClean(result);
  });

  it('a push that fails half-way never moves latest, and leaves no local tag', async () => {
    const repository = repo('halfway');
    // A first good run puts latest on image A.
    const first = await run({ app: helloApp('image A'), image: `${testbed().registry}/${repository}`, ...credentials() });
    expect(first.exitCode, first.log).toBe(0);
    const latestBefore = await registryManifestDigest(repository, 'latest');
    expect(latestBefore).toBe(first.outputs.digest);

    // Then image B, through a proxy that fails every upload of the moving version tag.
    const proxy = await startFailingProxy(versionTag);
    try {
      const second = await run({
        app: helloApp('image B'),
        image: `${proxy.host}/${repository}`,
        ...credentials(proxy.host),
        date: '2026-11-28',
      });
      expect(second.exitCode, second.log).toBe(1);
      expect(proxy.failures).toBe(4); // tried, then retried three times: a 500 is transient
      expect(second.log).toMatch(new RegExp(`docker push .*:${versionTag} failed`));
      expect(await registryManifestDigest(repository, 'latest')).toBe(latestBefore);
      // The dated tag went first and is there; nothing after the failure was pushed.
      expect(await registryTags(repository)).toEqual([`${versionTag}-2026-11-21`, `${versionTag}-2026-11-28`, versionTag, 'latest'].sort());
      expect(await registryManifestDigest(repository, versionTag)).toBe(first.outputs.digest);
      expect(localTags(`${proxy.host}/${repository}`)).toEqual([]);
      expectClean(second);
    } finally {
      await proxy.close();
    }
  });
});

describe('engine and build faults', () => {
  it('no Docker engine: a clear message saying what to start, before any work', async () => {
    const result = await run({ app: helloApp('hello') }, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/No Docker engine answered .*Start the engine/);
    expect(result.log).not.toContain('Build the base image');
  });

  it('a build that fails shows the failing step and pushes nothing', async () => {
    const repository = repo('buildfail');
    const app = writeApp(workspace, {
      'main.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'requirements.txt': 'this-package-does-not-exist-anywhere==1.0\n',
    });
    const failedStepContainers = (): string[] =>
      execFileSync('docker', ['ps', '--all', '--no-trunc', '--filter', 'status=exited', '--format', '{{.ID}} {{.Command}}'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('app-requirements.txt'));
    const before = failedStepContainers();
    const result = await run({ app, image: `${testbed().registry}/${repository}`, ...credentials() });
    expect(result.exitCode).toBe(1);
    // The failed build step's container is removed too.
    expect(failedStepContainers()).toEqual(before);
    expect(result.log).toMatch(/Layering the app failed \(docker exited with \d+\)\. The failing step:/);
    expect(result.log).toMatch(/this-package-does-not-exist-anywhere/);
    expect(await registryTags(repository)).toEqual([]);
    expect(localTags(`${testbed().registry}/${repository}`)).toEqual([]);
    expectClean(result);
  });
});

describe('inputs are data, never code', () => {
  it('probe-env and build-args values with ; $( ) quotes and spaces reach the container verbatim and run nothing', async () => {
    const marker = join(tmpdir(), `pwned-${Math.random().toString(36).slice(2)}`);
    const hostile = `a;b $(touch ${marker}) \`touch ${marker}\` "dq" 'sq' && echo x`;
    const app = writeApp(workspace, {
      'main.py':
        'import os\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/")\ndef index():\n    return "[" + os.environ["HOSTILE"] + "]"\n',
    });
    const escaped = hostile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const result = await run({
      app,
      'probe-env': `HOSTILE=${hostile}`,
      'build-args': `UNUSED_ARG=${hostile}`,
      'probe-body': `^\\[${escaped}\\]$`,
    });
    expect(result.exitCode, result.log).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expectClean(result);
  });

  it('a probe-env line without KEY= and a build-arg with a bad key are rejected before any build', async () => {
    const result = await run({ 'probe-env': 'not a pair', 'build-args': 'BAD-KEY=1' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/probe-env: "not a pair" is not KEY=VALUE/);
    expect(result.log).toMatch(/build-args: "BAD-KEY=1" is not KEY=VALUE/);
    expect(result.log).not.toContain('[command]');
  });

  it('an absolute app path outside the workspace is rejected', async () => {
    const result = await run({ app: '/etc' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/app: "\/etc" points outside the workspace/);
  });
});

describe('a cancelled job', () => {
  it('is cleaned up by the post step: the smoke-test container does not outlive the job', async () => {
    const app = writeApp(workspace, {
      'main.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'prestart.sh': '#!/bin/sh\nsleep 3600\n',
    });
    let sawContainer = false;
    const giveUpAt = Date.now() + 120_000; // never wait the whole probe-timeout if no container shows
    const result = await runAction(
      { 'python-version': target.pythonVersion, variant: target.variant, date: DATE, ...testbedInputs(), app, 'probe-timeout': '600' },
      {
        workspace,
        env: workflowEnv(api),
        // Kill the main step (as the runner does on cancel) once its container is up.
        cancelWhen: () => (sawContainer ||= leftoverSmokeContainers().length > 0) || Date.now() > giveUpAt,
      },
    );
    expect(sawContainer).toBe(true);
    expect(result.exitCode).toBe(137);
    expect(leftoverSmokeContainers()).toEqual([]);
  });

  it("is cleaned up with several platforms too: the container named for its platform carries that name's label", async () => {
    const app = writeApp(workspace, {
      'main.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'prestart.sh': '#!/bin/sh\nsleep 3600\n',
    });
    let seen: string[] = [];
    const giveUpAt = Date.now() + 180_000;
    const result = await runAction(
      {
        'python-version': target.pythonVersion,
        variant: target.variant,
        date: DATE,
        ...testbedInputs(),
        app,
        // The engine's own platform is built and tested first; the run is cancelled during its smoke test.
        platforms: 'linux/amd64,linux/arm64',
        'probe-timeout': '600',
      },
      {
        workspace,
        env: workflowEnv(api),
        cancelWhen: () => (seen.length === 0 && (seen = leftoverSmokeContainers()), seen.length > 0) || Date.now() > giveUpAt,
      },
    );
    expect(seen).toEqual([expect.stringMatching(/^flask-gunicorn-action-smoke-\d+-1-[0-9a-f]+-amd64$/)]);
    expect(result.exitCode).toBe(137);
    expect(result.postLog).not.toContain('Left container');
    expect(leftoverSmokeContainers()).toEqual([]);
  });
});

describe('two runs at once on one engine', () => {
  it('do not collide: names, ports, temp folders and tags stay apart', async () => {
    const [one, two] = [repo('twin-one'), repo('twin-two')];
    const [a, b] = await Promise.all([
      run({ app: helloApp('twin one'), image: `${testbed().registry}/${one}`, ...credentials(), 'probe-body': '^twin one$' }),
      run({ app: helloApp('twin two'), image: `${testbed().registry}/${two}`, ...credentials(), 'probe-body': '^twin two$' }),
    ]);
    expect(a.exitCode, a.log).toBe(0);
    expect(b.exitCode, b.log).toBe(0);
    expect(a.outputs['image-id']).not.toBe(b.outputs['image-id']);
    expect(imageIdOf(`${testbed().registry}/${one}:latest`)).toBe(a.outputs['image-id']);
    expect(imageIdOf(`${testbed().registry}/${two}:latest`)).toBe(b.outputs['image-id']);
    expect(await registryManifestDigest(one, 'latest')).toBe(a.outputs.digest);
    expect(await registryManifestDigest(two, 'latest')).toBe(b.outputs.digest);
    expectClean(a);
    expectClean(b);
  });
});
