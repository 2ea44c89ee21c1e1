/**
 * The test bed's addresses for e2e tests (started by `bash scripts/testbed.sh up`).
 *
 *   import { testbed, e2eTarget, registryTags } from './testbed';
 *   const tb = testbed();           // registry, credentials, base image prefix, pip index, network
 *   const { pythonVersion, variant } = e2eTarget();
 *
 * Values come from the TESTBED_* environment variables (`npm test` sets them), else from the env file
 * that `testbed.sh up` writes ($TESTBED_STATE/env, by default /var/lib/flask-testbed/env as root).
 * All addresses are on 127.0.0.1: tests must not send traffic anywhere else.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type TestbedMode = 'offline' | 'online';

export interface Testbed {
  /** offline: stand-in base images and local package index; online: Docker Hub and PyPI. */
  mode: TestbedMode;
  /** Base image prefix for the action's prefix input: `flask-testbed/` offline, '' online. */
  basePrefix: string;
  /** Package index for builds (`http://127.0.0.1:PORT/simple/`) offline, '' online (PyPI). */
  pipIndexUrl: string;
  /** Registry host:port, always `127.0.0.1:PORT`, plain HTTP, htpasswd auth. */
  registry: string;
  user: string;
  password: string;
  /** Docker network for builds and containers: `host` offline (the engine has no bridge), `bridge` online. */
  network: 'host' | 'bridge';
  /** Python versions that have base images here (offline: the stand-ins, e.g. ['3.11', '3.9', '3.13']). */
  pythonVersions: string[];
  /** Python versions on which a gevent image can be built here (offline: the stand-in with Debian's gevent). */
  geventVersions: string[];
  /** Directory of the test bed's state (env file, logs). */
  stateDir: string;
}

/** Where `testbed.sh` keeps its state; mirrors the script's defaults. */
export function stateDir(): string {
  if (process.env.TESTBED_STATE) return process.env.TESTBED_STATE;
  if (process.getuid?.() === 0) return '/var/lib/flask-testbed';
  return join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'flask-testbed');
}

export const envFile = (): string => join(stateDir(), 'env');

const REQUIRED = [
  'TESTBED_MODE',
  'TESTBED_REGISTRY',
  'TESTBED_REGISTRY_USER',
  'TESTBED_REGISTRY_PASSWORD',
  'TESTBED_NETWORK',
  'TESTBED_PYTHON_VERSIONS',
] as const;
const REQUIRED_OFFLINE = ['TESTBED_BASE_PREFIX', 'TESTBED_PIP_INDEX_URL'] as const;

/** Parses the `export KEY='VALUE'` lines of the env file. */
function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(?:export\s+)?(TESTBED_\w+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) {
      out[m[1]] = m[2].replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
    }
  }
  return out;
}

/** The raw TESTBED_* values (environment first, then the env file) and which required ones are missing. */
export function loadTestbedEnv(): { values: Record<string, string>; missing: string[]; file: string } {
  const file = envFile();
  const fromFile = readEnvFile(file);
  const values: Record<string, string> = { ...fromFile };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('TESTBED_') && v !== undefined) values[k] = v;
  const required: readonly string[] =
    values.TESTBED_MODE === 'online' ? REQUIRED : [...REQUIRED, ...REQUIRED_OFFLINE];
  const missing = required.filter((k) => !values[k] && !(k === 'TESTBED_BASE_PREFIX' && k in values));
  return { values, missing, file };
}

let cached: Testbed | undefined;

/** The test bed. Throws (with the command that fixes it) when it is not up. */
export function testbed(): Testbed {
  if (cached) return cached;
  const { values: v, missing, file } = loadTestbedEnv();
  if (missing.length > 0) {
    throw new Error(
      `test bed not configured: missing ${missing.join(', ')} (not in the environment nor in ${file}). ` +
        'Start it with: bash scripts/testbed.sh up',
    );
  }
  cached = {
    mode: v.TESTBED_MODE === 'online' ? 'online' : 'offline',
    basePrefix: v.TESTBED_BASE_PREFIX ?? '',
    pipIndexUrl: v.TESTBED_PIP_INDEX_URL ?? '',
    registry: v.TESTBED_REGISTRY ?? '',
    user: v.TESTBED_REGISTRY_USER ?? '',
    password: v.TESTBED_REGISTRY_PASSWORD ?? '',
    network: v.TESTBED_NETWORK === 'bridge' ? 'bridge' : 'host',
    pythonVersions: (v.TESTBED_PYTHON_VERSIONS ?? '').split(/\s+/).filter(Boolean),
    geventVersions: (v.TESTBED_GEVENT_VERSIONS ?? '').split(/\s+/).filter(Boolean),
    stateDir: stateDir(),
  };
  return cached;
}

/**
 * The Python version and base variant under test: E2E_PYTHON_VERSION / E2E_VARIANT (set by the CI
 * matrix), else the test bed's first version and the `debian` variant.
 */
export function e2eTarget(): { pythonVersion: string; variant: string } {
  return {
    pythonVersion: process.env.E2E_PYTHON_VERSION || (testbed().pythonVersions[0] ?? '3.11'),
    variant: process.env.E2E_VARIANT || 'debian',
  };
}

/** A free TCP port on 127.0.0.1 (free when returned; bind it soon): the action's own helper. */
export { freePort } from '../../src/pipeline.js';

/** Basic auth header for the test bed's registry (or other credentials). */
export function registryAuth(user = testbed().user, password = testbed().password): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** http://127.0.0.1:PORT + path on the registry. */
export function registryUrl(path: string): string {
  return `http://${testbed().registry}${path}`;
}

/** Tags of `repo` in the registry (GET /v2/<repo>/tags/list); [] when the repository does not exist. */
export async function registryTags(repo: string): Promise<string[]> {
  const res = await fetch(registryUrl(`/v2/${repo}/tags/list`), { headers: { Authorization: registryAuth() } });
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`GET /v2/${repo}/tags/list: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { tags?: string[] | null };
  return (body.tags ?? []).sort();
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** Digest of `repo:tag` (HEAD /v2/<repo>/manifests/<tag>, Docker-Content-Digest); undefined when absent. */
export async function registryManifestDigest(repo: string, tag: string): Promise<string | undefined> {
  const res = await fetch(registryUrl(`/v2/${repo}/manifests/${tag}`), {
    method: 'HEAD',
    headers: { Authorization: registryAuth(), Accept: MANIFEST_TYPES },
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`HEAD /v2/${repo}/manifests/${tag}: HTTP ${res.status}`);
  return res.headers.get('docker-content-digest') ?? undefined;
}
