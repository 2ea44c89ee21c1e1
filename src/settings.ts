// Inputs → validated settings. Pure: no Docker, no network; every problem is found
// before any work starts, and each error names the input, the value and what is accepted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bindProblem } from './bind.js';
import { parsePlatforms } from './platforms.js';
import { BUILDER_SETTINGS, type BuilderSetting } from './builder.js';
import { defaultCache, parseCacheInput, type CacheSpec } from './cache.js';
import { excludingPattern } from './dockerignore.js';
import { isValidReference, isValidRegistryHost, isValidRepository, isValidTag, registryHost } from './image-ref.js';
import { hasCredentials } from './pip-index.js';
import {
  allowedWorkers,
  defaultWorker,
  DEFAULT_VARIANT,
  isSupportedVersion,
  isVariant,
  supportedVariants,
  supportedVersions,
  type Variant,
  type Worker,
} from './versions.js';

export type Network = 'bridge' | 'host';

export interface Settings {
  /** Python version, e.g. "3.12" (one of docker/versions.json). */
  pythonVersion: string;
  /** Base variant: debian, slim or alpine. */
  variant: Variant;
  /** Absolute path of the user's app folder (holds main.py or app/main.py). */
  appDir: string;
  /** Sets APP_MODULE in the image, for apps without main.py or app/main.py. */
  appModule: string;
  /** Repository to tag and push, e.g. ghcr.io/acme/web; empty when only building and testing. */
  image: string;
  /** Whether to push (false on fork pull requests without credentials). */
  push: boolean;
  /** Why a requested push was turned off, for the log and summary. */
  pushSkippedReason: string;
  /** Registry host to log in to; empty means Docker Hub. */
  registry: string;
  username: string;
  password: string;
  /** Whether to also tag and push `latest`. */
  latest: boolean;
  /** Whether to lead with a tag no later run overwrites: the date, the run number and the attempt. */
  immutableTag: boolean;
  /** Extra tags, pushed after the dated and version tags. */
  extraTags: string[];
  /** YYYY-MM-DD override for dated tags; empty to use the workflow run's start date. */
  date: string;
  /** Base image redirect: a registry prefix ending in '/' or a full reference; empty for the official image. */
  baseImage: string;
  /** Package index for pip inside the build; empty for PyPI. */
  pipIndexUrl: string;
  /** Gunicorn worker the image runs. */
  worker: Worker;
  /** Extra build arguments for both builds. */
  buildArgs: Record<string, string>;
  /** Always pull a newer base image (weekly rebuilds want this). */
  pull: boolean;
  noCache: boolean;
  /** auto: buildx when the docker CLI has it, else the classic builder; buildx or classic: that one. */
  builder: BuilderSetting;
  /** Caches both builds read (buildx syntax, cache.ts); the GitHub cache by default on hosted runners. */
  cacheFrom: CacheSpec[];
  /** Caches both builds write, each build in its own part. */
  cacheTo: CacheSpec[];
  /** Whether the cache came from the inputs (else the hosted-runner default, dropped quietly where it cannot work). */
  cacheGiven: boolean;
  /** Platforms to build, test and push as one image (platforms.ts); [] for the engine's own platform. */
  platforms: string[];
  /** bridge: publish on an ephemeral 127.0.0.1 port; host: share the host network on a free port. */
  network: Network;
  probePath: string;
  probeStatus: number;
  /** Regular expression the response body must match; empty accepts any body. */
  probeBody: string;
  /** Seconds to wait for a passing probe. */
  probeTimeout: number;
  /** Whether probe-timeout was given (else the default, stretched for emulated platforms). */
  probeTimeoutGiven: boolean;
  /** Environment of the test container only. */
  probeEnv: Record<string, string>;
  githubToken: string;
  /** What reading the inputs changed (e.g. a lower-cased image), for notices in the log. */
  notices: string[];
}

