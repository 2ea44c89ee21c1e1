/**
 * The build cache that outlives the runner, end to end: a cold run writes the cache of both builds
 * to the test bed's registry (with auth) and to a local folder; then, with the image store emptied
 * of what that run made and the builder's own cache gone, a run reading only the registry cache and
 * a run reading only the folder rebuild nothing: every RUN step of both builds is CACHED.
 *
 * Offline, on both engines of the test bed: the cache engine (a newer dockerd with the containerd
 * image store, whose own builder exports cache: testbed.sh section 3b), and the main engine (the
 * classic image store, as on today's hosted runners), where the action makes a docker-container
 * builder from the BuildKit image built here (scripts/buildkit-image.sh), loads the tested image into
 * the engine and removes the builder afterwards, so each run starts from a builder with no cache of
 * its own. That builder cannot see the engine's images: its base image comes from the registry, as
 * from a mirror. Online (a GitHub runner), on the runner's engine. The worker is Meinheld, the
 * default, compiled in the build stage that mode=max keeps in the cache too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  TEST_RUN_ID,
  runAction,
  startFakeGitHubApi,
  testbedInputs,
  workflowEnv,
  writeApp,
  type ActionRun,
  type FakeGitHubApi,
} from './run-action.js';
import { startFakeCacheService } from './fake-cache-service.js';
import { e2eTarget, registryBasePrefix, registryTags, testbed } from './testbed.js';

const target = e2eTarget();

interface Engine {
  name: string;
  /** DOCKER_HOST for it ('' for the default engine). */
  host: string;
  /** Whether its own builder cannot export cache, so the action makes one. */
  ownBuilder: boolean;
}

/** The engines the cache is proven on: both of the test bed's offline, the runner's online. */
function engines(): Engine[] {
  if (testbed().mode === 'online') return [{ name: "the runner's engine", host: '', ownBuilder: true }];
  return [
    { name: 'the cache engine (containerd image store: its own builder)', host: process.env.TESTBED_CACHE_DOCKER_HOST ?? '', ownBuilder: false },
    { name: 'the main engine (classic image store: a builder the action makes)', host: process.env.DOCKER_HOST ?? '', ownBuilder: true },
  ];
}

