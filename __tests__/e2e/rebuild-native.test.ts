/**
 * `rebuild: if-changed` with one platform per runner, end to end: two platform jobs (linux/amd64 on
 * the main engine, linux/arm64 under QEMU on the test bed's cache engine, as native-platforms.test.ts
 * runs them) and the merge, four times, each round a workflow run of its own. The first pushes and
 * tags; the second, a week later with nothing changed, builds nothing in either platform job and the
 * merge moves no tag (every tag at the same digest, no new dated tag); the third, after one app file
 * changed, rebuilds both and the merge moves the tags, after which the second run's hand-overs (which
 * said unchanged) are refused; the fourth, after the base image changed for amd64 only (as an
 * upstream rebuild of one platform does), rebuilds amd64 alone, and the merge joins the new amd64
 * image with the unchanged arm64 one. The base image is this suite's own index of the stand-in (both
 * platforms) in the registry, so each job can resolve its platform's base digest.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBaseImage } from '../../src/core/plan.js';
import type { Variant } from '../../src/core/versions.js';
import { E2E_IMAGES } from './image-harness.js';
import { MACHINE_APP } from './platform-apps.js';
import {
  runAction,
  startFakeGitHubApi,
  TEST_RUN_ID,
  testbedInputs,
  workflowEnv,
  writeApp,
  type ActionRun,
  type FakeGitHubApi,
} from './run-action.js';
import { e2eTarget, loadTestbedEnv, registryAuth, registryManifest, registryManifestDigest, registryTags, registryUrl, testbed } from './testbed.js';

const target = e2eTarget();
const suffix = target.variant === 'debian' ? '' : `-${target.variant}`;
const VERSION_TAG = `python${target.pythonVersion}${suffix}`;
const unique = Math.random().toString(36).slice(2, 8);
const repository = `${E2E_IMAGES}/rebuild-native-${unique}`;
const baseRepository = `${E2E_IMAGES}/rebuild-native-base-${unique}`;
/** The engine of the arm64 job: offline the cache engine (its store holds the arm64 stand-in), online the runner's own with QEMU. */
const ARM_ENGINE = loadTestbedEnv().values.TESTBED_CACHE_DOCKER_HOST ?? '';
const ARM_ENV: Record<string, string> = ARM_ENGINE !== '' ? { DOCKER_HOST: ARM_ENGINE } : {};
const MAIN_ENV: Record<string, string> = process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {};
const standIn = resolveBaseImage({ ...target, variant: target.variant as Variant, baseImage: testbed().basePrefix });
const baseRef = `${testbed().registry}/${baseRepository}:${VERSION_TAG.replace(/^python/, '')}`;
const image = `${testbed().registry}/${repository}`;

let api: FakeGitHubApi;
let workspace: string;
let app: string;
let dockerConfig: string;

/** One workflow run: both platform jobs at once, as a matrix runs them, then the merge of their hand-overs. */
interface Round {
  amd64: ActionRun;
  arm64: ActionRun;
  merge: ActionRun;
  /** The registry's tags and their digests before the merge and after it. */
  before: Record<string, string>;
  after: Record<string, string>;
}

