// Tags the tested image and pushes it: dated tags first, `latest` last, with retries on
// transient registry errors and none on refused credentials.
import { Docker, DockerError } from './docker.js';
import type { Plan } from './plan.js';
import { isTransientRegistryError, retry, type RetryOptions } from './retry.js';

export interface PushResult {
  digest: string;
  pushed: string[];
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
}

/** Tags the image locally under every planned reference (also when not pushing, for later steps). */
export async function tagImage(docker: Docker, plan: Plan, imageId: string): Promise<void> {
  for (const ref of plan.push.refs) await docker.tag(imageId, ref);
}

export async function pushImage(docker: Docker, plan: Plan, imageId: string, credentials: Credentials, options: PushOptions): Promise<PushResult> {
  const retryOptions = (what: string): RetryOptions => ({
    attempts: 4,
    initialDelayMs: 1000,
    maxDelayMs: 8000,
    isTransient: isTransientRegistryError,
    onRetry: (error, attempt, delay) =>
      options.log(`${what}: attempt ${attempt} failed (${(error as Error).message.split('\n')[0]}); retrying in ${delay / 1000} s`),
    ...options.retry,
  });

  await retry(() => docker.login(credentials.registry, credentials.username, credentials.password, options.configDir), retryOptions('login'));

  const pushed: string[] = [];
  let digest = '';
  for (const ref of plan.push.refs) {
    const reported = await retry(() => docker.push(ref, options.configDir), retryOptions(`push ${ref}`));
    digest ||= reported;
    pushed.push(ref);
  }
  if (digest === '') digest = await digestFromStore(docker, imageId, plan);
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
