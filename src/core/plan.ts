// Settings + run context → the plan: every Docker command line the pipeline will run,
// computed without touching Docker so it can be tested exhaustively.
import * as path from 'node:path';
import { renderAppDockerfile } from './app-layer.js';
import { attestFlags, layoutOutput } from './attest-flags.js';
import { listenPort } from './bind.js';
import { buildCommand, buildEnv, hasOwnImageStore, type Builder } from './builder.js';
import { cacheFlags, type CacheSpec } from './cache.js';
import { probeTimeout, type Target } from './platforms.js';
import { appLayerGetsIndex } from './foreign-code.js';
import { PIP_SECRET_ENV, PIP_SECRET_ID, pipIndex, withoutSecretMounts, type PipIndex } from './pip-index.js';
import { PRODUCT, productLabel } from './product.js';
import type { Settings } from './settings.js';
import { computeTags } from './tags.js';
import { officialBaseImage, tagSuffix } from './versions.js';

/** Facts about this run that are not inputs. */
export interface RunContext {
  /** YYYY-MM-DD for dated tags. */
  date: string;
  /** ISO time for the `created` label. */
  created: string;
  /** https://github.com/owner/repo, or '' outside GitHub. */
  sourceUrl: string;
  /** Commit SHA, or ''. */
  revision: string;
  /** Unique per job and attempt, so matrix jobs on one engine never share a name. */
  jobId: string;
  /** The builder both builds run on. */
  builder: Builder;
  /** The platform this plan builds (platforms.ts): one plan per platform. */
  target: Target;
  /** Host port for `network: host` (a free one, chosen by the caller). */
  hostPort: number;
  /** Whether the app folder holds requirements.txt. */
  hasRequirements: boolean;
  /** The action's own folder (holds docker/). */
  actionRoot: string;
  /** The folder sent as the app's build context: the app folder, or a copy without .git (build-context.ts). */
  appContext: string;
  /** The workflow run's number and attempt, for the immutable tag; absent when it is not asked for. */
  run?: { number: string; attempt: string };
  /** The text of docker/Dockerfile: the classic builder reads it from stdin without its BuildKit-only RUN flags. */
  bundledDockerfile: string;
  /** The caches the builder can use: settings' cache-to is left out where the builder cannot export (prepare.ts). */
  cache: { from: CacheSpec[]; to: CacheSpec[] };
  /**
   * '' when the builder shares the engine's image store. Else (a builder the action made,
   * cache-builder.ts) a fresh folder: the base build writes its image there as an OCI layout, and
   * the app build reads it from there, since that builder cannot see the engine's images.
   */
  baseLayout: string;
  /**
   * The build fingerprint (fingerprint.ts): its labels go on the app image, and a base image digest
   * the run resolved pins the base build to it, so the label says what was built FROM. Absent: neither.
   */
  fingerprint?: { labels: Record<string, string>; baseDigest: string };
  /**
   * '' when the app image is loaded into the engine as built. Else (attestations on a pushed image,
   * attestations.ts) a fresh folder: the app build writes the image and its attestations there as an
   * OCI layout, the smoke test loads it from there and the push copies it.
   */
  appLayout?: string;
}

export interface BuildStep {
  /** Full argument list for the docker CLI. */
  args: string[];
  /** The local tag the build produces. */
  tag: string;
  /** Environment for the docker command (DOCKER_BUILDKIT=0 for the classic builder, the pip secret). */
  env: Record<string, string>;
  /** Standard input: a Dockerfile read with `--file -`, or undefined. */
  dockerfile?: string;
}

