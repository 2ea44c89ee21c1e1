/**
 * Build secrets and authenticated pulls, against the real action, engine, registry and pip:
 * - the package index needs a password (a loopback proxy in front of the test bed's index answers
 *   401 without it), given in pip-index-url; both builds install from it, and the pushed image's
 *   history, config and every layer, and the log, hold no trace of the password;
 * - the base image lives only in the test bed's registry, which wants a login: a run with the
 *   registry credentials pulls it, a run without them is refused;
 * - a registry that answers 503 to the first requests for the base image's manifest: the action
 *   builds again after 1 s, logs why, and succeeds;
 * - the classic builder refuses a credentialed index before any work.
 * One build (gthread: no compile) serves the first two; the flaky one reuses its layers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAction, startFakeGitHubApi, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, registryAuth, registryUrl, testbed } from './testbed.js';

const target = e2eTarget();
const SUFFIX = Math.random().toString(36).slice(2, 8);
const INDEX_USER = 'ci-reader';
// Characters that need escaping in a URL, so the encoded and decoded forms both get looked for.
const INDEX_PASSWORD = `pw/${SUFFIX}@s3cr3t:${SUFFIX}`;
const ENCODED_PASSWORD = encodeURIComponent(INDEX_PASSWORD);
const MIRROR = `${testbed().registry}/secrets-mirror-${SUFFIX}/`;
const REPOSITORY = `secrets/app-${SUFFIX}`;

interface AuthIndex {
  url: string;
  authorized: string[];
  refused: number;
  server: Server;
}

let api: FakeGitHubApi;
let index: AuthIndex;
let dockerConfig: string;
let run: ActionRun;

/** The test bed's index behind HTTP basic auth: 401 without the password, a proxy with it. */
async function startAuthIndex(upstream: string): Promise<AuthIndex> {
  const expected = `Basic ${Buffer.from(`${INDEX_USER}:${INDEX_PASSWORD}`).toString('base64')}`;
  const origin = new URL(upstream).origin;
  const state = { authorized: [] as string[], refused: 0 };
  const server = createServer((request, response) => {
    if (request.headers.authorization !== expected) {
      state.refused++;
      response.writeHead(401, { 'www-authenticate': 'Basic realm="private index"' }).end();
      return;
    }
    state.authorized.push(request.url ?? '');
    fetch(`${origin}${request.url}`)
      .then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => response.writeHead(502).end());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${INDEX_USER}:${ENCODED_PASSWORD}@127.0.0.1:${port}${new URL(upstream).pathname}`,
    server,
    get authorized() {
      return state.authorized;
    },
    get refused() {
      return state.refused;
    },
  };
}

function docker(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], input: env.INPUT ?? '' });
}

function action(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction(
    {
      'python-version': target.pythonVersion,
      variant: target.variant,
      worker: 'gthread',
      network: testbed().network,
      'github-token': 'fake',
      date: '2026-11-21',
      latest: 'false',
      ...inputs,
    },
    { env: workflowEnv(api) },
  );
}

async function registryGet(path: string, accept = ''): Promise<Buffer> {
  const answer = await fetch(registryUrl(path), { headers: { Authorization: registryAuth(), ...(accept ? { Accept: accept } : {}) } });
  if (!answer.ok) throw new Error(`GET ${path}: HTTP ${answer.status}`);
  return Buffer.from(await answer.arrayBuffer());
}

beforeAll(async () => {
  api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
  index = await startAuthIndex(testbed().pipIndexUrl);
  // The stand-in base image, put where only a login reaches it; the local tag goes again, so the
  // build must fetch it from the registry (BuildKit prefers a local image of that name).
  const standin = `${testbed().basePrefix || ''}python:${target.pythonVersion}${target.variant === 'debian' ? '' : `-${target.variant}`}`;
  const mirrored = `${MIRROR}${standin.slice((testbed().basePrefix || '').length)}`;
  dockerConfig = mkdtempSync(join(tmpdir(), 'secrets-e2e-docker-config-'));
  docker(['login', '--username', testbed().user, '--password-stdin', testbed().registry], { DOCKER_CONFIG: dockerConfig, INPUT: testbed().password });
  docker(['tag', standin, mirrored]);
  docker(['push', mirrored], { DOCKER_CONFIG: dockerConfig });
  docker(['image', 'rm', '--no-prune', mirrored]);

  const app = writeApp(ROOT, {
    'main.py':
      'import appdirs\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef hello():\n    return f"appdirs {appdirs.__version__}"\n',
    'requirements.txt': 'appdirs\n',
  });
  try {
    run = await action({
      app,
      'base-image': MIRROR,
      'pip-index-url': index.url,
      image: `${testbed().registry}/${REPOSITORY}`,
      push: 'true',
      username: testbed().user,
      password: testbed().password,
      'probe-body': '^appdirs ',
      // Every pip step must really run (not come from an earlier run's layers) for the index to see it.
      'no-cache': 'true',
    });
  } finally {
    rmSync(join(ROOT, app), { recursive: true, force: true });
  }
});

afterAll(async () => {
  rmSync(dockerConfig, { recursive: true, force: true });
  await new Promise((closed) => index.server.close(closed));
  await api.close();
  for (const ref of (run?.outputs.tags ?? '').split('\n').filter(Boolean))
    execFileSync('docker', ['image', 'rm', '--no-prune', ref], { stdio: 'ignore' });
});

describe('an index with credentials', () => {
  it('builds, probes and pushes, with pip logged in to the index in both builds', () => {
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toContain('The package index reaches pip as a build secret.');
    // Without the password the index answers 401: these requests carried it. Flask comes in the
    // base build, appdirs (from the app's requirements.txt) in the app layer.
    expect(index.authorized.some((path) => /\/simple\/flask\/$/.test(path))).toBe(true);
    expect(index.authorized.some((path) => /\/simple\/appdirs\/$/.test(path))).toBe(true);
    expect(index.authorized.some((path) => /\.whl$/.test(path))).toBe(true);
  });

  it('leaves no trace of the password in the pushed image: history, config, labels and every layer', async () => {
    // The first tag the action pushed, as its output names it.
    const pushed = run.outputs.tags?.split('\n')[0] ?? '';
    const tag = pushed.slice(pushed.lastIndexOf(':') + 1);
    expect(pushed).toBe(`${testbed().registry}/${REPOSITORY}:${tag}`);
    const manifest = JSON.parse(
      (
        await registryGet(
          `/v2/${REPOSITORY}/manifests/${tag}`,
          'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
        )
      ).toString(),
    ) as { config: { digest: string }; layers: { digest: string }[] };
    const config = (await registryGet(`/v2/${REPOSITORY}/blobs/${manifest.config.digest}`)).toString();
    expect(JSON.parse(config).history.length).toBeGreaterThan(5);
    const forms = [INDEX_PASSWORD, ENCODED_PASSWORD, Buffer.from(`${INDEX_USER}:${INDEX_PASSWORD}`).toString('base64')];
    for (const form of forms) expect(config).not.toContain(form);
    // The index build argument is declared by the Dockerfile and recorded empty: the URL went as a secret.
    expect(config).toContain('PIP_INDEX_URL= ');
    expect(config).not.toMatch(/PIP_INDEX_URL=[^\s"]/);
    expect(manifest.layers.length).toBeGreaterThan(3);
    let searched = 0;
    for (const layer of manifest.layers) {
      const blob = await registryGet(`/v2/${REPOSITORY}/blobs/${layer.digest}`);
      const tar = blob[0] === 0x1f && blob[1] === 0x8b ? gunzipSync(blob) : blob;
      searched += tar.length;
      for (const form of forms) expect(tar.includes(Buffer.from(form)), `layer ${layer.digest}`).toBe(false);
    }
    // The layers were really read: the base image alone is hundreds of MB.
    expect(searched).toBeGreaterThan(50_000_000);
  });

  it('never shows the password in the log', () => {
    for (const form of [INDEX_PASSWORD, ENCODED_PASSWORD]) {
      expect(run.log).not.toContain(form);
      expect(run.masked).toContain(form);
    }
    expect(run.log).not.toContain('carries credentials');
  });

  it('pulled the base image from the registry logged in, before building', () => {
    expect(run.log).toMatch(/Log in to 127\.0\.0\.1:\d+/);
    expect(run.log.indexOf('Log in to')).toBeLessThan(run.log.indexOf('Build the base image'));
    expect(run.log).toContain(`Build the base image from ${MIRROR}`);
  });
});

describe('an index token in the URL path', () => {
  it('reaches pip as the secret: no build argument, label or history entry names it, and the log masks the URL whole', async () => {
    const token = `tok${Math.random().toString(36).slice(2, 12)}`;
    const upstream = new URL(testbed().pipIndexUrl);
    const served: string[] = [];
    // The test bed's index, reachable only under /TOKEN/, as some hosted indexes are.
    const pathIndex = createServer((request, response) => {
      const path = request.url ?? '';
      if (!path.startsWith(`/${token}/`)) {
        response.writeHead(404).end();
        return;
      }
      served.push(path);
      fetch(`${upstream.origin}${path.slice(token.length + 1)}`)
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.writeHead(502).end());
    });
    await new Promise<void>((listening) => pathIndex.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(pathIndex.address() as AddressInfo).port}/${token}${upstream.pathname}`;
    const repository = `secrets/path-token-${SUFFIX}`;
    const app = writeApp(ROOT, {
      'main.py':
        'import appdirs\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef hello():\n    return f"appdirs {appdirs.__version__}"\n',
      'requirements.txt': 'appdirs\n',
    });
    let result: ActionRun | undefined;
    try {
      result = await action({
        app,
        'base-image': testbed().basePrefix,
        'pip-index-url': url,
        image: `${testbed().registry}/${repository}`,
        push: 'true',
        username: testbed().user,
        password: testbed().password,
        // Every pip step must run, for the index to see both builds.
        'no-cache': 'true',
      });
      expect(result.exitCode, result.log).toBe(0);
      expect(result.log).toContain('The package index reaches pip as a build secret.');
      expect(served.some((path) => /\/simple\/flask\/$/.test(path))).toBe(true);
      expect(served.some((path) => /\/simple\/appdirs\/$/.test(path))).toBe(true);
      // Masked whole, and its root too: each line that shows the token (pip's "Looking in indexes", and its
      // downloads of the files the index serves under the token) shows a part the runner hides.
      const root = url.replace(/simple\/$/, '');
      expect(result.masked).toContain(url);
      expect(result.masked).toContain(root);
      expect(result.log).toContain(`${root}files/`);
      for (const line of result.log.split('\n').filter((l) => l.includes(token))) expect(line).toContain(root);
      const tag = (result.outputs.tags ?? '').split('\n')[0]!.split(':').pop()!;
      const manifest = JSON.parse(
        (
          await registryGet(
            `/v2/${repository}/manifests/${tag}`,
            'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
          )
        ).toString(),
      ) as { config: { digest: string } };
      const config = (await registryGet(`/v2/${repository}/blobs/${manifest.config.digest}`)).toString();
      expect(JSON.parse(config).history.length).toBeGreaterThan(5);
      expect(config).not.toContain(token);
      expect(config).not.toMatch(/PIP_INDEX_URL=[^\s"]/);
    } finally {
      rmSync(join(ROOT, app), { recursive: true, force: true });
      await new Promise((closed) => pathIndex.close(closed));
      for (const ref of (result?.outputs.tags ?? '').split('\n').filter(Boolean))
        execFileSync('docker', ['image', 'rm', '--no-prune', ref], { stdio: 'ignore' });
    }
  });
});

