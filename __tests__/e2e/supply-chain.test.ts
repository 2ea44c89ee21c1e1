/**
 * Provenance, SBOM and a signature on the tested image, against the real action, engine, BuildKit (a
 * docker-container builder the action makes, from the BuildKit image built here), registry, skopeo
 * and cosign:
 * - the pushed image manifest is the tested one (its config digest is the tested image ID) and the
 *   attestation manifest beside it names its digest; a plain `docker pull` of the tag gets linux/amd64;
 * - the provenance (mode max), read back from the registry, names the app's Dockerfile and a build
 *   argument, records the pip index secret by ID, and holds no trace of the index credentials;
 * - the SBOM lists every package `pip list` shows in the running container, Meinheld with our patch series'
 *   version label, and Debian's packages;
 * - `cosign verify` with the test's public key passes for the pushed digest and fails once the tag is
 *   moved to another image.
 * The SBOM generator and cosign come from scripts/supply-chain-tools.sh (testbed.sh up runs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateIndex, CANARY, type PrivateIndex } from './private-index.js';
import { ROOT, runAction, startFakeGitHubApi, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, registryAuth, registryUrl, testbed } from './testbed.js';

const target = e2eTarget();
const SUFFIX = Math.random().toString(36).slice(2, 8);
const NAMESPACE = process.env.E2E_IMAGE_NAMESPACE || 'e2e';
const REPOSITORY = `${NAMESPACE}/supply-${SUFFIX}`;
const MIRROR = `${testbed().registry}/${NAMESPACE}/supply-mirror-${SUFFIX}/`;
const SCANNER = `${testbed().registry}/${NAMESPACE}/syft-scanner-${SUFFIX}:scan`;
const INDEX_USER = 'reader';
const INDEX_TOKEN = `tok/${SUFFIX}@index:${SUFFIX}`;
const MARK = `supply-mark-${SUFFIX}`;
const KEY_PASSWORD = `key-pw-${SUFFIX}`;
const INDEX_ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json';

interface Descriptor {
  mediaType: string;
  digest: string;
  platform?: { os: string; architecture: string };
  annotations?: Record<string, string>;
}

let api: FakeGitHubApi;
let index: PrivateIndex;
let dockerConfig: string;
let keyDir: string;
let tools: Record<string, string>;
let run: ActionRun;

function sh(command: string, args: string[], env: Record<string, string> = {}, input = ''): string {
  return execFileSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

function cosign(args: string[], env: Record<string, string> = {}): { status: number; output: string } {
  const result = spawnSync(join(tools.TESTBED_COSIGN_DIR!, 'cosign'), args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_CONFIG: dockerConfig, ...env },
  });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

async function registryGet(path: string, accept = INDEX_ACCEPT): Promise<{ body: Buffer; digest: string }> {
  const answer = await fetch(registryUrl(path), { headers: { Authorization: registryAuth(), Accept: accept } });
  if (!answer.ok) throw new Error(`GET ${path}: HTTP ${answer.status}`);
  return { body: Buffer.from(await answer.arrayBuffer()), digest: answer.headers.get('docker-content-digest') ?? '' };
}

async function manifest(reference: string): Promise<{ digest: string; json: Record<string, unknown> }> {
  const { body, digest } = await registryGet(`/v2/${REPOSITORY}/manifests/${reference}`);
  return { digest, json: JSON.parse(body.toString('utf8')) as Record<string, unknown> };
}

/** The tag's index, its image and its attestation manifest, and the attestation statements (by predicate type). */
async function readBack(tag: string): Promise<{
  index: { digest: string; manifests: Descriptor[] };
  image: Descriptor & { config: string };
  attestation: Descriptor;
  statements: Record<string, { subject: { digest: { sha256: string } }[]; predicate: Record<string, unknown> }>;
  raw: string;
}> {
  const top = await manifest(tag);
  const manifests = (top.json.manifests ?? []) as Descriptor[];
  const imageDescriptor = manifests.find((entry) => entry.platform?.os === 'linux')!;
  const attestation = manifests.find((entry) => entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')!;
  const imageManifest = await manifest(imageDescriptor.digest);
  const attestationManifest = await manifest(attestation.digest);
  const statements: Record<string, { subject: { digest: { sha256: string } }[]; predicate: Record<string, unknown> }> = {};
  let raw = '';
  for (const layer of (attestationManifest.json.layers ?? []) as Descriptor[]) {
    const { body } = await registryGet(`/v2/${REPOSITORY}/blobs/${layer.digest}`, '*/*');
    raw += body.toString('utf8');
    statements[layer.annotations?.['in-toto.io/predicate-type'] ?? 'unknown'] = JSON.parse(body.toString('utf8'));
  }
  return {
    index: { digest: top.digest, manifests },
    image: { ...imageDescriptor, config: (imageManifest.json.config as { digest: string }).digest },
    attestation,
    statements,
    raw,
  };
}

beforeAll(async () => {
  tools = Object.fromEntries(
    sh('bash', [join(ROOT, 'scripts', 'supply-chain-tools.sh'), 'env'])
      .trim()
      .split('\n')
      .map((line) => /^export (\w+)='(.*)'$/.exec(line)!.slice(1, 3) as [string, string]),
  );
  // Made by testbed.sh up (supply-chain-tools.sh ensure): missing ones fail here, saying so.
  sh('docker', ['image', 'inspect', tools.TESTBED_SBOM_SCANNER!]);
  sh(join(tools.TESTBED_COSIGN_DIR!, 'cosign'), ['version']);

  api = await startFakeGitHubApi('2026-12-02T08:00:00Z');
  index = await startPrivateIndex('hostile', { user: INDEX_USER, password: INDEX_TOKEN });
  dockerConfig = mkdtempSync(join(tmpdir(), 'supply-e2e-docker-config-'));
  sh('docker', ['login', '--username', testbed().user, '--password-stdin', testbed().registry], { DOCKER_CONFIG: dockerConfig }, testbed().password);
  // The builder the action makes sees no engine image: the base image and the SBOM generator come from the registry.
  const standin = `${testbed().basePrefix || ''}python:${target.pythonVersion}`;
  const mirrored = `${MIRROR}python:${target.pythonVersion}`;
  for (const [from, to] of [
    [standin, mirrored],
    [tools.TESTBED_SBOM_SCANNER!, SCANNER],
  ] as const) {
    sh('docker', ['tag', from, to]);
    sh('docker', ['push', to], { DOCKER_CONFIG: dockerConfig });
    sh('docker', ['image', 'rm', '--no-prune', to]);
  }
  keyDir = mkdtempSync(join(tmpdir(), 'supply-e2e-cosign-'));
  execFileSync(join(tools.TESTBED_COSIGN_DIR!, 'cosign'), ['generate-key-pair'], {
    cwd: keyDir,
    env: { ...process.env, COSIGN_PASSWORD: KEY_PASSWORD },
    stdio: 'ignore',
  });

  const app = writeApp(ROOT, {
    'main.py': `import flask_action_canary\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef hello():\n    return "canary " + flask_action_canary.MARK\n`,
    'requirements.txt': `${CANARY}\n`,
  });
  try {
    run = await runAction(
      {
        'python-version': target.pythonVersion,
        worker: 'meinheld',
        network: testbed().network,
        'github-token': 'fake',
        date: '2026-12-02',
        latest: 'false',
        app,
        'base-image': MIRROR,
        'pip-index-url': `http://${INDEX_USER}:${encodeURIComponent(INDEX_TOKEN)}@${new URL(index.url).host}/simple/`,
        'build-args': `SUPPLY_MARK=${MARK}`,
        image: `${testbed().registry}/${REPOSITORY}`,
        push: 'true',
        username: testbed().user,
        password: testbed().password,
        'probe-body': '^canary ',
        attestations: 'provenance, sbom',
        'provenance-mode': 'max',
        'sbom-generator': SCANNER,
        sign: 'key',
        'cosign-key': readFileSync(join(keyDir, 'cosign.key'), 'utf8'),
        'cosign-password': KEY_PASSWORD,
      },
      { env: { ...workflowEnv(api), PATH: `${tools.TESTBED_COSIGN_DIR}:${process.env.PATH ?? ''}` } },
    );
  } finally {
    rmSync(join(ROOT, app), { recursive: true, force: true });
  }
}, 1_800_000);

afterAll(async () => {
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
  await index?.close();
  await api?.close();
  for (const ref of (run?.outputs.tags ?? '').split('\n').filter(Boolean))
    spawnSync('docker', ['image', 'rm', '--no-prune', ref], { stdio: 'ignore' });
});

describe('attestations and a signature on the tested image', () => {
  it('builds, smoke-tests and pushes with provenance and SBOM, and signs the digest', () => {
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(/Push \d+ tags with attestations/);
    expect(run.summary).toContain('provenance (mode max) and SBOM (SPDX)');
    expect(run.summary).toMatch(/cosign \(key\) of sha256:[a-f0-9]{64}/);
    // The index's password is in no line of the log.
    expect(run.log).not.toContain(INDEX_TOKEN);
    expect(run.log).not.toContain(encodeURIComponent(INDEX_TOKEN));
  });

  it('pushes the very manifest that was tested, with the attestation manifest naming it', async () => {
    const tag = run.outputs.tags!.split('\n')[0]!.split(':').pop()!;
    const back = await readBack(tag);
    expect(back.index.digest).toBe(run.outputs.digest);
    // An image ID is its config's digest: the engine tested the image this manifest describes.
    expect(back.image.config).toBe(run.outputs['image-id']);
    expect(back.image.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(back.attestation.annotations?.['vnd.docker.reference.digest']).toBe(back.image.digest);
    expect(run.outputs.attestations).toBe(`linux/amd64 ${back.image.digest} ${back.attestation.digest}`);
    for (const statement of Object.values(back.statements)) expect(statement.subject[0]!.digest.sha256).toBe(back.image.digest.slice(7));
  });

  it('provenance (max) names the Dockerfile, the build argument and the secret by ID, and no credential', async () => {
    const back = await readBack(run.outputs.tags!.split('\n')[0]!.split(':').pop()!);
    const provenance = back.statements['https://slsa.dev/provenance/v0.2']!.predicate as {
      invocation: { parameters: { args: Record<string, string>; secrets?: { id: string }[] }; configSource: { entryPoint: string } };
      metadata: Record<string, { source?: { infos?: { filename: string; data: string }[] } }>;
    };
    expect(provenance.invocation.configSource.entryPoint).toBe('Dockerfile');
    expect(provenance.invocation.parameters.args['build-arg:SUPPLY_MARK']).toBe(MARK);
    expect(provenance.invocation.parameters.secrets?.map((secret) => secret.id)).toContain('pip-config');
    const dockerfile = provenance.metadata['https://mobyproject.org/buildkit@v1#metadata']?.source?.infos?.find(
      (info) => info.filename === 'Dockerfile',
    );
    expect(Buffer.from(dockerfile?.data ?? '', 'base64').toString('utf8')).toMatch(/^FROM flask-gunicorn-action\/base:/m);
    // Neither attestation holds the index's credentials, in any form, nor its address.
    for (const secret of [INDEX_TOKEN, encodeURIComponent(INDEX_TOKEN), new URL(index.url).host]) expect(back.raw).not.toContain(secret);
  });

  it('the SBOM lists every package pip list shows in the running container, our Meinheld and Debian packages', async () => {
    const back = await readBack(run.outputs.tags!.split('\n')[0]!.split(':').pop()!);
    const spdx = back.statements['https://spdx.dev/Document']!.predicate as {
      packages: { name: string; versionInfo?: string; externalRefs?: { referenceLocator: string }[] }[];
    };
    const normal = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
    const listed = new Set(spdx.packages.map((pkg) => `${normal(pkg.name)}==${pkg.versionInfo ?? ''}`));
    const pip = JSON.parse(
      sh('docker', [
        'run',
        '--rm',
        '--pull',
        'never',
        '--network',
        'host',
        '--entrypoint',
        'python',
        run.outputs['image-id']!,
        '-m',
        'pip',
        'list',
        '--format',
        'json',
      ]),
    ) as {
      name: string;
      version: string;
    }[];
    expect(pip.length).toBeGreaterThan(5);
    const missing = pip.map((pkg) => `${normal(pkg.name)}==${pkg.version}`).filter((pkg) => !listed.has(pkg));
    expect(missing).toEqual([]);
    for (const expected of ['flask', 'gunicorn', 'greenlet', 'meinheld==1.0.2+flaskgunicorn', normal(CANARY)])
      expect(
        [...listed].some((pkg) => pkg === expected || pkg.startsWith(`${expected}==`)),
        expected,
      ).toBe(true);
    const purls = spdx.packages.flatMap((pkg) => (pkg.externalRefs ?? []).map((ref) => ref.referenceLocator));
    expect(purls.some((purl) => purl.startsWith('pkg:deb/debian/libc6@'))).toBe(true);
  });

  it('a plain docker pull of the tag gets the linux/amd64 image', () => {
    const ref = run.outputs.tags!.split('\n')[0]!;
    sh('docker', ['image', 'rm', '--no-prune', ref]);
    sh('docker', ['pull', ref], { DOCKER_CONFIG: dockerConfig });
    expect(sh('docker', ['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}} {{.Id}}', ref]).trim()).toBe(
      `linux/amd64 ${run.outputs['image-id']}`,
    );
  });

  it('cosign verify passes for the pushed digest with the public key, and fails for a tampered tag', async () => {
    const repository = `${testbed().registry}/${REPOSITORY}`;
    const flags = ['--key', join(keyDir, 'cosign.pub'), '--allow-insecure-registry', '--allow-http-registry', '--insecure-ignore-tlog=true'];
    const good = cosign(['verify', ...flags, `${repository}@${run.outputs.digest}`]);
    expect(good.status, good.output).toBe(0);
    expect(run.outputs.signature).toBe(`${repository}:${run.outputs.digest!.replace(':', '-')}.sig`);
    // Someone moves the tag to another image: that image carries no signature of this key.
    const ref = run.outputs.tags!.split('\n')[0]!;
    sh('docker', ['tag', tools.TESTBED_SBOM_SCANNER!, ref]);
    sh('docker', ['push', ref], { DOCKER_CONFIG: dockerConfig });
    const tampered = cosign(['verify', ...flags, ref]);
    expect(tampered.status, tampered.output).not.toBe(0);
    expect(tampered.output).toMatch(/no signatures found|no matching signatures/i);
  });
});
