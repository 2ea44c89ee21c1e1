// How to build: the base image, the package index, extra build arguments, the builder, the cache,
// the platforms, pull, no-cache and when to rebuild.
import { BUILDER_KEYWORDS, isValidBuilderName, type BuilderKeyword, type BuilderSetting } from '../builder.js';
import { defaultCache, parseCacheInput, placeLocalFolders } from '../cache.js';
import { isValidReference, isValidRegistryHost, isValidRepository } from '../image-ref.js';
import { parsePlatforms } from '../platforms.js';
import { REBUILD_MODES, type RebuildMode } from '../fingerprint.js';
import { hasCredentials, isHttpUrl, redactUrl, urlCredentials } from '../pip-index.js';
import type { Environment, Settings } from './types.js';
import { isSupportedVersion } from '../versions.js';
import type { InputReader } from './input-reader.js';

type BuildSettings = Pick<
  Settings,
  'baseImage' | 'pipIndexUrl' | 'buildArgs' | 'builder' | 'cacheFrom' | 'cacheTo' | 'cacheGiven' | 'platforms' | 'pull' | 'noCache' | 'rebuild'
>;

/** The image being built, which the default cache is scoped to. */
type Target = Pick<Settings, 'pythonVersion' | 'variant' | 'worker'>;

export function parseBuild(input: InputReader, env: Pick<Environment, 'githubCache' | 'workspace' | 'runnerTemp'>, target: Target): BuildSettings {
  const baseImage = parseBaseImage(input);
  const pipIndexUrl = parsePipIndexUrl(input);
  const buildArgs = input.keyValues('build-args');
  const builder = parseBuilder(input, pipIndexUrl);
  const platforms = parsePlatforms(input.get('platforms'), (m) => input.fail(m));
  const cache = parseCache(input, builder, env, { ...target, platform: platforms.length === 1 ? platforms[0]! : '' });
  if (builder === 'classic' && platforms.length > 0)
    input.fail("platforms: the classic builder builds only for the engine's own platform; use builder: auto or buildx, or leave platforms empty.");
  const rebuild = parseRebuild(input);
  return {
    baseImage,
    pipIndexUrl,
    buildArgs,
    builder,
    ...cache,
    platforms,
    pull: input.bool('pull', false),
    noCache: input.bool('no-cache', false),
    rebuild,
  };
}

/** always (the default) or if-changed, which needs an image in a registry to compare with (rebuild.ts). */
function parseRebuild(input: InputReader): RebuildMode {
  const value = input.get('rebuild').toLowerCase() || 'always';
  if (!(REBUILD_MODES as readonly string[]).includes(value)) {
    input.fail(`rebuild: "${input.get('rebuild')}" is not a rebuild mode; use ${REBUILD_MODES.join(' or ')}.`);
    return 'always';
  }
  if (value === 'if-changed' && input.get('image') === '')
    input.fail(
      'rebuild: if-changed compares with the image the registry holds, and image is empty; give image (e.g. ghcr.io/acme/web), or use rebuild: always.',
    );
  return value as RebuildMode;
}

function parseBaseImage(input: InputReader): string {
  const baseImage = input.get('base-image');
  if (baseImage === '') return baseImage;
  const head = baseImage.slice(0, -1);
  const valid = baseImage.endsWith('/') ? isValidRepository(head) || isValidRegistryHost(head) : isValidReference(baseImage);
  if (!valid)
    input.fail(
      `base-image: "${baseImage}" is neither a registry prefix ending in / (e.g. mirror.example.com/library/) nor an image reference (e.g. mirror.example.com/python:3.12-slim).`,
    );
  return baseImage;
}

function parsePipIndexUrl(input: InputReader): string {
  const url = input.get('pip-index-url');
  if (url !== '' && !isHttpUrl(url))
    input.fail(`pip-index-url: "${redactUrl(url)}" is not an http(s) URL; use e.g. https://pypi.example.com/simple/.`);
  else if (url !== '' && urlCredentials(new URL(url)) === undefined)
    input.fail(
      `pip-index-url: "${redactUrl(url)}" has a broken % escape in its user or password; write a literal % as %25 (and / as %2F, @ as %40).`,
    );
  return url;
}

function parseBuilder(input: InputReader, pipIndexUrl: string): BuilderSetting {
  const given = input.get('builder');
  const keyword = given.toLowerCase() || 'auto';
  let builder: BuilderSetting = 'auto';
  if ((BUILDER_KEYWORDS as readonly string[]).includes(keyword)) builder = keyword as BuilderKeyword;
  else if (isValidBuilderName(given)) builder = { name: given };
  else
    input.fail(
      `builder: "${given}" is neither ${BUILDER_KEYWORDS.join(', ')} nor a buildx builder name (letters, digits, _ . -, e.g. the name output of docker/setup-buildx-action).`,
    );
  // Credentials reach pip only as a build secret, which the classic builder does not have.
  if (builder === 'classic' && pipIndexUrl !== '' && isHttpUrl(pipIndexUrl) && hasCredentials(pipIndexUrl))
    input.fail(
      `pip-index-url: "${redactUrl(pipIndexUrl)}" carries credentials, and builder: classic has no build secrets, so they would be written into the image history; use builder: auto or buildx, or an index that needs no credentials.`,
    );
  return builder;
}

/** The cache: given, turned off with `none`, or GitHub's cache service by default on hosted runners. */
function parseCache(
  input: InputReader,
  builder: BuilderSetting,
  env: Pick<Environment, 'githubCache' | 'workspace' | 'runnerTemp'>,
  target: Target & { platform: string },
): Pick<Settings, 'cacheFrom' | 'cacheTo' | 'cacheGiven'> {
  const fromInput = parseCacheInput('cache-from', input.get('cache-from'), (m) => input.fail(m));
  const toInput = parseCacheInput('cache-to', input.get('cache-to'), (m) => input.fail(m));
  const cacheGiven = fromInput !== undefined || toInput !== undefined;
  const fallback =
    !cacheGiven && env.githubCache && isSupportedVersion(target.pythonVersion)
      ? defaultCache(target.pythonVersion, target.variant, target.worker, target.platform)
      : { from: [], to: [] };
  const roots = { workspace: env.workspace, ...(env.runnerTemp ? { runnerTemp: env.runnerTemp } : {}) };
  const cacheFrom = placeLocalFolders('cache-from', fromInput === 'none' ? [] : (fromInput ?? fallback.from), roots, (m) => input.fail(m));
  const cacheTo = placeLocalFolders('cache-to', toInput === 'none' ? [] : (toInput ?? fallback.to), roots, (m) => input.fail(m));
  if (builder === 'classic' && cacheGiven && cacheFrom.length + cacheTo.length > 0)
    input.fail('cache-from / cache-to: the classic builder has no cache backends; use builder: auto or buildx, or leave both empty.');
  return { cacheFrom, cacheTo, cacheGiven };
}
