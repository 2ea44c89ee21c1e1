// The whole product in one screen: validate, build, layer, probe, push, report.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { BuilderError, chooseBuilder, describeBuilder, hasOwnImageStore, type Builder } from '../core/builder.js';
import { cacheBuilderPlan, createBuilderArgs, ownBuilderName } from '../core/cache-builder.js';
import { cacheForBuilder, describeCache, needsCacheExport } from '../core/cache.js';
import { attestationLines, loadLayout, pushAttested, pushLayout, requireAttestingBuilder, requireSkopeo } from './attestations.js';
import { cleanup } from './cleanup.js';
import { Docker, DockerError } from '../adapters/docker.js';
import { inspectApp } from '../adapters/app-folder.js';
import { appBuildContext } from '../adapters/build-context.js';
import { configRoot, createDockerConfigDir, loginEnv } from '../adapters/docker-config.js';
import { indexMaskParts, isHttpUrl, requireSecretSupport } from '../core/pip-index.js';
import { makePlan, type BuildStep, type Plan, type RunContext } from '../core/plan.js';
import { targets, unsupportedPlatforms, type Target } from '../core/platforms.js';
import { handOverTested } from './platform-job.js';
import { PRODUCT } from '../core/product.js';
import { localRefs, PushError, pushImage, pushPlatforms, registryLogin, registryRetry, tagImage, type PushResult } from './push.js';
import { checkRebuild, fingerprinted, reportUnchanged, type RebuildCheck } from './rebuild.js';
import { isTransientPullError, retry } from '../core/retry.js';
import type { Reporter, SummaryRow } from '../adapters/reporter.js';
import type { RunDate } from '../core/run-date.js';
import { InputError, parseSettings, urlCredentials, type Environment, type Settings } from '../core/settings.js';
import { smokeTest, SmokeTestError, type SmokeTestResult } from './smoke-test.js';
import type { LayoutFacts } from '../adapters/oci-layout.js';
import { hasAttestations } from '../core/settings/supply-chain.js';
import { requireSigning, signDigest } from './signing.js';
import type { StateStore } from '../adapters/state.js';
import { realToolRunner, type ToolRunner } from '../adapters/tool-runner.js';

export interface PipelineDeps {
  docker: Docker;
  reporter: Reporter;
  state: StateStore;
  resolveDate: (override: string, token: string) => Promise<RunDate>;
  /** GitHub facts for labels and the immutable tag; empty strings outside a workflow. */
  source: { url: string; revision: string; runId: string; runAttempt: string; runNumber: string };
  /** skopeo, cosign and tar, for attestations and signing (the real programs when not given). */
  tools?: ToolRunner;
}

export interface PipelineResult {
  settings: Settings;
  /** The first platform's plan, image and probe (the only ones without the platforms input). */
  plan: Plan;
  /** '' when the run was skipped (rebuild: if-changed, nothing changed). */
  imageId: string;
  /** Absent when the run was skipped. */
  probe?: SmokeTestResult;
  /** Every platform built, each tested, in build order; [] when skipped. */
  platforms: PlatformResult[];
  push?: PushResult;
  /** Whether it built, and why (rebuild.ts). */
  rebuild: RebuildCheck;
}

/** One platform's tested image. */
export interface PlatformResult {
  plan: Plan;
  imageId: string;
  probe: SmokeTestResult;
  /** Seconds the two builds took. */
  buildSeconds: number;
  /** The image's OCI layout and its attestations, when they are attached (attestations.ts). */
  layout?: LayoutFacts;
}

/** What the run decided before building: one plan per platform, and what the finally removes. */
interface Prepared {
  plans: Plan[];
  /** The context each plan was made from, to make it again with the build fingerprint. */
  contexts: RunContext[];
  appContext: ReturnType<typeof appBuildContext>;
  /** OCI layout folders, one per plan, when the base image travels as a folder (else ''). */
  baseLayouts: string[];
  /** The dated tags' date and this job's ID, which a platform job's test record carries. */
  date: string;
  jobId: string;
  /** OCI layout folders of the app images, one per plan, when attestations are attached (else ''). */
  appLayouts: string[];
}

/** Where a run is, for the failure report and the clean-up: updated by each step as it goes. */
interface Progress {
  stage: string;
  passed: boolean;
  tested: PlatformResult[];
  /** The per-run Docker config folder holding the login ('' without credentials), and its environment. */
  configDir: string;
  dockerEnv: Record<string, string>;
  /** A builder the action made for the cache, to remove ('' when none). */
  ownBuilder: string;
}

