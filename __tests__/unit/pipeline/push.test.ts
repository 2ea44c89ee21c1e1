import { describe, expect, it } from 'vitest';
import { Docker, DockerError, type ExecResult, type RunOptions, type Runner } from '../../../src/adapters/docker.js';
import { makePlan, type Plan } from '../../../src/core/plan.js';
import { PushError, pushImage, tagImage, type PushOptions } from '../../../src/pipeline/push.js';
import { makeSettings } from '../fixtures.js';

const IMAGE_ID = `sha256:${'cd'.repeat(32)}`;
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const OTHER_DIGEST = `sha256:${'f'.repeat(64)}`;
const CREDENTIALS = { registry: '127.0.0.1:5000', username: 'ci', password: 'pa55word' };
const REPO = '127.0.0.1:5000/web';
const DATED = `${REPO}:python3.12-2026-11-21`;
const VERSION = `${REPO}:python3.12`;
const STABLE = `${REPO}:stable`;
const LATEST = `${REPO}:latest`;

function plan(image = REPO): Plan {
  const settings = makeSettings({
    image,
    push: true,
    registry: '127.0.0.1:5000',
    username: 'ci',
    password: 'pa55word',
    extraTags: ['stable'],
  });
  return makePlan(settings, {
    date: '2026-11-21',
    created: '2026-11-21T00:00:00Z',
    sourceUrl: '',
    revision: '',
    jobId: 'j',
    target: { platform: '', emulated: false, slug: '' },
    builder: { kind: 'classic', reason: 'no buildx plugin in this docker CLI' },
    hostPort: 0,
    hasRequirements: false,
    actionRoot: '/action',
    appContext: '/work/app',
    bundledDockerfile: 'FROM python\n',
    cache: { from: [], to: [] },
    baseLayout: '',
  });
}

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string): ExecResult => ({ exitCode: 1, stdout: '', stderr: `${stderr}\n` });
const pushed = (ref: string, digest = DIGEST): ExecResult =>
  ok(`The push refers to repository [${REPO}]\n${ref.split(':').at(-1)}: digest: ${digest} size: 1570\n`);

/**
 * A Docker whose answers are scripted per command ("login", "push <ref>", "image inspect"):
 * each call takes the next scripted answer; when none is left, the command succeeds.
 */
function fakeDocker(script: Record<string, ExecResult[]> = {}) {
  const calls: { args: string[]; options: RunOptions | undefined }[] = [];
  const runner: Runner = async (args, options) => {
    calls.push({ args, options });
    const key = args[0] === 'push' ? `push ${args[1]}` : args[0] === 'image' ? 'image inspect' : args[0]!;
    const next = script[key]?.shift();
    if (next) return next;
    return args[0] === 'push' ? pushed(args[1]!) : ok();
  };
  const commands = () => calls.map(({ args }) => (args[0] === 'push' ? `push ${args[1]}` : args[0]!));
  return { docker: new Docker(runner), calls, commands };
}

function options() {
  const log: string[] = [];
  const slept: number[] = [];
  const value: PushOptions = {
    configDir: '/tmp/docker-config-x',
    log: (message) => log.push(message),
    retry: {
      sleep: async (ms) => {
        slept.push(ms);
      },
    },
  };
  return { value, log, slept };
}

describe('tagImage', () => {
  it('tags the image under every planned reference, in push order', async () => {
    const { docker, calls } = fakeDocker();
    await tagImage(docker, plan(), IMAGE_ID);
    expect(calls.map(({ args }) => args)).toEqual([DATED, VERSION, STABLE, LATEST].map((ref) => ['tag', IMAGE_ID, ref]));
  });
});

