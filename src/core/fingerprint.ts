// The build fingerprint: what an image was built from, recorded on it as labels (one per part) so
// that a later run can tell, from the registry alone, whether building again would change anything,
// and say which part did. Pure: the digests of files come in from context-digest.ts, the base
// image's digest from rebuild.ts.
import { createHash } from 'node:crypto';
import { productLabel } from './product.js';
import type { Settings } from './settings.js';

/** always: every run builds; if-changed: a run whose fingerprint the registry's image already has skips (rebuild.ts). */
export type RebuildMode = 'always' | 'if-changed';
export const REBUILD_MODES: readonly RebuildMode[] = ['always', 'if-changed'];

/** The parts, in the order the log names them. */
export const FINGERPRINT_PARTS = ['base', 'app', 'docker', 'inputs', 'action'] as const;
export type FingerprintPart = (typeof FINGERPRINT_PARTS)[number];

/** One image's fingerprint: each part a short text (a reference with digest, or sha256:...). */
export type Fingerprint = Record<FingerprintPart, string>;

/** The base part when its digest was not read from the registry (rebuild: always, or no buildx). */
export const UNRESOLVED_BASE = 'unresolved';

/** What each part covers, for the log and the summary when it changed. */
const PART_NAMES: Record<FingerprintPart, string> = {
  base: 'the base image',
  app: 'the app folder',
  docker: "the action's docker/ folder",
  inputs: 'the inputs that shape the image',
  action: "the action's version",
};

export function fingerprintLabel(part: FingerprintPart): string {
  return productLabel(`fingerprint.${part}`);
}

export function fingerprintLabels(fingerprint: Fingerprint): Record<string, string> {
  return Object.fromEntries(FINGERPRINT_PARTS.map((part) => [fingerprintLabel(part), fingerprint[part]]));
}

/** The fingerprint an image's labels record; a part the labels lack is ''. */
export function readFingerprint(labels: Record<string, string>): Fingerprint {
  return Object.fromEntries(FINGERPRINT_PARTS.map((part) => [part, labels[fingerprintLabel(part)] ?? ''])) as Fingerprint;
}

/** The base part: the reference as the inputs give it, pinned to the digest of this platform's image. */
export function basePart(baseImage: string, digest: string): string {
  return digest === '' ? UNRESOLVED_BASE : `${baseImage}@${digest}`;
}

/**
 * The inputs part: a digest of every input that changes what is built or which tags a run pushes,
 * and nothing that changes from run to run (the date, the commit, the run number). The package
 * index is left out on purpose: its URL may carry a token, and a digest of a secret is no place for it.
 */
export function inputsPart(
  settings: Pick<
    Settings,
    'pythonVersion' | 'variant' | 'worker' | 'baseImage' | 'buildArgs' | 'appModule' | 'extraTags' | 'latest' | 'immutableTag'
  >,
  platform: string,
): string {
  const canonical = {
    pythonVersion: settings.pythonVersion,
    variant: settings.variant,
    worker: settings.worker,
    baseImage: settings.baseImage,
    buildArgs: Object.entries(settings.buildArgs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    appModule: settings.appModule,
    platform,
    tags: settings.extraTags,
    latest: settings.latest,
    immutableTag: settings.immutableTag,
  };
  return sha256(JSON.stringify(canonical));
}

/** A change of one part: what the registry's image records, and what this run would build. */
export interface PartChange {
  part: FingerprintPart;
  held: string;
  wanted: string;
}

/**
 * The parts that differ. A base part that is unresolved on either side always differs: an
 * unknown digest proves nothing unchanged. A part the held image lacks (built before the
 * fingerprint, or by another tool) differs too.
 */
export function changedParts(held: Fingerprint, wanted: Fingerprint): PartChange[] {
  return FINGERPRINT_PARTS.filter(
    (part) => held[part] === '' || held[part] !== wanted[part] || (part === 'base' && wanted.base === UNRESOLVED_BASE),
  ).map((part) => ({ part, held: held[part], wanted: wanted[part] }));
}

/** One line per change, naming the part and both values (digests shortened). */
export function describeChange(change: PartChange): string {
  const held = change.held === '' ? 'none recorded' : shorten(change.held);
  return `${PART_NAMES[change.part]} (${change.part}): ${held} → ${shorten(change.wanted)}`;
}

/** Names the parts compared, for the notice of a skipped run. */
export function describeParts(fingerprint: Fingerprint): string {
  return FINGERPRINT_PARTS.map((part) => `${part} ${shorten(fingerprint[part])}`).join(', ');
}

/** sha256:abcdef012345 (12 hex digits) wherever a full digest stands in the text. */
function shorten(value: string): string {
  return value.replace(/sha256:([a-f0-9]{12})[a-f0-9]{52}/g, 'sha256:$1');
}

export function sha256(text: string | Buffer): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * The digest of a list of files: each path, its kind and its content's digest, one line each,
 * sorted by path, so the order a folder is read in does not matter.
 */
export function filesDigest(files: { path: string; kind: 'file' | 'executable' | 'link'; digest: string }[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.kind} ${file.digest} ${JSON.stringify(file.path)}`);
  return sha256(lines.join('\n'));
}
