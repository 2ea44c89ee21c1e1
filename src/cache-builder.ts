// A builder that can export cache, made for one job where the engine's own cannot: the `docker`
// driver exports cache only with the containerd image store, so on an engine with the classic store
// (most GitHub runners today) the action makes a docker-container builder and removes it at the end
// (the post step too, if the job was cancelled). Such a builder has its own image store: the base
// image reaches the app build as an OCI layout folder, and only the tested app image is loaded into
// the engine, so the probe and the push still use that very image.
import { PRODUCT } from './product.js';

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
 * `docker buildx create` for it. On the host network, as the engine's own builder is: registries
 * and caches on the runner's loopback stay reachable, and `network: host` builds are allowed.
 */
export function createBuilderArgs(name: string): string[] {
  return [
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    'docker-container',
    '--driver-opt',
    'network=host',
    '--buildkitd-flags',
    '--allow-insecure-entitlement=network.host',
    '--bootstrap',
  ];
}

/** Whether the engine's own builder must be replaced to write this cache. */
export function needsOwnBuilder(driver: string, containerdStore: boolean): boolean {
  // '' when buildx could not say: take it for the engine's own (docker) builder.
  return (driver === 'docker' || driver === '') && !containerdStore;
}
