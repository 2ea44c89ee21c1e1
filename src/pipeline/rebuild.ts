// `rebuild: if-changed`: before building, the fingerprint this run would record (fingerprint.ts)
// is compared with the one the image under the version tag records in the registry; a run that
// would build the same thing skips build, test and push. Anything unknown rebuilds: a tag the
// registry lacks, a registry it cannot read, a base image whose digest it cannot resolve.
//
// Per platform: each platform's image carries its own fingerprint (its own base digest), and a run
// of several platforms skips only when the version tag holds an index with exactly those platforms,
// each with the same fingerprint. A platform job (mode: platform) compares its one platform with that
// platform's entry in the index a merge put under the version tag, and, when it is the same, hands
// that entry's digest over as unchanged (platform-job.ts); the merge then moves no tag when every
// platform is unchanged (merge.ts).
import * as path from 'node:path';
import { actionVersion, contextDigest } from '../adapters/context-digest.js';
import type { Docker } from '../adapters/docker.js';
import {
  basePart,
  changedParts,
  describeChange,
  describeParts,
  fingerprintLabels,
  inputsPart,
  readFingerprint,
  type Fingerprint,
} from '../core/fingerprint.js';
import { makePlan, type Plan, type RunContext } from '../core/plan.js';
import type { Reporter } from '../adapters/reporter.js';
import type { Settings } from '../core/settings.js';
import { configPlatform, samePlatform } from '../core/platforms.js';
import { firstLine, versionRows } from '../core/summary.js';
import { tagBase } from '../core/tags.js';

/** What the check found. */
export interface RebuildCheck {
  /** One per plan, in plan order: the labels each image gets. */
  fingerprints: Fingerprint[];
  /** One per plan: the digest of that platform's base image to build FROM, '' when not resolved. */
  baseDigests: string[];
  rebuild: boolean;
  /** Why it rebuilds (one line per changed part, or what could not be compared); empty when it skips. */
  reasons: string[];
  /** The reference compared with ('' when nothing was compared) and the digest it holds ('' when not read). */
  compared: string;
  digest: string;
  /** One per plan: the platform compared (the plan's, or the engine's for a plan without one). */
  platforms: string[];
  /** One per plan: the digest of that platform's image in the held image ('' when it holds none). */
  heldDigests: string[];
}

/** What the check needs beside the settings and plans. */
export interface RebuildFacts {
  actionRoot: string;
  /** The folder the app build sends (build-context.ts). */
  appContext: string;
  /** The app folder's .dockerignore as read with the inputs ('' for none); read from appContext when absent. */
  appDockerignore?: string;
  /** The docker CLI's environment holding the login. */
  env: Record<string, string>;
}

/** A manifest or index as `imagetools inspect --format '{{json .Manifest}}'` gives it. */
interface RemoteManifest {
  digest?: string;
  manifests?: { digest: string; platform?: { os?: string; architecture?: string; variant?: string } }[];
}

/** The image the registry holds under a tag: its digest, and each platform's labels and image digest. */
export type HeldImage =
  | { kind: 'missing' }
  | { kind: 'unreadable'; why: string }
  | {
      kind: 'image';
      digest: string;
      multiPlatform: boolean;
      labels: Record<string, Record<string, string>>;
      /** Each platform's manifest digest (an index's entries; a single image's own digest). */
      digests: Record<string, string>;
    };

/**
 * What a run compares with: one image (one platform built), an index of exactly the platforms it
 * builds, or, in a platform job, its one platform's entry in the index the merge made.
 */
export type HeldShape = 'image' | 'index' | 'index-entry';

export function heldShape(settings: Pick<Settings, 'mode'>, plans: unknown[]): HeldShape {
  if (settings.mode === 'platform') return 'index-entry';
  return plans.length > 1 ? 'index' : 'image';
}