export async function runPipeline(raw: Record<string, string>, env: Environment, deps: PipelineDeps): Promise<PipelineResult> {
  const { docker, reporter } = deps;

  // 1. Validate everything before any work, and keep secrets out of the log: masked as given, before
  // any message can quote them (an input error quotes the index URL; a password may be withheld later).
  maskSecrets(raw, reporter);
  const settings = await validate(raw, env, deps);
  for (const notice of settings.notices) reporter.notice(notice);
  if (settings.pushSkippedReason !== '') reporter.notice(`Push skipped: ${settings.pushSkippedReason}.`);
  await docker.serverVersion();
  const prepared = await failBeforeWork(settings, deps, () => prepare(settings, env, deps));
  let { plans } = prepared;
  const first = plans[0]!;
  const builder = first.builder;
  // With credentials, the login comes first: base images are then pulled as that user (private
  // images, Docker Hub's pull limits), and the push reuses it. One per-run config folder for both.
  const configDir = settings.username !== '' && settings.password !== '' ? createDockerConfigDir() : '';
  const progress: Progress = {
    stage: 'login',
    passed: false,
    tested: [],
    configDir,
    dockerEnv: configDir !== '' ? loginEnv(configDir) : {},
    ownBuilder: builder.kind === 'buildx' && builder.own ? builder.name : '',
  };
  try {
    await logIn(deps, settings, first, progress);
    // 1b. The build fingerprint; with rebuild: if-changed, nothing more when the registry's image has it.
    progress.stage = 'fingerprint';
    const rebuild = await reporter.group('Build fingerprint', () =>
      checkRebuild(docker, settings, plans, {
        actionRoot: env.actionRoot,
        appContext: prepared.appContext.dir,
        env: progress.dockerEnv,
      }),
    );
    if (!rebuild.rebuild) {
      progress.passed = true;
      await reportUnchanged(reporter, settings, rebuild);
      return { settings, plan: first, imageId: '', platforms: [], rebuild };
    }
    reporter.info(`Building: ${rebuild.reasons.join('; ')}.`);
    plans = fingerprinted(settings, prepared.contexts, rebuild);
    prepared.plans = plans;
    await makeBuilder(deps, settings, progress);
    // 2 and 3. Each platform: build, layer, smoke-test that very image; all pass before any push.
    for (const plan of plans) await buildAndTest(deps, settings, plan, plans.length > 1, progress);

    // 4. Tag and push only what passed: the same image IDs, no second build.
    const { tested } = progress;
    for (const result of tested) await tagImage(docker, result.plan, result.imageId);
    let push: PushResult | undefined;
    progress.stage = 'push';
    const tools = deps.tools ?? realToolRunner;
    if (first.push.enabled)
      push =
        settings.mode === 'platform'
          ? await handOverTested(docker, reporter, settings, tested[0]!, {
              ...prepared,
              runId: deps.source.runId,
              runAttempt: deps.source.runAttempt || '1',
            })
          : await pushTested(docker, reporter, settings, tested, { ...progress, tools });
    let signature = '';
    if (push && settings.signing.mode !== 'none') {
      const { digest } = push;
      progress.stage = 'sign';
      // Pushed already: should signing fail, the outputs still name what the registry holds.
      reporter.setOutput('tags', push.pushed.join('\n'));
      reporter.setOutput('digest', digest);
      signature = await reporter.group(`Sign ${digest} (cosign, ${settings.signing.mode})`, () =>
        signDigest(tools, settings.signing, first.push.repository, digest, {
          configDir: progress.configDir,
          log: (message) => reporter.warning(message),
        }),
      );
    }

    // 5. Report. The registry holds the image now: what fails from here is a warning, not a failed job.
    progress.passed = true;
    progress.stage = 'report';
    await report(docker, reporter, settings, tested, push, rebuild, signature);
    return { settings, plan: first, imageId: tested[0]!.imageId, probe: tested[0]!.probe, platforms: tested, ...(push ? { push } : {}), rebuild };
  } catch (error) {
    await reportFailure(reporter, settings, plans, progress, error);
    throw error;
  } finally {
    await cleanUpRun(docker, reporter, prepared, progress);
  }
}

