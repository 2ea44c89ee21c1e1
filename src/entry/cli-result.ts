// The command line's machine-readable result (--json): one object that scripts such as the
// benchmark read, instead of the log, which is written for people and may change its wording.
import { describeBuilder } from '../core/builder.js';
import type { PlatformResult } from '../pipeline/pipeline.js';
import type { Plan } from '../core/plan.js';
import type { Reporter } from '../adapters/reporter.js';
import type { Settings } from '../core/settings.js';
import type { SmokeTestResult } from '../pipeline/smoke-test.js';

/** A folded log group (a phase: log in, build the base, layer the app, smoke test, push) and how long it took. */
export interface PhaseTiming {
  title: string;
  seconds: number;
}

/** What `--json` prints. Fields the run did not reach are null (or empty lists). */
export interface CliResult {
  ok: boolean;
  /** Why the run failed; null when it passed. */
  error: string | null;
  /** The outputs of action.yml, typed: image-id, tags, digest, image-size, probe-status, probe-seconds. */
  imageId: string | null;
  tags: string[];
  digest: string | null;
  /** Bytes, as `docker image inspect` gives them. */
  size: number | null;
  probe: { url: string | null; status: number | null; seconds: number | null };
  /** What was built: known once the inputs were valid and the build was planned, so only on a passing run. */
  python: string | null;
  variant: string | null;
  worker: string | null;
  baseImage: string | null;
  builder: string | null;
  /**
   * Each platform built, in build order (one entry, platform '' for the engine's own, without the
   * platforms input): its tested image, how long its two builds took, and its probe.
   */
  platforms: PlatformSummary[];
  /** Every phase in the order it ended, then the whole run's wall time. */
  phases: PhaseTiming[];
  seconds: number;
}

export interface PlatformSummary {
  platform: string;
  emulated: boolean;
  imageId: string;
  buildSeconds: number;
  probeSeconds: number;
  probeTimeoutSeconds: number;
}

/** Milliseconds as seconds, to the millisecond: what a clock read around a phase can honestly claim. */
export const toSeconds = (ms: number): number => Math.round(ms) / 1000;

/** What the result object takes from a passing run's PipelineResult: what the outputs do not carry. */
export interface PassedRun {
  settings: Pick<Settings, 'pythonVersion' | 'variant' | 'worker'>;
  plan: Pick<Plan, 'baseImage' | 'builder'>;
  probe?: Pick<SmokeTestResult, 'url'>;
  platforms: (Pick<PlatformResult, 'imageId' | 'buildSeconds'> & { probe: Pick<SmokeTestResult, 'seconds'>; plan: Pick<Plan, 'target' | 'probe'> })[];
}

/**
 * The reporter, with each group timed into `phases`. The pipeline opens one group per phase,
 * so this gives the phase timings without the pipeline keeping a clock of its own.
 */
export function timeGroups<R extends Reporter>(reporter: R, phases: PhaseTiming[], now: () => number = () => performance.now()): R {
  return {
    ...reporter,
    async group<T>(title: string, task: () => Promise<T>): Promise<T> {
      const started = now();
      try {
        return await reporter.group(title, task);
      } finally {
        phases.push({ title, seconds: toSeconds(now() - started) });
      }
    },
  };
}

/**
 * The result object: the outputs the reporter received (set on success, and some on failure:
 * probe-status after a failed smoke test, tags and digest after a partial push), and from the
 * pipeline's result what the outputs do not carry.
 */
export function cliResult(
  outcome: { result: PassedRun } | { error: Error },
  outputs: Record<string, string>,
  phases: PhaseTiming[],
  seconds: number,
): CliResult {
  const text = (name: string): string | null => (outputs[name] ? outputs[name] : null);
  const number = (name: string): number | null => (outputs[name] ? Number(outputs[name]) : null);
  const result = 'result' in outcome ? outcome.result : undefined;
  return {
    ok: result !== undefined,
    error: 'error' in outcome ? outcome.error.message : null,
    imageId: text('image-id'),
    tags: (outputs.tags ?? '').split('\n').filter((tag) => tag !== ''),
    digest: text('digest'),
    size: number('image-size'),
    probe: { url: result?.probe?.url ?? null, status: number('probe-status'), seconds: number('probe-seconds') },
    python: result?.settings.pythonVersion ?? null,
    variant: result?.settings.variant ?? null,
    worker: result?.settings.worker ?? null,
    baseImage: result?.plan.baseImage ?? null,
    builder: result ? describeBuilder(result.plan.builder) : null,
    platforms: (result?.platforms ?? []).map((built) => ({
      platform: built.plan.target.platform,
      emulated: built.plan.target.emulated,
      imageId: built.imageId,
      buildSeconds: toSeconds(built.buildSeconds * 1000),
      probeSeconds: toSeconds(built.probe.seconds * 1000),
      probeTimeoutSeconds: built.plan.probe.timeoutSeconds,
    })),
    phases,
    seconds,
  };
}
