import { describe, expect, it } from 'vitest';
import { isTransientPullError, isTransientRegistryError, retry, type RetryOptions } from '../../../src/core/retry.js';

/** Retry options with a recorded, instant sleep. */
function options(overrides: Partial<RetryOptions> = {}): RetryOptions & { slept: number[]; retried: [string, number, number][] } {
  const slept: number[] = [];
  const retried: [string, number, number][] = [];
  return {
    attempts: 4,
    initialDelayMs: 1000,
    maxDelayMs: 8000,
    isTransient: () => true,
    sleep: async (ms) => {
      slept.push(ms);
    },
    onRetry: (error, attempt, delay) => retried.push([(error as Error).message, attempt, delay]),
    ...overrides,
    slept,
    retried,
  };
}

/** A task that fails with the given messages, then returns 'done'. */
function failing(...messages: string[]) {
  const calls: number[] = [];
  const task = async (attempt: number): Promise<string> => {
    calls.push(attempt);
    const message = messages[calls.length - 1];
    if (message !== undefined) throw new Error(message);
    return 'done';
  };
  return { task, calls };
}

describe('retry', () => {
  it('returns the first success without sleeping', async () => {
    const opts = options();
    const { task, calls } = failing();
    expect(await retry(task, opts)).toBe('done');
    expect(calls).toEqual([1]);
    expect(opts.slept).toEqual([]);
  });

  it('retries a transient failure and returns the later success', async () => {
    const opts = options();
    const { task, calls } = failing('503 Service Unavailable', 'i/o timeout');
    expect(await retry(task, opts)).toBe('done');
    expect(calls).toEqual([1, 2, 3]);
    expect(opts.retried).toEqual([
      ['503 Service Unavailable', 1, 1000],
      ['i/o timeout', 2, 2000],
    ]);
  });

  it('stops after the given number of attempts with the last error', async () => {
    const opts = options({ attempts: 3 });
    const { task, calls } = failing('first', 'second', 'third', 'fourth');
    await expect(retry(task, opts)).rejects.toThrow('third');
    expect(calls).toEqual([1, 2, 3]);
    expect(opts.slept).toEqual([1000, 2000]);
  });

  it('doubles the delay up to the cap', async () => {
    const opts = options({ attempts: 7, initialDelayMs: 500, maxDelayMs: 3000 });
    const { task } = failing('1', '2', '3', '4', '5', '6', '7');
    await expect(retry(task, opts)).rejects.toThrow('7');
    expect(opts.slept).toEqual([500, 1000, 2000, 3000, 3000, 3000]);
  });

  it('fails at once on an error that is not transient', async () => {
    const opts = options({ isTransient: (error) => !(error as Error).message.includes('denied') });
    const { task, calls } = failing('denied: requested access to the resource is denied');
    await expect(retry(task, opts)).rejects.toThrow('denied: requested access to the resource is denied');
    expect(calls).toEqual([1]);
    expect(opts.slept).toEqual([]);
    expect(opts.retried).toEqual([]);
  });

  it('tries once when attempts is 1', async () => {
    const opts = options({ attempts: 1 });
    const { task, calls } = failing('503 Service Unavailable');
    await expect(retry(task, opts)).rejects.toThrow('503');
    expect(calls).toEqual([1]);
  });

  it('waits for real with the default sleep', async () => {
    const { task } = failing('flaky');
    const started = Date.now();
    expect(await retry(task, { attempts: 2, initialDelayMs: 50, maxDelayMs: 50, isTransient: () => true })).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('isTransientRegistryError', () => {
  it.each([
    'Error response from daemon: Get "https://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
    'received unexpected HTTP status: 503 Service Unavailable',
    'received unexpected HTTP status: 500 Internal Server Error',
    'received unexpected HTTP status: 502 Bad Gateway',
    'Get "https://ghcr.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    'Get "https://registry-1.docker.io/v2/": dial tcp 54.1.2.3:443: i/o timeout',
    'Get "https://ghcr.io/v2/": net/http: TLS handshake timeout',
    'write tcp 10.0.0.2:51234->140.82.1.1:443: write: connection reset by peer',
    'read: connection reset by peer',
    'unexpected EOF',
    'toomanyrequests: Too Many Requests',
    'dial tcp: lookup ghcr.io on 127.0.0.53:53: no such host',
    'Temporary failure in name resolution',
  ])('retries %j', (message) => {
    expect(isTransientRegistryError(new Error(message))).toBe(true);
  });

  it.each([
    'unauthorized: authentication required',
    'denied: requested access to the resource is denied',
    'Error response from daemon: Get "https://127.0.0.1:5000/v2/": unauthorized: incorrect username or password',
    'Error response from daemon: login attempt to https://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
    'received unexpected HTTP status: 401 Unauthorized',
    'denied: permission_denied: write_package',
    'received unexpected HTTP status: 403 Forbidden',
    // Credentials refused while the server is also slow: still never retried.
    'unauthorized: authentication required (after i/o timeout)',
  ])('never retries %j', (message) => {
    expect(isTransientRegistryError(new Error(message))).toBe(false);
  });

  it.each(['manifest invalid: manifest invalid', 'name unknown: repository name not known to registry', 'invalid reference format', ''])(
    'does not retry the unrelated %j',
    (message) => {
      expect(isTransientRegistryError(new Error(message))).toBe(false);
    },
  );

  it('reads plain strings as well as errors', () => {
    expect(isTransientRegistryError('503 Service Unavailable')).toBe(true);
    expect(isTransientRegistryError('401 Unauthorized')).toBe(false);
  });
});

describe('isTransientPullError', () => {
  it('retries a build that stopped fetching its base image on the network or a busy registry', () => {
    const buildx =
      '#3 [internal] load metadata for 127.0.0.1:5000/mirror/python:3.11\n#3 ERROR: failed to do request\nERROR: failed to build: failed to solve: 127.0.0.1:5000/mirror/python:3.11: failed to resolve source metadata for 127.0.0.1:5000/mirror/python:3.11: failed to do request: Head "http://127.0.0.1:5000/v2/mirror/python/manifests/3.11": dial tcp 127.0.0.1:5000: connect: connection refused';
    expect(isTransientPullError(buildx)).toBe(true);
    expect(
      isTransientPullError(
        'Step 1/9 : FROM python:3.12\nError response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      ),
    ).toBe(true);
    expect(
      isTransientPullError(
        'ERROR: failed to solve: python:3.12: failed to resolve source metadata for docker.io/library/python:3.12: unexpected status from HEAD request: 503 Service Unavailable',
      ),
    ).toBe(true);
    // BuildKit 0.8 (Docker 20.10), as the e2e suite's flaky registry makes it say.
    expect(
      isTransientPullError(
        '#3 ERROR: pulling from host 127.0.0.1:46829 failed with status code [manifests 3.11]: 503 Service Unavailable\nERROR: failed to build: failed to solve: rpc error: code = Unknown desc = failed to solve with frontend dockerfile.v0: failed to create LLB definition: pulling from host 127.0.0.1:46829 failed with status code [manifests 3.11]: 503 Service Unavailable',
      ),
    ).toBe(true);
  });

  it('does not retry a refused login, a missing image or a failing RUN step, even when pip printed network errors', () => {
    expect(
      isTransientPullError(
        'ERROR: failed to solve: python:3.12: failed to resolve source metadata for docker.io/library/python:3.12: pull access denied, repository does not exist or may require authorization: 401 Unauthorized',
      ),
    ).toBe(false);
    expect(
      isTransientPullError(
        'ERROR: failed to solve: x:1: failed to resolve source metadata for docker.io/library/x:1: docker.io/library/x:1: not found',
      ),
    ).toBe(false);
    const pip =
      '#9 3.2 WARNING: Retrying after connection broken by NewConnectionError: Connection refused\n#9 ERROR: process "/bin/sh -c pip install -r /tmp/req.txt" did not complete successfully: exit code: 1\nERROR: failed to build: failed to solve: process "/bin/sh -c pip install -r /tmp/req.txt" did not complete successfully: exit code: 1';
    expect(isTransientPullError(pip)).toBe(false);
    expect(isTransientPullError('')).toBe(false);
  });
});