/** Logs in (when credentials are given). */
async function logIn(deps: PipelineDeps, settings: Settings, first: Plan, progress: Progress): Promise<void> {
  const { docker, reporter } = deps;
  if (progress.configDir !== '') {
    deps.state.save({ dockerConfig: progress.configDir, registry: first.push.registry });
    await reporter.group(`Log in to ${first.push.registry || 'docker.io'}`, () =>
      registryLogin(docker, settings, { configDir: progress.configDir, log: (message) => reporter.warning(message) }),
    );
  }
}

/** Makes the cache builder (when one is needed): after the fingerprint, so a skipped run makes none. */
async function makeBuilder(deps: PipelineDeps, settings: Settings, progress: Progress): Promise<void> {
  const { docker, reporter } = deps;
  if (progress.ownBuilder !== '') {
    const name = progress.ownBuilder;
    progress.stage = 'builder';
    deps.state.save({ builder: name });
    await reporter.group(`Make builder ${name} (docker-container), which exports cache`, () =>
      docker.createBuilder(createBuilderArgs(name, settings.network), progress.dockerEnv),
    );
  }
}

/**
 * One platform: build the bundled image, layer the app on it, smoke-test that very image. One of
 * several that fails says which first: its error message starts with the platform.
 */
async function buildAndTest(deps: PipelineDeps, settings: Settings, plan: Plan, several: boolean, progress: Progress): Promise<void> {
  const { docker, reporter } = deps;
  const where = several ? ` for ${plan.target.platform}` : '';
  try {
    progress.stage = `build${where}`;
    const buildSeconds = await buildPlatform(docker, reporter, settings, plan, progress.dockerEnv);
    // An attested image was written to its layout: the engine gets that very image for the test.
    const layout = plan.appLayout !== '' ? await loadLayout(docker, deps.tools ?? realToolRunner, plan.appLayout, plan.app.tag) : undefined;
    const imageId = await docker.imageId(plan.app.tag);
    progress.stage = `smoke test${where}`;
    deps.state.save({ container: plan.container.name });
    const probe = await reporter.group(`Smoke-test ${imageId.slice(7, 19)}${where}`, async () => {
      const result = await smokeTest(docker, plan, imageId);
      reporter.info(`${result.url} answered ${result.status} after ${result.seconds.toFixed(2)} s${plan.target.emulated ? ' (emulated)' : ''}.`);
      return result;
    });
    progress.tested.push({ plan, imageId, probe, buildSeconds, ...(layout ? { layout } : {}) });
  } catch (error) {
    if (several && error instanceof Error) error.message = `${plan.target.platform}: ${error.message}`;
    throw error;
  }
}

/** What a failed run says: the platform (one of several) in the message, why a smoke test failed, and a summary. */
async function reportFailure(reporter: Reporter, settings: Settings, plans: Plan[], progress: Progress, error: unknown): Promise<void> {
  const { stage } = progress;
  if (error instanceof SmokeTestError) {
    reporter.setOutput('probe-status', String(error.lastStatus));
    reporter.details('Why the smoke test failed', error.details);
  }
  // The summary says what failed too: a red job with an empty summary explains nothing.
  await reporter.summary('Flask image: failed', [
    { label: 'Failed at', value: stage },
    { label: 'Reason', value: (error as Error).message.split('\n')[0] ?? '' },
    ...buildRows(settings, plans[0]!),
    ...progress.tested.map((result) => platformRow(result)),
    {
      label: 'Pushed',
      value: stage === 'push' ? partlyPushed(error) : stage === 'sign' ? 'yes, but not signed (the tags and digest outputs name it)' : 'nothing',
    },
  ]);
}

/** Removes what only served this run: per-job tags, the app folder copy, base layouts, the login, the builder. */
async function cleanUpRun(docker: Docker, reporter: Reporter, prepared: Prepared, progress: Progress): Promise<void> {
  // Their layers stay cached. The app tag stays only when it is the one name the `tags` output
  // gives (a passing run without an image to tag).
  for (const plan of prepared.plans) {
    await docker.untag(plan.base.tag);
    if (!progress.passed || localRefs(plan).length > 0 || plan.push.enabled) await docker.untag(plan.app.tag);
  }
  prepared.appContext.dispose();
  for (const layout of [...prepared.baseLayouts, ...prepared.appLayouts]) if (layout !== '') fs.rmSync(layout, { recursive: true, force: true });
  // Warnings, not info: a failure message quotes the engine, and warnings are escaped as one line.
  const { configDir, ownBuilder } = progress;
  if (configDir !== '' || ownBuilder !== '')
    await cleanup(
      docker,
      { container: '', dockerConfig: configDir, registry: prepared.plans[0]!.push.registry, builder: ownBuilder },
      reporter.warning,
    );
}