function docker(args: string[], env: Record<string, string>, input?: string): string {
  return execFileSync('docker', args, { encoding: 'utf8', input, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

function common(date: string): Record<string, string> {
  return {
    'python-version': target.pythonVersion,
    variant: target.variant,
    'github-token': 'fake',
    image,
    push: 'true',
    username: testbed().user,
    password: testbed().password,
    date,
  };
}

async function round(number: number, date: string): Promise<Round> {
  const name = `round-${number}`;
  // Each round is a workflow run of its own: an unchanged platform's test record is from an earlier one.
  const env = { ...workflowEnv(api), GITHUB_RUN_ID: `${TEST_RUN_ID}${number}` };
  const job = (platforms: string, jobEnv: Record<string, string>, out: string) =>
    runAction(
      {
        ...common(date),
        ...testbedInputs(),
        'base-image': baseRef,
        app,
        mode: 'platform',
        platforms,
        rebuild: 'if-changed',
        handover: join(workspace, name, out),
        'probe-body': '^(x86_64|aarch64)$',
      },
      { workspace, env: { ...env, GITHUB_JOB: `image-${out}`, ...jobEnv } },
    );
  const [amd64, arm64] = await Promise.all([job('', {}, 'amd64'), job('linux/arm64', ARM_ENV, 'arm64')]);
  const before = await registryState();
  // As actions/download-artifact lays them out: each job's file in a folder of its own.
  const downloads = join(workspace, name, 'downloads');
  for (const run of [amd64, arm64]) {
    const file = run.outputs['handover-file'];
    if (!file) continue;
    const folder = join(downloads, `handover-${run.outputs.platform!.split('/')[1]!}`);
    mkdirSync(folder, { recursive: true });
    cpSync(file, join(folder, 'handover.json'));
  }
  const merge = await runAction(
    { ...common(date), mode: 'merge', platforms: 'linux/amd64,linux/arm64', handover: downloads },
    { workspace, env: { ...env, GITHUB_JOB: 'merge' } },
  );
  return { amd64, arm64, merge, before, after: await registryState() };
}

/** Every tag but the referrers fallback tags (sha256-HEX), with the digest it holds. */
async function registryState(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const tag of await registryTags(repository).catch(() => [] as string[]))
    if (!tag.startsWith('sha256-')) state[tag] = (await registryManifestDigest(repository, tag)) ?? '';
  return state;
}

/** Each platform's image digest in the index a tag holds. */
async function indexMembers(tag: string): Promise<Record<string, string>> {
  const { body } = await registryManifest(repository, tag);
  return Object.fromEntries((body.manifests ?? []).map((entry) => [`${entry.platform!.os}/${entry.platform!.architecture}`, entry.digest]));
}

function handover(run: ActionRun): Record<string, unknown> {
  return JSON.parse(readFileSync(run.outputs['handover-file']!, 'utf8')) as Record<string, unknown>;
}

/**
 * Gives the base index a new amd64 image (the stand-in with one more label), keeping its arm64 one:
 * what an upstream rebuild of one platform does. Returns the new amd64 digest.
 */
async function rebuildBaseForAmd64(): Promise<string> {
  const tag = `${VERSION_TAG.replace(/^python/, '')}`;
  const amd64Ref = `${testbed().registry}/${baseRepository}:amd64-two`;
  const context = mkdtempSync(join(tmpdir(), 'rebuild-native-base-'));
  try {
    writeFileSync(join(context, 'Dockerfile'), `FROM ${standIn}\nLABEL rebuild-e2e.marker=two\n`);
    docker(['buildx', 'build', '--builder', 'default', '--load', '--tag', amd64Ref, context], MAIN_ENV);
    docker(['--config', dockerConfig, 'push', amd64Ref], MAIN_ENV);
  } finally {
    docker(['image', 'rm', amd64Ref], MAIN_ENV);
    rmSync(context, { recursive: true, force: true });
  }
  const fetched = await fetch(registryUrl(`/v2/${baseRepository}/manifests/amd64-two`), {
    headers: {
      Authorization: registryAuth(),
      Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  const bytes = Buffer.from(await fetched.arrayBuffer());
  const amd64 = { mediaType: fetched.headers.get('content-type')!, digest: fetched.headers.get('docker-content-digest')!, size: bytes.length };
  const { body } = await registryManifest(baseRepository, tag);
  const manifests = body.manifests!.map((entry) =>
    entry.platform?.architecture === 'amd64' ? { ...amd64, platform: { os: 'linux', architecture: 'amd64' } } : entry,
  );
  const put = await fetch(registryUrl(`/v2/${baseRepository}/manifests/${tag}`), {
    method: 'PUT',
    headers: { Authorization: registryAuth(), 'Content-Type': body.mediaType },
    body: JSON.stringify({ ...body, manifests }),
  });
  if (!put.ok) throw new Error(`PUT the base index: HTTP ${put.status} ${await put.text()}`);
  return amd64.digest;
}

const BUILT = /^\[command\]\S*docker (buildx build|build|push|run) /m;

let first: Round;
let second: Round;
let third: Round;

beforeAll(async () => {
  const platforms = (loadTestbedEnv().values.TESTBED_PLATFORMS ?? '').split(',');
  if (!platforms.includes('linux/arm64'))
    throw new Error(`the test bed builds for ${platforms.join(', ') || 'no platform list'}, not linux/arm64; run bash scripts/testbed.sh up`);
  if (testbed().mode === 'offline' && ARM_ENGINE === '')
    throw new Error(
      'TESTBED_CACHE_DOCKER_HOST is empty: the offline test bed has no engine that holds the arm64 stand-in; run bash scripts/testbed.sh up',
    );
  api = await startFakeGitHubApi('2026-12-01T04:17:00Z');
  workspace = mkdtempSync(join(tmpdir(), 'rebuild-native-'));
  app = writeApp(workspace, { 'main.py': MACHINE_APP });
  dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-rebuild-native-'));
  // Names a registry, so the CLI keeps the login in this file rather than a credential helper.
  writeFileSync(join(dockerConfig, 'config.json'), '{"auths":{"rebuild-e2e.invalid":{}}}\n');
  // The stand-in's index, both platforms, under this suite's own name in the registry (from the engine that holds both).
  docker(['--config', dockerConfig, 'login', testbed().registry, '--username', testbed().user, '--password-stdin'], ARM_ENV, testbed().password);
  docker(['tag', standIn, baseRef], ARM_ENV);
  docker(['--config', dockerConfig, 'push', baseRef], ARM_ENV);
  docker(['image', 'rm', baseRef], ARM_ENV);
  first = await round(1, '2026-12-01');
}, 2_400_000);

afterAll(async () => {
  // What the runs left on each engine under this suite's names: the local tags of pushed images, the pulled base.
  for (const env of [MAIN_ENV, ARM_ENV]) {
    const rows = docker(['image', 'ls', '--format', '{{.ID}} {{.Tag}} {{.Repository}}'], env)
      .split('\n')
      .map((row) => row.split(' '))
      .filter(([, , name]) => name === image || name === `${testbed().registry}/${baseRepository}`);
    for (const [id, tag, name] of rows)
      execFileSync('docker', ['image', 'rm', '--no-prune', tag === '<none>' ? id! : `${name}:${tag}`], {
        stdio: 'ignore',
        env: { ...process.env, ...env },
      });
  }
  await api?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
});

describe('rebuild: if-changed, one platform per runner', () => {
  it('first run: each platform job builds (the tag is not in the registry yet), and the merge tags the index', async () => {
    for (const run of [first.amd64, first.arm64]) {
      expect(run.exitCode, run.log).toBe(0);
      expect(run.outputs.rebuilt).toBe('true');
      expect(run.outputs['rebuild-reasons']).toBe(`${image}:${VERSION_TAG} is not in the registry`);
      expect(handover(run).unchanged).toBeUndefined();
    }
    expect(first.merge.exitCode, first.merge.log).toBe(0);
    expect(first.merge.outputs.rebuilt).toBe('true');
    expect(Object.keys(first.after).sort()).toEqual([`${VERSION_TAG}-2026-12-01`, VERSION_TAG, 'latest'].sort());
    expect(await indexMembers(VERSION_TAG)).toEqual({ 'linux/amd64': first.amd64.outputs.digest, 'linux/arm64': first.arm64.outputs.digest });
  });

  it('a week later, nothing changed: neither platform job builds, and the merge moves no tag', async () => {
    second = await round(2, '2026-12-08');
    const index = first.after[VERSION_TAG]!;
    for (const [run, platform, built] of [
      [second.amd64, 'linux/amd64', first.amd64],
      [second.arm64, 'linux/arm64', first.arm64],
    ] as const) {
      expect(run.exitCode, run.log).toBe(0);
      expect(run.outputs.rebuilt).toBe('false');
      expect(run.outputs['rebuild-reasons']).toBe('');
      expect(run.log).not.toMatch(BUILT);
      // The hand-over names the image the index already holds for this platform, and says it is unchanged.
      expect(run.outputs.digest).toBe(built.outputs.digest);
      expect(run.outputs.platform).toBe(platform);
      expect(handover(run)).toMatchObject({ platform, digest: built.outputs.digest, unchanged: true, date: '2026-12-08' });
      const notice = run.commands.find((command) => command.name === 'notice' && command.data.startsWith('Not rebuilt:'));
      expect(notice?.data).toContain(`${platform} of ${image}:${VERSION_TAG} (${index}), ${built.outputs.digest}`);
    }
    // Nothing was pushed by the platform jobs either: the registry is as the first merge left it.
    expect(second.before).toEqual(first.after);
    expect(second.merge.exitCode, second.merge.log).toBe(0);
    expect(second.merge.outputs.rebuilt).toBe('false');
    expect(second.merge.outputs.digest).toBe(index);
    expect(second.merge.outputs.tags).toBe(`${image}:${VERSION_TAG}`);
    const notice = second.merge.commands.find((command) => command.name === 'notice' && command.data.startsWith('Not merged:'));
    expect(notice?.data).toContain(`${image}:${VERSION_TAG} (${index}) already names exactly those images`);
    expect(second.merge.summary).toContain('unchanged, not merged');
    expect(second.after).toEqual(first.after);
    expect(second.after[`${VERSION_TAG}-2026-12-08`]).toBeUndefined();
  }, 900_000);

  it('one app file changed: both platform jobs rebuild and say why, and the merge moves every tag', async () => {
    writeFileSync(join(workspace, app, 'main.py'), `${MACHINE_APP}\n# changed\n`);
    third = await round(3, '2026-12-08');
    for (const [run, built] of [
      [third.amd64, first.amd64],
      [third.arm64, first.arm64],
    ] as const) {
      expect(run.exitCode, run.log).toBe(0);
      expect(run.outputs.rebuilt).toBe('true');
      expect(run.outputs['rebuild-reasons']).toMatch(/^the app folder \(app\): sha256:[a-f0-9]{12} → sha256:[a-f0-9]{12}$/);
      expect(run.outputs.digest).not.toBe(built.outputs.digest);
      expect(handover(run).unchanged).toBeUndefined();
    }
    expect(third.merge.exitCode, third.merge.log).toBe(0);
    expect(third.merge.outputs.rebuilt).toBe('true');
    expect(Object.keys(third.after).sort()).toEqual([`${VERSION_TAG}-2026-12-01`, `${VERSION_TAG}-2026-12-08`, VERSION_TAG, 'latest'].sort());
    for (const tag of [`${VERSION_TAG}-2026-12-08`, VERSION_TAG, 'latest']) expect(third.after[tag], tag).toBe(third.merge.outputs.digest);
    expect(third.after[`${VERSION_TAG}-2026-12-01`]).toBe(first.after[VERSION_TAG]);
    expect(await indexMembers(VERSION_TAG)).toEqual({ 'linux/amd64': third.amd64.outputs.digest, 'linux/arm64': third.arm64.outputs.digest });
  }, 1_800_000);

  it("refuses a stale hand-over: an unchanged platform's image the version tag no longer names, and moves no tag", async () => {
    // The second run's hand-overs said unchanged; the third run's merge has moved the tag since.
    const stale = await runAction(
      { ...common('2026-12-08'), mode: 'merge', platforms: 'linux/amd64,linux/arm64', handover: join(workspace, 'round-2', 'downloads') },
      { workspace, env: { ...workflowEnv(api), GITHUB_JOB: 'merge' } },
    );
    expect(stale.exitCode).not.toBe(0);
    expect(stale.log).toContain(
      `says linux/arm64 is unchanged at ${first.arm64.outputs.digest}, but ${image}:${VERSION_TAG} now names ${third.arm64.outputs.digest} for it`,
    );
    expect(stale.log).toContain('re-run the platform jobs with rebuild: always');
    expect(await registryState()).toEqual(third.after);
  });

  it('the base image changed for amd64 only: amd64 rebuilds, arm64 does not, and the merge joins the new image with the unchanged one', async () => {
    const newBase = await rebuildBaseForAmd64();
    const fourth = await round(4, '2026-12-15');
    expect(fourth.amd64.exitCode, fourth.amd64.log).toBe(0);
    expect(fourth.amd64.outputs.rebuilt).toBe('true');
    expect(fourth.amd64.outputs['rebuild-reasons']).toContain(`the base image (base): ${baseRef}@sha256:`);
    expect(fourth.amd64.outputs['rebuild-reasons']).toContain(`→ ${baseRef}@${newBase.slice(0, 19)}`);
    expect(fourth.arm64.exitCode, fourth.arm64.log).toBe(0);
    expect(fourth.arm64.outputs.rebuilt).toBe('false');
    expect(fourth.arm64.log).not.toMatch(BUILT);
    expect(handover(fourth.arm64)).toMatchObject({ digest: third.arm64.outputs.digest, unchanged: true });
    expect(fourth.merge.exitCode, fourth.merge.log).toBe(0);
    expect(fourth.merge.outputs.rebuilt).toBe('true');
    expect(await indexMembers(VERSION_TAG)).toEqual({ 'linux/amd64': fourth.amd64.outputs.digest, 'linux/arm64': third.arm64.outputs.digest });
    for (const tag of [`${VERSION_TAG}-2026-12-15`, VERSION_TAG, 'latest']) expect(fourth.after[tag], tag).toBe(fourth.merge.outputs.digest);
    expect(fourth.after[`${VERSION_TAG}-2026-12-08`]).toBe(third.merge.outputs.digest);
    // The summary says which platform was carried over, and from which run.
    expect(fourth.merge.summary).toContain(`${third.arm64.outputs.digest}, unchanged, tested by job image-arm64`);
  }, 1_800_000);
});
