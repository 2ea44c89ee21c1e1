// One platform's build and test: the bundled base image, the app layered on it, and the smoke test
// of that very image. Each platform of a run goes through here before anything is pushed.
import { loadLayout } from './attestations.js';
import { DockerError, type Docker } from '../adapters/docker.js';
import type { LayoutFacts } from '../adapters/oci-layout.js';
import type { BuildStep, Plan } from '../core/plan.js';
import { registryRetry } from './push.js';
import type { Reporter } from '../adapters/reporter.js';
import { isTransientPullError, retry } from '../core/retry.js';
import type { Settings } from '../core/settings.js';
import { smokeTest, type SmokeTestResult } from './smoke-test.js';
import type { StateStore } from '../adapters/state.js';
import type { ToolRunner } from '../adapters/tool-runner.js';

/** One platform's tested image. */
export interface PlatformResult {
  plan: Plan;
  imageId: string;
  probe: SmokeTestResult;
  /** Seconds the two builds took. */
  buildSeconds: number;
  /** The image's OCI layout and its attestations, when they are attached (attestations.ts). */
  layout?: LayoutFacts;
}

/** What building needs of the run: the engine, the log, the state the post step cleans up from, the tools. */
export interface BuildDeps {
  docker: Docker;
  reporter: Reporter;
  state: StateStore;
  tools: ToolRunner;
}

/** Where the run is: the stage a failure names, what has passed, and the docker CLI's environment. */
export interface BuildProgress {
  stage: string;
  tested: PlatformResult[];
  dockerEnv: Record<string, string>;
}

/**
 * One platform: build the bundled image, layer the app on it, smoke-test that very image. One of
 * several that fails says which first: its error message starts with the platform.
 */
export async function buildAndTest(deps: BuildDeps, settings: Settings, plan: Plan, several: boolean, progress: BuildProgress): Promise<void> {
  const { docker, reporter } = deps;
  const where = several ? ` for ${plan.target.platform}` : '';
  try {
    progress.stage = `build${where}`;
    const buildSeconds = await buildPlatform(docker, reporter, settings, plan, progress.dockerEnv);
    // An attested image was written to its layout: the engine gets that very image for the test.
    const layout = plan.appLayout !== '' ? await loadLayout(docker, deps.tools, plan.appLayout, plan.app.tag) : undefined;
    const imageId = await docker.imageId(plan.app.tag);
    progress.stage = `smoke test${where}`;
    deps.state.save({ container: plan.container.name });
    const probe = await reporter.group(`Smoke-test ${imageId.slice(7, 19)}${where}`, async () => {
      const result = await smokeTest(docker, plan, imageId);
      reporter.info(`${result.url} answered ${result.status} after ${result.seconds.toFixed(2)} s${plan.target.emulated ? ' (emulated)' : ''}.`);
      return result;
    });
    progress.tested.push({ plan, imageId, probe, buildSeconds, ...(layout ? { layout } : {}) });
  } catch (error) {
    if (several && error instanceof Error) error.message = `${plan.target.platform}: ${error.message}`;
    throw error;
  }
}

/** Builds the base image, then layers the app on it; returns the seconds both took. */
async function buildPlatform(docker: Docker, reporter: Reporter, settings: Settings, plan: Plan, dockerEnv: Record<string, string>): Promise<number> {
  const started = Date.now();
  const where = plan.target.platform !== '' ? ` for ${plan.target.platform}${plan.target.emulated ? ' (emulated)' : ''}` : '';
  const build = (step: BuildStep, what: string): Promise<void> =>
    retry(() => docker.build(step.args, what, step.dockerfile, { ...step.env, ...dockerEnv }), {
      ...registryRetry(what, (message) => reporter.warning(message)),
      // Only a failed fetch of an image is retried: a failing RUN step would fail the same way again.
      isTransient: (error) => error instanceof DockerError && isTransientPullError(`${error.result?.stdout ?? ''}\n${error.result?.stderr ?? ''}`),
    });
  await reporter.group(`Build the base image from ${plan.baseImage}${where}`, () => build(plan.base, 'Building the base image'));
  await reporter.group(`Layer the app from ${settings.appDir}${where}`, () => build(plan.app, 'Layering the app'));
  return (Date.now() - started) / 1000;
}