describe('pushImage', () => {
  it('logs in, then pushes dated first and latest last, returning the digest', async () => {
    const { docker, calls, commands } = fakeDocker();
    const { value, log } = options();
    const result = await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value);
    expect(commands()).toEqual(['login', `push ${DATED}`, `push ${VERSION}`, `push ${STABLE}`, `push ${LATEST}`]);
    expect(result).toEqual({ digest: DIGEST, pushed: [DATED, VERSION, STABLE, LATEST] });
    expect(calls[0]).toEqual({
      args: ['login', '--username', 'ci', '--password-stdin', '127.0.0.1:5000'],
      options: { input: 'pa55word', env: { DOCKER_CONFIG: '/tmp/docker-config-x' } },
    });
    for (const call of calls.slice(1)) expect(call.options).toEqual({ echo: true, env: { DOCKER_CONFIG: '/tmp/docker-config-x' } });
    expect(log).toEqual([]);
  });

  it('retries a push that met a 503, then carries on', async () => {
    const { docker, commands } = fakeDocker({ [`push ${DATED}`]: [fail('received unexpected HTTP status: 503 Service Unavailable')] });
    const { value, log, slept } = options();
    const result = await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value);
    expect(commands()).toEqual(['login', `push ${DATED}`, `push ${DATED}`, `push ${VERSION}`, `push ${STABLE}`, `push ${LATEST}`]);
    expect(result.pushed).toEqual([DATED, VERSION, STABLE, LATEST]);
    expect(slept).toEqual([1000]);
    expect(log).toEqual([
      `push ${DATED}: attempt 1 failed (docker push ${DATED} failed: received unexpected HTTP status: 503 Service Unavailable); retrying in 1 s`,
    ]);
  });

  it('retries a login the registry refused to connect', async () => {
    const { docker, commands } = fakeDocker({
      login: [fail('Error response from daemon: Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused')],
    });
    const { value, slept } = options();
    await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value);
    expect(commands().slice(0, 3)).toEqual(['login', 'login', `push ${DATED}`]);
    expect(slept).toEqual([1000]);
  });

  it('does not retry refused credentials, and pushes nothing', async () => {
    const { docker, commands } = fakeDocker({
      login: [fail('Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized')],
    });
    const { value, slept, log } = options();
    await expect(pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value)).rejects.toThrow(
      'docker login 127.0.0.1:5000 as ci failed: Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
    );
    expect(commands()).toEqual(['login']);
    expect(slept).toEqual([]);
    expect(log).toEqual([]);
  });

  it('stops at a push the registry denies, without retrying it or pushing anything after it', async () => {
    const { docker, commands } = fakeDocker({ [`push ${VERSION}`]: [fail('unauthorized: authentication required')] });
    const { value, slept } = options();
    await expect(pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value)).rejects.toThrow('unauthorized: authentication required');
    expect(commands()).toEqual(['login', `push ${DATED}`, `push ${VERSION}`]);
    expect(slept).toEqual([]);
  });

  it('never pushes latest when a push fails half-way, after bounded retries', async () => {
    const outage = fail('received unexpected HTTP status: 502 Bad Gateway');
    const { docker, commands } = fakeDocker({ [`push ${STABLE}`]: [outage, outage, outage, outage, outage] });
    const { value, slept, log } = options();
    await expect(pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value)).rejects.toThrow(
      `docker push ${STABLE} failed: received unexpected HTTP status: 502 Bad Gateway`,
    );
    expect(commands()).toEqual(['login', `push ${DATED}`, `push ${VERSION}`, `push ${STABLE}`, `push ${STABLE}`, `push ${STABLE}`, `push ${STABLE}`]);
    expect(commands()).not.toContain(`push ${LATEST}`);
    expect(slept).toEqual([1000, 2000, 4000]);
    expect(log.map((line) => /attempt (\d)/.exec(line)?.[1])).toEqual(['1', '2', '3']);
  });

  it('keeps the digest of the first push', async () => {
    const { docker } = fakeDocker({
      [`push ${DATED}`]: [pushed(DATED, DIGEST)],
      [`push ${VERSION}`]: [pushed(VERSION, OTHER_DIGEST)],
      [`push ${STABLE}`]: [pushed(STABLE, OTHER_DIGEST)],
      [`push ${LATEST}`]: [pushed(LATEST, OTHER_DIGEST)],
    });
    expect((await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, options().value)).digest).toBe(DIGEST);
  });

  it('falls back to the image RepoDigests for this repository when docker printed no digest', async () => {
    const silent = () => ok('Layer already exists\n');
    const { docker, calls } = fakeDocker({
      [`push ${DATED}`]: [silent()],
      [`push ${VERSION}`]: [silent()],
      [`push ${STABLE}`]: [silent()],
      [`push ${LATEST}`]: [silent()],
      'image inspect': [ok(JSON.stringify([`ghcr.io/acme/web@${OTHER_DIGEST}`, `${REPO}@${DIGEST}`]))],
    });
    const result = await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, options().value);
    expect(result.digest).toBe(DIGEST);
    expect(calls.at(-1)!.args).toEqual(['image', 'inspect', '--format', '{{json .RepoDigests}}', IMAGE_ID]);
  });

  // Once the registry holds every tag, a digest Docker did not note must not fail the push.
  it('warns, and still reports every tag pushed, when Docker recorded no digest for the repository', async () => {
    const silent = () => ok('');
    const { docker } = fakeDocker({
      [`push ${DATED}`]: [silent()],
      [`push ${VERSION}`]: [silent()],
      [`push ${STABLE}`]: [silent()],
      [`push ${LATEST}`]: [silent()],
      'image inspect': [ok(JSON.stringify([`${REPO}-other@${DIGEST}`]))],
    });
    const { value, log } = options();
    expect(await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, value)).toEqual({ digest: '', pushed: [DATED, VERSION, STABLE, LATEST] });
    expect(log).toEqual([`Pushed, but Docker did not record a digest for ${REPO}. The digest output is empty; the tags were pushed.`]);
  });

  it('says, when a push stops half-way, which tags the registry already holds and their digest', async () => {
    const { docker } = fakeDocker({ [`push ${STABLE}`]: [fail('unauthorized: authentication required')] });
    const failed = await pushImage(docker, plan(), IMAGE_ID, CREDENTIALS, options().value).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(PushError);
    expect(failed).toBeInstanceOf(DockerError);
    expect((failed as PushError).message).toBe(`docker push ${STABLE} failed: unauthorized: authentication required`);
    expect((failed as PushError).pushed).toEqual([DATED, VERSION]);
    expect((failed as PushError).digest).toBe(DIGEST);
  });
});