export interface Plan {
  /** Base image reference the bundled Dockerfile builds FROM. */
  baseImage: string;
  /** The platform built and tested ('' for the engine's own, without a --platform flag). */
  target: Target;
  builder: Builder;
  /** How the package index reaches pip in the base build: nothing, build args, or the pip-config secret (pip-index.ts). */
  pipIndex: PipIndex['kind'];
  /** The same for the app layer: 'default' when the code is not trusted with it (foreign-code.ts). */
  appPipIndex: PipIndex['kind'];
  /** The caches both builds use (each its own part: cache.ts). */
  cache: { from: CacheSpec[]; to: CacheSpec[] };
  base: BuildStep;
  app: BuildStep & { dockerfile: string };
  /** The app image's OCI layout folder, with its attestations ('' when the image is loaded as built). */
  appLayout: string;
  container: {
    name: string;
    /** `docker run` arguments up to and excluding the image ID (appended once known). */
    runArgs: string[];
    containerPort: number;
    /** Known in host mode; in bridge mode Docker picks it and `docker port` tells. */
    hostPort?: number;
  };
  probe: { path: string; status: number; body: string; timeoutSeconds: number };
  /**
   * repository is the `image` input ('' when none); refs are repository:tag in push order. With
   * several platforms, refs name the multi-platform index, and platformRef this platform's own image.
   */
  push: { enabled: boolean; registry: string; repository: string; refs: string[]; tags: string[]; platformRef: string };
  labels: Record<string, string>;
}

export const LOCAL_REPOSITORY = PRODUCT;
/**
 * The smoke-test container is named SMOKE_CONTAINER_PREFIX + its ID and labelled SMOKE_LABEL=its ID:
 * the job ID, plus the platform among several. The post step removes it only when the two agree.
 */
export const SMOKE_CONTAINER_PREFIX = `${PRODUCT}-smoke-`;
export const SMOKE_LABEL = productLabel('smoke-test');

export function resolveBaseImage(settings: Pick<Settings, 'pythonVersion' | 'variant' | 'baseImage'>): string {
  const official = officialBaseImage(settings.pythonVersion, settings.variant);
  if (settings.baseImage === '') return official;
  // A prefix redirects to a mirror that keeps Docker Hub's names; anything else is taken as is.
  return settings.baseImage.endsWith('/') ? `${settings.baseImage}${official}` : settings.baseImage;
}

export function makePlan(settings: Settings, context: RunContext): Plan {
  const flavour = `python${settings.pythonVersion}${tagSuffix(settings.variant)}-${settings.worker}`;
  const baseImage = resolveBaseImage(settings);
  // Per-job (and per-platform) tags: matrix jobs on one engine (a self-hosted runner) must not
  // retag each other's images, nor the platforms of one run each other's.
  const local = `${flavour}-${context.jobId}${context.target.slug !== '' ? `-${context.target.slug}` : ''}`;
  const baseTag = `${LOCAL_REPOSITORY}/base:${local}`;
  const appTag = `${LOCAL_REPOSITORY}/app:${local}`;
  const tags = computeTags({
    pythonVersion: settings.pythonVersion,
    variant: settings.variant,
    worker: settings.worker,
    date: context.date,
    latest: settings.latest,
    extraTags: settings.extraTags,
    ...(context.run ? { run: context.run } : {}),
  });
  const labels = { ...ociLabels(settings, context, baseImage, tags[0] ?? ''), ...context.fingerprint?.labels };
  const pip = pipIndex(settings.pipIndexUrl, context.builder.kind);
  // Code from another repository runs in the app layer: it gets no index (foreign-code.ts says why).
  const appPip: PipIndex = appLayerGetsIndex(settings) ? pip : { kind: 'default' };
  const flags = { common: commonBuildFlags(settings, context), base: pipFlags(settings, context, pip), app: pipFlags(settings, context, appPip) };

  return {
    baseImage,
    target: context.target,
    builder: context.builder,
    pipIndex: pip.kind,
    appPipIndex: appPip.kind,
    cache: context.cache,
    base: baseStep(settings, context, flags, baseTag, baseImage),
    app: appStep(settings, context, flags, baseTag, appTag, labels),
    appLayout: context.appLayout ?? '',
    container: containerPlan(settings, context),
    probe: {
      path: settings.probePath,
      status: settings.probeStatus,
      body: settings.probeBody,
      timeoutSeconds: probeTimeout(context.target, settings.probeTimeout, settings.probeTimeoutGiven),
    },
    push: {
      enabled: settings.push,
      registry: settings.registry,
      repository: settings.image,
      tags,
      // A platform job tags nothing: it pushes by digest, and the merge tags the set.
      refs: settings.image === '' || settings.mode === 'platform' ? [] : tags.map((tag) => `${settings.image}:${tag}`),
      // One platform's image among several: pushed under the first tag and its platform, for the index to name.
      platformRef:
        settings.image !== '' && settings.mode !== 'platform' && context.target.slug !== ''
          ? `${settings.image}:${tags[0]}-${context.target.slug}`
          : '',
    },
    labels,
  };
}

