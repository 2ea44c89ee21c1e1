// The hand-over from a platform job to the merge: a small JSON file per platform job, which the
// workflow carries across jobs as an artifact (job outputs do not merge across a matrix). It only
// tells the merge where to look: the merge believes the registry and the test record, not this file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { platformSlug } from '../core/platforms.js';

export interface Handover {
  /** The repository the image was pushed to. */
  image: string;
  /** os/architecture[/variant] of the pushed image. */
  platform: string;
  digest: string;
  /** The action's job ID and the workflow's job name, for the merge's summary. */
  jobId: string;
  job: string;
  runId: string;
  date: string;
  /**
   * true: the job found its platform unchanged (rebuild: if-changed), built nothing and hands over the
   * image the version tag's index already names for it; the merge checks that in the registry.
   */
  unchanged?: boolean;
}

/** What the merge was handed: a member per file (or digests line), and what could not be read. */
export interface HandedOver {
  /** unchanged: the hand-over says so (a digests line never does). */
  members: { source: string; digest: string; claimedPlatform: string; unchanged: boolean }[];
  problems: string[];
}

/** Writes `<folder>/<architecture>.json` (amd64.json, arm64.json); returns its path. */
export function writeHandover(folder: string, handover: Handover): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${platformSlug(handover.platform)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(handover, null, 2)}\n`);
  return file;
}

/**
 * Reads every .json file under `folder` (actions/download-artifact puts each artifact in a folder of
 * its own, or all in one with merge-multiple) and the digests input, for the merge of `image`.
 */
export function readHandovers(folder: string, digests: string[], image: string): HandedOver {
  const handed: HandedOver = { members: [], problems: [] };
  if (folder !== '') {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
      handed.problems.push(
        `handover: "${folder}" is not a folder; give the path actions/download-artifact wrote the platform jobs' hand-over files to.`,
      );
    else {
      const files = (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.json')).sort();
      if (files.length === 0 && digests.length === 0)
        handed.problems.push(`handover: "${folder}" holds no hand-over file (*.json): did any platform job finish?`);
      for (const name of files) readOne(path.join(folder, name), name, image, handed);
    }
  }
  digests.forEach((digest, index) => handed.members.push({ source: `digests line ${index + 1}`, digest, claimedPlatform: '', unchanged: false }));
  return handed;
}

function readOne(file: string, name: string, image: string, handed: HandedOver): void {
  let value: Partial<Handover>;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Handover>;
  } catch (error) {
    handed.problems.push(`${name}: not a hand-over file (${(error as Error).message}).`);
    return;
  }
  if (typeof value.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(value.digest) || typeof value.platform !== 'string') {
    handed.problems.push(`${name}: not a hand-over file of this action (no digest and platform).`);
    return;
  }
  if (value.image !== image) {
    handed.problems.push(`${name}: hands over an image of ${String(value.image)}, and this merge is for ${image}.`);
    return;
  }
  handed.members.push({ source: name, digest: value.digest, claimedPlatform: value.platform, unchanged: value.unchanged === true });
}
