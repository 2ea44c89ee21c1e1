// The whole product in one screen: validate, build, layer, probe, push, report.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chooseBuilder, describeBuilder, type Builder } from './builder.js';
import { createBuilderArgs, needsOwnBuilder, ownBuilderName } from './cache-builder.js';
import { cacheForBuilder, describeCache, needsCacheExport } from './cache.js';
import { cleanup } from './cleanup.js';
import { Docker, DockerError } from './docker.js';
import { inspectApp } from './app-folder.js';
import { appBuildContext } from './build-context.js';
import { configRoot, createDockerConfigDir, loginEnv } from './docker-config.js';
import { pipIndex, requireSecretSupport } from './pip-index.js';
import { makePlan, type BuildStep, type Plan } from './plan.js';
import { PushError, pushImage, registryLogin, registryRetry, tagImage, type PushResult } from './push.js';
import { isTransientPullError, retry } from './retry.js';
import type { Reporter, SummaryRow } from './reporter.js';
import type { RunDate } from './run-date.js';
import { InputError, parseSettings, urlCredentials, type Environment, type Settings } from './settings.js';
import { smokeTest, SmokeTestError, type SmokeTestResult } from './smoke-test.js';
import type { StateStore } from './state.js';

export interface PipelineDeps {
  docker: Docker;
  reporter: Reporter;
  state: StateStore;
  resolveDate: (override: string, token: string) => Promise<RunDate>;
  /** GitHub facts for labels and the immutable tag; empty strings outside a workflow. */
  source: { url: string; revision: string; runId: string; runAttempt: string; runNumber: string };
}

export interface PipelineResult {
  settings: Settings;
  plan: Plan;
  imageId: string;
  probe: SmokeTestResult;
  push?: PushResult;
}

