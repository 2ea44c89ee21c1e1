// The merge's judgement, pure: given what the registry says of each handed-over image (its
// manifest, platform, labels and test records), decide whether they are one run's tested set for
// the expected platforms, and if so, the index that every tag will name. Every problem is listed,
// so a refused merge says all that is wrong at once; a refused merge moves no tag. With rebuild:
// if-changed a platform job may hand over its platform as unchanged: the image the version tag's
// index already names, tested by the run that built it; when every platform is, the merge moves nothing.
import { configPlatform } from './platforms.js';
import { productLabel } from './product.js';
import { OCI_INDEX, DOCKER_LIST, type Descriptor } from './oci.js';
import type { TestRecord } from './test-record.js';

/** What the merge expects of every member: its own settings and run. */
export interface MergeExpectation {
  /** The platforms input: exactly these, each once, in the index's order. */
  platforms: string[];
  pythonVersion: string;
  variant: string;
  worker: string;
  /** The run's date, as the merge resolved it: the dated tags it will move carry it. */
  date: string;
  /** The workflow run the merge belongs to ('' outside a workflow). */
  runId: string;
  /** What the version tag holds now; read only when a member says it is unchanged. */
  held?: HeldIndex;
}

/** The index under the version tag, as the registry holds it when the merge starts. */
export interface HeldIndex {
  /** IMAGE:TAG, for messages. */
  reference: string;
  /** Its digest; '' when the registry has no such tag. */
  digest: string;
  /** Each platform's image digest in it, attestations left out; none for a missing tag or a single image. */
  platforms: Record<string, string>;
}

/** One image the merge was told of, and what the registry holds about it (read by merge.ts). */
export interface MemberFacts {
  /** Where the merge heard of it, for messages: a hand-over file or a line of the digests input. */
  source: string;
  digest: string;
  /** The platform the hand-over claims; '' when only a digest was given. */
  claimedPlatform: string;
  /** Its manifest in the registry; undefined when the registry has no such digest. */
  manifest?: { mediaType: string; size: number };
  /** os/architecture[/variant] from its config; '' when it has none (an index, an artifact). */
  platform: string;
  labels: Record<string, string>;
  /** The payloads of its test-record referrers (unreadable ones left out). */
  records: TestRecord[];
  /** The hand-over says its job found it unchanged: the version tag's index names it, tested in an earlier run. */
  unchanged: boolean;
}

/** A member that passed every check: what the index names, and from which job it came. */
export interface AcceptedMember {
  platform: string;
  digest: string;
  mediaType: string;
  size: number;
  record: TestRecord;
  unchanged: boolean;
}

/** unchanged: every member is, and the version tag's index names exactly them: nothing to push. */
export type MergeDecision = { ok: true; members: AcceptedMember[]; index: Buffer; unchanged: boolean } | { ok: false; problems: string[] };

const LABELS = { pythonVersion: productLabel('python-version'), variant: productLabel('variant'), worker: productLabel('worker') };
const BASE_LABEL = 'org.opencontainers.image.base.name';

export function checkMerge(expected: MergeExpectation, members: MemberFacts[]): MergeDecision {
  const problems: string[] = [];
  const accepted: AcceptedMember[] = [];
  for (const member of members) {
    const result = checkMember(expected, member);
    if (typeof result === 'string') problems.push(`${member.source}: ${result}`);
    else accepted.push(result);
  }
  problems.push(...setProblems(expected, members, accepted));
  if (problems.length > 0) return { ok: false, problems };
  const ordered = expected.platforms.map((platform) => accepted.find((member) => member.platform === platform)!);
  return { ok: true, members: ordered, index: indexOf(ordered), unchanged: holdsExactly(expected.held, ordered) };
}

/** Whether every member is unchanged and the held index names those images and no other platform. */
function holdsExactly(held: HeldIndex | undefined, members: AcceptedMember[]): boolean {
  if (held === undefined || !members.every((member) => member.unchanged)) return false;
  return Object.keys(held.platforms).length === members.length && members.every((member) => held.platforms[member.platform] === member.digest);
}

/** The held index from what the registry gave for the version tag (undefined: no such tag). */
export function heldIndex(reference: string, stored: { digest: string; body: { manifests?: Descriptor[] } } | undefined): HeldIndex {
  const platforms: Record<string, string> = {};
  for (const entry of stored?.body.manifests ?? []) {
    const platform = entry.platform ? configPlatform(entry.platform) : '';
    // Attestations sit in an index as unknown/unknown: not an image of any platform.
    if (platform !== '' && !platform.startsWith('unknown/')) platforms[platform] = entry.digest;
  }
  return { reference, digest: stored?.digest ?? '', platforms };
}

