// The job summary's rows, computed from what a run found: what was built, each platform's tested
// image, a passing run's outcome, and one shape for every failure (a build, its inputs, its setup,
// a merge). Pure: the steps hand these rows to the reporter (pipeline/report.ts).
import { describeBuilder } from './builder.js';
import { describeCache } from './cache.js';
import type { Plan } from './plan.js';
import type { Settings } from './settings.js';

export interface SummaryRow {
  label: string;
  value: string;
}

/** One platform's tested image, as the summary needs it. */
export interface TestedImage {
  plan: Plan;
  imageId: string;
  probe: { url: string; status: number; seconds: number };
  /** Seconds the two builds took. */
  buildSeconds: number;
}

/** What a passing run did beyond its tested images: the push, the rebuild's reasons, what was attached. */
export interface PassedRun {
  tags: string[];
  /** The push's pushed references and digest; absent when nothing was pushed. */
  push?: { pushed: string[]; digest: string };
  reasons: string[];
  /** The attestations output's lines, [] when none were attached. */
  attached: string[];
  signature: string;
  /** Each image's size in bytes, in build order; undefined where it could not be read. */
  sizes: (number | undefined)[];
}

/** A failure, whatever failed: the summary says where, why, what the run knew, and what the registry got. */
export interface Failure {
  /** 'Flask image: failed', or the merge's own title. */
  title: string;
  /** The stage that failed: 'inputs', 'setup', 'build for linux/arm64', 'checks'... */
  stage: string;
  /** 'Problem' rows, one per problem found (inputs, the merge's checks), or one 'Reason' row. */
  label: 'Problem' | 'Reason';
  problems: string[];
  /** What the run knew of the build, between the reason and the outcome. */
  facts: SummaryRow[];
  /** What the registry got ('Pushed', or the merge's 'Tagged'). */
  outcome: SummaryRow;
}

/** The first line of a message: a summary cell holds one line. */
export function firstLine(message: string): string {
  return message.split('\n')[0] ?? '';
}

/** The rows every summary opens with: the Python, variant and worker asked for. */
export function versionRows(settings: Pick<Settings, 'pythonVersion' | 'variant' | 'worker'>): SummaryRow[] {
  return [
    { label: 'Python', value: settings.pythonVersion },
    { label: 'Variant', value: settings.variant },
    { label: 'Worker', value: settings.worker },
  ];
}

/** What was built, for the job summary whether the run passed or failed. */
export function buildRows(settings: Settings, plan: Plan): SummaryRow[] {
  return [
    ...versionRows(settings),
    { label: 'Base image', value: plan.baseImage },
    { label: 'Builder', value: describeBuilder(plan.builder) },
    { label: 'Cache', value: describeCache(plan.cache) },
  ];
}

/** A platform's row: its image, size, build and probe time (and the probe timeout it had under emulation). */
export function platformRow(result: TestedImage, size?: number): SummaryRow {
  const { plan, probe } = result;
  const emulated = plan.target.emulated ? `, emulated (probe timeout ${plan.probe.timeoutSeconds} s)` : '';
  return {
    label: `Platform ${plan.target.platform}`,
    value: `${result.imageId}${size === undefined ? '' : `, ${megabytes(size)}`}, built in ${result.buildSeconds.toFixed(0)} s, ${probe.url} → ${probe.status} in ${probe.seconds.toFixed(2)} s${emulated}`,
  };
}

/** Every failure's rows, in one order: where, why, what the run knew, what the registry got. */
export function failureRows(failure: Failure): SummaryRow[] {
  return [
    { label: 'Failed at', value: failure.stage },
    ...failure.problems.map((problem) => ({ label: failure.label, value: problem })),
    ...failure.facts,
    failure.outcome,
  ];
}

/** A passing run's rows: the image, what was built, where it went, and each tested image. */
export function passedRows(settings: Settings, tested: TestedImage[], run: PassedRun): SummaryRow[] {
  const first = tested[0]!;
  const { push, sizes } = run;
  return [
    { label: 'Image', value: settings.image || first.plan.app.tag },
    ...buildRows(settings, first.plan),
    { label: 'Tags', value: run.tags.join(', ') },
    { label: 'Pushed', value: pushedValue(settings, push) },
    { label: 'Digest', value: push?.digest || '-' },
    { label: 'Rebuilt because', value: run.reasons.join('; ') },
    { label: 'Attestations', value: run.attached.length > 0 ? `${describeAttestations(settings)}: ${run.attached.join('; ')}` : 'none' },
    {
      label: 'Signature',
      value:
        push && settings.signing.mode !== 'none'
          ? `cosign (${settings.signing.mode}) of ${push.digest}${run.signature ? ` at ${run.signature}` : ''}`
          : 'none',
    },
    ...(tested.length === 1
      ? [
          { label: 'Image ID', value: first.imageId },
          { label: 'Size', value: sizes[0] === undefined ? '-' : megabytes(sizes[0]) },
          { label: 'Probe', value: `${first.probe.url} → ${first.probe.status} in ${first.probe.seconds.toFixed(2)} s` },
        ]
      : tested.map((result, index) => platformRow(result, sizes[index]))),
  ];
}

/** The attestations asked for, in words. */
export function describeAttestations(settings: Pick<Settings, 'attestations'>): string {
  const { provenance, sbom } = settings.attestations;
  return [...(provenance !== '' ? [`provenance (mode ${provenance})`] : []), ...(sbom ? ['SBOM (SPDX)'] : [])].join(' and ');
}

function pushedValue(settings: Settings, push: PassedRun['push']): string {
  if (push) return `yes, ${push.pushed.length} tags`;
  return settings.pushSkippedReason !== '' ? `skipped: ${settings.pushSkippedReason}` : 'no (push: false)';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