/** One build's way to pip: its flags (build args or the secret), the docker CLI's environment, the index. */
interface PipFlags {
  flags: string[];
  env: Record<string, string>;
  pip: PipIndex;
}

interface BuildFlags {
  /** Flags both builds take: network, no-cache, build args, the platform. */
  common: string[];
  base: PipFlags;
  app: PipFlags;
}

function commonBuildFlags(settings: Settings, context: RunContext): string[] {
  return [
    ...(context.target.platform !== '' ? ['--platform', context.target.platform] : []),
    ...(settings.network === 'host' ? ['--network', 'host'] : []),
    // A builder in a container or on another machine (the action's own, the workflow's): the host
    // network is an entitlement there, which the build must ask for.
    ...(settings.network === 'host' && hasOwnImageStore(context.builder) ? ['--allow', 'network.host'] : []),
    ...(settings.noCache ? ['--no-cache'] : []),
    ...buildArgFlags(settings.buildArgs),
  ];
}

function pipFlags(settings: Settings, context: RunContext, pip: PipIndex): PipFlags {
  return {
    pip,
    // The secret's value travels in the docker CLI's environment; the command line names only the variable.
    env: { ...buildEnv(context.builder), ...(pip.kind === 'secret' ? { [PIP_SECRET_ENV]: pip.config } : {}) },
    flags: [
      ...(pip.kind === 'build-args' ? buildArgFlags(pip.args) : []),
      ...(pip.kind === 'secret' ? ['--secret', `id=${PIP_SECRET_ID},env=${PIP_SECRET_ENV}`] : []),
    ],
  };
}

function cacheArgs(context: RunContext, part: 'base' | 'app'): string[] {
  return context.builder.kind === 'buildx' ? cacheFlags(context.cache.from, context.cache.to, part) : [];
}

function baseStep(settings: Settings, context: RunContext, flags: BuildFlags, baseTag: string, baseImage: string): BuildStep {
  const dockerDir = path.join(context.actionRoot, 'docker');
  // The classic builder rejects RUN --mount: it gets the Dockerfile without the (then empty) secret mounts.
  const classic = context.builder.kind === 'classic';
  // Only the app image is loaded into the engine when the base image travels as an OCI layout.
  const command =
    context.baseLayout !== '' && context.builder.kind === 'buildx'
      ? ['buildx', 'build', '--builder', context.builder.name, '--output', `type=oci,dest=${context.baseLayout},tar=false,name=${baseTag}`]
      : buildCommand(context.builder);
  return {
    tag: baseTag,
    env: flags.base.env,
    ...(classic ? { dockerfile: withoutSecretMounts(context.bundledDockerfile) } : {}),
    args: [
      ...command,
      '--file',
      classic ? '-' : path.join(dockerDir, 'Dockerfile'),
      '--tag',
      baseTag,
      ...(settings.pull ? ['--pull'] : []),
      ...flags.common,
      ...flags.base.flags,
      ...cacheArgs(context, 'base'),
      ...buildArgFlags({
        // name:tag@digest: the digest decides, the tag stays for a reader of the log.
        PYTHON_BASE_IMAGE: context.fingerprint?.baseDigest ? `${baseImage}@${context.fingerprint.baseDigest}` : baseImage,
        PYTHON_VERSION: settings.pythonVersion,
        WORKER: settings.worker,
      }),
      dockerDir,
    ],
  };
}