/**
 * Decides the run before building: the date, the builder (one that exports the cache when asked),
 * the platforms it can build, and one plan per platform. The app folder copy and the base layout
 * folders are made last, so that nothing is left behind when a check here fails.
 */
async function prepare(settings: Settings, env: Environment, deps: PipelineDeps): Promise<Prepared> {
  const { docker, reporter } = deps;
  const runDate = await deps.resolveDate(settings.date, settings.githubToken);
  const job = jobId(deps.source);
  const engineBuilder = await docker.buildxBuilder();
  // A builder the workflow names (or the current one) is looked up first: it must exist, and its driver decides the rest.
  const named = settings.builder === 'current' || typeof settings.builder === 'object';
  const namedBuilder = typeof settings.builder === 'object' ? settings.builder.name : undefined;
  let facts = named && engineBuilder !== '' ? await docker.inspectBuilder(namedBuilder) : undefined;
  // A builder a step made but never started (setup-buildx's, before its first build) lists no platforms:
  // start it and look again, rather than blame QEMU for platforms it can build.
  if (facts?.name && facts.platforms.length === 0 && settings.platforms.length > 0) facts = await docker.inspectBuilder(namedBuilder, true);
  const chosen = chooseBuilder(settings.builder, engineBuilder, facts?.name ? facts : undefined);
  // One look at the builder answers both questions asked of it: can it export the cache, and which
  // platforms can it build (QEMU's registration is the kernel's, so it holds for a builder we make too).
  const asked = needsCacheExport(settings.cacheTo) || settings.platforms.length > 0;
  const inspected =
    facts?.name && chosen.kind === 'buildx'
      ? facts
      : chosen.kind === 'buildx' && asked
        ? await docker.inspectBuilder(chosen.name)
        : { driver: '', platforms: [] };
  const { builder, dropped } = await cacheCapableBuilder(docker, chosen, inspected.driver, settings, job);
  // An index with credentials reaches pip only as a build secret: refused, before any work, where there is none.
  requireSecretSupport(settings.pipIndexUrl, builder);
  // The programs attestations and signing need, before any work.
  const attested = attestsPush(settings);
  if (attested) requireAttestingBuilder(builder);
  if (attested) await requireSkopeo(deps.tools ?? realToolRunner);
  if (settings.push) await requireSigning(deps.tools ?? realToolRunner, settings.signing, process.env);
  const platformTargets = await buildTargets(docker, settings, builder, inspected.platforms);
  const cache = dropped !== '' ? { from: [], to: [], dropped } : cacheForBuilder({ from: settings.cacheFrom, to: settings.cacheTo }, builder.kind);
  if (cache.dropped !== '') (settings.cacheGiven ? reporter.warning : reporter.info)(`Cache: ${cache.dropped}.`);
  const hostPort = settings.network === 'host' ? await freePort() : 0;
  // A builder with images of its own (one the action makes, a container or remote one) cannot see the
  // engine's: each base image goes to its app build as a folder.
  const own = hasOwnImageStore(builder);
  const baseLayouts = platformTargets.map(() => (own ? fs.mkdtempSync(path.join(configRoot(), `${PRODUCT}-base-`)) : ''));
  const appLayouts = platformTargets.map(() => (attested ? fs.mkdtempSync(path.join(configRoot(), `${PRODUCT}-app-`)) : ''));
  // Last: the app folder, or a copy without .git (removed by the caller's finally).
  const appContext = appBuildContext(settings.appDir, configRoot());
  // One context for every platform: the same labels (created included), files read once.
  const context = {
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
  };
  const contexts: RunContext[] = platformTargets.map((target, index) => ({
    ...context,
    target,
    baseLayout: baseLayouts[index]!,
    appLayout: appLayouts[index]!,
  }));
  const plans = contexts.map((planContext) => makePlan(settings, planContext));
  if (appContext.dir !== settings.appDir) reporter.info('The app folder holds a .git: the image is built from a copy without it.');
  const first = plans[0]!;
  reporter.info(
    `Python ${settings.pythonVersion} (${settings.variant}) on ${first.baseImage}, worker ${settings.worker}${describePlatforms(plans)}; dated tags use ${runDate.date} (${runDate.source}). Builder: ${describeBuilder(builder)}. Cache: ${describeCache(cache)}.${first.pipIndex === 'secret' ? ' The package index reaches pip as a build secret.' : ''}`,
  );
  if (!attested && hasAttestations(settings.attestations))
    reporter.info('Attestations are attached to a pushed image only: this run pushes nothing.');
  return { plans, contexts, appContext, baseLayouts, appLayouts, date: runDate.date, jobId: job };
}

