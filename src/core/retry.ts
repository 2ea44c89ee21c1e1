// Bounded exponential backoff for registry calls, and the rule for what is worth retrying.

export interface RetryOptions {
  /** Total tries, the first included. */
  attempts: number;
  /** Delay before the second try; doubles each time. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Only errors this accepts are retried; anything else fails at once. */
  isTransient: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export async function retry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let delay = options.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.isTransient(error)) throw error;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}

const AUTH_FAILURE = /unauthorized|authentication required|access denied|denied:|forbidden|incorrect username or password|\b401\b|\b403\b/i;
const TRANSIENT =
  /connection refused|connection reset|broken pipe|i\/o timeout|timeout|timed out|tls handshake|unexpected eof|\beof\b|\b50[0-4]\b|internal server error|bad gateway|service unavailable|gateway timeout|too many requests|\b429\b|temporary failure|no such host/i;

/** A registry error is retried when it looks like the network or the server, never when credentials were refused. */
export function isTransientRegistryError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  if (AUTH_FAILURE.test(text)) return false;
  return TRANSIENT.test(text);
}

/** Lines in which Docker, BuildKit or buildx report why a build stopped. */
const BUILD_ERROR_LINE = /^(ERROR: |Error response from daemon: |error )/i;
/** What such a line says when fetching an image (the base image, a cache) failed, not a step of the build. */
const PULL_FAILURE =
  /failed to resolve source metadata|load metadata for|error pulling image|pulling from host|failed to (fetch|copy|do request)|pull access|(Get|Head) "https?:\/\/[^"]*\/v2\//i;

/**
 * A failed build is worth running again when it stopped on fetching an image and the fetch failed
 * like the network or a busy registry does; a failing RUN step (pip included) or a refused login is not.
 */
export function isTransientPullError(buildOutput: string): boolean {
  const reason = buildOutput
    .split('\n')
    .filter((line) => BUILD_ERROR_LINE.test(line.trim()))
    .at(-1);
  return reason !== undefined && PULL_FAILURE.test(reason) && isTransientRegistryError(reason);
}