export async function checkRebuild(docker: Docker, settings: Settings, plans: Plan[], facts: RebuildFacts): Promise<RebuildCheck> {
  const compare = settings.rebuild === 'if-changed' && plans[0]!.push.enabled;
  // A plan without a platform builds the engine's own: the base image's manifest for that one.
  const engine = compare && plans.some((plan) => plan.target.platform === '') ? await docker.enginePlatform() : '';
  const platforms = plans.map((plan) => plan.target.platform || engine);
  const reasons: string[] = [];
  let baseDigests = plans.map(() => '');
  const compared = `${settings.image}:${tagBase(settings)}`;
  // The registry's answers are independent: asked at once, each costs one round trip of the run's time.
  const [resolved, held] = compare
    ? await Promise.all([
        resolveBaseDigests(docker, plans[0]!.baseImage, platforms, facts.env).catch((error: unknown) => error as Error),
        readHeldImage(docker, compared, facts.env),
      ])
    : [undefined, undefined];
  if (resolved instanceof Error) reasons.push(`the digest of the base image ${plans[0]!.baseImage} could not be read (${firstLineOf(resolved)})`);
  else if (resolved) baseDigests = resolved;
  const shared = {
    app: contextDigest(facts.appContext, facts.appDockerignore),
    docker: contextDigest(path.join(facts.actionRoot, 'docker')),
    action: actionVersion(facts.actionRoot),
  };
  const fingerprints = plans.map((plan, index) => ({
    base: basePart(plan.baseImage, baseDigests[index]!),
    ...shared,
    inputs: inputsPart(settings, plan.target.platform),
  }));
  const found = { fingerprints, baseDigests, platforms, heldDigests: platforms.map((platform) => heldDigest(held, platform)) };
  if (!held) {
    const why = settings.rebuild === 'always' ? 'rebuild: always' : 'rebuild: if-changed compares with the registry only when pushing';
    return { ...found, rebuild: true, reasons: [why], compared: '', digest: '' };
  }
  reasons.push(...rebuildReasons(compared, held, platforms, fingerprints, heldShape(settings, plans)));
  return { ...found, rebuild: reasons.length > 0, reasons, compared, digest: held.kind === 'image' ? held.digest : '' };
}

/** The digest of `platform`'s image in the held image; '' when it holds none (or nothing was read). */
function heldDigest(held: HeldImage | undefined, platform: string): string {
  if (held?.kind !== 'image') return '';
  const key = Object.keys(held.digests).find((candidate) => samePlatform(candidate, platform));
  return key === undefined ? '' : held.digests[key]!;
}

/**
 * Why this run must build, comparing each planned platform's fingerprint with the labels of the
 * held image of that platform; [] when every part of every platform is the same.
 */
export function rebuildReasons(compared: string, held: HeldImage, platforms: string[], wanted: Fingerprint[], shape: HeldShape): string[] {
  if (held.kind === 'missing') return [`${compared} is not in the registry`];
  if (held.kind === 'unreadable') return [`${compared} could not be read from the registry (${held.why})`];
  if (held.multiPlatform !== (shape !== 'image'))
    return [`${compared} is ${held.multiPlatform ? 'a multi-platform image' : 'a single-platform image'}, and ${SHAPE_NAMES[shape]}`];
  const reasons: string[] = [];
  const heldPlatforms = Object.keys(held.labels);
  const extra = heldPlatforms.filter((platform) => !platforms.some((wantedPlatform) => samePlatform(platform, wantedPlatform)));
  // A platform job compares its own entry only: the index's other platforms are their jobs' to compare.
  if (shape === 'index' && extra.length > 0) reasons.push(`${compared} also holds ${extra.join(', ')}, which this run does not build`);
  platforms.forEach((platform, index) => {
    const key = heldPlatforms.find((candidate) => samePlatform(candidate, platform));
    const where = shape === 'index' ? `${platform}: ` : '';
    if (key === undefined) {
      reasons.push(`${where}${compared} holds no image for ${platform}`);
      return;
    }
    for (const change of changedParts(readFingerprint(held.labels[key]!), wanted[index]!)) reasons.push(`${where}${describeChange(change)}`);
  });
  return reasons;
}

/** What each shape compares with, for the reason given when the held image is of the other kind. */
const SHAPE_NAMES: Record<HeldShape, string> = {
  image: 'this run builds one',
  index: 'this run builds several platforms',
  'index-entry': "a platform job compares with its platform's image in the index a merge made",
};

/**
 * Reads what the registry holds under `ref`: the digest, and the labels of each platform's image
 * (one, keyed by its platform, for a single image). Never throws: what cannot be read is a reason to rebuild.
 */
export async function readHeldImage(docker: Docker, ref: string, env: Record<string, string>): Promise<HeldImage> {
  try {
    const [manifest, image] = await Promise.all([docker.inspectRemote(ref, 'Manifest', env), docker.inspectRemote(ref, 'Image', env)]);
    if (manifest === 'missing' || image === 'missing') return { kind: 'missing' };
    return heldImage(manifest as RemoteManifest, image);
  } catch (error) {
    return { kind: 'unreadable', why: firstLineOf(error) };
  }
}

