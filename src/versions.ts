// The supported Python versions and base variants, read from docker/versions.json:
// the one list the action, the Dockerfile, the tests and the README all agree on.
import versionsJson from '../docker/versions.json' with { type: 'json' };

export type Variant = 'debian' | 'slim' | 'alpine';
export type Worker = 'meinheld' | 'gthread' | 'gevent' | 'sync';

interface VersionEntry {
  defaultWorker: Worker;
  workers: Worker[];
}

interface VariantEntry {
  baseTagSuffix: string;
  tagSuffix: string;
  description: string;
}

interface VersionsFile {
  defaultVariant: Variant;
  baseRepository: string;
  variants: Record<Variant, VariantEntry>;
  versions: Record<string, VersionEntry>;
}

const data = versionsJson as unknown as VersionsFile;

export const DEFAULT_VARIANT: Variant = data.defaultVariant;

export function supportedVersions(): string[] {
  return Object.keys(data.versions);
}

export function supportedVariants(): Variant[] {
  return Object.keys(data.variants) as Variant[];
}

export function isSupportedVersion(version: string): boolean {
  return Object.prototype.hasOwnProperty.call(data.versions, version);
}

export function isVariant(value: string): value is Variant {
  return Object.prototype.hasOwnProperty.call(data.variants, value);
}

export function defaultWorker(version: string): Worker {
  return entry(version).defaultWorker;
}

export function allowedWorkers(version: string): Worker[] {
  return entry(version).workers;
}

/** Suffix of our own tags for a variant: '' for debian, '-slim', '-alpine'. */
export function tagSuffix(variant: Variant): string {
  return data.variants[variant].tagSuffix;
}

/** The official image a version and variant build on, e.g. python:3.12-slim. */
export function officialBaseImage(version: string, variant: Variant): string {
  return `${data.baseRepository}:${version}${data.variants[variant].baseTagSuffix}`;
}

function entry(version: string): VersionEntry {
  const found = data.versions[version];
  if (!found) throw new Error(`Python ${version} is not in docker/versions.json`);
  return found;
}
