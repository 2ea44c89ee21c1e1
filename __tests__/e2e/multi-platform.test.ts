/**
 * Multi-platform images end to end: one run of the action builds the app for linux/amd64
 * and linux/arm64, smoke-tests each (arm64 under QEMU), and only then pushes: each platform's image
 * under its platform tag, and one index over them under every tag. The registry's index is read
 * back and checked against the images the action tested. A second app, broken on arm64 only, must
 * push nothing for either platform and name arm64 as what failed.
 *
 * Offline, the builds run on the test bed's cache engine, whose containerd image store holds the
 * stand-in base image for both platforms (testbed.sh section 3c; QEMU from Debian). Online, on the
 * runner's engine with QEMU registered by the workflow, from the real base images.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM64_BROKEN_APP, MACHINE_APP } from './platform-apps.js';
import { runAction, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, loadTestbedEnv, registryManifest, registryTags, testbed, type RegistryManifest } from './testbed.js';

const target = e2eTarget();
const SUFFIX = Math.random().toString(36).slice(2, 8);
const REPOSITORY = `multi-e2e/web-${SUFFIX}`;
const BROKEN_REPOSITORY = `multi-e2e/broken-${SUFFIX}`;
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
/** The engine the builds run on: the cache engine offline (its store holds multi-platform images), the runner's own online. */
const ENGINE_HOST = loadTestbedEnv().values.TESTBED_CACHE_DOCKER_HOST ?? '';
const ENGINE_ENV: Record<string, string> = ENGINE_HOST !== '' ? { DOCKER_HOST: ENGINE_HOST } : {};

/** The tags every run gets, dated first: python3.11-2026-11-30, python3.11, latest (with the variant's suffix). */
const suffix = target.variant === 'debian' ? '' : `-${target.variant}`;
const TAGS = [`python${target.pythonVersion}${suffix}-2026-11-30`, `python${target.pythonVersion}${suffix}`, 'latest'];

let api: FakeGitHubApi;
let workspace: string;
let run: ActionRun;
let broken: ActionRun;

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...ENGINE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function action(app: string, image: string): Promise<ActionRun> {
  return runAction(
    {
      'python-version': target.pythonVersion,
      variant: target.variant,
      'github-token': 'fake',
      date: '2026-11-30',
      app,
      image: `${testbed().registry}/${image}`,
      push: 'true',
      username: testbed().user,
      password: testbed().password,
      platforms: PLATFORMS.join(','),
      'probe-body': '^(x86_64|aarch64)$',
      ...testbedInputs(),
    },
    { workspace, env: { ...workflowEnv(api), ...ENGINE_ENV } },
  );
}

/** The platforms an index names (attestation entries, platform unknown/unknown, left out). */
function indexPlatforms(index: RegistryManifest): string[] {
  return (index.manifests ?? [])
    .map((entry) => entry.platform)
    .filter((platform) => platform !== undefined && platform.os !== 'unknown')
    .map((platform) => `${platform!.os}/${platform!.architecture}${platform!.variant ? `/${platform!.variant}` : ''}`)
    .sort();
}

/** The image config digest of one platform's image, through its index when it has one. */
async function configDigest(repo: string, reference: string, platform: string): Promise<string> {
  const { body } = await registryManifest(repo, reference);
  if (body.config) return body.config.digest;
  const entry = body.manifests?.find((m) => m.platform && `${m.platform.os}/${m.platform.architecture}` === platform);
  if (!entry) throw new Error(`${repo}:${reference} has no ${platform} image`);
  return (await registryManifest(repo, entry.digest)).body.config!.digest;
}

beforeAll(async () => {
  const platforms = (loadTestbedEnv().values.TESTBED_PLATFORMS ?? '').split(',');
  if (!PLATFORMS.every((platform) => platforms.includes(platform)))
    throw new Error(
      `the test bed builds for ${platforms.join(', ') || 'no platform list'}, not ${PLATFORMS.join(' and ')}; run bash scripts/testbed.sh up`,
    );
  if (testbed().mode === 'offline' && ENGINE_HOST === '')
    throw new Error(
      'TESTBED_CACHE_DOCKER_HOST is empty: the offline test bed has no engine whose store holds multi-platform images; run bash scripts/testbed.sh up',
    );
  api = await startFakeGitHubApi('2026-11-30T08:00:00Z');
  workspace = mkdtempSync(join(tmpdir(), 'multi-platform-'));
  const app = writeApp(workspace, { 'main.py': MACHINE_APP });
  const brokenApp = join('broken', writeApp(join(workspace, 'broken'), { 'main.py': ARM64_BROKEN_APP }));
  run = await action(app, REPOSITORY);
  broken = await action(brokenApp, BROKEN_REPOSITORY);
}, 1_800_000);

