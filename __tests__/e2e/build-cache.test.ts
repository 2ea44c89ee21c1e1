/**
 * The build cache that outlives the runner, end to end: a cold run writes the cache of both builds
 * to the test bed's registry (with auth) and to a local folder; then, with the image store emptied
 * of what that run made and the builder's own cache gone, a run reading only the registry cache and
 * a run reading only the folder rebuild nothing: every RUN step of both builds is CACHED.
 *
 * Offline, the builds run on the test bed's cache engine (a newer dockerd with the containerd image
 * store, whose own builder exports cache: testbed.sh section 3b). Online (a GitHub runner), on the
 * runner's engine, where the action makes a builder that exports cache and removes it afterwards,
 * so each run starts from a builder with no cache of its own. The worker is Meinheld, the default,
 * compiled in the build stage that mode=max keeps in the cache too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAction, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
const SUFFIX = Math.random().toString(36).slice(2, 8);
const CACHE_REPOSITORY = `cache-e2e/build-${SUFFIX}`;
const CACHE_REF = `${testbed().registry}/${CACHE_REPOSITORY}`;
/** The engine the builds run on: the cache engine offline, the runner's own online. */
const ENGINE_HOST = process.env.TESTBED_CACHE_DOCKER_HOST ?? '';
const ENGINE_ENV: Record<string, string> = ENGINE_HOST !== '' ? { DOCKER_HOST: ENGINE_HOST } : {};

let api: FakeGitHubApi;
let app: string;
let localCache: string;
let cold: ActionRun;
const made: string[] = [];

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...ENGINE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function action(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction(
    {
      'python-version': target.pythonVersion,
      variant: target.variant,
      worker: 'meinheld',
      'github-token': 'fake',
      date: '2026-11-21',
      app,
      ...testbedInputs(),
      // The login lets the builds read and write the registry cache.
      username: testbed().user,
      password: testbed().password,
      registry: testbed().registry,
      'probe-body': '^appdirs ',
      ...inputs,
    },
    { env: { ...workflowEnv(api), ...ENGINE_ENV } },
  );
}

/** Removes what a run made in the engine: its image (and so its layers), then the builder's own cache. */
function forget(run: ActionRun): void {
  for (const tag of run.outputs.tags?.split('\n').filter(Boolean) ?? []) docker(['image', 'rm', tag]);
  // The cache engine is the test bed's own, for these tests: its build cache goes, so only the
  // exported cache can serve the next run. Online, each run's builder is new and removed after it.
  if (ENGINE_HOST !== '') docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
}

/** The RUN steps of a BuildKit log (plain progress), each with whether it came from the cache. */
function runSteps(log: string): { step: string; cached: boolean }[] {
  const steps = [...log.matchAll(/^#(\d+) \[[^\]]+\] RUN (.*)$/gm)].map((m) => ({ id: m[1]!, step: m[2]! }));
  const unique = [...new Map(steps.map((s) => [s.id + s.step, s])).values()];
  return unique.map(({ id, step }) => ({ step, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}

beforeAll(async () => {
  if (testbed().mode === 'offline' && ENGINE_HOST === '')
    throw new Error('TESTBED_CACHE_DOCKER_HOST is empty: the offline test bed has no cache engine; run bash scripts/testbed.sh up');
  api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
  // A cold start: nothing in the builder's own cache (offline; online the action's builder is new).
  if (ENGINE_HOST !== '') docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
  // In the workspace: the action takes a local cache folder only there or in RUNNER_TEMP.
  localCache = mkdtempSync(join(ROOT, '.cache-e2e-local-'));
  // A requirements line unique to this run: the app layer's pip step cannot have been cached before.
  app = writeApp(ROOT, {
    'main.py':
      'import appdirs\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef hello():\n    return f"appdirs {appdirs.__version__}"\n',
    'requirements.txt': `# ${SUFFIX}\nappdirs\n`,
  });
  cold = await action({
    'cache-from': `type=registry,ref=${CACHE_REF}`,
    'cache-to': `type=registry,ref=${CACHE_REF},mode=max\ntype=local,dest=${localCache},mode=max`,
  });
  if (cold.exitCode === 0) forget(cold);
});

afterAll(async () => {
  rmSync(join(ROOT, app), { recursive: true, force: true });
  rmSync(localCache, { recursive: true, force: true });
  for (const tag of made) docker(['image', 'rm', tag]);
  await api.close();
});

describe('cache-from / cache-to', () => {
  it("a cold run builds, probes, and writes each build's cache to the registry under its own tag", async () => {
    expect(cold.exitCode, cold.log).toBe(0);
    expect(cold.log).toContain(
      `Cache: from type=registry,ref=${CACHE_REF}; to type=registry,ref=${CACHE_REF},mode=max; type=local,dest=${localCache},mode=max.`,
    );
    expect(cold.log).not.toContain('cache-to was left out');
    // The app's pip step ran: nothing could have cached it.
    expect(runSteps(cold.log).find((s) => s.step.includes('app-requirements'))?.cached).toBe(false);
    expect(await registryTags(CACHE_REPOSITORY)).toEqual(['latest-app', 'latest-base']);
  });

  it.each([
    ['the registry', () => `type=registry,ref=${CACHE_REF}`],
    ['a local folder', () => `type=local,src=${localCache}`],
  ])('a warm run reading only %s rebuilds nothing: every RUN step of both builds is CACHED', async (_name, cacheFrom) => {
    const warm = await action({ 'cache-from': cacheFrom(), 'cache-to': 'none' });
    expect(warm.exitCode, warm.log).toBe(0);
    made.push(...(warm.outputs.tags?.split('\n').filter(Boolean) ?? []));
    const steps = runSteps(warm.log);
    // Both builds' RUN steps: the base image's (policy check, packages, user, worker import, chmod) and the app's.
    expect(steps.length).toBeGreaterThanOrEqual(6);
    expect(steps.filter((s) => !s.cached)).toEqual([]);
    expect(warm.log).toMatch(/importing cache manifest from/);
    expect(Number(warm.outputs['probe-status'])).toBe(200);
    console.log(`build cache: cold run ${cold.seconds.toFixed(1)} s, warm run from ${_name} ${warm.seconds.toFixed(1)} s`);
    made.splice(0).forEach((tag) => docker(['image', 'rm', tag]));
    if (ENGINE_HOST !== '') docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
  });
});
