// Runs the built image and probes it until it answers as expected, the container dies,
// or the timeout passes. The container is always removed.
import { Docker } from '../adapters/docker.js';
import type { Plan } from '../core/plan.js';
import { describeAttempt, nextDelay, probeOnce, type ProbeAttempt } from '../adapters/probe.js';

export interface SmokeTestResult {
  status: number;
  /** Seconds from `docker run` to the first passing probe. */
  seconds: number;
  url: string;
}

export class SmokeTestError extends Error {
  constructor(
    message: string,
    /** The last probe result and container logs, printed in a folded group. */
    readonly details: string,
    readonly lastStatus: number,
  ) {
    super(message);
    this.name = 'SmokeTestError';
  }
}

export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export async function smokeTest(docker: Docker, plan: Plan, imageId: string, clock: Clock = realClock): Promise<SmokeTestResult> {
  const { container, probe } = plan;
  const started = clock.now();
  const deadline = started + probe.timeoutSeconds * 1000;
  try {
    await docker.runContainer([...container.runArgs, imageId]);
    let address: string;
    try {
      address =
        container.hostPort !== undefined ? `127.0.0.1:${container.hostPort}` : await docker.publishedAddress(container.name, container.containerPort);
    } catch (error) {
      // Docker lists no ports for a container that has already exited: its exit code and logs are the error.
      const state = await exitState(docker, container.name);
      if (state.running) throw error;
      throw await failure(docker, container.name, `${exitedMessage(state)} before its port could be probed.`, undefined, undefined);
    }
    const url = `http://${address}${probe.path}`;

    let last: ProbeAttempt | undefined;
    // The last HTTP answer is kept apart: a final attempt that timed out must not hide a 500 seen before.
    let lastResponse: ProbeAttempt | undefined;
    let delay = 100;
    for (;;) {
      const remaining = deadline - clock.now();
      // At least a second per attempt: on a loaded runner a healthy app may take that long.
      last = await probeOnce(url, probe, Math.max(1000, Math.min(5000, remaining)));
      if (last.kind === 'response') lastResponse = last;
      if (last.kind === 'response' && last.passed) {
        return { status: last.status, seconds: (clock.now() - started) / 1000, url };
      }
      // A dead container will never answer: fail now with its exit code instead of waiting.
      // The check runs during the wait, so it does not stretch the time between probes.
      const left = deadline - clock.now();
      const [state] = await Promise.all([exitState(docker, container.name), clock.sleep(Math.max(0, Math.min(delay, left)))]);
      if (!state.running) {
        throw await failure(docker, container.name, `${exitedMessage(state)} before answering ${url} as expected.`, last, lastResponse);
      }
      if (left <= 0) {
        throw await failure(
          docker,
          container.name,
          `The app did not answer ${url} with status ${probe.status}${probe.body ? ` and a body matching /${probe.body}/` : ''} within ${probe.timeoutSeconds} s.${
            lastResponse?.kind === 'response' && lastResponse.patternTimedOut
              ? ` Matching the body against probe-body did not finish in the time left and was stopped: the pattern backtracks (nested quantifiers such as (a+)+ take exponential time); simplify it.`
              : ''
          }`,
          last,
          lastResponse,
        );
      }
      // The last wait was cut short so one more probe lands right at the deadline.
      delay = nextDelay(delay, last);
    }
  } finally {
    await docker.removeContainer(container.name);
  }
}

type ExitState = { running: true } | { running: false; exitCode: number } | { running: false; gone: string };

/** The container's state; a container that can no longer be inspected (removed) counts as gone, not as an error of ours. */
async function exitState(docker: Docker, name: string): Promise<ExitState> {
  try {
    const state = await docker.containerState(name);
    return state.running ? { running: true } : { running: false, exitCode: state.exitCode };
  } catch (error) {
    return { running: false, gone: (error as Error).message.split('\n')[0] ?? '' };
  }
}

function exitedMessage(state: Exclude<ExitState, { running: true }>): string {
  return 'exitCode' in state ? `The app container exited with code ${state.exitCode}` : `The app container is gone (${state.gone})`;
}

async function failure(
  docker: Docker,
  container: string,
  message: string,
  last: ProbeAttempt | undefined,
  lastResponse: ProbeAttempt | undefined,
): Promise<SmokeTestError> {
  const logs = await docker.logs(container, 80);
  const details = [
    'Last probe:',
    indent(describeAttempt(last)),
    ...(lastResponse && lastResponse !== last ? ['', 'Last HTTP response:', indent(describeAttempt(lastResponse))] : []),
    '',
    'Last container log lines:',
    indent(logs || '(the container printed nothing)'),
  ].join('\n');
  return new SmokeTestError(message, details, lastResponse?.kind === 'response' ? lastResponse.status : 0);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