afterAll(async () => {
  for (const tag of [...(run?.outputs.tags?.split('\n') ?? [])].filter(Boolean)) {
    try {
      docker(['image', 'rm', tag]);
    } catch {
      // Only the platform tags are local; the index tags live in the registry only.
    }
  }
  await api?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('a two-platform image', () => {
  it('passes, having built and smoke-tested each platform, arm64 under emulation', () => {
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(/Build the base image from \S+ for linux\/amd64\n/);
    expect(run.log).toMatch(/Build the base image from \S+ for linux\/arm64 \(emulated\)/);
    expect(run.log).toMatch(/answered 200 after [\d.]+ s\.\n/);
    expect(run.log).toMatch(/answered 200 after [\d.]+ s \(emulated\)\./);
    expect(run.summary).toMatch(/Platform linux\/arm64.*emulated \(probe timeout 180 s\)/);
  });

  it('is one index in the registry over both platforms, under every tag, with the digest the action gave', async () => {
    expect(await registryTags(REPOSITORY)).toEqual([...TAGS, `${TAGS[0]}-amd64`, `${TAGS[0]}-arm64`].sort());
    for (const tag of TAGS) {
      const index = await registryManifest(REPOSITORY, tag);
      expect(index.digest, tag).toBe(run.outputs.digest);
      expect(index.body.mediaType, tag).toMatch(/index|manifest\.list/);
      expect(indexPlatforms(index.body), tag).toEqual(PLATFORMS);
    }
    // The tags output: each platform's image, then the index's tags, latest last.
    expect(run.outputs.tags!.split('\n')).toEqual(
      [`${TAGS[0]}-amd64`, `${TAGS[0]}-arm64`, ...TAGS].map((tag) => `${testbed().registry}/${REPOSITORY}:${tag}`),
    );
  });

  it('holds, for each platform, the very image the action tested', async () => {
    const tested = Object.fromEntries(run.outputs['platform-image-ids']!.split('\n').map((line) => line.split('=') as [string, string]));
    expect(Object.keys(tested).sort()).toEqual(PLATFORMS);
    for (const platform of PLATFORMS) {
      const tag = `${TAGS[0]}-${platform.split('/')[1]}`;
      const pushed = await registryManifest(REPOSITORY, tag);
      // The engine names a tested image by its config digest (classic store) or its manifest digest
      // (containerd store): either way it must be what the registry holds, not a second build.
      expect([pushed.digest, await configDigest(REPOSITORY, tag, platform)], platform).toContain(tested[platform]);
    }
  });

  it('runs Meinheld on arm64: the pushed arm64 image is an aarch64 Python with Meinheld and greenlet built for it', () => {
    const out = docker([
      'run',
      '--rm',
      '--pull',
      'never',
      '--platform',
      'linux/arm64',
      '--network',
      'host',
      '--entrypoint',
      'python',
      `${testbed().registry}/${REPOSITORY}:${TAGS[0]}-arm64`,
      '-c',
      'import platform, meinheld, greenlet; from meinheld import server; print(platform.machine(), greenlet.__version__)',
    ]).trim();
    expect(out).toMatch(/^aarch64 \d+\.\d+/);
  });
});

describe('a platform that fails', () => {
  it('fails the run, naming the platform and why, and pushes nothing for any platform', async () => {
    expect(broken.exitCode).not.toBe(0);
    expect(broken.log).toMatch(/linux\/arm64: The app container exited with code \d+/);
    expect(broken.log).toContain('this app does not support arm64');
    expect(broken.summary).toMatch(/smoke test for linux\/arm64/);
    expect(await registryTags(BROKEN_REPOSITORY)).toEqual([]);
  });
});
