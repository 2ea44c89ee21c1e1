/**
 * `rebuild: if-changed` with `platforms`: each platform's image records its own fingerprint (its own
 * base digest, from the base image's index in the registry), and an unchanged run skips the whole
 * multi-platform image. Offline on the test bed's cache engine, whose store holds the stand-in for
 * both platforms (as multi-platform.test.ts); the base index is pushed to this suite's own repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintLabel } from '../../src/core/fingerprint.js';
import { resolveBaseImage } from '../../src/core/plan.js';
import type { Variant } from '../../src/core/versions.js';
import { E2E_IMAGES } from './image-harness.js';
import { runAction, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, loadTestbedEnv, registryAuth, registryManifest, registryManifestDigest, registryTags, registryUrl, testbed } from './testbed.js';

const target = e2eTarget();
const suffix = target.variant === 'debian' ? '' : `-${target.variant}`;
const versionTag = `python${target.pythonVersion}${suffix}`;
const unique = Math.random().toString(36).slice(2, 8);
const repository = `${E2E_IMAGES}/rebuild-multi-${unique}`;
const baseRepository = `${E2E_IMAGES}/rebuild-multi-base-${unique}`;
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const ENGINE_HOST = loadTestbedEnv().values.TESTBED_CACHE_DOCKER_HOST ?? '';
const ENGINE_ENV: Record<string, string> = ENGINE_HOST !== '' ? { DOCKER_HOST: ENGINE_HOST } : {};
const standIn = resolveBaseImage({ ...target, variant: target.variant as Variant, baseImage: testbed().basePrefix });
const baseRef = `${testbed().registry}/${baseRepository}:${versionTag.replace(/^python/, '')}`;

let workspace: string;
let app: string;
let api: FakeGitHubApi;
let dockerConfig: string;

function docker(args: string[], input?: string): string {
  return execFileSync('docker', args, { encoding: 'utf8', input, env: { ...process.env, ...ENGINE_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
}

function run(date: string) {
  const tb = testbed();
  return runAction(
    {
      'python-version': target.pythonVersion,
      variant: target.variant,
      ...testbedInputs(),
      'base-image': baseRef,
      app,
      image: `${tb.registry}/${repository}`,
      push: 'true',
      username: tb.user,
      password: tb.password,
      date,
      platforms: PLATFORMS.join(','),
      rebuild: 'if-changed',
      'github-token': 'fake-token-for-the-local-api',
    },
    { workspace, env: { ...workflowEnv(api), ...ENGINE_ENV } },
  );
}

async function registryState(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const tag of await registryTags(repository)) state[tag] = (await registryManifestDigest(repository, tag)) ?? '';
  return state;
}

/** Each platform's labels in the index the tag holds. */
async function platformLabels(tag: string): Promise<Record<string, Record<string, string>>> {
  const { body } = await registryManifest(repository, tag);
  const labels: Record<string, Record<string, string>> = {};
  for (const entry of body.manifests ?? []) {
    if (!entry.platform || entry.platform.os === 'unknown') continue;
    const image = await registryManifest(repository, entry.digest);
    const res = await fetch(registryUrl(`/v2/${repository}/blobs/${image.body.config!.digest}`), { headers: { Authorization: registryAuth() } });
    labels[`${entry.platform.os}/${entry.platform.architecture}`] =
      ((await res.json()) as { config?: { Labels?: Record<string, string> } }).config?.Labels ?? {};
  }
  return labels;
}

beforeAll(async () => {
  if (testbed().mode === 'offline' && ENGINE_HOST === '')
    throw new Error(
      'TESTBED_CACHE_DOCKER_HOST is empty: the offline test bed has no engine whose store holds multi-platform images; run bash scripts/testbed.sh up',
    );
  workspace = mkdtempSync(join(tmpdir(), 'rebuild-multi-'));
  app = writeApp(workspace, {
    'main.py': 'import platform\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return platform.machine()\n',
  });
  api = await startFakeGitHubApi('2026-12-01T10:00:00Z');
  dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-rebuild-multi-'));
  // Names a registry, so the CLI keeps the login in this file rather than a credential helper.
  writeFileSync(join(dockerConfig, 'config.json'), '{"auths":{"rebuild-e2e.invalid":{}}}\n');
  docker(['--config', dockerConfig, 'login', testbed().registry, '--username', testbed().user, '--password-stdin'], testbed().password);
  // The stand-in's index, both platforms, under this suite's own name in the registry.
  docker(['tag', standIn, baseRef]);
  docker(['--config', dockerConfig, 'push', baseRef]);
  docker(['image', 'rm', baseRef]);
}, 600_000);

afterAll(async () => {
  const rows = docker(['image', 'ls', '--format', '{{.ID}} {{.Tag}} {{.Repository}}', `${testbed().registry}/${repository}`]);
  for (const [id, tag, name] of rows
    .split('\n')
    .filter((row) => row !== '')
    .map((row) => row.split(' ')))
    execFileSync('docker', ['image', 'rm', '--no-prune', tag === '<none>' ? id! : `${name}:${tag}`], {
      stdio: 'ignore',
      env: { ...process.env, ...ENGINE_ENV },
    });
  rmSync(workspace, { recursive: true, force: true });
  rmSync(dockerConfig, { recursive: true, force: true });
  await api.close();
});

describe('rebuild: if-changed with platforms', () => {
  it('labels each platform with its own base digest, then skips the whole image when nothing changed', async () => {
    const first = await run('2026-12-01');
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs.rebuilt).toBe('true');
    const base = await registryManifest(baseRepository, baseRef.slice(baseRef.lastIndexOf(':') + 1));
    const baseDigests = Object.fromEntries(
      (base.body.manifests ?? [])
        .filter((entry) => entry.platform && entry.platform.os !== 'unknown')
        .map((entry) => [`${entry.platform!.os}/${entry.platform!.architecture}`, entry.digest]),
    );
    const labels = await platformLabels(versionTag);
    expect(Object.keys(labels).sort()).toEqual(PLATFORMS);
    for (const platform of PLATFORMS) expect(labels[platform]![fingerprintLabel('base')]).toBe(`${baseRef}@${baseDigests[platform]}`);
    expect(baseDigests['linux/amd64']).not.toBe(baseDigests['linux/arm64']);

    const before = await registryState();
    const second = await run('2026-12-02');
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs.rebuilt).toBe('false');
    expect(second.outputs.digest).toBe(before[versionTag]);
    expect(second.log).not.toMatch(/^\[command\]\S*docker (buildx build|build|push|run) /m);
    expect(await registryState()).toEqual(before);
  });
});
