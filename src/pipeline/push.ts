// Tags the tested image and pushes it: dated tags first, `latest` last, with retries on
// transient registry errors and none on refused credentials.
import { Docker, DockerError } from '../adapters/docker.js';
import type { Plan } from '../core/plan.js';
import { isTransientRegistryError, retry, type RetryOptions } from '../core/retry.js';

export interface PushResult {
  digest: string;
  pushed: string[];
}

/** A push that stopped part-way: what the registry already holds, so the outputs and summary can say so. */
export class PushError extends DockerError {
  constructor(
    message: string,
    readonly pushed: string[],
    readonly digest: string,
  ) {
    super(message);
    this.name = 'PushError';
  }
}

export interface Credentials {
  registry: string;
  username: string;
  password: string;
}

export interface PushOptions {
  configDir: string;
  log: (message: string) => void;
  retry?: Partial<RetryOptions>;
  /** The login in configDir was made before building (registryLogin); push with it. */
  loggedIn?: boolean;
}

/**
 * The local names of a plan's tested image: every tag, or, as one platform of several, its own
 * platform tag (the tags then name an index, which lives only in the registry).
 */
export function localRefs(plan: Plan): string[] {
  return plan.push.platformRef !== '' ? [plan.push.platformRef] : plan.push.refs;
}

/** Tags the image locally under its planned references (also when not pushing, for later steps). */
export async function tagImage(docker: Docker, plan: Plan, imageId: string): Promise<void> {
  for (const ref of localRefs(plan)) await docker.tag(imageId, ref);
}

/** The backoff of every registry call (login, pull, push): 1, 2, 4 s, then it gives up. */
export function registryRetry(what: string, log: (message: string) => void, overrides: Partial<RetryOptions> = {}): RetryOptions {
  return {
    attempts: 4,
    initialDelayMs: 1000,
    maxDelayMs: 8000,
    isTransient: isTransientRegistryError,
    onRetry: (error, attempt, delay) =>
      log(`${what}: attempt ${attempt} failed (${(error as Error).message.split('\n')[0]}); retrying in ${delay / 1000} s`),
    ...overrides,
  };
}

/** Logs in with the per-run config folder, retrying connection errors and 5xx, never a refused password. */
export async function registryLogin(docker: Docker, credentials: Credentials, options: Omit<PushOptions, 'loggedIn'>): Promise<void> {
  await retry(
    () => docker.login(credentials.registry, credentials.username, credentials.password, options.configDir),
    registryRetry('login', options.log, options.retry),
  );
}

export async function pushImage(docker: Docker, plan: Plan, imageId: string, credentials: Credentials, options: PushOptions): Promise<PushResult> {
  const retryOptions = (what: string): RetryOptions => registryRetry(what, options.log, options.retry);
  if (!options.loggedIn) await registryLogin(docker, credentials, options);

  const pushed: string[] = [];
  let digest = '';
  for (const ref of plan.push.refs) {
    let reported: string;
    try {
      reported = await retry(() => docker.push(ref, options.configDir), retryOptions(`push ${ref}`));
    } catch (error) {
      throw new PushError((error as Error).message, pushed, digest);
    }
    digest ||= reported;
    pushed.push(ref);
  }
  if (digest === '') {
    // The registry holds every tag by now: a digest Docker did not note is worth a warning, not a failed push.
    digest = await digestFromStore(docker, imageId, plan).catch((error: Error) => {
      options.log(`${error.message} The digest output is empty; the tags were pushed.`);
      return '';
    });
  }
  return { digest, pushed };
}

async function digestFromStore(docker: Docker, imageId: string, plan: Plan): Promise<string> {
  const repository = plan.push.repository;
  // Docker records Hub images by their short name (docker.io/library/web is listed as web).
  const short = repository.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  const found = (await docker.repoDigests(imageId)).find((entry) => entry.startsWith(`${repository}@`) || entry.startsWith(`${short}@`));
  if (!found) throw new DockerError(`Pushed, but Docker did not record a digest for ${repository}.`);
  return found.slice(found.indexOf('@') + 1);
}

/**
 * Several platforms, each image tested: each is pushed under its own platform tag, then every tag
 * is pointed at one index over them (in the registry: nothing is pulled or rebuilt), `latest` last.
 * The digest is the index's.
 */
export async function pushPlatforms(
  docker: Docker,
  images: { plan: Plan; imageId: string }[],
  options: PushOptions & {
    env: Record<string, string>;
    /** Pushes one platform's image under its platform tag and returns its digest (attestations.ts); else docker push. */
    pushPlatform?: (plan: Plan) => Promise<string>;
  },
): Promise<PushResult> {
  const retryOptions = (what: string): RetryOptions => registryRetry(what, options.log, options.retry);
  const pushed: string[] = [];
  const sources: string[] = [];
  for (const { plan, imageId } of images) {
    const ref = plan.push.platformRef;
    try {
      let digest = options.pushPlatform
        ? await options.pushPlatform(plan)
        : await retry(() => docker.push(ref, options.configDir), retryOptions(`push ${ref}`));
      // The index names each image by digest: without one there is nothing to join.
      digest ||= await digestFromStore(docker, imageId, plan);
      sources.push(`${plan.push.repository}@${digest}`);
    } catch (error) {
      throw new PushError((error as Error).message, pushed, '');
    }
    pushed.push(ref);
  }
  let digest = '';
  for (const ref of images[0]!.plan.push.refs) {
    try {
      digest = await retry(() => docker.createIndex(ref, sources, options.env), retryOptions(`push ${ref}`));
    } catch (error) {
      throw new PushError((error as Error).message, pushed, digest);
    }
    pushed.push(ref);
  }
  return { digest, pushed };
}
