// The build cache that outlives the runner: `cache-from` / `cache-to` in buildx's own syntax,
// validated, defaulted on GitHub-hosted runners, and split between the two builds so that the base
// image's cache and the app layer's never overwrite each other.
import * as path from 'node:path';
import { platformSlug } from './platforms.js';
import { PRODUCT } from './product.js';

export const CACHE_TYPES = ['gha', 'registry', 'local', 'inline'] as const;
export type CacheType = (typeof CACHE_TYPES)[number];

/** One cache backend: `type=registry,ref=...` parsed into its fields, in their order. */
export interface CacheSpec {
  type: CacheType;
  attrs: [string, string][];
}

export type CacheDirection = 'cache-from' | 'cache-to';
/** Which of the two builds a cache flag is for. */
export type BuildPart = 'base' | 'app';

/**
 * Parses one input: one backend per line, each `type=...,key=value,...` as buildx takes it.
 * `none` means no cache in that direction, even where a default would apply.
 */
export function parseCacheInput(name: CacheDirection, value: string, fail: (message: string) => void): CacheSpec[] | 'none' | undefined {
  const lines = value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return undefined;
  if (lines.length === 1 && lines[0]!.toLowerCase() === 'none') return 'none';
  const specs: CacheSpec[] = [];
  for (const line of lines) {
    const spec = parseSpec(name, line, fail);
    if (spec) specs.push(spec);
  }
  return specs;
}