export async function runPipeline(raw: Record<string, string>, env: Environment, deps: PipelineDeps): Promise<PipelineResult> {
  const { docker, reporter } = deps;

  // 1. Validate everything before any work, and keep secrets out of the log.
  const settings = await validate(raw, env, deps);
  for (const notice of settings.notices) reporter.notice(notice);
  maskUrlCredentials(settings.pipIndexUrl, reporter);
  if (settings.pushSkippedReason !== '') reporter.notice(`Push skipped: ${settings.pushSkippedReason}.`);
  await docker.serverVersion();

  const runDate = await deps.resolveDate(settings.date, settings.githubToken);
  const job = jobId(deps.source);
  const { builder, defaultCacheUnusable } = await cacheCapableBuilder(docker, chooseBuilder(settings.builder, await docker.buildxBuilder()), settings, job);
  // An index with credentials reaches pip only as a build secret: refused, before any work, where there is none.
  requireSecretSupport(pipIndex(settings.pipIndexUrl), builder);
  const cache = defaultCacheUnusable
    ? { from: [], to: [], dropped: "the engine's own builder cannot export cache; set cache-from / cache-to to have the action make a builder that can" }
    : cacheForBuilder({ from: settings.cacheFrom, to: settings.cacheTo }, builder.kind);
  if (cache.dropped !== '') (settings.cacheGiven ? reporter.warning : reporter.info)(`Cache: ${cache.dropped}.`);
  const hostPort = settings.network === 'host' ? await freePort() : 0;
  // A builder the action makes cannot see the engine's images: the base image goes to the app build as a folder.
  const baseLayout = builder.kind === 'buildx' && builder.own ? fs.mkdtempSync(path.join(configRoot(), 'flask-gunicorn-base-')) : '';
  // Last before the try whose finally removes it: the app folder, or a copy without .git.
  const appContext = appBuildContext(settings.appDir, configRoot());
  const plan = makePlan(settings, {
    date: runDate.date,
    created: new Date().toISOString(),
    sourceUrl: deps.source.url,
    revision: deps.source.revision,
    jobId: job,
    builder,
    hostPort,
    hasRequirements: fs.existsSync(path.join(settings.appDir, 'requirements.txt')),
    actionRoot: env.actionRoot,
    appContext: appContext.dir,
    ...(settings.immutableTag ? { run: { number: deps.source.runNumber, attempt: deps.source.runAttempt || '1' } } : {}),
    bundledDockerfile: fs.readFileSync(path.join(env.actionRoot, 'docker', 'Dockerfile'), 'utf8'),
    cache: { from: cache.from, to: cache.to },
    baseLayout,
  });
  if (appContext.dir !== settings.appDir) reporter.info('The app folder holds a .git: the image is built from a copy without it.');
  reporter.info(
    `Python ${settings.pythonVersion} (${settings.variant}) on ${plan.baseImage}, worker ${settings.worker}; dated tags use ${runDate.date} (${runDate.source}). Builder: ${describeBuilder(plan.builder)}. Cache: ${describeCache(cache)}.${plan.pipIndex === 'secret' ? ' The package index credentials reach pip as a build secret.' : ''}`,
  );

  let stage = 'login';
  let passed = false;
  // With credentials, the login comes first: base images are then pulled as that user (private
  // images, Docker Hub's pull limits), and the push reuses it. One per-run config folder for both.
  const configDir = settings.username !== '' && settings.password !== '' ? createDockerConfigDir() : '';
  const dockerEnv = configDir !== '' ? loginEnv(configDir) : {};
  const ownBuilder = builder.kind === 'buildx' && builder.own ? builder.name : '';
  try {
    if (configDir !== '') {
      deps.state.save({ dockerConfig: configDir, registry: plan.push.registry });
      await reporter.group(`Log in to ${plan.push.registry || 'docker.io'}`, () =>
        registryLogin(docker, settings, { configDir, log: (message) => reporter.warning(message) }),
      );
    }
    if (ownBuilder !== '') {
      stage = 'builder';
      deps.state.save({ builder: ownBuilder });
      await reporter.group(`Make builder ${ownBuilder} (docker-container), which exports cache`, () =>
        docker.createBuilder(createBuilderArgs(ownBuilder), dockerEnv),
      );
    }

    // 2. Build the bundled image, then layer the app on it.
    stage = 'build';
    const build = (step: BuildStep, what: string): Promise<void> =>
      retry(() => docker.build(step.args, what, step.dockerfile, { ...step.env, ...dockerEnv }), {
        ...registryRetry(what, (message) => reporter.warning(message)),
        // Only a failed fetch of an image is retried: a failing RUN step would fail the same way again.
        isTransient: (error) => error instanceof DockerError && isTransientPullError(`${error.result?.stdout ?? ''}\n${error.result?.stderr ?? ''}`),
      });
    await reporter.group(`Build the base image from ${plan.baseImage}`, () => build(plan.base, 'Building the base image'));
    await reporter.group(`Layer the app from ${settings.appDir}`, () => build(plan.app, 'Layering the app'));
    const imageId = await docker.imageId(plan.app.tag);

    // 3. Smoke-test that very image.
    stage = 'smoke test';
    deps.state.save({ container: plan.container.name });
    const probe = await reporter.group(`Smoke-test ${imageId.slice(7, 19)}`, async () => {
      const result = await smokeTest(docker, plan, imageId);
      reporter.info(`${result.url} answered ${result.status} after ${result.seconds.toFixed(2)} s.`);
      return result;
    });

    // 4. Tag and push only what passed: the same image ID, no second build.
    await tagImage(docker, plan, imageId);
    let push: PushResult | undefined;
    stage = 'push';
    if (plan.push.enabled) {
      try {
        push = await reporter.group(`Push ${plan.push.refs.length} tags`, () =>
          pushImage(docker, plan, imageId, settings, { configDir, loggedIn: true, log: (message) => reporter.warning(message) }),
        );
      } catch (error) {
        await untagAll(docker, plan.push.refs);
        // Tags pushed before the failure are in the registry: the outputs say which, and their digest.
        if (error instanceof PushError && error.pushed.length > 0) {
          reporter.setOutput('tags', error.pushed.join('\n'));
          reporter.setOutput('digest', error.digest);
        }
        throw error;
      }
    }

    // 5. Report. The registry holds the image now: what fails from here is a warning, not a failed job.
    passed = true;
    stage = 'report';
    const size = await docker.imageSize(imageId).catch((error: Error) => {
      reporter.warning(`Could not read the image size (${error.message.split('\n')[0]}); the image-size output is empty.`);
      return undefined;
    });
    await report(reporter, settings, plan, imageId, size, probe, push);
    return { settings, plan, imageId, probe, ...(push ? { push } : {}) };
  } catch (error) {
    if (error instanceof SmokeTestError) {
      reporter.setOutput('probe-status', String(error.lastStatus));
      reporter.details('Why the smoke test failed', error.details);
      await untagAll(docker, [plan.app.tag]);
    }
    // The summary says what failed too: a red job with an empty summary explains nothing.
    await reporter.summary('Flask image: failed', [
      { label: 'Failed at', value: stage },
      { label: 'Reason', value: (error as Error).message.split('\n')[0] ?? '' },
      ...buildRows(settings, plan),
      { label: 'Pushed', value: stage === 'push' ? partlyPushed(error) : 'nothing' },
    ]);
    throw error;
  } finally {
    // Per-job tags only served this run; its layers stay cached. The app tag stays only when
    // it is the one name the `tags` output gives (a passing run without an image to tag).
    await docker.untag(plan.base.tag);
    appContext.dispose();
    if (!passed || plan.push.refs.length > 0) await docker.untag(plan.app.tag);
    if (baseLayout !== '') fs.rmSync(baseLayout, { recursive: true, force: true });
    // Warnings, not info: a failure message quotes the engine, and warnings are escaped as one line.
    if (configDir !== '' || ownBuilder !== '')
      await cleanup(docker, { container: '', dockerConfig: configDir, registry: plan.push.registry, builder: ownBuilder }, reporter.warning);
  }
}

