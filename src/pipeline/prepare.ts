// Preparation: what a run decides before it builds anything. The date and job ID, the builder (one
// that exports the cache when asked), the platforms it can build, the cache, the app's build context
// and one plan per platform. Every check that can fail runs here, before any work.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { AppFolder } from '../adapters/app-folder.js';
import { requireAttestingBuilder, requireSkopeo } from './attestations.js';
import { appBuildContext, type BuildContext } from '../adapters/build-context.js';
import { BuilderError, chooseBuilder, describeBuilder, hasOwnImageStore, type Builder } from '../core/builder.js';
import { cacheBuilderPlan, ownBuilderName } from '../core/cache-builder.js';
import { cacheForBuilder, describeCache, needsCacheExport, type CacheSpec } from '../core/cache.js';
import type { Docker } from '../adapters/docker.js';
import { configRoot } from '../adapters/docker-config.js';
import { requireSecretSupport } from '../core/pip-index.js';
import { makePlan, type Plan, type RunContext } from '../core/plan.js';
import { targets, unsupportedPlatforms, type Target } from '../core/platforms.js';
import { PRODUCT } from '../core/product.js';
import type { Reporter } from '../adapters/reporter.js';
import type { RunDate } from '../core/run-date.js';
import type { Environment, Settings } from '../core/settings.js';
import { hasAttestations } from '../core/settings/supply-chain.js';
import { requireSigning } from './signing.js';
import type { ToolRunner } from '../adapters/tool-runner.js';

/** What preparing needs of the run's dependencies (pipeline.ts's PipelineDeps has them all). */
export interface PrepareDeps {
  docker: Docker;
  reporter: Reporter;
  resolveDate: (override: string, token: string) => Promise<RunDate>;
  source: { url: string; revision: string; runId: string; runAttempt: string; runNumber: string };
  tools: ToolRunner;
}

/** What the run decided before building: one plan per platform, and what the finally removes. */
export interface Prepared {
  plans: Plan[];
  /** The context each plan was made from, to make it again with the build fingerprint. */
  contexts: RunContext[];
  appContext: BuildContext;
  /** OCI layout folders, one per plan, when the base image travels as a folder (else ''). */
  baseLayouts: string[];
  /** The dated tags' date and this job's ID, which a platform job's test record carries. */
  date: string;
  jobId: string;
  /** OCI layout folders of the app images, one per plan, when attestations are attached (else ''). */
  appLayouts: string[];
}

/** The builder this run uses, the platforms it lists, and why a cache was dropped ('' when it was not). */
interface RunBuilder {
  builder: Builder;
  dropped: string;
  platforms: string[];
}

/**
 * Decides the run before building: the date, the builder, the platforms it can build, and one plan
 * per platform. `app` holds the facts about the app folder read when the inputs were validated. The
 * app folder copy and the layout folders are made last, so that nothing is left behind when a check
 * here fails.
 */
export async function prepare(settings: Settings, app: AppFolder, env: Environment, deps: PrepareDeps): Promise<Prepared> {
  const { docker, reporter } = deps;
  const runDate = await deps.resolveDate(settings.date, settings.githubToken);
  const job = jobId(deps.source);
  const { builder, dropped, platforms } = await runBuilder(docker, settings, job);
  const attested = attestsPush(settings);
  await requireSupport(settings, builder, attested, deps.tools);
  const platformTargets = await buildTargets(docker, settings, builder, platforms);
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
    hasRequirements: app.hasRequirements,
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
  if (appContext.withoutGit) reporter.info('The app folder holds a .git: the image is built from a copy without it.');
  describeRun(reporter, settings, plans, runDate, { builder, cache });
  return { plans, contexts, appContext, baseLayouts, appLayouts, date: runDate.date, jobId: job };
}

/** Whether this run attaches attestations: asked for, and something is pushed to attach them to. */
function attestsPush(settings: Settings): boolean {
  return settings.push && hasAttestations(settings.attestations);
}

/**
 * The builder for this run and the platforms it can build. A builder the workflow names (or the
 * current one) is looked up first: it must exist, and its driver decides the rest.
 */
async function runBuilder(docker: Docker, settings: Settings, job: string): Promise<RunBuilder> {
  const engineBuilder = await docker.buildxBuilder();
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
  return { builder, dropped, platforms: inspected.platforms };
}

/** What the run needs of the builder and the tools, checked before any work. */
async function requireSupport(settings: Settings, builder: Builder, attested: boolean, tools: ToolRunner): Promise<void> {
  // An index with credentials reaches pip only as a build secret: refused, before any work, where there is none.
  requireSecretSupport(settings.pipIndexUrl, builder);
  // The programs attestations and signing need, before any work.
  if (attested) requireAttestingBuilder(builder);
  if (attested) await requireSkopeo(tools);
  if (settings.push) await requireSigning(tools, settings.signing, process.env);
}

/** The run's one line of what it builds, how and where from. */
function describeRun(
  reporter: Reporter,
  settings: Settings,
  plans: Plan[],
  runDate: RunDate,
  { builder, cache }: { builder: Builder; cache: { from: CacheSpec[]; to: CacheSpec[] } },
): void {
  const first = plans[0]!;
  reporter.info(
    `Python ${settings.pythonVersion} (${settings.variant}) on ${first.baseImage}, worker ${settings.worker}${describePlatforms(plans)}; dated tags use ${runDate.date} (${runDate.source}). Builder: ${describeBuilder(builder)}. Cache: ${describeCache(cache)}.${first.pipIndex === 'secret' ? ' The package index reaches pip as a build secret.' : ''}`,
  );
  if (!attestsPush(settings) && hasAttestations(settings.attestations))
    reporter.info('Attestations are attached to a pushed image only: this run pushes nothing.');
}

function describePlatforms(plans: Plan[]): string {
  if (plans.length === 1 && plans[0]!.target.platform === '') return '';
  return `, for ${plans.map((plan) => `${plan.target.platform}${plan.target.emulated ? ` (emulated; probe timeout ${plan.probe.timeoutSeconds} s)` : ''}`).join(' and ')}`;
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
    if (chosen.driver === undefined) return { builder: { kind: 'buildx', name: ownBuilderName(job), own: 'attestations' }, dropped: '' };
    if (chosen.driver === 'docker')
      throw new BuilderError(
        `attestations: builder ${chosen.name} (docker driver) cannot write an image with its attestations for the smoke test and the push; name a docker-container builder (docker/setup-buildx-action makes one), set builder to auto, or set attestations: none.`,
      );
    return { builder: chosen, dropped: '' };
  }
  if (!needsCacheExport(settings.cacheTo)) return { builder: chosen, dropped: '' };
  const store = driver === 'docker' || driver === '' ? await docker.containerdImageStore() : false;
  const plan = cacheBuilderPlan(chosen, driver, store, { to: settings.cacheTo, given: settings.cacheGiven });
  if (plan.action === 'make') return { builder: { kind: 'buildx', name: ownBuilderName(job), own: 'cache' }, dropped: '' };
  return { builder: chosen, dropped: plan.action === 'drop' ? plan.reason : '' };
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

function jobId(source: PrepareDeps['source']): string {
  // Random part: two jobs of one run (a matrix) on one engine must never share a name.
  return [source.runId || 'local', source.runAttempt || '1', randomBytes(4).toString('hex')].join('-');
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