function parseSpec(name: CacheDirection, line: string, fail: (message: string) => void): CacheSpec | undefined {
  const attrs: [string, string][] = [];
  for (const part of line.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || /["']/.test(part)) {
      fail(`${name}: "${line}" is not a list of key=value (e.g. type=registry,ref=ghcr.io/acme/web:buildcache); quotes are not accepted.`);
      return undefined;
    }
    attrs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  const type = attrs.find(([key]) => key === 'type')?.[1] ?? '';
  if (!(CACHE_TYPES as readonly string[]).includes(type)) {
    fail(`${name}: "${line}" has type "${type}"; use one of ${CACHE_TYPES.map((t) => `type=${t}`).join(', ')}.`);
    return undefined;
  }
  const get = (key: string): string | undefined => attrs.find(([k]) => k === key)?.[1];
  const required = type === 'registry' ? 'ref' : type === 'local' ? (name === 'cache-from' ? 'src' : 'dest') : '';
  if (required !== '' && !get(required)) {
    fail(`${name}: "${line}" needs ${required}= (e.g. ${exampleOf(type as CacheType, name)}).`);
    return undefined;
  }
  if (type === 'inline' && name === 'cache-from') {
    fail(`${name}: "${line}": inline cache is read with type=registry,ref=<the image>; type=inline is for cache-to.`);
    return undefined;
  }
  return { type: type as CacheType, attrs: attrs.filter(([key]) => key !== 'type') };
}

function exampleOf(type: CacheType, name: CacheDirection): string {
  if (type === 'registry') return 'type=registry,ref=ghcr.io/acme/web:buildcache';
  return name === 'cache-from' ? 'type=local,src=/tmp/.buildx-cache' : 'type=local,dest=/tmp/.buildx-cache';
}

/**
 * The default on a GitHub-hosted runner: GitHub's cache service, one scope per Python version,
 * variant and worker, so the jobs of a matrix do not evict each other's layers, and per platform
 * for a job that builds one named platform (one platform per runner: the amd64 and arm64 jobs
 * would otherwise overwrite each other's cache). mode=max keeps the layers of the build stage too
 * (Meinheld's compile), not only those of the image.
 */
export function defaultCache(pythonVersion: string, variant: string, worker: string, platform = ''): { from: CacheSpec[]; to: CacheSpec[] } {
  const scope: [string, string] = ['scope', `${PRODUCT}-${pythonVersion}-${variant}-${worker}${platform !== '' ? `-${platformSlug(platform)}` : ''}`];
  return { from: [{ type: 'gha', attrs: [scope] }], to: [{ type: 'gha', attrs: [scope, ['mode', 'max']] }] };
}

/**
 * The spec one build uses: each build gets its own part of the cache, so the app build never
 * replaces the base build's. gha: the scope gets -base / -app; registry: the tag (latest if none);
 * local: a subfolder. inline lives in the image itself and needs no split.
 */
export function specForBuild(spec: CacheSpec, part: BuildPart): string {
  const attrs = spec.attrs.map(([key, value]): [string, string] => {
    if (spec.type === 'registry' && key === 'ref') return [key, withTagSuffix(value, part)];
    if (spec.type === 'local' && (key === 'src' || key === 'dest')) return [key, `${value.replace(/\/+$/, '')}/${part}`];
    if (spec.type === 'gha' && key === 'scope') return [key, `${value}-${part}`];
    return [key, value];
  });
  if (spec.type === 'gha' && !attrs.some(([key]) => key === 'scope')) attrs.push(['scope', `buildkit-${part}`]);
  return [`type=${spec.type}`, ...attrs.map(([key, value]) => `${key}=${value}`)].join(',');
}

function withTagSuffix(ref: string, part: BuildPart): string {
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  return colon < 0 ? `${ref}:latest-${part}` : `${ref}-${part}`;
}

/** `--cache-from X --cache-to Y` for one build. */
export function cacheFlags(from: CacheSpec[], to: CacheSpec[], part: BuildPart): string[] {
  return [...from.flatMap((spec) => ['--cache-from', specForBuild(spec, part)]), ...to.flatMap((spec) => ['--cache-to', specForBuild(spec, part)])];
}

/** Whether writing this cache needs a builder that exports cache (inline is written into the image itself). */
export function needsCacheExport(to: CacheSpec[]): boolean {
  return to.some((spec) => spec.type !== 'inline');
}

/**
 * What the builds use: the cache asked for on buildx (which exports it, with a builder the action
 * makes where the engine's own cannot: cache-builder.ts); nothing on the classic builder, and why.
 */
export function cacheForBuilder(
  wanted: { from: CacheSpec[]; to: CacheSpec[] },
  builder: 'classic' | 'buildx',
): { from: CacheSpec[]; to: CacheSpec[]; dropped: string } {
  if (builder === 'buildx') return { from: wanted.from, to: wanted.to, dropped: '' };
  const any = wanted.from.length + wanted.to.length > 0;
  return { from: [], to: [], dropped: any ? 'the classic builder has no cache backends' : '' };
}

/** One line for the log and the summary. */
export function describeCache(cache: { from: CacheSpec[]; to: CacheSpec[] }): string {
  const list = (specs: CacheSpec[]): string =>
    specs.map((spec) => [`type=${spec.type}`, ...spec.attrs.map(([k, v]) => `${k}=${v}`)].join(',')).join('; ');
  if (cache.from.length + cache.to.length === 0) return 'none';
  return `from ${list(cache.from) || '-'}; to ${list(cache.to) || '-'}`;
}

/**
 * A `type=local` cache's folder is read and written by the builds: it must lie in the workspace or
 * RUNNER_TEMP (both the job's own), never wherever a path happens to point, where another job, or
 * the runner itself, keeps something. A relative folder is taken in the workspace. Returns the
 * specs with absolute folders, or fails for each folder elsewhere.
 */
export function placeLocalFolders(
  name: CacheDirection,
  specs: CacheSpec[],
  roots: { workspace: string; runnerTemp?: string },
  fail: (message: string) => void,
): CacheSpec[] {
  const allowed = [roots.workspace, ...(roots.runnerTemp ? [roots.runnerTemp] : [])].map((root) => path.resolve(root));
  return specs.map((spec) => {
    if (spec.type !== 'local') return spec;
    const attrs = spec.attrs.map(([key, value]): [string, string] => {
      if (key !== 'src' && key !== 'dest') return [key, value];
      const folder = path.resolve(roots.workspace, value);
      const inside = allowed.some((root) => {
        const relative = path.relative(root, folder);
        return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
      });
      if (!inside)
        fail(
          `${name}: the local cache folder "${value}" lies outside the workspace (${allowed[0]})${allowed[1] ? ` and RUNNER_TEMP (${allowed[1]})` : ''}; put it in one of them (e.g. \${{ runner.temp }}/flask-build-cache, kept between runs by actions/cache), or use a registry cache.`,
        );
      return [key, folder];
    });
    return { ...spec, attrs };
  });
}
