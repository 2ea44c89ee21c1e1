// A builder that can export cache, made for one job where the engine's own cannot: the `docker`
// driver exports cache only with the containerd image store, so on an engine with the classic store
// (most GitHub runners today) the action makes a docker-container builder and removes it at the end
// (the post step too, if the job was cancelled). Such a builder has its own image store: the base
// image reaches the app build as an OCI layout folder, and only the tested app image is loaded into
// the engine, so the probe and the push still use that very image.
import { BuilderError, type Builder } from './builder.js';
import { needsCacheExport, type CacheSpec } from './cache.js';
import { PRODUCT } from './product.js';
import type { Network } from './settings.js';

/** Every builder the action makes is named this + the job ID; the post step removes nothing else. */
export const OWN_BUILDER_PREFIX = `${PRODUCT}-cache-`;
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

export function ownBuilderName(jobId: string): string {
  return `${OWN_BUILDER_PREFIX}${jobId}`;
}

/** Whether a name read back from saved state (which a step's output can forge) is one the action gives. */
export function isOwnBuilderName(name: string): boolean {
  return name.startsWith(OWN_BUILDER_PREFIX) && JOB_ID.test(name.slice(OWN_BUILDER_PREFIX.length));
}

/**
 * `docker buildx create` for it. Its build steps get the runner's own network only when the workflow
 * asked for `network: host`: then registries and caches on the runner's loopback stay reachable and
 * `--network host` builds are allowed, as on the engine's own builder. Otherwise the builder runs on
 * the engine's default network, so a package's setup.py cannot reach services that listen only on
 * the runner's loopback.
 */
export function createBuilderArgs(name: string, network: Network): string[] {
  const host = network === 'host' ? ['--driver-opt', 'network=host', '--buildkitd-flags', '--allow-insecure-entitlement=network.host'] : [];
  return ['buildx', 'create', '--name', name, '--driver', 'docker-container', ...host, '--bootstrap'];
}

/** Whether the engine's own builder must be replaced to write this cache. */
export function needsOwnBuilder(driver: string, containerdStore: boolean): boolean {
  // '' when buildx could not say: take it for the engine's own (docker) builder.
  return (driver === 'docker' || driver === '') && !containerdStore;
}

/**
 * What writing the cache asks of the chosen builder: nothing (`keep`: it exports cache, or no cache
 * is written), a builder of the action's own (`make`: the engine's own builder on the classic image
 * store, for a cache given or the hosted-runner default alike), or, on a builder the workflow chose
 * that cannot export (the docker driver on the classic store), to leave the default cache out
 * (`drop`) or, for a cache the workflow gave, to fail before any work: the action does not swap a
 * builder the workflow named for one of its own.
 */
export function cacheBuilderPlan(
  builder: Builder,
  driver: string,
  containerdStore: boolean,
  cache: { to: CacheSpec[]; given: boolean },
): { action: 'keep' } | { action: 'make' } | { action: 'drop'; reason: string } {
  if (builder.kind !== 'buildx' || !needsCacheExport(cache.to) || !needsOwnBuilder(driver, containerdStore)) return { action: 'keep' };
  if (builder.driver === undefined) return { action: 'make' };
  const why = `builder ${builder.name} (docker driver) is on an engine with the classic image store, which cannot export cache`;
  if (cache.given)
    throw new BuilderError(
      `cache-to: ${why}. Name a docker-container builder (docker/setup-buildx-action makes one), set builder to auto to let the action make one for the run, or set cache-to: none.`,
    );
  return { action: 'drop', reason: `${why}; name a docker-container builder to get the default cache` };
}
