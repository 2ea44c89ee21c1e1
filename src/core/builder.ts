// Which builder builds the images. GitHub runners have buildx, and building through it there is
// what users get; the classic builder is the fallback for docker CLIs without the buildx plugin,
// and a choice for engines where buildx misbehaves. A workflow may also name a builder a step before
// made (docker/setup-buildx-action's `name` output, a remote BuildKit), or take the current one.

/** The `builder` input's keywords; any other value names a buildx builder. */
export const BUILDER_KEYWORDS = ['auto', 'buildx', 'classic', 'current'] as const;
export type BuilderKeyword = (typeof BUILDER_KEYWORDS)[number];
/** The `builder` input: a keyword, or `{ name }` of a buildx builder the workflow made. */
export type BuilderSetting = BuilderKeyword | { name: string };

/** What buildx says of a builder: its name and driver (docker, docker-container, remote, kubernetes...). */
export interface BuilderFacts {
  name: string;
  driver: string;
}

/**
 * Why the action made a builder of its own: to export the build cache, or to write the image with its
 * attestations; the log, the summary and a failure to make it say which.
 */
export type OwnBuilderPurpose = 'cache' | 'attestations';

/** The purpose, as the log and the summary word it, and how to do without it when it cannot be made. */
export const OWN_BUILDER_PURPOSE: Record<OwnBuilderPurpose, { made: string; without: string }> = {
  cache: { made: 'to export the cache', without: 'set cache-to: none to build without writing the cache' },
  attestations: { made: 'to write the image with its attestations', without: 'set attestations: none to build without them' },
};

export type Builder =
  /**
   * buildx on `name`: the engine's own builder (named after the current context); `own`, one the
   * action made, and what for (cache-builder.ts); or, with `driver`, the workflow's own builder.
   */
  | { kind: 'buildx'; name: string; own?: OwnBuilderPurpose; driver?: string }
  /** The classic builder, and why it was chosen (for the log and the summary). */
  | { kind: 'classic'; reason: string };

export class BuilderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuilderError';
  }
}

/** A builder name as buildx gives them (setup-buildx's are builder-<uuid>): no option, no path, no spaces. */
const BUILDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function isValidBuilderName(name: string): boolean {
  return BUILDER_NAME.test(name);
}

/** The input as it was written, for messages. */
export function describeSetting(setting: BuilderSetting): string {
  return typeof setting === 'string' ? setting : setting.name;
}

/**
 * The builder for a `builder` input, given the buildx builder the engine offers ('' when the
 * docker CLI has no buildx plugin) and, for a named or the current builder, what buildx says of it
 * (undefined when it does not know it). Throws when buildx or that builder is required and absent.
 */
export function chooseBuilder(setting: BuilderSetting, buildxBuilder: string, asked?: BuilderFacts): Builder {
  if (setting === 'classic') return { kind: 'classic', reason: 'builder: classic' };
  const given = describeSetting(setting);
  if (buildxBuilder === '' && setting !== 'auto')
    throw new BuilderError(
      `builder: "${given}" was asked for, but \`docker buildx version\` fails: this docker CLI has no buildx plugin. Install it (on GitHub, docker/setup-buildx-action), or set builder to auto to fall back to the classic builder.`,
    );
  if (setting === 'auto' || setting === 'buildx') {
    if (buildxBuilder !== '') return { kind: 'buildx', name: buildxBuilder };
    return { kind: 'classic', reason: 'no buildx plugin in this docker CLI' };
  }
  if (asked === undefined || asked.name === '')
    throw new BuilderError(
      setting === 'current'
        ? 'builder: "current" was asked for, but `docker buildx inspect` names no current builder; make one first (docker/setup-buildx-action, or `docker buildx create --use`), or set builder to auto.'
        : `builder: "${given}" is not a builder this docker CLI knows (\`docker buildx ls\` lists them); give the name a step before made (docker/setup-buildx-action's name output), current for the one in use, or auto.`,
    );
  // The current builder may be the engine's own: then it is used exactly as auto would.
  if (asked.driver === 'docker' && asked.name === buildxBuilder) return { kind: 'buildx', name: asked.name };
  return { kind: 'buildx', name: asked.name, driver: asked.driver };
}

/**
 * Whether the builder keeps images apart from the engine's (a container, a remote BuildKit): the
 * base image must then reach the app build as a folder, and the host network is an entitlement there.
 */
export function hasOwnImageStore(builder: Builder): boolean {
  if (builder.kind !== 'buildx') return false;
  return builder.own !== undefined || (builder.driver !== undefined && builder.driver !== 'docker');
}

/** One line for the log and the job summary: which builder ran, and why the classic one if so. */
export function describeBuilder(builder: Builder): string {
  if (builder.kind === 'classic') return `classic (${builder.reason})`;
  if (builder.own) return `buildx (builder ${builder.name}, docker-container, made ${OWN_BUILDER_PURPOSE[builder.own].made})`;
  if (builder.driver !== undefined) return `buildx (builder ${builder.name}, ${builder.driver || 'unknown driver'}, the workflow's)`;
  return `buildx (builder ${builder.name})`;
}

/** The docker CLI arguments that start a build, before the build's own flags. */
export function buildCommand(builder: Builder): string[] {
  // With buildx, build on the chosen builder and load the result into the engine, so the image we
  // probe is in the local store and is the one we push: no second build.
  // The classic builder keeps the container of a failed step unless told not to; BuildKit never does.
  return builder.kind === 'buildx' ? ['buildx', 'build', '--builder', builder.name, '--load'] : ['build', '--force-rm'];
}

/** Environment for the build command. */
export function buildEnv(builder: Builder): Record<string, string> {
  // A docker CLI 23+ that has the buildx plugin sends `docker build` through BuildKit (here even
  // against a 20.10 engine); DOCKER_BUILDKIT=0 is what makes the classic builder the one that runs.
  return builder.kind === 'classic' ? { DOCKER_BUILDKIT: '0' } : {};
}
