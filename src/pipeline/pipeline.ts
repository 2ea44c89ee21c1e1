// The whole product in one screen: validate, prepare, log in, check if anything changed, build and
// test each platform, push (or hand over to the merge), sign, report. Each phase is a module of its
// own (prepare.ts, build.ts, push.ts, signing.ts, report.ts); this one walks them in order.
import * as fs from 'node:fs';
import { createBuilderArgs } from '../core/cache-builder.js';
import { OWN_BUILDER_PURPOSE, type Builder } from '../core/builder.js';
import { pushAttested, pushLayout } from './attestations.js';
import { inspectApp, type AppFolder } from '../adapters/app-folder.js';
import { buildAndTest, type PlatformResult } from './build.js';
import { cleanup } from './cleanup.js';
import type { Docker } from '../adapters/docker.js';
import { createDockerConfigDir, loginEnv } from '../adapters/docker-config.js';
import { indexMaskParts, isHttpUrl } from '../core/pip-index.js';
import type { Plan } from '../core/plan.js';
import { handOverTested, handOverUnchanged, type PlatformJobRun } from './platform-job.js';
import { prepare, type Prepared } from './prepare.js';
import { localRefs, PushError, pushImage, pushPlatforms, registryLogin, tagImage, type PushResult } from './push.js';
import { checkRebuild, fingerprinted, reportUnchanged, type RebuildCheck } from './rebuild.js';
import { reportPassed, reportRunFailure, summarizeFailure } from './report.js';
import type { Reporter } from '../adapters/reporter.js';
import type { RunDate } from '../core/run-date.js';
import { InputError, parseSettings, urlCredentials, type Environment, type Settings } from '../core/settings.js';
import type { SmokeTestResult } from './smoke-test.js';
import { firstLine } from '../core/summary.js';
import { signDigest } from './signing.js';
import type { StateStore } from '../adapters/state.js';
import { realToolRunner, type ToolRunner } from '../adapters/tool-runner.js';

export type { PlatformResult };
export { freePort } from './prepare.js';

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

/** The dependencies with the tools settled: the real programs unless a test gave its own. */
type RunDeps = PipelineDeps & { tools: ToolRunner };

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

export async function runPipeline(raw: Record<string, string>, env: Environment, pipelineDeps: PipelineDeps): Promise<PipelineResult> {
  const deps: RunDeps = { ...pipelineDeps, tools: pipelineDeps.tools ?? realToolRunner };
  const { docker, reporter } = deps;
  // 1. Validate everything before any work, and keep secrets out of the log: masked as given, before
  // any message can quote them (an input error quotes the index URL; a password may be withheld later).
  maskSecrets(raw, reporter);
  const { settings, app } = await validate(raw, env, deps);
  for (const notice of settings.notices) reporter.notice(notice);
  if (settings.pushSkippedReason !== '') reporter.notice(`Push skipped: ${settings.pushSkippedReason}.`);
  await docker.serverVersion();
  // 2. Prepare: the builder, the cache, the build context, one plan per platform.
  const prepared = await failBeforeWork(settings, deps, () => prepare(settings, app, env, deps));
  const first = prepared.plans[0]!;
  const progress = startProgress(settings, first);
  try {
    // 3. Log in; 4. the build fingerprint: with rebuild: if-changed, nothing more when the registry's image has it.
    await logIn(deps, settings, first, progress);
    progress.stage = 'fingerprint';
    const rebuild = await reporter.group('Build fingerprint', () =>
      checkRebuild(docker, settings, prepared.plans, {
        actionRoot: env.actionRoot,
        appContext: prepared.appContext.dir,
        appDockerignore: app.dockerignore ?? '',
        env: progress.dockerEnv,
      }),
    );
    if (!rebuild.rebuild) {
      progress.passed = true;
      // A platform job still tells the merge about its platform: unchanged, at the index's digest.
      const handedOver = settings.mode === 'platform' ? handOverUnchanged(reporter, settings, rebuild, platformRun(deps, prepared)) : undefined;
      await reportUnchanged(reporter, settings, rebuild, handedOver);
      return { settings, plan: first, imageId: '', platforms: [], rebuild };
    }
    reporter.info(`Building: ${rebuild.reasons.join('; ')}.`);
    const plans = (prepared.plans = fingerprinted(settings, prepared.contexts, rebuild));
    await makeBuilder(deps, settings, first.builder, progress);
    // 5. Each platform: build, layer, smoke-test that very image; all pass before any push.
    for (const plan of plans) await buildAndTest(deps, settings, plan, plans.length > 1, progress);
    // 6. Tag and push (or hand over) only what passed: the same image IDs, no second build; 7. sign.
    const { tested } = progress;
    const push = await pushOrHandOver(deps, settings, prepared, progress);
    const signature = push ? await sign(deps, settings, { repository: first.push.repository, push }, progress) : '';
    // 8. Report. The registry holds the image now: what fails from here is a warning, not a failed job.
    progress.passed = true;
    progress.stage = 'report';
    await reportPassed(docker, reporter, settings, tested, { push, rebuild, signature });
    return { settings, plan: first, imageId: tested[0]!.imageId, probe: tested[0]!.probe, platforms: tested, ...(push ? { push } : {}), rebuild };
  } catch (error) {
    await reportRunFailure(reporter, settings, { first: prepared.plans[0]!, stage: progress.stage, tested: progress.tested }, error);
    throw error;
  } finally {
    await cleanUpRun(docker, reporter, prepared, progress);
  }
}

