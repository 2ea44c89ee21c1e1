/**
 * `rebuild: if-changed` end to end, against the test bed's registry with authentication: a first
 * push; an unchanged run a day later that touches nothing in the registry; one changed app file, a
 * new digest of the base image under the same tag, and a deleted tag, each of which rebuilds and
 * says why. The base image lives in this suite's own repository of the registry, so pushing a new
 * digest of it disturbs no other suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintLabel } from '../../src/core/fingerprint.js';
import { resolveBaseImage } from '../../src/core/plan.js';
import type { Variant } from '../../src/core/versions.js';
import { E2E_IMAGES } from './image-harness.js';
import { leftoverSmokeContainers, runAction, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, registryAuth, registryManifest, registryManifestDigest, registryTags, registryUrl, testbed } from './testbed.js';

const target = e2eTarget();
const suffix = target.variant === 'debian' ? '' : `-${target.variant}`;
const versionTag = `python${target.pythonVersion}${suffix}`;
const unique = Math.random().toString(36).slice(2, 8);
/** This suite's repositories: the image it pushes and its own copy of the base image. */
const repository = `${E2E_IMAGES}/rebuild-${unique}`;
const baseRepository = `${E2E_IMAGES}/rebuild-base-${unique}`;
/** The stand-in base image on this engine, and the reference the action builds FROM, in the registry. */
const standIn = resolveBaseImage({ ...target, variant: target.variant as Variant, baseImage: testbed().basePrefix });
const baseRef = `${testbed().registry}/${baseRepository}:${versionTag.replace(/^python/, '')}`;

let workspace: string;
let app: string;
let api: FakeGitHubApi;
let dockerConfig: string;

/** docker with a login of its own (never the user's config), for what the suite itself pushes. */
function docker(args: string[], input?: string): string {
  return execFileSync('docker', ['--config', dockerConfig, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Pushes the stand-in under baseRef, with `marker` as a label: another marker is another digest of the same tag. */
async function pushBase(marker: string): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'rebuild-base-'));
  try {
    writeFileSync(join(context, 'Dockerfile'), `FROM ${standIn}\nLABEL rebuild-e2e.marker=${marker}\n`);
    execFileSync('docker', ['buildx', 'build', '--builder', 'default', '--load', '--tag', baseRef, context], { stdio: 'ignore' });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  docker(['push', baseRef]);
  execFileSync('docker', ['image', 'rm', baseRef], { stdio: 'ignore' });
  return (await registryManifestDigest(baseRepository, baseRef.slice(baseRef.lastIndexOf(':') + 1)))!;
}

/** Every tag of the repository with the digest it holds: the registry's state, to compare before and after. */
async function registryState(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const tag of await registryTags(repository)) state[tag] = (await registryManifestDigest(repository, tag)) ?? '';
  return state;
}

/** The labels of the image a tag holds, read from its config blob. */
async function registryLabels(tag: string): Promise<Record<string, string>> {
  const { body } = await registryManifest(repository, tag);
  const res = await fetch(registryUrl(`/v2/${repository}/blobs/${body.config!.digest}`), { headers: { Authorization: registryAuth() } });
  const config = (await res.json()) as { config?: { Labels?: Record<string, string> } };
  return config.config?.Labels ?? {};
}

function run(date: string) {
  const tb = testbed();
  return runAction(
    {
      'python-version': target.pythonVersion,
      variant: target.variant,
      ...testbedInputs(),
      'base-image': baseRef,
      app,
      image: `${tb.registry}/${repository}`,
      push: 'true',
      username: tb.user,
      password: tb.password,
      date,
      rebuild: 'if-changed',
      'github-token': 'fake-token-for-the-local-api',
    },
    { workspace, env: workflowEnv(api) },
  );
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'rebuild-workspace-'));
  app = writeApp(workspace, { 'main.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "one"\n' });
  api = await startFakeGitHubApi('2026-12-01T10:00:00Z');
  dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-rebuild-'));
  // Names a registry, so the CLI keeps the login in this file rather than a credential helper.
  writeFileSync(join(dockerConfig, 'config.json'), '{"auths":{"rebuild-e2e.invalid":{}}}\n');
  docker(['login', testbed().registry, '--username', testbed().user, '--password-stdin'], testbed().password);
});

afterAll(async () => {
  // The local tags the runs left (the action tags what it pushes), and the images they left untagged
  // when a later run took the tag over; the registry keeps its repositories.
  const rows = execFileSync('docker', ['image', 'ls', '--format', '{{.ID}} {{.Tag}} {{.Repository}}', `${testbed().registry}/${repository}`], {
    encoding: 'utf8',
  });
  for (const [id, tag, name] of rows
    .split('\n')
    .filter((row) => row !== '')
    .map((row) => row.split(' ')))
    execFileSync('docker', ['image', 'rm', '--no-prune', tag === '<none>' ? id! : `${name}:${tag}`], { stdio: 'ignore' });
  rmSync(workspace, { recursive: true, force: true });
  rmSync(dockerConfig, { recursive: true, force: true });
  await api.close();
});

