/**
 * One platform per runner, end to end: two platform jobs (mode: platform), each its own process of
 * the bundled action as a runner starts it, one for linux/amd64 natively on the main engine and one
 * for linux/arm64 under QEMU on the test bed's cache engine (standing in for an arm runner), each
 * build, smoke-test and push its image by digest to the test bed's registry with a test record
 * beside it; then the merge (mode: merge) points the tags at one index. The registry's index is read
 * back and checked against the two tested images. Before that, the merge must refuse, and move no
 * tag, when a platform job failed, when a platform is handed over twice, when a digest is swapped
 * for an image pushed by hand, and when the images come from another workflow run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM64_BROKEN_APP, MACHINE_APP } from './platform-apps.js';
import { runAction, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, loadTestbedEnv, registryAuth, registryManifest, registryTags, registryUrl, testbed } from './testbed.js';

const target = e2eTarget();
const SUFFIX = Math.random().toString(36).slice(2, 8);
const REPOSITORY = `native-e2e/web-${SUFFIX}`;
/** The engine of the arm64 job: offline the cache engine (its store holds the arm64 stand-in), online the runner's own with QEMU. */
const ARM_ENGINE = loadTestbedEnv().values.TESTBED_CACHE_DOCKER_HOST ?? '';
const ARM_ENV: Record<string, string> = ARM_ENGINE !== '' ? { DOCKER_HOST: ARM_ENGINE } : {};
const MAIN_ENGINE: Record<string, string> = process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {};

const suffix = target.variant === 'debian' ? '' : `-${target.variant}`;
const BASE = `python${target.pythonVersion}${suffix}`;
/** The run was created 2026-11-30 (the fake API says so): every job's dated tag takes that day, whatever day it runs. */
const DATE = '2026-11-30';
/** The merge's tags with immutable-tag, latest: false and tags: edge, in push order. */
const RELEASE_TAGS = [`${BASE}-${DATE}-run17.1`, `${BASE}-${DATE}`, BASE, 'edge'];

let api: FakeGitHubApi;
let workspace: string;
let app: string;
let amd64: ActionRun;
let arm64: ActionRun;
let brokenArm64: ActionRun;

function docker(args: string[], env: Record<string, string> = MAIN_ENGINE, input?: string): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(input !== undefined ? { input } : {}),
  });
}

function common(): Record<string, string> {
  return {
    'python-version': target.pythonVersion,
    variant: target.variant,
    'github-token': 'fake',
    image: `${testbed().registry}/${REPOSITORY}`,
    push: 'true',
    username: testbed().user,
    password: testbed().password,
  };
}

/** One platform job, as its own runner would run it; its hand-over file goes to `out`. */
function platformJob(appDir: string, out: string, platforms: string, env: Record<string, string>, job: string): Promise<ActionRun> {
  return runAction(
    { ...common(), ...testbedInputs(), app: appDir, mode: 'platform', platforms, handover: join(workspace, out), 'probe-body': '^(x86_64|aarch64)$' },
    { workspace, env: { ...workflowEnv(api), GITHUB_JOB: job, ...env } },
  );
}

/** The merge job; `handover` is the folder it reads, as actions/download-artifact wrote it. */
function merge(handover: string, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    { ...common(), mode: 'merge', platforms: 'linux/amd64,linux/arm64', handover, 'immutable-tag': 'true', latest: 'false', tags: 'edge' },
    { workspace, env: { ...workflowEnv(api), GITHUB_JOB: 'merge', ...env } },
  );
}

/** A download-artifact folder: each job's files in a subfolder of its own (files: name → source path). */
function downloaded(name: string, files: Record<string, string>): string {
  const folder = join(workspace, 'downloads', name);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(join(folder, file, '..'), { recursive: true });
    cpSync(source, join(folder, file));
  }
  return folder;
}

/** Tags of the repository a merge could have moved: all but the referrers fallback tags (sha256-HEX) and the hand-made one. */
async function releaseTags(): Promise<string[]> {
  return (await registryTags(REPOSITORY)).filter((tag) => !tag.startsWith('sha256-') && tag !== 'handmade');
}

/** The config blob of an image in the registry. */
async function registryConfig(
  digest: string,
): Promise<{ digest: string; body: { architecture: string; config: { Labels: Record<string, string> } } }> {
  const { body } = await registryManifest(REPOSITORY, digest);
  const response = await fetch(registryUrl(`/v2/${REPOSITORY}/blobs/${body.config!.digest}`), { headers: { Authorization: registryAuth() } });
  return { digest: body.config!.digest, body: (await response.json()) as never };
}