/** The RUN steps of a BuildKit log (plain progress), each with whether it came from the cache. */
function runSteps(log: string): { step: string; cached: boolean }[] {
  const steps = [...log.matchAll(/^#(\d+) \[[^\]]+\] RUN (.*)$/gm)].map((m) => ({ id: m[1]!, step: m[2]! }));
  const unique = [...new Map(steps.map((s) => [s.id + s.step, s])).values()];
  return unique.map(({ id, step }) => ({ step, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}

describe.each(engines())('cache-from / cache-to on $name', (engine) => {
  const SUFFIX = Math.random().toString(36).slice(2, 8);
  const CACHE_REPOSITORY = `cache-e2e/build-${SUFFIX}`;
  const CACHE_REF = `${testbed().registry}/${CACHE_REPOSITORY}`;
  const ENGINE_ENV: Record<string, string> = engine.host !== '' ? { DOCKER_HOST: engine.host } : {};
  /** The engine's own builder keeps a cache between runs; the test bed's is emptied before each. */
  const pruneEngineBuilder = testbed().mode === 'offline' && !engine.ownBuilder;

  let api: FakeGitHubApi;
  let app: string;
  let localCache: string;
  let basePrefix: string;
  let cold: ActionRun;
  const made: string[] = [];

  function docker(args: string[]): string {
    return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...ENGINE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  function action(inputs: Record<string, string>, env: Record<string, string> = {}, cancelWhen?: () => boolean): Promise<ActionRun> {
    return runAction(
      {
        'python-version': target.pythonVersion,
        variant: target.variant,
        worker: 'meinheld',
        'github-token': 'fake',
        date: '2026-11-21',
        app,
        ...testbedInputs(),
        'base-image': basePrefix,
        // The login lets the builds read and write the registry cache (and the base image there).
        username: testbed().user,
        password: testbed().password,
        registry: testbed().registry,
        'probe-body': '^appdirs ',
        ...inputs,
      },
      { env: { ...workflowEnv(api), ...ENGINE_ENV, ...env }, ...(cancelWhen ? { cancelWhen } : {}) },
    );
  }

  /** Removes what a run made in the engine: its image (and so its layers), then the builder's own cache. */
  /** A warm run passed (its tags are kept for removal) and every RUN step of both builds was CACHED. */
  function expectAllCached(warm: ActionRun): void {
    expect(warm.exitCode, warm.log).toBe(0);
    made.push(...(warm.outputs.tags?.split('\n').filter(Boolean) ?? []));
    const steps = runSteps(warm.log);
    // Both builds' RUN steps: the base image's (policy check, packages, user, worker import, chmod) and the app's.
    expect(steps.length, warm.log).toBeGreaterThanOrEqual(6);
    expect(
      steps.filter((s) => !s.cached),
      warm.log,
    ).toEqual([]);
  }

  function forget(run: ActionRun): void {
    for (const tag of run.outputs.tags?.split('\n').filter(Boolean) ?? []) docker(['image', 'rm', tag]);
    // The cache engine is the test bed's own, for these tests: its build cache goes, so only the
    // exported cache can serve the next run. A builder the action makes is new and removed after each run.
    if (pruneEngineBuilder) docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
  }

  /** The builders the action made in these tests' runs still in this engine (none once a run is over). */
  function ownBuilders(): string[] {
    return docker(['ps', '-a', '--format', '{{.Names}}'])
      .split('\n')
      .filter((name) => name.startsWith(`buildx_buildkit_flask-gunicorn-action-cache-${TEST_RUN_ID}-`));
  }

  /** What a run's main and post steps said of builders: the message when one is left behind. */
  function builderLines(run: ActionRun): string {
    return `${run.log}\n${run.postLog}`
      .split('\n')
      .filter((line) => /builder|buildx (create|rm)/i.test(line))
      .join('\n');
  }

  beforeAll(async () => {
    if (testbed().mode === 'offline' && engine.host === '' && !engine.ownBuilder)
      throw new Error('TESTBED_CACHE_DOCKER_HOST is empty: the offline test bed has no cache engine; run bash scripts/testbed.sh up');
    api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
    basePrefix = engine.ownBuilder ? registryBasePrefix(ENGINE_ENV) : testbed().basePrefix;
    // A cold start: nothing in the builder's own cache (a builder the action makes is new anyway).
    if (pruneEngineBuilder) docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
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

  it("a cold run builds, probes, and writes each build's cache to the registry under its own tag", async () => {
    expect(cold.exitCode, cold.log).toBe(0);
    expect(cold.log).toContain(
      `Cache: from type=registry,ref=${CACHE_REF}; to type=registry,ref=${CACHE_REF},mode=max; type=local,dest=${localCache},mode=max.`,
    );
    expect(cold.log).not.toContain('cache-to was left out');
    if (engine.ownBuilder) {
      expect(cold.log).toMatch(/Builder: buildx \(builder flask-gunicorn-action-cache-[\w-]+, docker-container, made to export the cache\)\./);
      // network: host was asked for (the test bed has no bridge): only then is the builder on the host network.
      expect(cold.log).toMatch(
        /^\[command\]\S*docker buildx create --name flask-gunicorn-action-cache-[\w-]+ --driver docker-container --driver-opt network=host /m,
      );
    } else expect(cold.log).toContain('Builder: buildx (builder default).');
    // The app's pip step ran: nothing could have cached it.
    expect(runSteps(cold.log).find((s) => s.step.includes('app-requirements'))?.cached).toBe(false);
    expect(await registryTags(CACHE_REPOSITORY)).toEqual(['latest-app', 'latest-base']);
    expect(ownBuilders(), builderLines(cold)).toEqual([]);
  });

  it.each([
    ['the registry', () => `type=registry,ref=${CACHE_REF}`],
    ['a local folder', () => `type=local,src=${localCache}`],
  ])('a warm run reading only %s rebuilds nothing: every RUN step of both builds is CACHED', async (name, cacheFrom) => {
    const warm = await action({ 'cache-from': cacheFrom(), 'cache-to': 'none' });
    expectAllCached(warm);
    expect(warm.log).toMatch(/importing cache manifest from/);
    expect(Number(warm.outputs['probe-status'])).toBe(200);
    console.log(`build cache on ${engine.name}: cold run ${cold.seconds.toFixed(1)} s, warm run from ${name} ${warm.seconds.toFixed(1)} s`);
    made.splice(0).forEach((tag) => docker(['image', 'rm', tag]));
    if (pruneEngineBuilder) docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
  });

  it.runIf(engine.ownBuilder)('a cancelled job: the post step removes the builder the action made', async () => {
    let sawBuilder = false;
    const giveUpAt = Date.now() + 180_000; // never wait a whole build if no builder shows
    const cancelled = await action({ 'cache-to': `type=local,dest=${localCache}/cancelled` }, {}, () => {
      sawBuilder ||= ownBuilders().length > 0;
      return sawBuilder || Date.now() > giveUpAt;
    });
    expect(sawBuilder, cancelled.log).toBe(true);
    expect(cancelled.exitCode).toBe(137);
    expect(cancelled.postLog).not.toMatch(/Could not remove builder|Ignored the saved builder/);
    expect(ownBuilders(), builderLines(cancelled)).toEqual([]);
  });

  // The test bed has no bridge, so its tests ask for network: host, which puts the builder on the host
  // network. Without it the builder is off the runner's network: what listens only on the runner's
  // loopback (here the registry holding the base image) is out of its build steps' reach.
  it.runIf(engine.ownBuilder && testbed().mode === 'offline')(
    "without network: host, the builder it makes is off the runner's network: the runner's loopback is out of reach",
    async () => {
      const isolated = await action({ network: 'bridge', 'cache-to': `type=local,dest=${localCache}/isolated` });
      expect(isolated.exitCode, isolated.log).toBe(1);
      expect(isolated.log).toMatch(
        /^\[command\]\S*docker buildx create --name flask-gunicorn-action-cache-[\w-]+ --driver docker-container --bootstrap$/m,
      );
      expect(isolated.log).toContain(`dial tcp ${testbed().registry}: connect: connection refused`);
      expect(ownBuilders(), builderLines(isolated)).toEqual([]);
    },
  );

  // The default a GitHub-hosted runner gets without any cache input: GitHub's cache service, on the
  // engine's own builder where it exports cache, else on a builder the action makes (today's
  // ubuntu-24.04: Docker 28, classic store). The service is a loopback stand-in with GitHub's API.
  it.runIf(testbed().mode === 'offline')(
    "with no cache input on a GitHub-hosted runner: GitHub's cache, written cold and read warm with every RUN step CACHED",
    async () => {
      const service = await startFakeCacheService();
      try {
        const hosted = service.runnerEnv();
        const scope = `flask-gunicorn-action-${target.pythonVersion}-${target.variant}-meinheld`;
        const first = await action({}, hosted);
        expect(first.exitCode, first.log).toBe(0);
        expect(first.log).toContain(`Cache: from type=gha,scope=${scope}; to type=gha,scope=${scope},mode=max.`);
        if (engine.ownBuilder)
          expect(first.log).toMatch(/Builder: buildx \(builder flask-gunicorn-action-cache-[\w-]+, docker-container, made to export the cache\)\./);
        else expect(first.log).toContain('Builder: buildx (builder default).');
        // Each build wrote its own part of the cache: its layers and an index per scope.
        const indexes = service.keys().filter((key) => key.startsWith('index-'));
        expect(indexes.some((key) => key.startsWith(`index-${scope}-base-`))).toBe(true);
        expect(indexes.some((key) => key.startsWith(`index-${scope}-app-`))).toBe(true);
        expect(service.keys().filter((key) => key.startsWith('buildkit-blob-')).length).toBeGreaterThan(0);
        expect(ownBuilders(), builderLines(first)).toEqual([]);
        forget(first);

        const warm = await action({}, hosted);
        expectAllCached(warm);
        expect(service.requests.some((r) => r.startsWith('GET /blobs/'))).toBe(true);
        console.log(`default cache on ${engine.name}: cold run ${first.seconds.toFixed(1)} s, warm run ${warm.seconds.toFixed(1)} s`);
        made.splice(0).forEach((tag) => docker(['image', 'rm', tag]));
        if (pruneEngineBuilder) docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
      } finally {
        await service.close();
      }
    },
  );
});