describe('rebuild: if-changed', () => {
  let firstBase = '';

  it('builds and pushes when the registry has no image under the version tag, and labels it with every part of the fingerprint', async () => {
    firstBase = await pushBase('one');
    const first = await run('2026-12-01');
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs.rebuilt).toBe('true');
    expect(first.outputs['rebuild-reasons']).toBe(`${testbed().registry}/${repository}:${versionTag} is not in the registry`);
    expect(await registryTags(repository)).toEqual([`${versionTag}-2026-12-01`, versionTag, 'latest'].sort());

    const labels = await registryLabels(versionTag);
    // The base part names the digest resolved in the registry, and the build was pinned to it.
    expect(labels[fingerprintLabel('base')]).toBe(`${baseRef}@${firstBase}`);
    expect(first.log).toContain(`PYTHON_BASE_IMAGE=${baseRef}@${firstBase}`);
    for (const part of ['app', 'docker', 'inputs'] as const) expect(labels[fingerprintLabel(part)]).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(labels[fingerprintLabel('action')]).toMatch(/^\d+\.\d+\.\d+\+sha256:[a-f0-9]{64}$/);
    expect(leftoverSmokeContainers()).toEqual([]);
  });

  it('skips build, test and push a day later when nothing changed: no new dated tag, every tag at the same digest', async () => {
    const before = await registryState();
    const second = await run('2026-12-02');
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs.rebuilt).toBe('false');
    expect(second.outputs['rebuild-reasons']).toBe('');
    expect(second.outputs.digest).toBe(before[versionTag]);
    expect(second.outputs.tags).toBe(`${testbed().registry}/${repository}:${versionTag}`);
    expect(second.outputs['image-id'] ?? '').toBe('');
    // The notice names what it compared: the reference, its digest and the base digest.
    const notice = second.commands.find((command) => command.name === 'notice' && command.data.startsWith('Not rebuilt:'));
    expect(notice?.data).toContain(`${testbed().registry}/${repository}:${versionTag} (${before[versionTag]})`);
    expect(notice?.data).toContain(`base ${baseRef}@${firstBase.slice(0, 19)}`);
    expect(second.log).not.toMatch(/^\[command\]\S*docker (buildx build|build|push|run) /m);
    expect(second.summary).toContain('unchanged, not rebuilt');
    expect(await registryState()).toEqual(before);
    expect(second.runnerTempLeft).toEqual([]);
  });

  it('rebuilds when one app file changed, and says the app folder changed', async () => {
    writeFileSync(
      join(workspace, app, 'main.py'),
      'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "two"\n',
    );
    const before = await registryState();
    const third = await run('2026-12-02');
    expect(third.exitCode, third.log).toBe(0);
    expect(third.outputs.rebuilt).toBe('true');
    const reasons = third.outputs['rebuild-reasons']!.split('\n');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^the app folder \(app\): sha256:[a-f0-9]{12} → sha256:[a-f0-9]{12}$/);
    expect(third.summary).toContain('the app folder (app)');
    expect(await registryTags(repository)).toContain(`${versionTag}-2026-12-02`);
    expect(await registryManifestDigest(repository, versionTag)).not.toBe(before[versionTag]);
    expect(await registryManifestDigest(repository, versionTag)).toBe(third.outputs.digest);
  });

  it('rebuilds when the base tag holds a new digest, and the log names the base image with both digests', async () => {
    const newBase = await pushBase('two');
    expect(newBase).not.toBe(firstBase);
    const fourth = await run('2026-12-03');
    expect(fourth.exitCode, fourth.log).toBe(0);
    expect(fourth.outputs.rebuilt).toBe('true');
    expect(fourth.outputs['rebuild-reasons']).toBe(
      `the base image (base): ${baseRef}@${firstBase.slice(0, 19)} → ${baseRef}@${newBase.slice(0, 19)}`,
    );
    expect(fourth.log).toContain(`Building: the base image (base): ${baseRef}@${firstBase.slice(0, 19)}`);
    expect((await registryLabels(versionTag))[fingerprintLabel('base')]).toBe(`${baseRef}@${newBase}`);
  });

  it('rebuilds when the version tag was deleted from the registry', async () => {
    const digest = (await registryManifestDigest(repository, versionTag))!;
    // The registry deletes a manifest by digest, with every tag that holds it.
    const deleted = await fetch(registryUrl(`/v2/${repository}/manifests/${digest}`), {
      method: 'DELETE',
      headers: { Authorization: registryAuth() },
    });
    expect(deleted.status).toBe(202);
    expect(await registryManifestDigest(repository, versionTag)).toBeUndefined();
    const fifth = await run('2026-12-03');
    expect(fifth.exitCode, fifth.log).toBe(0);
    expect(fifth.outputs.rebuilt).toBe('true');
    expect(fifth.outputs['rebuild-reasons']).toBe(`${testbed().registry}/${repository}:${versionTag} is not in the registry`);
    expect(await registryManifestDigest(repository, versionTag)).toBe(fifth.outputs.digest);
    expect(leftoverSmokeContainers()).toEqual([]);
  });
});