/**
 * The platforms to build, checked against what the builder can build: a platform QEMU is not
 * registered for fails here, before any work, with the step that registers it.
 */
async function buildTargets(docker: Docker, settings: Settings, builder: Builder, listed: string[]): Promise<Target[]> {
  if (settings.platforms.length === 0) return targets([], '');
  if (builder.kind !== 'buildx')
    throw new BuilderError(
      `platforms: ${settings.platforms.join(', ')} needs buildx, and this run has the classic builder (${builder.reason}); install the buildx plugin (on GitHub, docker/setup-buildx-action), or leave platforms empty.`,
    );
  const enginePlatform = await docker.enginePlatform();
  const missing = unsupportedPlatforms(settings.platforms, listed);
  if (missing.length > 0)
    throw new BuilderError(
      `platforms: builder ${builder.name} cannot build ${missing.join(', ')} on this ${enginePlatform} engine: no emulator is registered for it. Add docker/setup-qemu-action before this step (or, on your own machine, install qemu-user-static and binfmt-support), or build that platform on a runner of its own architecture.`,
    );
  return targets(settings.platforms, enginePlatform);
}

/** Runs `task` (checks made before any work); when it fails, the job summary says so, as for every other failure. */
async function failBeforeWork<T>(settings: Settings, deps: PipelineDeps, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    await deps.reporter.summary('Flask image: failed', [
      { label: 'Failed at', value: 'setup' },
      { label: 'Reason', value: (error as Error).message.split('\n')[0] ?? '' },
      { label: 'Python', value: settings.pythonVersion },
      { label: 'Pushed', value: 'nothing' },
    ]);
    throw error;
  }
}

/** Builds the base image, then layers the app on it; returns the seconds both took. */
async function buildPlatform(docker: Docker, reporter: Reporter, settings: Settings, plan: Plan, dockerEnv: Record<string, string>): Promise<number> {
  const started = Date.now();
  const where = plan.target.platform !== '' ? ` for ${plan.target.platform}${plan.target.emulated ? ' (emulated)' : ''}` : '';
  const build = (step: BuildStep, what: string): Promise<void> =>
    retry(() => docker.build(step.args, what, step.dockerfile, { ...step.env, ...dockerEnv }), {
      ...registryRetry(what, (message) => reporter.warning(message)),
      // Only a failed fetch of an image is retried: a failing RUN step would fail the same way again.
      isTransient: (error) => error instanceof DockerError && isTransientPullError(`${error.result?.stdout ?? ''}\n${error.result?.stderr ?? ''}`),
    });
  await reporter.group(`Build the base image from ${plan.baseImage}${where}`, () => build(plan.base, 'Building the base image'));
  await reporter.group(`Layer the app from ${settings.appDir}${where}`, () => build(plan.app, 'Layering the app'));
  return (Date.now() - started) / 1000;
}

/** Pushes the tested images; on a failure, the outputs say what the registry already holds. */
async function pushTested(
  docker: Docker,
  reporter: Reporter,
  settings: Settings,
  tested: PlatformResult[],
  login: Pick<Progress, 'configDir' | 'dockerEnv'> & { tools: ToolRunner },
): Promise<PushResult> {
  const first = tested[0]!;
  const options = { configDir: login.configDir, loggedIn: true, log: (message: string) => reporter.warning(message) };
  try {
    // Attested: each layout's manifests as they are, so the tags name the tested image and its attestations.
    if (first.plan.appLayout !== '' && tested.length === 1)
      return await reporter.group(`Push ${first.plan.push.refs.length} tags with attestations`, () =>
        pushAttested(login.tools, first.plan.appLayout, first.plan.push.refs, options),
      );
    const pushPlatform =
      first.plan.appLayout !== '' ? (plan: Plan) => pushLayout(login.tools, plan.appLayout, plan.push.platformRef, options) : undefined;
    if (tested.length === 1)
      return await reporter.group(`Push ${first.plan.push.refs.length} tags`, () => pushImage(docker, first.plan, first.imageId, settings, options));
    return await reporter.group(`Push ${tested.length} platforms, then ${first.plan.push.refs.length} tags of the multi-platform image`, () =>
      pushPlatforms(docker, tested, { ...options, env: login.dockerEnv, ...(pushPlatform ? { pushPlatform } : {}) }),
    );
  } catch (error) {
    for (const result of tested) await untagAll(docker, localRefs(result.plan));
    // Tags pushed before the failure are in the registry: the outputs say which, and their digest.
    if (error instanceof PushError && error.pushed.length > 0) {
      reporter.setOutput('tags', error.pushed.join('\n'));
      reporter.setOutput('digest', error.digest);
    }
    throw error;
  }
}