/** Facts about where the action runs, gathered by the caller so parsing stays pure. */
export interface Environment {
  /** Folder the app path is resolved against and must stay inside (GITHUB_WORKSPACE or cwd). */
  workspace: string;
  /** The action's own folder (holds docker/). */
  actionRoot: string;
  /** True on a pull_request event whose head is in another repository (or a deleted one). */
  forkPullRequest: boolean;
  /** True on pull_request_target or workflow_run for such a pull request: secrets present, code maybe foreign. */
  foreignCodeWithSecrets: boolean;
  /** True on a GitHub-hosted runner whose job may use GitHub's cache service (the cache default). */
  githubCache?: boolean;
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `${problems.length} inputs need fixing:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'InputError';
  }
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WORKERS: Worker[] = ['meinheld', 'gthread', 'gevent', 'sync'];

export function parseSettings(raw: Record<string, string | undefined>, env: Environment): Settings {
  const problems: string[] = [];
  const notices: string[] = [];
  const get = (name: string): string => (raw[name] ?? '').trim();
  const fail = (message: string): void => {
    problems.push(message);
  };

  const bool = (name: string, fallback: boolean): boolean => {
    const value = get(name).toLowerCase();
    if (value === '') return fallback;
    if (['true', 'yes', '1', 'on'].includes(value)) return true;
    if (['false', 'no', '0', 'off'].includes(value)) return false;
    fail(`${name}: "${get(name)}" is not a boolean; use true or false.`);
    return fallback;
  };

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const value = get(name);
    if (value === '') return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      fail(`${name}: "${value}" is not a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return Number(value);
  };

  // Python version and variant, from the one source of truth.
  let pythonVersion = get('python-version');
  if (/^3\.\d+\.\d+$/.test(pythonVersion)) pythonVersion = pythonVersion.replace(/\.\d+$/, '');
  const versionOk = isSupportedVersion(pythonVersion);
  if (pythonVersion === '') fail(`python-version: required; one of ${supportedVersions().join(', ')}.`);
  else if (!versionOk)
    fail(
      `python-version: "${get('python-version')}" is not supported; use one of ${supportedVersions().join(', ')}.${
        /^3\.1$/.test(pythonVersion) ? ' (YAML reads an unquoted 3.10 as the number 3.1: write "3.10" in quotes.)' : ''
      }`,
    );

  const variantValue = get('variant').toLowerCase() || DEFAULT_VARIANT;
  let variant: Variant = DEFAULT_VARIANT;
  if (isVariant(variantValue)) variant = variantValue;
  else fail(`variant: "${get('variant')}" is not a variant; use one of ${supportedVariants().join(', ')}.`);

  // Worker: `auto` means the version's default in docker/versions.json (Meinheld).
  const workerValue = get('worker').toLowerCase() || 'auto';
  let worker: Worker = versionOk ? defaultWorker(pythonVersion) : 'gthread';
  if (workerValue !== 'auto') {
    if (!WORKERS.includes(workerValue as Worker)) {
      fail(`worker: "${get('worker')}" is not a worker; use auto, ${WORKERS.join(', ')}.`);
    } else if (versionOk && !allowedWorkers(pythonVersion).includes(workerValue as Worker)) {
      fail(`worker: "${workerValue}" is not offered on Python ${pythonVersion}; use one of ${allowedWorkers(pythonVersion).join(', ')}.`);
    } else {
      worker = workerValue as Worker;
    }
  }

  // The app folder: must exist, stay inside the workspace, and hold an entry point.
  const appModule = get('app-module');
  if (appModule !== '' && !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.()]*)?$/.test(appModule))
    fail(`app-module: "${appModule}" is not a Python module path; use e.g. myapp.wsgi:application.`);
  const appInput = get('app');
  let appDir = path.join(env.actionRoot, 'docker', 'demo');
  if (appInput !== '') {
    // The real path: a link inside the workspace may lead out of it (Docker would read what it leads to).
    const given = path.resolve(env.workspace, appInput);
    appDir = realPath(given);
    const relative = path.relative(realPath(env.workspace), appDir);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      fail(
        `app: "${appInput}" points outside the workspace (${env.workspace})${appDir !== given ? `: it is a link to ${appDir}` : ''}; give a folder inside the repository.`,
      );
    } else if (!isDirectory(appDir)) {
      fail(`app: "${appInput}" is not a folder (looked at ${appDir}); give the folder that holds main.py or app/main.py.`);
    } else if (appModule === '' && !isFile(path.join(appDir, 'main.py')) && !isFile(path.join(appDir, 'app', 'main.py'))) {
      fail(
        `app: "${appInput}" holds neither main.py nor app/main.py; add one with a Flask object named app, or set app-module (e.g. mypkg.wsgi:app).`,
      );
    } else if (isFile(path.join(appDir, 'requirements.txt')) && isFile(path.join(appDir, '.dockerignore'))) {
      // The layer COPYs requirements.txt: a .dockerignore that leaves it out would break the build obscurely.
      const pattern = excludingPattern(fs.readFileSync(path.join(appDir, '.dockerignore'), 'utf8'), 'requirements.txt');
      if (pattern !== undefined)
        fail(
          `app: "${appInput}/.dockerignore" leaves requirements.txt out of the build (line "${pattern}"), so the image could not install it; remove that line or add "!requirements.txt" after it.`,
        );
    }
  }

  // Where the image goes.
  let image = get('image');
  // `ghcr.io/${{ github.repository }}` keeps the owner's capitals, which registries refuse; as
  // docker/metadata-action does, lower-case it rather than fail the form every guide shows.
  if (image !== '' && image !== image.toLowerCase() && isValidRepository(image.toLowerCase())) {
    notices.push(`image: "${image}" was lower-cased to "${image.toLowerCase()}": registries accept only lowercase repository names.`);
    image = image.toLowerCase();
  }
  if (image !== '') {
    if (/[:@]/.test(image.slice(image.lastIndexOf('/') + 1)))
      fail(`image: "${image}" carries a tag or digest; give the repository only (e.g. ghcr.io/acme/web) and use tags for extra tags.`);
    else if (!isValidRepository(image))
      fail(
        `image: "${image}" is not a valid repository; use lowercase letters, digits and . _ - separators, e.g. ghcr.io/acme/web or docker.io/acme/web.`,
      );
  }

  let push = bool('push', false);
  const trustForeignCode = bool('trust-foreign-code', false);
  let pushSkippedReason = '';
  const username = get('username');
  const password = raw['password'] ?? '';
  if (push) {
    if (image === '') fail('image: required when push is true; e.g. ghcr.io/acme/web.');
    if (env.forkPullRequest) {
      // A fork's pull request gets no secrets and a read-only GITHUB_TOKEN: build and test, never push.
      push = false;
      pushSkippedReason = 'pull request from a fork: its token is read-only and secrets are withheld, so nothing is pushed';
    } else if (env.foreignCodeWithSecrets && !trustForeignCode) {
      // Secrets are present and the workspace may hold a stranger's code: pushing it is the workflow's call.
      push = false;
      pushSkippedReason =
        'the event (pull_request_target or workflow_run) is for a pull request from another repository, so the workspace may hold its code while secrets are present; set trust-foreign-code: true if the workflow vetted that code';
    } else {
      if (username === '') fail('username: required when push is true (the registry user, e.g. ${{ github.actor }}).');
      if (password === '') fail('password: required when push is true (a token, e.g. ${{ secrets.GITHUB_TOKEN }}).');
    }
  }

  const registry = get('registry') || (image !== '' ? registryHost(image) ?? '' : '');
  if (registry !== '' && !isValidRegistryHost(registry))
    fail(`registry: "${registry}" is not a registry host; use e.g. ghcr.io or 127.0.0.1:5000.`);

  const extraTags = list(get('tags'));
  for (const tag of extraTags)
    if (!isValidTag(tag))
      fail(`tags: "${tag}" is not a valid tag; use up to 128 letters, digits, _ . - not starting with . or -.`);

  const date = get('date');
  if (date !== '' && !isCalendarDate(date)) fail(`date: "${date}" is not a date; use YYYY-MM-DD, e.g. 2026-11-21.`);

  const baseImage = get('base-image');
  if (baseImage !== '') {
    const prefix = baseImage.endsWith('/');
    const head = baseImage.slice(0, -1);
    const valid = prefix ? isValidRepository(head) || isValidRegistryHost(head) : isValidReference(baseImage);
    if (!valid)
      fail(
        `base-image: "${baseImage}" is neither a registry prefix ending in / (e.g. mirror.example.com/library/) nor an image reference (e.g. mirror.example.com/python:3.12-slim).`,
      );
  }

  const pipIndexUrl = get('pip-index-url');
  if (pipIndexUrl !== '' && !isHttpUrl(pipIndexUrl))
    fail(`pip-index-url: "${redactUrl(pipIndexUrl)}" is not an http(s) URL; use e.g. https://pypi.example.com/simple/.`);
  else if (pipIndexUrl !== '' && urlCredentials(new URL(pipIndexUrl)) === undefined)
    fail(
      `pip-index-url: "${redactUrl(pipIndexUrl)}" has a broken % escape in its user or password; write a literal % as %25 (and / as %2F, @ as %40).`,
    );

  const buildArgs = keyValues('build-args', get('build-args'), fail);
  const probeEnv = keyValues('probe-env', get('probe-env'), fail);

  const builderValue = get('builder').toLowerCase() || 'auto';
  let builder: BuilderSetting = 'auto';
  if ((BUILDER_SETTINGS as readonly string[]).includes(builderValue)) builder = builderValue as BuilderSetting;
  else fail(`builder: "${get('builder')}" is not a builder; use ${BUILDER_SETTINGS.join(', ')}.`);
  if (builder === 'classic' && pipIndexUrl !== '' && isHttpUrl(pipIndexUrl) && hasCredentials(pipIndexUrl))
    fail(
      `pip-index-url: "${redactUrl(pipIndexUrl)}" carries credentials, and builder: classic has no build secrets, so they would be written into the image history; use builder: auto or buildx, or an index that needs no credentials.`,
    );

  // The cache: given, turned off with `none`, or GitHub's cache service by default on hosted runners.
  const cacheFromInput = parseCacheInput('cache-from', get('cache-from'), fail);
  const cacheToInput = parseCacheInput('cache-to', get('cache-to'), fail);
  const cacheGiven = cacheFromInput !== undefined || cacheToInput !== undefined;
  const fallback = !cacheGiven && env.githubCache && versionOk ? defaultCache(pythonVersion, variant, worker) : { from: [], to: [] };
  const cacheFrom = cacheFromInput === 'none' ? [] : (cacheFromInput ?? fallback.from);
  const cacheTo = cacheToInput === 'none' ? [] : (cacheToInput ?? fallback.to);
  if (builder === 'classic' && cacheGiven && cacheFrom.length + cacheTo.length > 0)
    fail('cache-from / cache-to: the classic builder has no cache backends; use builder: auto or buildx, or leave both empty.');

  const platforms = parsePlatforms(get('platforms'), fail);
  if (builder === 'classic' && platforms.length > 0)
    fail('platforms: the classic builder builds only for the engine\'s own platform; use builder: auto or buildx, or leave platforms empty.');

  const networkValue = get('network').toLowerCase() || 'bridge';
  let network: Network = 'bridge';
  if (networkValue === 'bridge' || networkValue === 'host') network = networkValue;
  else fail(`network: "${get('network')}" is not a network mode; use bridge or host.`);
  const bindTrouble = bindProblem(probeEnv, network);
  if (bindTrouble !== '') fail(bindTrouble);

  const probePath = get('probe-path') || '/';
  if (!/^\/[\x21-\x7e]*$/.test(probePath))
    fail(`probe-path: "${probePath}" is not a URL path; start with / and use no spaces, e.g. /health.`);

  const probeStatus = int('probe-status', 200, 100, 599);

  const probeBody = raw['probe-body'] ?? '';
  if (probeBody !== '') {
    try {
      new RegExp(probeBody);
    } catch (error) {
      fail(`probe-body: "${probeBody}" is not a regular expression (${(error as Error).message}).`);
    }
  }

  const probeTimeout = int('probe-timeout', 60, 1, 3600);
  const latest = bool('latest', true);
  const immutableTag = bool('immutable-tag', false);
  const pull = bool('pull', false);
  const noCache = bool('no-cache', false);

  if (problems.length > 0) throw new InputError(problems);

  return {
    pythonVersion,
    variant,
    appDir,
    appModule,
    image,
    push,
    pushSkippedReason,
    registry,
    username,
    password,
    latest,
    immutableTag,
    extraTags,
    date,
    baseImage,
    pipIndexUrl,
    worker,
    buildArgs,
    pull,
    noCache,
    builder,
    cacheFrom,
    cacheTo,
    cacheGiven,
    platforms,
    network,
    probePath,
    probeStatus,
    probeBody,
    probeTimeout,
    probeTimeoutGiven: get('probe-timeout') !== '',
    probeEnv,
    githubToken: get('github-token'),
    notices,
  };
}