/** Parses the inputs; on a bad one the job summary says what was wrong, as on every other failure. */
async function validate(raw: Record<string, string>, env: Environment, deps: PipelineDeps): Promise<Settings> {
  try {
    const settings = parseSettings(raw, env, inspectApp(env.workspace, raw['app']));
    if (settings.password !== '') deps.reporter.setSecret(settings.password);
    if (settings.immutableTag && deps.source.runNumber === '')
      throw new InputError([
        'immutable-tag: true needs the workflow run number, which only a GitHub workflow has; outside one, leave immutable-tag false and give your own unique tag in tags.',
      ]);
    return settings;
  } catch (error) {
    const problems = error instanceof InputError ? error.problems : [(error as Error).message];
    await deps.reporter.summary('Flask image: failed', [
      { label: 'Failed at', value: 'inputs' },
      ...problems.map((problem) => ({ label: 'Problem', value: problem.split('\n')[0] ?? '' })),
      { label: 'Pushed', value: 'nothing' },
    ]);
    throw error;
  }
}

function partlyPushed(error: unknown): string {
  if (error instanceof PushError && error.pushed.length > 0)
    return `partly: ${error.pushed.join(', ')} (digest ${error.digest || 'unknown'}); latest was not moved`;
  return 'no; earlier tags may exist, latest was not moved';
}

/**
 * The builder for this run's cache: the chosen one, or, when a cache is to be written and the
 * engine's own builder cannot export it (docker driver, classic image store), one the action makes.
 * Only a cache the workflow asked for gets a builder of its own: the hosted-runner default does not
 * (that path has run only where the workflow chose it), so there the default cache is left out.
 */
async function cacheCapableBuilder(
  docker: Docker,
  chosen: Builder,
  settings: Settings,
  job: string,
): Promise<{ builder: Builder; defaultCacheUnusable: boolean }> {
  if (chosen.kind !== 'buildx' || !needsCacheExport(settings.cacheTo)) return { builder: chosen, defaultCacheUnusable: false };
  if (!needsOwnBuilder(await docker.buildxDriver(chosen.name), await docker.containerdImageStore())) return { builder: chosen, defaultCacheUnusable: false };
  if (!settings.cacheGiven) return { builder: chosen, defaultCacheUnusable: true };
  return { builder: { kind: 'buildx', name: ownBuilderName(job), own: true }, defaultCacheUnusable: false };
}

async function report(
  reporter: Reporter,
  settings: Settings,
  plan: Plan,
  imageId: string,
  size: number | undefined,
  probe: SmokeTestResult,
  push: PushResult | undefined,
): Promise<void> {
  const tags = plan.push.refs.length > 0 ? plan.push.refs : [plan.app.tag];
  reporter.setOutput('tags', tags.join('\n'));
  reporter.setOutput('digest', push?.digest ?? '');
  reporter.setOutput('image-id', imageId);
  reporter.setOutput('probe-status', String(probe.status));
  reporter.setOutput('probe-seconds', probe.seconds.toFixed(3));
  reporter.setOutput('image-size', size === undefined ? '' : String(size));
  const pushed = push
    ? `yes, ${push.pushed.length} tags`
    : settings.pushSkippedReason !== ''
      ? `skipped: ${settings.pushSkippedReason}`
      : 'no (push: false)';
  await reporter.summary('Flask image', [
    { label: 'Image', value: settings.image || plan.app.tag },
    ...buildRows(settings, plan),
    { label: 'Tags', value: tags.join(', ') },
    { label: 'Pushed', value: pushed },
    { label: 'Digest', value: push?.digest || '-' },
    { label: 'Image ID', value: imageId },
    { label: 'Size', value: size === undefined ? '-' : `${(size / 1e6).toFixed(1)} MB` },
    { label: 'Probe', value: `${probe.url} → ${probe.status} in ${probe.seconds.toFixed(2)} s` },
  ]);
}

/** What was built, for the job summary whether the run passed or failed. */
function buildRows(settings: Settings, plan: Plan): SummaryRow[] {
  return [
    { label: 'Python', value: settings.pythonVersion },
    { label: 'Variant', value: settings.variant },
    { label: 'Worker', value: settings.worker },
    { label: 'Base image', value: plan.baseImage },
    { label: 'Builder', value: describeBuilder(plan.builder) },
    { label: 'Cache', value: describeCache(plan.cache) },
  ];
}

async function untagAll(docker: Docker, refs: string[]): Promise<void> {
  for (const ref of refs) await docker.untag(ref);
}

function jobId(source: PipelineDeps['source']): string {
  // Random part: two jobs of one run (a matrix) on one engine must never share a name.
  return [source.runId || 'local', source.runAttempt || '1', randomBytes(4).toString('hex')].join('-');
}

/** Masks credentials in an index URL (pip may print it in an error), as written and decoded. */
function maskUrlCredentials(value: string, reporter: Reporter): void {
  if (value === '') return;
  const url = new URL(value); // already validated, % escapes included
  // Masked as written and decoded: pip may print either.
  if (url.password !== '') {
    reporter.setSecret(url.password);
    reporter.setSecret(urlCredentials(url)?.password ?? url.password);
  }
  if (url.username === '' && url.password === '') return;
  reporter.setSecret(value);
}

/** A port free on loopback right now, for `network: host`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port was assigned'))));
    });
  });
}