/** Whether this run attaches attestations: asked for, and something is pushed to attach them to. */
function attestsPush(settings: Settings): boolean {
  return settings.push && hasAttestations(settings.attestations);
}

function describeAttestations(settings: Settings): string {
  const { provenance, sbom } = settings.attestations;
  return [...(provenance !== '' ? [`provenance (mode ${provenance})`] : []), ...(sbom ? ['SBOM (SPDX)'] : [])].join(' and ');
}

function describePlatforms(plans: Plan[]): string {
  if (plans.length === 1 && plans[0]!.target.platform === '') return '';
  return `, for ${plans.map((plan) => `${plan.target.platform}${plan.target.emulated ? ` (emulated; probe timeout ${plan.probe.timeoutSeconds} s)` : ''}`).join(' and ')}`;
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
 * engine's own builder cannot export it (docker driver, classic image store), one the action makes,
 * for a cache the workflow gave and for the hosted-runner default alike (cache-builder.ts).
 */
async function cacheCapableBuilder(
  docker: Docker,
  chosen: Builder,
  driver: string,
  settings: Settings,
  job: string,
): Promise<{ builder: Builder; dropped: string }> {
  if (chosen.kind !== 'buildx') return { builder: chosen, dropped: '' };
  // The engine's own builder cannot write an image with its attestations to a folder: one of the action's own can.
  if (attestsPush(settings)) {
    if (chosen.driver === undefined) return { builder: { kind: 'buildx', name: ownBuilderName(job), own: true }, dropped: '' };
    if (chosen.driver === 'docker')
      throw new BuilderError(
        `attestations: builder ${chosen.name} (docker driver) cannot write an image with its attestations for the smoke test and the push; name a docker-container builder (docker/setup-buildx-action makes one), set builder to auto, or set attestations: none.`,
      );
    return { builder: chosen, dropped: '' };
  }
  if (!needsCacheExport(settings.cacheTo)) return { builder: chosen, dropped: '' };
  const store = driver === 'docker' || driver === '' ? await docker.containerdImageStore() : false;
  const plan = cacheBuilderPlan(chosen, driver, store, { to: settings.cacheTo, given: settings.cacheGiven });
  if (plan.action === 'make') return { builder: { kind: 'buildx', name: ownBuilderName(job), own: true }, dropped: '' };
  return { builder: chosen, dropped: plan.action === 'drop' ? plan.reason : '' };
}

async function report(
  docker: Docker,
  reporter: Reporter,
  settings: Settings,
  tested: PlatformResult[],
  push: PushResult | undefined,
  rebuild: RebuildCheck,
  signature: string,
): Promise<void> {
  const first = tested[0]!;
  const sizes = await Promise.all(
    tested.map((result) =>
      docker.imageSize(result.imageId).catch((error: Error) => {
        reporter.warning(`Could not read the image size (${error.message.split('\n')[0]}); the image-size output is empty.`);
        return undefined;
      }),
    ),
  );
  const tags = push ? push.pushed : outputRefs(tested);
  reporter.setOutput('tags', tags.join('\n'));
  reporter.setOutput('digest', push?.digest ?? '');
  reporter.setOutput('image-id', first.imageId);
  reporter.setOutput(
    'platform-image-ids',
    tested.length > 1 ? tested.map((result) => `${result.plan.target.platform}=${result.imageId}`).join('\n') : '',
  );
  reporter.setOutput('probe-status', String(first.probe.status));
  reporter.setOutput('probe-seconds', first.probe.seconds.toFixed(3));
  reporter.setOutput('image-size', sizes[0] === undefined ? '' : String(sizes[0]));
  reporter.setOutput('rebuilt', 'true');
  reporter.setOutput('rebuild-reasons', rebuild.reasons.join('\n'));
  const attached = push ? attestationLines(tested.flatMap((result) => (result.layout ? [{ facts: result.layout }] : []))) : [];
  reporter.setOutput('attestations', attached.join('\n'));
  reporter.setOutput('signature', signature);
  const pushed = push
    ? `yes, ${push.pushed.length} tags`
    : settings.pushSkippedReason !== ''
      ? `skipped: ${settings.pushSkippedReason}`
      : 'no (push: false)';
  await reporter.summary('Flask image', [
    { label: 'Image', value: settings.image || first.plan.app.tag },
    ...buildRows(settings, first.plan),
    { label: 'Tags', value: tags.join(', ') },
    { label: 'Pushed', value: pushed },
    { label: 'Digest', value: push?.digest || '-' },
    { label: 'Rebuilt because', value: rebuild.reasons.join('; ') },
    { label: 'Attestations', value: attached.length > 0 ? `${describeAttestations(settings)}: ${attached.join('; ')}` : 'none' },
    {
      label: 'Signature',
      value:
        push && settings.signing.mode !== 'none'
          ? `cosign (${settings.signing.mode}) of ${push.digest}${signature ? ` at ${signature}` : ''}`
          : 'none',
    },
    ...(tested.length === 1
      ? [
          { label: 'Image ID', value: first.imageId },
          { label: 'Size', value: sizes[0] === undefined ? '-' : `${(sizes[0] / 1e6).toFixed(1)} MB` },
          { label: 'Probe', value: `${first.probe.url} → ${first.probe.status} in ${first.probe.seconds.toFixed(2)} s` },
        ]
      : tested.map((result, index) => platformRow(result, sizes[index]))),
  ]);
}

/** A platform's row: its image, size, build and probe time (and the probe timeout it had under emulation). */
function platformRow(result: PlatformResult, size?: number): SummaryRow {
  const { plan, probe } = result;
  const emulated = plan.target.emulated ? `, emulated (probe timeout ${plan.probe.timeoutSeconds} s)` : '';
  return {
    label: `Platform ${plan.target.platform}`,
    value: `${result.imageId}${size === undefined ? '' : `, ${(size / 1e6).toFixed(1)} MB`}, built in ${result.buildSeconds.toFixed(0)} s, ${probe.url} → ${probe.status} in ${probe.seconds.toFixed(2)} s${emulated}`,
  };
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

/** The names the `tags` output gives when nothing was pushed: the local tags, else the per-job app tags. */
function outputRefs(tested: PlatformResult[]): string[] {
  const refs = tested.flatMap((result) => localRefs(result.plan));
  return refs.length > 0 ? refs : tested.map((result) => result.plan.app.tag);
}

async function untagAll(docker: Docker, refs: string[]): Promise<void> {
  for (const ref of refs) await docker.untag(ref);
}

function jobId(source: PipelineDeps['source']): string {
  // Random part: two jobs of one run (a matrix) on one engine must never share a name.
  return [source.runId || 'local', source.runAttempt || '1', randomBytes(4).toString('hex')].join('-');
}

/**
 * Masks the password and the index URL as given. The whole URL, since a token may sit in its path or
 * query, and the parts of it pip may print on other lines (indexMaskParts); its password also alone, as written and decoded, since pip may print the URL with it
 * redacted or the password alone.
 */
function maskSecrets(raw: Record<string, string>, reporter: Reporter): void {
  const password = raw['password'] ?? '';
  if (password !== '') reporter.setSecret(password);
  // A PEM key is several lines: each is masked, as the log may show any one of them.
  for (const line of (raw['cosign-key'] ?? '').split('\n')) if (line.trim().length > 8) reporter.setSecret(line.trim());
  if ((raw['cosign-password'] ?? '') !== '') reporter.setSecret(raw['cosign-password']!);
  const url = (raw['pip-index-url'] ?? '').trim();
  if (url === '') return;
  reporter.setSecret(url);
  if (!isHttpUrl(url)) return;
  const parsed = new URL(url);
  for (const part of indexMaskParts(parsed)) reporter.setSecret(part);
  if (parsed.password !== '') {
    reporter.setSecret(parsed.password);
    reporter.setSecret(urlCredentials(parsed)?.password ?? parsed.password);
  }
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