/**
 * Where a run starts, after preparing. With credentials, the login comes first: base images are then
 * pulled as that user (private images, Docker Hub's pull limits), and the push reuses it. One per-run
 * config folder for both.
 */
function startProgress(settings: Settings, first: Plan): Progress {
  const configDir = settings.username !== '' && settings.password !== '' ? createDockerConfigDir() : '';
  const { builder } = first;
  return {
    stage: 'login',
    passed: false,
    tested: [],
    configDir,
    dockerEnv: configDir !== '' ? loginEnv(configDir) : {},
    ownBuilder: builder.kind === 'buildx' && builder.own ? builder.name : '',
  };
}

/** Logs in (when credentials are given). */
async function logIn(deps: RunDeps, settings: Settings, first: Plan, progress: Progress): Promise<void> {
  const { docker, reporter } = deps;
  if (progress.configDir !== '') {
    deps.state.save({ dockerConfig: progress.configDir, registry: first.push.registry });
    await reporter.group(`Log in to ${first.push.registry || 'docker.io'}`, () =>
      registryLogin(docker, settings, { configDir: progress.configDir, log: (message) => reporter.warning(message) }),
    );
  }
}

/** Makes the action's own builder (when one is needed): after the fingerprint, so a skipped run makes none. */
async function makeBuilder(deps: RunDeps, settings: Settings, builder: Builder, progress: Progress): Promise<void> {
  const { docker, reporter } = deps;
  if (builder.kind === 'buildx' && builder.own) {
    const { name, own } = builder;
    progress.stage = 'builder';
    deps.state.save({ builder: name });
    await reporter.group(`Make builder ${name} (docker-container) ${OWN_BUILDER_PURPOSE[own].made}`, () =>
      docker.createBuilder(createBuilderArgs(name, settings.network), own, progress.dockerEnv),
    );
  }
}

/** Tags the tested images, then pushes them, or, in a platform job, hands the one image over to the merge. */
async function pushOrHandOver(deps: RunDeps, settings: Settings, prepared: Prepared, progress: Progress): Promise<PushResult | undefined> {
  const { docker, reporter } = deps;
  const { tested } = progress;
  for (const result of tested) await tagImage(docker, result.plan, result.imageId);
  progress.stage = 'push';
  if (!tested[0]!.plan.push.enabled) return undefined;
  if (settings.mode === 'platform') return handOverTested(docker, reporter, settings, tested[0]!, platformRun(deps, prepared));
  return pushTested(docker, reporter, settings, tested, { ...progress, tools: deps.tools });
}

/** What a platform job's hand-over says of its run. */
function platformRun(deps: RunDeps, prepared: Prepared): PlatformJobRun {
  return { date: prepared.date, jobId: prepared.jobId, runId: deps.source.runId, runAttempt: deps.source.runAttempt || '1' };
}

/** Signs the pushed digest (when signing is asked for); returns where the signature is ('' when none). */
async function sign(deps: RunDeps, settings: Settings, pushed: { repository: string; push: PushResult }, progress: Progress): Promise<string> {
  const { reporter } = deps;
  if (settings.signing.mode === 'none') return '';
  const { digest } = pushed.push;
  progress.stage = 'sign';
  // Pushed already: should signing fail, the outputs still name what the registry holds.
  reporter.setOutput('tags', pushed.push.pushed.join('\n'));
  reporter.setOutput('digest', digest);
  return reporter.group(`Sign ${digest} (cosign, ${settings.signing.mode})`, () =>
    signDigest(deps.tools, settings.signing, pushed.repository, digest, {
      configDir: progress.configDir,
      log: (message) => reporter.warning(message),
    }),
  );
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

/**
 * Parses the inputs; on a bad one the job summary says what was wrong, as on every other failure.
 * The app folder is read here once, and its facts travel on to the plan (prepare.ts).
 */
async function validate(raw: Record<string, string>, env: Environment, deps: RunDeps): Promise<{ settings: Settings; app: AppFolder }> {
  try {
    const given = inspectApp(env.workspace, raw['app']);
    const settings = parseSettings(raw, env, given);
    if (settings.password !== '') deps.reporter.setSecret(settings.password);
    if (settings.immutableTag && deps.source.runNumber === '')
      throw new InputError([
        'immutable-tag: true needs the workflow run number, which only a GitHub workflow has; outside one, leave immutable-tag false and give your own unique tag in tags.',
      ]);
    // Without an app input, the bundled demo app's folder is the one built.
    return { settings, app: given ?? inspectApp(settings.appDir, '.')! };
  } catch (error) {
    const problems = error instanceof InputError ? error.problems : [(error as Error).message];
    await summarizeFailure(deps.reporter, {
      title: 'Flask image: failed',
      stage: 'inputs',
      label: 'Problem',
      problems: problems.map(firstLine),
      facts: [],
      outcome: { label: 'Pushed', value: 'nothing' },
    });
    throw error;
  }
}

/** Runs `task` (checks made before any work); when it fails, the job summary says so, as for every other failure. */
async function failBeforeWork<T>(settings: Settings, deps: RunDeps, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    await summarizeFailure(deps.reporter, {
      title: 'Flask image: failed',
      stage: 'setup',
      label: 'Reason',
      problems: [firstLine((error as Error).message)],
      facts: [{ label: 'Python', value: settings.pythonVersion }],
      outcome: { label: 'Pushed', value: 'nothing' },
    });
    throw error;
  }
}

async function untagAll(docker: Docker, refs: string[]): Promise<void> {
  for (const ref of refs) await docker.untag(ref);
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