/** The held image from the two JSON answers: one config (a single image) or a config per platform (an index). */
export function heldImage(manifest: RemoteManifest, image: unknown): HeldImage {
  type Config = { os?: string; architecture?: string; variant?: string; config?: { Labels?: Record<string, string> | null } };
  const labelsOf = (config: Config): Record<string, string> => config.config?.Labels ?? {};
  const digest = manifest.digest ?? '';
  if (manifest.manifests === undefined) {
    const config = (image ?? {}) as Config;
    const platform = configPlatform(config);
    return { kind: 'image', digest, multiPlatform: false, labels: { [platform]: labelsOf(config) }, digests: { [platform]: digest } };
  }
  const labels: Record<string, Record<string, string>> = {};
  // Attestations sit in an index as unknown/unknown: not an image of any platform.
  for (const [platform, config] of Object.entries((image ?? {}) as Record<string, Config>))
    if (!platform.startsWith('unknown')) labels[platform] = labelsOf(config);
  const digests: Record<string, string> = {};
  for (const entry of manifest.manifests)
    if (entry.platform !== undefined && entry.platform.os !== 'unknown') digests[configPlatform(entry.platform)] = entry.digest;
  return { kind: 'image', digest, multiPlatform: true, labels, digests };
}

/**
 * Each platform's base image digest: the manifest the registry gives for that platform (from an
 * index), or the one manifest of a single-platform image. Throws when the registry cannot say.
 */
export async function resolveBaseDigests(docker: Docker, baseImage: string, platforms: string[], env: Record<string, string>): Promise<string[]> {
  const manifest = await docker.inspectRemote(baseImage, 'Manifest', env);
  if (manifest === 'missing') throw new Error(`${baseImage} is not in its registry`);
  return platforms.map((platform) => platformDigest(manifest as RemoteManifest, platform));
}

/** The digest of `platform`'s manifest; throws when an index lists none for it. */
export function platformDigest(manifest: RemoteManifest, platform: string): string {
  if (manifest.manifests === undefined) {
    if (!manifest.digest) throw new Error('the registry gave no digest');
    return manifest.digest;
  }
  const found = manifest.manifests.find((entry) => entry.platform !== undefined && samePlatform(configPlatform(entry.platform), platform));
  if (!found) throw new Error(`it holds no image for ${platform}`);
  return found.digest;
}

function firstLineOf(error: unknown): string {
  return firstLine((error as Error).message ?? String(error));
}

/** The plans again, each with its platform's fingerprint labels and, when resolved, its base pinned to the digest. */
export function fingerprinted(settings: Settings, contexts: RunContext[], check: RebuildCheck): Plan[] {
  return contexts.map((context, index) =>
    makePlan(settings, { ...context, fingerprint: { labels: fingerprintLabels(check.fingerprints[index]!), baseDigest: check.baseDigests[index]! } }),
  );
}

/** A platform job's unchanged platform, handed over to the merge (platform-job.ts). */
export interface UnchangedPlatform {
  platform: string;
  /** The image the held index already names for this platform. */
  digest: string;
  handoverFile: string;
}

/**
 * A skipped run's notice, outputs and summary: what it compared, and the digest the registry keeps.
 * A platform job's outputs name its platform's image in the index, as a pushing platform job's do.
 */
export async function reportUnchanged(reporter: Reporter, settings: Settings, check: RebuildCheck, handedOver?: UnchangedPlatform): Promise<void> {
  const parts = check.fingerprints.map(
    (fingerprint, index) => `${check.fingerprints.length > 1 ? `image ${index + 1}: ` : ''}${describeParts(fingerprint)}`,
  );
  const what = handedOver
    ? `${handedOver.platform} of ${check.compared} (${check.digest}), ${handedOver.digest},`
    : `${check.compared} (${check.digest})`;
  const outcome = handedOver ? 'the hand-over tells the merge this platform is unchanged' : 'no tag moved';
  reporter.notice(`Not rebuilt: ${what} was built from the same fingerprint (${parts.join('; ')}). Nothing was built, tested or pushed; ${outcome}.`);
  reporter.setOutput('rebuilt', 'false');
  reporter.setOutput('rebuild-reasons', '');
  reporter.setOutput('tags', handedOver ? `${settings.image}@${handedOver.digest}` : check.compared);
  reporter.setOutput('digest', handedOver ? handedOver.digest : check.digest);
  await reporter.summary('Flask image: unchanged, not rebuilt', [
    { label: 'Image', value: check.compared },
    ...versionRows(settings),
    { label: 'Digest', value: check.digest },
    ...(handedOver ? [{ label: `Platform ${handedOver.platform}`, value: `${handedOver.digest} (handed over as unchanged)` }] : []),
    { label: 'Fingerprint', value: parts.join('; ') },
    { label: 'Pushed', value: 'nothing (rebuild: if-changed, nothing changed)' },
  ]);
}
