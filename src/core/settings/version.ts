// Which image: the Python version, the base variant and the worker, each checked against
// docker/versions.json (through versions.ts), the one source of those rules.
import type { Settings } from './types.js';
import {
  allowedWorkers,
  defaultWorker,
  DEFAULT_VARIANT,
  isSupportedVersion,
  isVariant,
  isWorker,
  supportedVariants,
  supportedVersions,
  supportedWorkers,
  type Variant,
  type Worker,
} from '../versions.js';
import type { InputReader } from './input-reader.js';

export function parseVersion(input: InputReader): Pick<Settings, 'pythonVersion' | 'variant' | 'worker'> {
  const pythonVersion = parsePythonVersion(input);
  return { pythonVersion, variant: parseVariant(input), worker: parseWorker(input, pythonVersion) };
}

function parsePythonVersion(input: InputReader): string {
  const given = input.get('python-version');
  // A patch release names its minor version: 3.12.7 builds python:3.12.
  const pythonVersion = /^3\.\d+\.\d+$/.test(given) ? given.replace(/\.\d+$/, '') : given;
  if (pythonVersion === '') input.fail(`python-version: required; one of ${supportedVersions().join(', ')}.`);
  else if (!isSupportedVersion(pythonVersion))
    input.fail(
      `python-version: "${given}" is not supported; use one of ${supportedVersions().join(', ')}.${
        /^3\.1$/.test(pythonVersion) ? ' (YAML reads an unquoted 3.10 as the number 3.1: write "3.10" in quotes.)' : ''
      }`,
    );
  return pythonVersion;
}

function parseVariant(input: InputReader): Variant {
  const value = input.get('variant').toLowerCase() || DEFAULT_VARIANT;
  if (isVariant(value)) return value;
  input.fail(`variant: "${input.get('variant')}" is not a variant; use one of ${supportedVariants().join(', ')}.`);
  return DEFAULT_VARIANT;
}

/** `auto` is the version's default worker; any other must be in the catalogue and offered on that version. */
function parseWorker(input: InputReader, pythonVersion: string): Worker {
  const value = input.get('worker').toLowerCase() || 'auto';
  const versionOk = isSupportedVersion(pythonVersion);
  // Without a supported version there is no default; the settings are refused anyway, so any worker stands in.
  const fallback = versionOk ? defaultWorker(pythonVersion) : supportedWorkers()[0]!;
  if (value === 'auto') return fallback;
  if (!isWorker(value)) {
    input.fail(`worker: "${input.get('worker')}" is not a worker; use auto, ${supportedWorkers().join(', ')}.`);
    return fallback;
  }
  if (versionOk && !allowedWorkers(pythonVersion).includes(value)) {
    input.fail(`worker: "${value}" is not offered on Python ${pythonVersion}; use one of ${allowedWorkers(pythonVersion).join(', ')}.`);
    return fallback;
  }
  return value;
}