beforeAll(async () => {
  const platforms = (loadTestbedEnv().values.TESTBED_PLATFORMS ?? '').split(',');
  if (!platforms.includes('linux/arm64'))
    throw new Error(`the test bed builds for ${platforms.join(', ') || 'no platform list'}, not linux/arm64; run bash scripts/testbed.sh up`);
  if (testbed().mode === 'offline' && ARM_ENGINE === '')
    throw new Error(
      'TESTBED_CACHE_DOCKER_HOST is empty: the offline test bed has no engine that holds the arm64 stand-in; run bash scripts/testbed.sh up',
    );
  api = await startFakeGitHubApi(`${DATE}T23:59:00Z`);
  workspace = mkdtempSync(join(tmpdir(), 'native-platforms-'));
  app = writeApp(workspace, { 'main.py': MACHINE_APP });
  const broken = writeApp(workspace, { 'main.py': ARM64_BROKEN_APP });
  // Two runners at once, as a matrix runs them; a third job, broken on arm64, fails beside them.
  [amd64, arm64, brokenArm64] = await Promise.all([
    platformJob(app, 'out-amd64', '', {}, 'image (ubuntu-24.04)'),
    platformJob(app, 'out-arm64', 'linux/arm64', ARM_ENV, 'image (ubuntu-24.04-arm)'),
    platformJob(broken, 'out-broken', 'linux/arm64', ARM_ENV, 'image (broken)'),
  ]);
}, 1_800_000);