describe('a transient pull error', () => {
  it("is retried with backoff: 503 for the base image's manifest, then the build goes through", async () => {
    // A loopback proxy in front of the registry that fails the first two manifest requests.
    let failures = 2;
    const failed: string[] = [];
    const upstream = `http://${testbed().registry}`;
    const proxy = createServer((request, response) => {
      if (/\/manifests\//.test(request.url ?? '') && failures > 0) {
        failures--;
        failed.push(`${request.method} ${request.url}`);
        response.writeHead(503).end('busy');
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string' && key !== 'host') headers[key] = value;
        fetch(`${upstream}${request.url}`, {
          method: request.method,
          headers,
          redirect: 'manual',
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        })
          .then(async (answer) => {
            const out: Record<string, string> = {};
            answer.headers.forEach((value, key) => {
              if (!['content-encoding', 'transfer-encoding', 'connection'].includes(key)) out[key] = value;
            });
            response.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => response.writeHead(502).end());
      });
    });
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
    const host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const flaky = await action({
        'base-image': `${host}/${MIRROR.slice(MIRROR.indexOf('/') + 1)}`,
        'pip-index-url': testbed().pipIndexUrl,
        registry: host,
        username: testbed().user,
        password: testbed().password,
      });
      expect(flaky.exitCode, flaky.log).toBe(0);
      expect(failed.length).toBe(2);
      expect(flaky.log).toMatch(/Building the base image: attempt 1 failed \(.*\); retrying in 1 s/);
      expect(flaky.log).toMatch(/Building the base image: attempt 2 failed \(.*\); retrying in 2 s/);
      expect(flaky.log).not.toMatch(/attempt 3 failed/);
      for (const tag of (flaky.outputs.tags ?? '').split('\n').filter(Boolean))
        execFileSync('docker', ['image', 'rm', '--no-prune', tag], { stdio: 'ignore' });
    } finally {
      await new Promise((closed) => proxy.close(closed));
    }
  });
});

describe('refusals', () => {
  it('without the registry credentials the same base image is refused', async () => {
    const refused = await action({ 'base-image': MIRROR, 'pip-index-url': testbed().pipIndexUrl });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.log).toMatch(/Building the base image failed[\s\S]*(401 Unauthorized|authorization|no basic auth credentials)/i);
  });

  it('the classic builder refuses an index with credentials before any work, naming the input and the fix', async () => {
    const before = index.authorized.length + index.refused;
    const refused = await action({ 'base-image': testbed().basePrefix, 'pip-index-url': index.url, builder: 'classic' });
    expect(refused.exitCode).toBe(1);
    expect(refused.log).toMatch(
      /pip-index-url: "http:\/\/\*\*\*@127\.0\.0\.1:\d+\/simple\/" carries credentials, and builder: classic has no build secrets.*use builder: auto or buildx/,
    );
    expect(refused.log).not.toContain('Build the base image');
    expect(refused.log).not.toContain(INDEX_PASSWORD);
    expect(index.authorized.length + index.refused).toBe(before);
  });
});