/** One member: its own checks, in the order a reader would ask them; the first failed one is its problem. */
function checkMember(expected: MergeExpectation, member: MemberFacts): AcceptedMember | string {
  const { digest } = member;
  if (member.unchanged) {
    const moved = movedProblem(expected.held, member);
    if (moved !== '') return moved;
  }
  if (!member.manifest) return `${digest} is not in the repository: the platform job did not push it there (or it was deleted).`;
  if (member.manifest.mediaType === OCI_INDEX || member.manifest.mediaType === DOCKER_LIST)
    return `${digest} is an index, not one platform's image: hand over the digest a platform job gave.`;
  if (member.platform === '') return `${digest} is not a container image (its config names no platform).`;
  if (member.claimedPlatform !== '' && member.claimedPlatform !== member.platform)
    return `claims ${member.claimedPlatform}, but ${digest} is an image for ${member.platform}.`;
  const label = (key: keyof typeof LABELS): string | undefined => member.labels[LABELS[key]];
  if (label('pythonVersion') === undefined || label('worker') === undefined)
    return `${digest} (${member.platform}) carries none of this action's labels: it was not built by a platform job of this action.`;
  for (const key of ['pythonVersion', 'variant', 'worker'] as const)
    if (label(key) !== expected[key])
      return `${digest} (${member.platform}) was built with ${describe(key)} ${label(key) ?? '(none)'}, the merge is for ${expected[key]}.`;
  const passed = member.records.filter((record) => record.probe.passed && record.subject === digest);
  if (passed.length === 0)
    return `${digest} (${member.platform}) has no passing test record: no platform job smoke-tested it (an image pushed by hand, or a job whose test failed).`;
  // An unchanged image was tested by the run that built it; any other, in this run.
  const ours = member.unchanged ? passed : passed.filter((record) => record.runId === expected.runId);
  if (ours.length === 0)
    return `${digest} (${member.platform}) was tested in another workflow run (${passed.map((record) => record.runId || 'outside a workflow').join(', ')}), not this one (${expected.runId || 'outside a workflow'}).`;
  const record = ours.find((candidate) => matchProblem(expected, member, candidate) === '') ?? ours[0]!;
  const problem = matchProblem(expected, member, record);
  if (problem !== '') return `${digest} (${member.platform}): its test record ${problem}.`;
  return { platform: member.platform, digest, mediaType: member.manifest.mediaType, size: member.manifest.size, record, unchanged: member.unchanged };
}

/**
 * An unchanged member is the image the version tag's index names for its platform; '' when it still
 * is. When the tag moved (or was deleted) since its job compared, the job's comparison is stale.
 */
function movedProblem(held: HeldIndex | undefined, member: MemberFacts): string {
  const platform = member.platform || member.claimedPlatform;
  const now = held?.platforms[platform];
  if (now === member.digest) return '';
  const holds = held === undefined || held.digest === '' ? 'is not in the registry' : now ? `now names ${now} for it` : 'names no image for it';
  return `says ${platform} is unchanged at ${member.digest}, but ${held?.reference ?? 'the version tag'} ${holds}: the image its job compared with is gone; re-run the platform jobs with rebuild: always.`;
}

/** Whether a record agrees with the image it is about and with the merge; '' when it does. */
function matchProblem(expected: MergeExpectation, member: MemberFacts, record: TestRecord): string {
  if (record.platform !== member.platform) return `says ${record.platform}, the image is ${member.platform}`;
  for (const key of ['pythonVersion', 'variant', 'worker'] as const)
    if (record[key] !== expected[key]) return `says ${describe(key)} ${record[key]}, the merge is for ${expected[key]}`;
  // An unchanged image keeps the date of the run that built it; the new dated tags name this run's.
  if (!member.unchanged && record.date !== expected.date)
    return `has the run date ${record.date}, the merge ${expected.date}: give both jobs the same date input, or neither (the run's creation date)`;
  const base = member.labels[BASE_LABEL];
  if (base !== undefined && base !== record.baseImage) return `says base image ${record.baseImage}, the image's label ${base}`;
  return '';
}

/** Problems of the set: each expected platform exactly once, nothing else, one base image. */
function setProblems(expected: MergeExpectation, members: MemberFacts[], accepted: AcceptedMember[]): string[] {
  const problems: string[] = [];
  const sourcesOf = (pick: (member: MemberFacts) => string, value: string): string[] =>
    members.filter((member) => pick(member) === value).map((member) => member.source);
  for (const digest of unique(members.map((member) => member.digest)))
    if (sourcesOf((member) => member.digest, digest).length > 1)
      problems.push(
        `${digest} was handed over more than once (${sourcesOf((member) => member.digest, digest).join(', ')}): each platform job hands over one image.`,
      );
  // A platform is known from the registry, or else from the claim (a member the registry lacks).
  const platformOf = (member: MemberFacts): string => member.platform || member.claimedPlatform;
  for (const platform of unique(members.map(platformOf).filter((platform) => platform !== ''))) {
    const sources = sourcesOf(platformOf, platform);
    const digests = unique(members.filter((member) => platformOf(member) === platform).map((member) => member.digest));
    if (digests.length > 1)
      problems.push(`${platform} was handed over ${sources.length} times (${sources.join(', ')}): one image per platform; remove the extra.`);
    if (!expected.platforms.includes(platform))
      problems.push(
        `${platform} (${sources.join(', ')}) is not one of the platforms to merge (${expected.platforms.join(', ')}); add it to platforms or leave it out.`,
      );
  }
  for (const platform of expected.platforms)
    if (!members.some((member) => platformOf(member) === platform))
      problems.push(
        `${platform}: no platform job handed over an image for it (did its job fail, or not run?); the merge needs every platform of ${expected.platforms.join(', ')}.`,
      );
  const bases = unique(accepted.map((member) => member.record.baseImage));
  if (bases.length > 1)
    problems.push(
      `the images were built from different base images (${accepted.map((member) => `${member.platform}: ${member.record.baseImage}`).join(', ')}); give every platform job the same base-image.`,
    );
  return problems;
}

/** The index over the accepted members: the same members always give the same bytes, so a retried merge moves nothing. */
export function indexOf(members: AcceptedMember[]): Buffer {
  const manifests: Descriptor[] = members.map((member) => ({
    mediaType: member.mediaType,
    digest: member.digest,
    size: member.size,
    platform: platformObject(member.platform),
  }));
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
}

/** linux/arm/v7 → { os: linux, architecture: arm, variant: v7 }. */
export function platformObject(platform: string): { os: string; architecture: string; variant?: string } {
  const [os = '', architecture = '', variant] = platform.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

function describe(key: 'pythonVersion' | 'variant' | 'worker'): string {
  return key === 'pythonVersion' ? 'Python' : key;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
