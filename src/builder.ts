// Which builder builds the images. GitHub runners have buildx, and building through it there is
// what users get; the classic builder is the fallback for docker CLIs without the buildx plugin,
// and a choice for engines where buildx misbehaves.

/** The `builder` input. */
export const BUILDER_SETTINGS = ['auto', 'buildx', 'classic'] as const;
export type BuilderSetting = (typeof BUILDER_SETTINGS)[number];

export type Builder =
  /**
   * buildx on `name`: the engine's own builder (named after the current context), or, `own`, one
   * the action made to export cache (cache-builder.ts), which has an image store of its own.
   */
  | { kind: 'buildx'; name: string; own?: boolean }
  /** The classic builder, and why it was chosen (for the log and the summary). */
  | { kind: 'classic'; reason: string };

export class BuilderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuilderError';
  }
}

/**
 * The builder for a `builder` input, given the buildx builder the engine offers ('' when the
 * docker CLI has no buildx plugin). Throws when buildx is required and absent.
 */
export function chooseBuilder(setting: BuilderSetting, buildxBuilder: string): Builder {
  if (setting === 'classic') return { kind: 'classic', reason: 'builder: classic' };
  if (buildxBuilder !== '') return { kind: 'buildx', name: buildxBuilder };
  if (setting === 'buildx')
    throw new BuilderError(
      'builder: "buildx" was asked for, but `docker buildx version` fails: this docker CLI has no buildx plugin. Install it (on GitHub, docker/setup-buildx-action), or set builder to auto to fall back to the classic builder.',
    );
  return { kind: 'classic', reason: 'no buildx plugin in this docker CLI' };
}

/** One line for the log and the job summary: which builder ran, and why the classic one if so. */
export function describeBuilder(builder: Builder): string {
  if (builder.kind === 'classic') return `classic (${builder.reason})`;
  return builder.own ? `buildx (builder ${builder.name}, docker-container, made to export the cache)` : `buildx (builder ${builder.name})`;
}

/** The docker CLI arguments that start a build, before the build's own flags. */
export function buildCommand(builder: Builder): string[] {
  // With buildx, build on the engine's own builder and load the result, so the image we
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