afterAll(async () => {
  await api?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('a platform job', () => {
  it('builds, smoke-tests and pushes its own platform by digest, moving no tag, and writes its hand-over file', async () => {
    expect(amd64.exitCode, amd64.log).toBe(0);
    expect(arm64.exitCode, arm64.log).toBe(0);
    expect(arm64.log).toMatch(/answered 200 after [\d.]+ s \(emulated\)\./);
    expect([amd64.outputs.platform, arm64.outputs.platform]).toEqual(['linux/amd64', 'linux/arm64']);
    for (const run of [amd64, arm64]) {
      expect(run.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(run.outputs.tags).toBe(`${testbed().registry}/${REPOSITORY}@${run.outputs.digest}`);
      const handover = JSON.parse(readFileSync(run.outputs['handover-file']!, 'utf8')) as Record<string, string>;
      expect(handover).toMatchObject({ platform: run.outputs.platform, digest: run.outputs.digest, date: DATE });
    }
    // Only the referrers fallback tags: the registry has no referrers API, so the test records are listed there.
    expect(await releaseTags()).toEqual([]);
    expect((await registryTags(REPOSITORY)).sort()).toEqual([amd64, arm64].map((run) => run.outputs.digest!.replace(':', '-')).sort());
  });

  it('pushes the very image it tested: the registry holds its config, and it serves from its platform', async () => {
    // The main engine keeps images in the classic store, whose image ID is the config digest.
    expect((await registryConfig(amd64.outputs.digest!)).digest).toBe(amd64.outputs['image-id']);
    const arm = await registryConfig(arm64.outputs.digest!);
    expect(arm.body.architecture).toBe('arm64');
    expect(arm64.log).toContain(`config ${arm.digest}`);
    expect(arm.body.config.Labels['flask-gunicorn-action.python-version']).toBe(target.pythonVersion);
  });

  it('that fails its smoke test pushes nothing and hands nothing over', () => {
    expect(brokenArm64.exitCode).not.toBe(0);
    expect(brokenArm64.log).toContain('this app does not support arm64');
    expect(brokenArm64.outputs['handover-file'] ?? '').toBe('');
    expect(brokenArm64.outputs.digest ?? '').toBe('');
  });
});

describe('the merge refuses, says why, and moves no tag', () => {
  it('when a platform job failed (or never ran): its platform is missing', async () => {
    const run = await merge(downloaded('missing', { 'handover-amd64/amd64.json': amd64.outputs['handover-file']! }));
    expect(run.exitCode).not.toBe(0);
    expect(run.log).toContain('linux/arm64: no platform job handed over an image for it');
    expect(run.summary).toContain('merge failed');
    expect(await releaseTags()).toEqual([]);
  });

  it('when a platform is handed over twice', async () => {
    const run = await merge(
      downloaded('duplicate', {
        'handover-amd64/amd64.json': amd64.outputs['handover-file']!,
        'handover-amd64-again/amd64.json': amd64.outputs['handover-file']!,
        'handover-arm64/arm64.json': arm64.outputs['handover-file']!,
      }),
    );
    expect(run.exitCode).not.toBe(0);
    expect(run.log).toMatch(/sha256:[a-f0-9]{64} was handed over more than once/);
    expect(await releaseTags()).toEqual([]);
  });

  it('when a digest is swapped for an image pushed by hand, which no platform job tested', async () => {
    // The tested amd64 image with one more label, pushed by hand: it carries the action's labels, but no test record.
    const config = mkdtempSync(join(tmpdir(), 'native-platforms-docker-'));
    const handmade = `${testbed().registry}/${REPOSITORY}:handmade`;
    try {
      docker(
        ['login', '--username', testbed().user, '--password-stdin', testbed().registry],
        { ...MAIN_ENGINE, DOCKER_CONFIG: config },
        testbed().password,
      );
      docker(['pull', `${testbed().registry}/${REPOSITORY}@${amd64.outputs.digest}`], { ...MAIN_ENGINE, DOCKER_CONFIG: config });
      const context = join(config, 'context');
      mkdirSync(context);
      writeFileSync(join(context, 'Dockerfile'), `FROM ${testbed().registry}/${REPOSITORY}@${amd64.outputs.digest}\nLABEL handmade=yes\n`);
      docker(['build', '--tag', handmade, context], { ...MAIN_ENGINE, DOCKER_BUILDKIT: '0' });
      docker(['push', handmade], { ...MAIN_ENGINE, DOCKER_CONFIG: config });
    } finally {
      docker(['image', 'rm', handmade, `${testbed().registry}/${REPOSITORY}@${amd64.outputs.digest}`]);
      rmSync(config, { recursive: true, force: true });
    }
    const swappedDigest = (await registryManifest(REPOSITORY, 'handmade')).digest;
    const swapped = join(workspace, 'swapped-amd64.json');
    const handover = JSON.parse(readFileSync(amd64.outputs['handover-file']!, 'utf8')) as Record<string, string>;
    writeFileSync(swapped, JSON.stringify({ ...handover, digest: swappedDigest }));
    const run = await merge(
      downloaded('swapped', { 'handover-amd64/amd64.json': swapped, 'handover-arm64/arm64.json': arm64.outputs['handover-file']! }),
    );
    expect(run.exitCode).not.toBe(0);
    expect(run.log).toContain(`${swappedDigest} (linux/amd64) has no passing test record`);
    expect(await releaseTags()).toEqual([]);
  });

  it('when the images were tested in another workflow run', async () => {
    const both = downloaded('both', {
      'handover-amd64/amd64.json': amd64.outputs['handover-file']!,
      'handover-arm64/arm64.json': arm64.outputs['handover-file']!,
    });
    const run = await merge(both, { GITHUB_RUN_ID: '99' });
    expect(run.exitCode).not.toBe(0);
    expect(run.log).toMatch(/was tested in another workflow run \(\d+\), not this one \(99\)/);
    expect(await releaseTags()).toEqual([]);
  });
});

describe('the merge of the two tested images', () => {
  let merged: ActionRun;
  let again: ActionRun;
  beforeAll(async () => {
    const both = join(workspace, 'downloads', 'both');
    merged = await merge(both);
    again = await merge(both);
  }, 300_000);

  it('points every tag at one index over exactly the two tested images, dated tags first, no latest', async () => {
    expect(merged.exitCode, merged.log).toBe(0);
    expect(merged.outputs.tags!.split('\n')).toEqual(RELEASE_TAGS.map((tag) => `${testbed().registry}/${REPOSITORY}:${tag}`));
    expect((await releaseTags()).sort()).toEqual([...RELEASE_TAGS].sort());
    for (const tag of RELEASE_TAGS) {
      const index = await registryManifest(REPOSITORY, tag);
      expect(index.digest, tag).toBe(merged.outputs.digest);
      expect(index.body.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(index.body.manifests!.map((entry) => [`${entry.platform!.os}/${entry.platform!.architecture}`, entry.digest])).toEqual([
        ['linux/amd64', amd64.outputs.digest],
        ['linux/arm64', arm64.outputs.digest],
      ]);
    }
    expect(merged.outputs['platform-digests']).toBe(`linux/amd64=${amd64.outputs.digest}\nlinux/arm64=${arm64.outputs.digest}`);
    expect(merged.summary).toContain(`Platform linux/arm64`);
    expect(merged.summary).toContain('image (ubuntu-24.04-arm)');
  });

  it('is idempotent: a retried merge writes the same index under the same tags', async () => {
    expect(again.exitCode, again.log).toBe(0);
    expect(again.outputs.digest).toBe(merged.outputs.digest);
    expect((await releaseTags()).sort()).toEqual([...RELEASE_TAGS].sort());
  });

  it('serves the app from each platform of the index: the arm64 image answers on aarch64', () => {
    const reference = `${testbed().registry}/${REPOSITORY}:${RELEASE_TAGS[1]}`;
    const config = mkdtempSync(join(tmpdir(), 'native-platforms-docker-'));
    try {
      docker(
        ['login', '--username', testbed().user, '--password-stdin', testbed().registry],
        { ...ARM_ENV, DOCKER_CONFIG: config },
        testbed().password,
      );
      docker(['pull', '--platform', 'linux/arm64', reference], { ...ARM_ENV, DOCKER_CONFIG: config });
      const out = docker(
        [
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
          reference,
          '-c',
          'import platform, meinheld; print(platform.machine())',
        ],
        ARM_ENV,
      ).trim();
      expect(out).toBe('aarch64');
    } finally {
      docker(['image', 'rm', reference], ARM_ENV);
      rmSync(config, { recursive: true, force: true });
    }
  });
});