/** Splits a list given one per line or comma-separated. */
function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** KEY=VALUE lines; values are kept verbatim (they travel as argument array items, never through a shell). */
function keyValues(name: string, value: string, fail: (message: string) => void): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of value.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line.trim() : line.slice(0, eq).trim();
    if (eq < 0 || !ENV_KEY.test(key)) {
      fail(`${name}: "${line.trim()}" is not KEY=VALUE with a KEY of letters, digits and _ (e.g. LOG_LEVEL=debug).`);
      continue;
    }
    result[key] = line.slice(eq + 1);
  }
  return result;
}

function isCalendarDate(value: string): boolean {
  const match = DATE_RE.exec(value);
  if (!match) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * An index URL may carry credentials; never echo them back. Everything from the scheme's `//` to
 * the last `@` goes: a password may hold `/`, `@` or `:` (encoded or not), and redacting too much
 * is harmless where redacting too little is a leak.
 */
export function redactUrl(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  const slashes = value.indexOf('//');
  const from = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  return `${value.slice(0, from)}***${value.slice(at)}`;
}

/** The decoded user and password of a URL, or undefined when a `%` escape in them is broken. */
export function urlCredentials(url: URL): { username: string; password: string } | undefined {
  try {
    return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    return undefined;
  }
}

/** The path with every link resolved; as given when it does not exist (the checks below then say so). */
function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