function appStep(
  settings: Settings,
  context: RunContext,
  flags: BuildFlags,
  baseTag: string,
  appTag: string,
  labels: Record<string, string>,
): BuildStep & { dockerfile: string } {
  const fromLayout =
    context.baseLayout !== ''
      ? ['--build-context', `${baseTag}=oci-layout://${context.baseLayout}:${baseTag.slice(baseTag.lastIndexOf(':') + 1)}`]
      : [];
  // An attested image is written to its layout folder, not loaded: the pipeline loads it from there.
  const command =
    context.appLayout && context.builder.kind === 'buildx'
      ? ['buildx', 'build', '--builder', context.builder.name, ...layoutOutput(context.appLayout), ...attestFlags(settings.attestations)]
      : buildCommand(context.builder);
  return {
    tag: appTag,
    env: flags.app.env,
    dockerfile: renderAppDockerfile({
      baseTag,
      hasRequirements: context.hasRequirements,
      customIndex: flags.app.pip.kind === 'build-args',
      pipSecret: flags.app.pip.kind === 'secret',
      appModule: settings.appModule,
    }),
    // '-' reads the Dockerfile from stdin, so nothing is written into the user's folder.
    args: [
      ...command,
      '--file',
      '-',
      '--tag',
      appTag,
      ...flags.common,
      ...flags.app.flags,
      ...fromLayout,
      ...cacheArgs(context, 'app'),
      ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
      context.appContext,
    ],
  };
}

function containerPlan(settings: Settings, context: RunContext): Plan['container'] {
  const host = settings.network === 'host';
  const containerPort = listenPort(settings.probeEnv, host ? context.hostPort : 80);
  const id = `${context.jobId}${context.target.slug !== '' ? `-${context.target.slug}` : ''}`;
  const name = `${SMOKE_CONTAINER_PREFIX}${id}`;
  const containerEnv = { ...settings.probeEnv };
  if (host) containerEnv.PORT = String(containerPort);
  const runArgs = [
    'run',
    '--detach',
    '--name',
    name,
    '--label',
    `${SMOKE_LABEL}=${id}`,
    // The image of another platform runs under QEMU; --platform also keeps Docker from looking elsewhere for it.
    ...(context.target.platform !== '' ? ['--platform', context.target.platform] : []),
    ...(host ? ['--network', 'host'] : ['--publish', `127.0.0.1::${containerPort}`]),
    ...Object.entries(containerEnv).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
  ];
  return { name, runArgs, containerPort, ...(host ? { hostPort: containerPort } : {}) };
}

function buildArgFlags(args: Record<string, string>): string[] {
  return Object.entries(args).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]);
}

function ociLabels(settings: Settings, context: RunContext, baseImage: string, versionTag: string): Record<string, string> {
  const labels: Record<string, string> = {
    'org.opencontainers.image.created': context.created,
    'org.opencontainers.image.title': settings.image !== '' ? settings.image.split('/').pop()! : 'flask-app',
    'org.opencontainers.image.version': versionTag,
    'org.opencontainers.image.base.name': baseImage,
    // The Python version and the worker are labelled by docker/Dockerfile on the base image, from the
    // same build arguments, and the app image inherits them; only the variant is not known there.
    [productLabel('variant')]: settings.variant,
  };
  if (context.sourceUrl !== '') labels['org.opencontainers.image.source'] = context.sourceUrl;
  if (context.revision !== '') labels['org.opencontainers.image.revision'] = context.revision;
  return labels;
}
