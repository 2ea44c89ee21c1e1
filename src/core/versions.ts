// The supported Python versions, base variants and workers, read from docker/versions.json: the one
// source the action, the image, the tests and the README all agree on. Nothing here restates it; the
// Variant and Worker types are the file's own keys.
import versionsJson from '../../docker/versions.json' with { type: 'json' };

/** A base variant: a key of `variants` in docker/versions.json. */
export type Variant = keyof typeof versionsJson.variants;
/** A Gunicorn worker: a key of the `workers` catalogue in docker/versions.json. */
export type Worker = keyof typeof versionsJson.workers;

export interface WorkerEntry {
  /** What Gunicorn's worker_class is set to. */
  gunicornClass: string;
  /** The module the worker needs beyond Gunicorn; null for Gunicorn's own workers. */
  module: string | null;
  /** Whose HTTP parser reads requests: meinheld's or gunicorn's. */
  httpParser: string;
  /** What the worker is for, one line (the README's workers table shows it). */
  about: string;
}

export interface VersionEntry {
  defaultWorker: Worker;
  workers: Worker[];
}

export interface VariantEntry {
  baseTagSuffix: string;
  tagSuffix: string;
  description: string;
}

/** The shape of docker/versions.json. */
export interface VersionsFile {
  defaultVariant: Variant;
  baseRepository: string;
  variants: Record<Variant, VariantEntry>;
  workers: Record<Worker, WorkerEntry>;
  versions: Record<string, VersionEntry>;
}

/**
 * The file's worker names as the catalogue's keys. JSON gives the versions' worker lists as plain
 * strings, so a misspelt one would type-check; this finds it when the module loads (the tests load it).
 */
export function checkVersionsFile(file: typeof versionsJson): VersionsFile {
  const catalogue = Object.keys(file.workers);
  const problems: string[] = [];
  if (!Object.prototype.hasOwnProperty.call(file.variants, file.defaultVariant))
    problems.push(`defaultVariant "${file.defaultVariant}" is not one of the variants (${Object.keys(file.variants).join(', ')})`);
  for (const [version, entry] of Object.entries(file.versions)) {
    for (const worker of new Set([entry.defaultWorker, ...entry.workers]))
      if (!catalogue.includes(worker)) problems.push(`Python ${version} names the worker "${worker}", which the workers catalogue lacks`);
  }
  if (problems.length > 0)
    throw new Error(
      `docker/versions.json: ${problems.join('; ')}. Workers in the catalogue: ${catalogue.join(', ')}; add the worker to "workers" or correct the name.`,
    );
  return file as VersionsFile;
}

/** docker/versions.json, typed and checked: what the action reads, and what the tests read it through. */
export const versionsFile: VersionsFile = checkVersionsFile(versionsJson);

export const DEFAULT_VARIANT: Variant = versionsFile.defaultVariant;

export function supportedVersions(): string[] {
  return Object.keys(versionsFile.versions);
}

export function supportedVariants(): Variant[] {
  return Object.keys(versionsFile.variants) as Variant[];
}

/** Every worker in the catalogue, in its order. */
export function supportedWorkers(): Worker[] {
  return Object.keys(versionsFile.workers) as Worker[];
}

export function isSupportedVersion(version: string): boolean {
  return Object.prototype.hasOwnProperty.call(versionsFile.versions, version);
}

export function isVariant(value: string): value is Variant {
  return Object.prototype.hasOwnProperty.call(versionsFile.variants, value);
}

export function isWorker(value: string): value is Worker {
  return Object.prototype.hasOwnProperty.call(versionsFile.workers, value);
}

export function defaultWorker(version: string): Worker {
  return entry(version).defaultWorker;
}

export function allowedWorkers(version: string): Worker[] {
  return entry(version).workers;
}

/** Suffix of our own tags for a variant: '' for debian, '-slim', '-alpine'. */
export function tagSuffix(variant: Variant): string {
  return versionsFile.variants[variant].tagSuffix;
}

/** The official image a version and variant build on, e.g. python:3.12-slim. */
export function officialBaseImage(version: string, variant: Variant): string {
  return `${versionsFile.baseRepository}:${version}${versionsFile.variants[variant].baseTagSuffix}`;
}

function entry(version: string): VersionEntry {
  const found = versionsFile.versions[version];
  if (!found) throw new Error(`Python ${version} is not in docker/versions.json`);
  return found;
}
