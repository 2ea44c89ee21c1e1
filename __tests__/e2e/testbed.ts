/**
 * The test bed's addresses for e2e tests (started by `bash scripts/testbed.sh up`).
 *
 *   import { testbed, e2eTarget, registryTags } from './testbed';
 *   const tb = testbed();           // registry, credentials, base image prefix, pip index, network
 *   const { pythonVersion, variant } = e2eTarget();
 *
 * Values come from the TESTBED_* environment variables (`npm test` sets them), else from the env file
 * that `testbed.sh up` writes, as `bash scripts/testbed.sh env --json` reads it: the one contract,
 * which shell scripts read with `eval "$(bash scripts/testbed.sh env)"` and TypeScript only here.
 * All addresses are on 127.0.0.1: tests must not send traffic anywhere else.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBaseImage } from '../../src/core/plan.js';
import type { Variant } from '../../src/core/versions.js';
import { fileURLToPath } from 'node:url';

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

const TESTBED_SCRIPT = fileURLToPath(new URL('../../scripts/testbed.sh', import.meta.url));

const REQUIRED = [
  'TESTBED_MODE',
  'TESTBED_REGISTRY',
  'TESTBED_REGISTRY_USER',
  'TESTBED_REGISTRY_PASSWORD',
  'TESTBED_NETWORK',
  'TESTBED_PYTHON_VERSIONS',
] as const;
const REQUIRED_OFFLINE = ['TESTBED_BASE_PREFIX', 'TESTBED_PIP_INDEX_URL'] as const;

/**
 * The env file's values from `testbed.sh env --json`; none, and the script's reason (the test bed is
 * not up, and the command that starts it), when it cannot give them.
 */
function readTestbedScript(): { values: Record<string, string>; problem: string } {
  try {
    const json = execFileSync('bash', [TESTBED_SCRIPT, 'env', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { values: JSON.parse(json) as Record<string, string>, problem: '' };
  } catch (error) {
    // With an encoding, execFileSync's error carries the script's stderr as a string.
    const stderr = ((error as { stderr?: string }).stderr ?? '').trim();
    return { values: {}, problem: stderr || (error as Error).message };
  }
}

/**
 * The raw TESTBED_* values (environment first, then the env file) and which required ones are
 * missing; `source` says where the file's values came from, or why there were none.
 */
export function loadTestbedEnv(): { values: Record<string, string>; missing: string[]; source: string } {
  const { values: fromFile, problem } = readTestbedScript();
  const source = problem === '' ? `bash scripts/testbed.sh env --json (${fromFile.TESTBED_STATE ?? '?'}/env)` : problem;
  const values: Record<string, string> = { ...fromFile };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('TESTBED_') && v !== undefined) values[k] = v;
  const required: readonly string[] = values.TESTBED_MODE === 'online' ? REQUIRED : [...REQUIRED, ...REQUIRED_OFFLINE];
  const missing = required.filter((k) => !values[k] && !(k === 'TESTBED_BASE_PREFIX' && k in values));
  return { values, missing, source };
}

let cached: Testbed | undefined;

/** The test bed. Throws (with the command that fixes it) when it is not up. */
export function testbed(): Testbed {
  if (cached) return cached;
  const { values: v, missing, source } = loadTestbedEnv();
  if (missing.length > 0) {
    throw new Error(
      `test bed not configured: missing ${missing.join(', ')} (not in the environment nor from ${source}). ` +
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
    stateDir: v.TESTBED_STATE ?? '',
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
export { freePort } from '../../src/pipeline/prepare.js';

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

/** An image manifest, or an index (manifest list) over several. */
export interface RegistryManifest {
  mediaType: string;
  manifests?: { digest: string; platform?: { os: string; architecture: string; variant?: string }; annotations?: Record<string, string> }[];
  config?: { digest: string };
}

/** A manifest or index from the registry (GET /v2/<repo>/manifests/<reference>), with the digest the registry names it by. */
export async function registryManifest(repo: string, reference: string): Promise<{ digest: string; body: RegistryManifest }> {
  const res = await fetch(registryUrl(`/v2/${repo}/manifests/${reference}`), { headers: { Authorization: registryAuth(), Accept: MANIFEST_TYPES } });
  if (!res.ok) throw new Error(`GET /v2/${repo}/manifests/${reference}: HTTP ${res.status}`);
  return { digest: res.headers.get('docker-content-digest') ?? '', body: (await res.json()) as RegistryManifest };
}

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

/**
 * The `base-image` input for a builder that cannot see the engine's images (the action's own
 * docker-container builder, a workflow's, a remote BuildKit), as a workflow points such a builder at
 * a mirror: offline, the e2e target's stand-in pushed to the test bed's registry and named under it;
 * online, the test bed's own prefix (Docker Hub's images, which every builder reaches). Pushed from
 * the engine of `env` (DOCKER_HOST), through a Docker config folder of its own that is removed after.
 */
export function registryBasePrefix(env: Record<string, string> = {}): string {
  const tb = testbed();
  if (tb.mode === 'online') return tb.basePrefix;
  const target = e2eTarget();
  const prefix = `${tb.registry}/${tb.basePrefix}`;
  const local = resolveBaseImage({ ...target, variant: target.variant as Variant, baseImage: tb.basePrefix });
  const remote = resolveBaseImage({ ...target, variant: target.variant as Variant, baseImage: prefix });
  const config = mkdtempSync(join(tmpdir(), 'docker-config-base-'));
  const docker = (args: string[], input?: string): void => {
    execFileSync('docker', args, { env: { ...process.env, ...env }, input, stdio: ['pipe', 'ignore', 'pipe'] });
  };
  try {
    docker(['--config', config, 'login', tb.registry, '--username', tb.user, '--password-stdin'], tb.password);
    docker(['tag', local, remote]);
    docker(['--config', config, 'push', remote]);
    docker(['image', 'rm', remote]); // the name only: the stand-in keeps its layers
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
  return prefix;
}
