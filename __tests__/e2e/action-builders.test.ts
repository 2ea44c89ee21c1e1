/**
 * Which builder ran. The rest of the e2e suite builds through buildx (the test bed installs it, as
 * GitHub runners have it); here the classic builder does a whole build → probe → push, and an engine
 * whose docker CLI has no buildx plugin falls back to it, or fails when buildx was required.
 * Real engine, real registry, real HTTP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  type ActionRun,
  type FakeGitHubApi,
} from './run-action.js';
import { e2eTarget, registryManifestDigest, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
const DATE = '2026-11-21';
const versionTag = `python${target.pythonVersion}${target.variant === 'debian' ? '' : `-${target.variant}`}`;
/** How each builder's own output starts a step: BuildKit numbers its steps, the classic builder counts them. */
const BUILDKIT_STEP = /^#\d+ \[internal\] load build definition/m;
const CLASSIC_STEP = /^Step \d+\/\d+ : FROM /m;

let api: FakeGitHubApi;
let noPluginConfig: string;

beforeAll(async () => {
  api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
  // A Docker config folder with no cli-plugins/ in it: where the test bed put buildx (as a user
  // plugin), a docker CLI given this folder has no buildx, as on an engine that never had it.
  noPluginConfig = mkdtempSync(join(tmpdir(), 'docker-config-no-buildx-'));
});

afterAll(async () => {
  rmSync(noPluginConfig, { recursive: true, force: true });
  await api.close();
});

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    { 'python-version': target.pythonVersion, variant: target.variant, 'github-token': 'fake', date: DATE, ...testbedInputs(), ...inputs },
    { env: { ...workflowEnv(api), ...env } },
  );
}

function buildxVisible(env: Record<string, string> = {}): boolean {
  try {
    execFileSync('docker', ['buildx', 'version'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The Builder row of the job summary (an HTML table). */
function summaryBuilder(run: ActionRun): string | undefined {
  return /<tr><td>Builder<\/td><td>([^<]*)<\/td><\/tr>/.exec(run.summary)?.[1];
}

describe('the test bed builds through buildx, as GitHub runners do', () => {
  it('has the buildx plugin (testbed.sh up installs it)', () => {
    expect(buildxVisible(), 'docker buildx version fails: run bash scripts/testbed.sh up').toBe(true);
  });
});

describe('the classic builder', () => {
  it('builder: classic builds, probes and pushes with the classic builder even though buildx is there, and says so', async () => {
    const repository = `builders/classic-${Math.random().toString(36).slice(2, 8)}`;
    const run1 = await run({
      builder: 'classic',
      image: `${testbed().registry}/${repository}`,
      push: 'true',
      username: testbed().user,
      password: testbed().password,
      latest: 'false',
    });
    expect(run1.exitCode, run1.log).toBe(0);
    expect(run1.log).toContain('Builder: classic (builder: classic).');
    expect(summaryBuilder(run1)).toBe('classic (builder: classic)');
    // The classic builder's own output, and none of BuildKit's.
    expect(run1.log).toMatch(CLASSIC_STEP);
    expect(run1.log).not.toMatch(BUILDKIT_STEP);
    expect(run1.log).toMatch(/^\[command\]\S*docker build --force-rm /m);

    expect(run1.outputs['probe-status']).toBe('200');
    const tags = [`${versionTag}-${DATE}`, versionTag];
    expect(await registryTags(repository)).toEqual([...tags].sort());
    for (const tag of tags) expect(await registryManifestDigest(repository, tag)).toBe(run1.outputs.digest);
    expect(imageIdOf(`${testbed().registry}/${repository}:${versionTag}`)).toBe(run1.outputs['image-id']);
    expect(leftoverSmokeContainers()).toEqual([]);
  });

  const userPlugin = !buildxVisible({ DOCKER_CONFIG: '/nonexistent-docker-config' });
  // On GitHub runners buildx is installed system-wide, so no docker CLI there lacks it; builder:
  // classic above covers the classic path on both. Here the test bed's buildx is a user plugin.
  describe.runIf(userPlugin)('a docker CLI without the buildx plugin', () => {
    it('auto falls back to the classic builder, builds, probes, and says why', async () => {
      expect(buildxVisible({ DOCKER_CONFIG: noPluginConfig })).toBe(false);
      const run1 = await run({}, { DOCKER_CONFIG: noPluginConfig });
      expect(run1.exitCode, run1.log).toBe(0);
      expect(run1.log).toContain('Builder: classic (no buildx plugin in this docker CLI).');
      expect(summaryBuilder(run1)).toBe('classic (no buildx plugin in this docker CLI)');
      expect(run1.log).toMatch(CLASSIC_STEP);
      expect(run1.log).not.toMatch(BUILDKIT_STEP);
      expect(run1.outputs['probe-status']).toBe('200');
      expect(leftoverSmokeContainers()).toEqual([]);
    });

    it('builder: buildx fails before any build, naming the input and the fixes', async () => {
      const run1 = await run({ builder: 'buildx' }, { DOCKER_CONFIG: noPluginConfig });
      expect(run1.exitCode).toBe(1);
      expect(run1.log).toMatch(/builder: "buildx" was asked for, but `docker buildx version` fails: this docker CLI has no buildx plugin\./);
      expect(run1.log).toContain('docker/setup-buildx-action');
      expect(run1.log).not.toContain('Build the base image');
      expect(leftoverSmokeContainers()).toEqual([]);
    });
  });
});
