/**
 * Attestations per platform: one run builds the app for linux/amd64 and linux/arm64 (arm64 under QEMU)
 * on a builder the action makes on the main engine, smoke-tests each image loaded from its OCI layout,
 * and pushes each platform's layout unchanged before joining them in one index. Read back from the
 * registry: each platform's image manifest is the tested one, and an attestation manifest names each.
 * The base image comes from the registry (that builder sees no engine image): the test bed's
 * multi-platform stand-in, pushed there from the cache engine, whose store holds both platforms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAction, startFakeGitHubApi, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, loadTestbedEnv, registryManifest, testbed } from './testbed.js';

const target = e2eTarget();
const SUFFIX = Math.random().toString(36).slice(2, 8);
const NAMESPACE = process.env.E2E_IMAGE_NAMESPACE || 'e2e';
const REPOSITORY = `${NAMESPACE}/supply-platforms-${SUFFIX}`;
const MIRROR = `${testbed().registry}/${NAMESPACE}/supply-platforms-mirror-${SUFFIX}/`;
const CACHE_ENGINE = loadTestbedEnv().values.TESTBED_CACHE_DOCKER_HOST ?? '';

let api: FakeGitHubApi;
let dockerConfig: string;
let run: ActionRun;

function docker(args: string[], env: Record<string, string> = {}, input = ''): string {
  return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...env }, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  if (CACHE_ENGINE === '')
    throw new Error('TESTBED_CACHE_DOCKER_HOST is empty: no engine holds the multi-platform stand-in; run bash scripts/testbed.sh up');
  api = await startFakeGitHubApi('2026-12-02T08:00:00Z');
  dockerConfig = mkdtempSync(join(tmpdir(), 'supply-platforms-docker-config-'));
  const onCache = { DOCKER_CONFIG: dockerConfig, DOCKER_HOST: CACHE_ENGINE };
  docker(['login', '--username', testbed().user, '--password-stdin', testbed().registry], onCache, testbed().password);
  const standin = `${testbed().basePrefix || ''}python:${target.pythonVersion}`;
  const mirrored = `${MIRROR}python:${target.pythonVersion}`;
  docker(['tag', standin, mirrored], onCache);
  docker(['push', mirrored], onCache);
  docker(['image', 'rm', mirrored], onCache);

  const app = writeApp(ROOT, {
    'main.py':
      'import platform\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef hello():\n    return "machine " + platform.machine()\n',
  });
  try {
    run = await runAction(
      {
        'python-version': target.pythonVersion,
        worker: 'gthread',
        network: testbed().network,
        'github-token': 'fake',
        date: '2026-12-02',
        latest: 'false',
        app,
        'base-image': MIRROR,
        'pip-index-url': testbed().pipIndexUrl,
        platforms: 'linux/amd64,linux/arm64',
        image: `${testbed().registry}/${REPOSITORY}`,
        push: 'true',
        username: testbed().user,
        password: testbed().password,
        'probe-body': '^machine ',
        attestations: 'provenance',
      },
      { env: workflowEnv(api) },
    );
  } finally {
    rmSync(join(ROOT, app), { recursive: true, force: true });
  }
}, 1_800_000);

afterAll(async () => {
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
  await api?.close();
  // The local names are each platform's tag (the tags name the index, which only the registry holds).
  const local = docker(['images', '--format', '{{.Repository}}:{{.Tag}}', `${testbed().registry}/${REPOSITORY}`])
    .split('\n')
    .filter(Boolean);
  for (const ref of local) docker(['image', 'rm', '--no-prune', ref]);
});

describe('attestations on a multi-platform image', () => {
  it('pushes each tested platform image with an attestation manifest naming it, in one index', async () => {
    expect(run.exitCode, run.log).toBe(0);
    const tag = run.outputs.tags!.split('\n').at(-1)!.split(':').pop()!;
    const index = await registryManifest(REPOSITORY, tag);
    expect(index.digest).toBe(run.outputs.digest);
    const entries = index.body.manifests ?? [];
    const tested = Object.fromEntries(run.outputs['platform-image-ids']!.split('\n').map((line) => line.split('=') as [string, string]));
    const lines = run.outputs.attestations!.split('\n');
    expect(lines).toHaveLength(2);
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const [os, architecture] = platform.split('/');
      const image = entries.find((entry) => entry.platform?.os === os && entry.platform?.architecture === architecture)!;
      expect(image, platform).toBeDefined();
      const manifest = await registryManifest(REPOSITORY, image.digest);
      expect(manifest.body.config?.digest, platform).toBe(tested[platform]);
      const attestation = entries.find((entry) => entry.annotations?.['vnd.docker.reference.digest'] === image.digest);
      expect(attestation?.annotations?.['vnd.docker.reference.type'], platform).toBe('attestation-manifest');
      expect(lines).toContain(`${platform} ${image.digest} ${attestation!.digest}`);
    }
  });
});
