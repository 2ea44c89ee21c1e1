// What a run tells the workflow when it ends: a passing run's outputs and job summary, and one job
// summary for every failure (a run's inputs, setup or steps; a merge). The rows are computed in
// core/summary.ts; this module reads what they need (image sizes) and hands them to the reporter.
import { attestationLines } from './attestations.js';
import type { Docker } from '../adapters/docker.js';
import type { PlatformResult } from './build.js';
import type { Plan } from '../core/plan.js';
import { localRefs, PushError, type PushResult } from './push.js';
import type { RebuildCheck } from './rebuild.js';
import type { Reporter } from '../adapters/reporter.js';
import type { Settings } from '../core/settings.js';
import { SmokeTestError } from './smoke-test.js';
import { buildRows, failureRows, firstLine, passedRows, platformRow, type Failure } from '../core/summary.js';

/** What a passing run did beyond its tested images. */
export interface Passed {
  push: PushResult | undefined;
  rebuild: RebuildCheck;
  signature: string;
}

/** The one failure summary: every failure, of a run or a merge, is reported through here. */
export async function summarizeFailure(reporter: Reporter, failure: Failure): Promise<void> {
  await reporter.summary(failure.title, failureRows(failure));
}

/** What a run that failed after setup says: why a smoke test failed, and a summary of what it got to. */
export async function reportRunFailure(
  reporter: Reporter,
  settings: Settings,
  run: { first: Plan; stage: string; tested: PlatformResult[] },
  error: unknown,
): Promise<void> {
  const { stage } = run;
  if (error instanceof SmokeTestError) {
    reporter.setOutput('probe-status', String(error.lastStatus));
    reporter.details('Why the smoke test failed', error.details);
  }
  // The summary says what failed too: a red job with an empty summary explains nothing.
  await summarizeFailure(reporter, {
    title: 'Flask image: failed',
    stage,
    label: 'Reason',
    problems: [firstLine((error as Error).message)],
    facts: [...buildRows(settings, run.first), ...run.tested.map((result) => platformRow(result))],
    outcome: {
      label: 'Pushed',
      value: stage === 'push' ? partlyPushed(error) : stage === 'sign' ? 'yes, but not signed (the tags and digest outputs name it)' : 'nothing',
    },
  });
}

/** A passing run's outputs and job summary. */
export async function reportPassed(docker: Docker, reporter: Reporter, settings: Settings, tested: PlatformResult[], passed: Passed): Promise<void> {
  const { push, rebuild, signature } = passed;
  const sizes = await Promise.all(
    tested.map((result) =>
      docker.imageSize(result.imageId).catch((error: Error) => {
        reporter.warning(`Could not read the image size (${firstLine(error.message)}); the image-size output is empty.`);
        return undefined;
      }),
    ),
  );
  const tags = push ? push.pushed : outputRefs(tested);
  const attached = push ? attestationLines(tested.flatMap((result) => (result.layout ? [{ facts: result.layout }] : []))) : [];
  setPassedOutputs(reporter, tested, { tags, attached, sizes, ...passed });
  await reporter.summary(
    'Flask image',
    passedRows(settings, tested, { tags, ...(push ? { push } : {}), reasons: rebuild.reasons, attached, signature, sizes }),
  );
}

/** A passing run's outputs, each set by name (the action.yml test reads them from here). */
function setPassedOutputs(
  reporter: Reporter,
  tested: PlatformResult[],
  run: Passed & { tags: string[]; attached: string[]; sizes: (number | undefined)[] },
): void {
  const first = tested[0]!;
  reporter.setOutput('tags', run.tags.join('\n'));
  reporter.setOutput('digest', run.push?.digest ?? '');
  reporter.setOutput('image-id', first.imageId);
  reporter.setOutput(
    'platform-image-ids',
    tested.length > 1 ? tested.map((result) => `${result.plan.target.platform}=${result.imageId}`).join('\n') : '',
  );
  reporter.setOutput('probe-status', String(first.probe.status));
  reporter.setOutput('probe-seconds', first.probe.seconds.toFixed(3));
  reporter.setOutput('image-size', run.sizes[0] === undefined ? '' : String(run.sizes[0]));
  reporter.setOutput('rebuilt', 'true');
  reporter.setOutput('rebuild-reasons', run.rebuild.reasons.join('\n'));
  reporter.setOutput('attestations', run.attached.join('\n'));
  reporter.setOutput('signature', run.signature);
}

/** What the Pushed row says when the push failed: the tags the registry holds already, if any. */
function partlyPushed(error: unknown): string {
  if (error instanceof PushError && error.pushed.length > 0)
    return `partly: ${error.pushed.join(', ')} (digest ${error.digest || 'unknown'}); latest was not moved`;
  return 'no; earlier tags may exist, latest was not moved';
}

/** The names the `tags` output gives when nothing was pushed: the local tags, else the per-job app tags. */
function outputRefs(tested: PlatformResult[]): string[] {
  const refs = tested.flatMap((result) => localRefs(result.plan));
  return refs.length > 0 ? refs : tested.map((result) => result.plan.app.tag);
}
