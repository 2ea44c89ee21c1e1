/**
 * The builders a workflow brings. One a step before made, as docker/setup-buildx-action makes it (a
 * docker-container builder from the BuildKit image, named by its `name` output, or made current with
 * `use`); and BuildKit on another machine through buildx's `remote` driver: here a buildkitd of the
 * test bed's own, from the same image, listening on a loopback TCP port. Each run builds there, loads
 * the image into the engine, smoke-tests it and pushes that very image, and leaves the builder as it
 * found it. Such builders cannot see the engine's images: the base image comes from the registry, as
 * from a mirror. Real engine, real BuildKit, real registry with auth, real HTTP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageIdOf, leftoverSmokeContainers, runAction, startFakeGitHubApi, testbedInputs, workflowEnv, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, freePort, registryBasePrefix, registryManifestDigest, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
const DATE = '2026-11-21';
const SUFFIX = Math.random().toString(36).slice(2, 8);
/** What docker/setup-buildx-action would have made, and the name it would output. */
const SETUP_BUILDER = `e2e-setup-buildx-${SUFFIX}`;
const REMOTE_BUILDER = `e2e-remote-${SUFFIX}`;
const REMOTE_CONTAINER = `e2e-remote-buildkitd-${SUFFIX}`;
/** The image the docker-container driver starts; offline, the one scripts/buildkit-image.sh built. */
const BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
const versionTag = `python${target.pythonVersion}${target.variant === 'debian' ? '' : `-${target.variant}`}`;

let api: FakeGitHubApi;
let basePrefix: string;
/** A buildx folder of the tests' own: `docker buildx use` there leaves the user's current builder alone. */
let buildxConfig: string;

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, BUILDX_CONFIG: buildxConfig }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function builderExists(name: string): boolean {
  try {
    docker(['buildx', 'inspect', name]);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
  buildxConfig = mkdtempSync(join(tmpdir(), 'buildx-config-e2e-'));
  basePrefix = registryBasePrefix();
  // As setup-buildx-action makes it (docker-container driver), on the host network: the test bed has
  // no bridge, and the package index and registry listen on its loopback.
  docker(['buildx', 'create', '--name', SETUP_BUILDER, '--driver', 'docker-container', '--driver-opt', 'network=host', '--bootstrap']);
  // A shared BuildKit: buildkitd in a container of its own, on a loopback TCP port.
  const port = await freePort();
  docker([
    'run',
    '--detach',
    '--name',
    REMOTE_CONTAINER,
    '--privileged',
    '--network',
    'host',
    ...(testbed().mode === 'offline' ? ['--pull', 'never'] : []),
    BUILDKIT_IMAGE,
    '--addr',
    `tcp://127.0.0.1:${port}`,
    '--allow-insecure-entitlement',
    'network.host',
  ]);
  docker(['buildx', 'create', '--name', REMOTE_BUILDER, '--driver', 'remote', `tcp://127.0.0.1:${port}`]);
  // buildkitd takes a moment to listen.
  for (let attempt = 0; ; attempt++) {
    try {
      docker(['buildx', 'inspect', '--bootstrap', REMOTE_BUILDER]);
      break;
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
});

afterAll(async () => {
  for (const name of [SETUP_BUILDER, REMOTE_BUILDER]) if (builderExists(name)) docker(['buildx', 'rm', name]);
  docker(['rm', '--force', '--volumes', REMOTE_CONTAINER]);
  rmSync(buildxConfig, { recursive: true, force: true });
  await api.close();
});

function run(inputs: Record<string, string>) {
  return runAction(
    {
      'python-version': target.pythonVersion,
      variant: target.variant,
      'github-token': 'fake',
      date: DATE,
      ...testbedInputs(),
      'base-image': basePrefix,
      username: testbed().user,
      password: testbed().password,
      registry: testbed().registry,
      latest: 'false',
      ...inputs,
    },
    { env: { ...workflowEnv(api), BUILDX_CONFIG: buildxConfig } },
  );
}

describe("the workflow's own builder", () => {
  it.each([
    ['its name (setup-buildx-action’s name output)', () => SETUP_BUILDER, SETUP_BUILDER, 'docker-container'],
    ['current, after docker buildx use', () => (docker(['buildx', 'use', SETUP_BUILDER]), 'current'), SETUP_BUILDER, 'docker-container'],
    ['the name of a remote driver to a shared buildkitd', () => REMOTE_BUILDER, REMOTE_BUILDER, 'remote'],
  ])('builder: %s builds there, loads, smoke-tests and pushes that image, and leaves the builder as it was', async (_how, input, name, driver) => {
    const repository = `builders/workflow-${driver}-${Math.random().toString(36).slice(2, 8)}`;
    const result = await run({ builder: input(), image: `${testbed().registry}/${repository}`, push: 'true' });
    expect(result.exitCode, result.log).toBe(0);
    expect(result.log).toContain(`Builder: buildx (builder ${name}, ${driver}, the workflow's).`);
    // Both builds ran on it, the app image loaded into the engine; the action made no builder of its own.
    expect(result.log).toMatch(new RegExp(`^\\[command\\]\\S*docker buildx build --builder ${name} --output type=oci,`, 'm'));
    expect(result.log).toMatch(new RegExp(`^\\[command\\]\\S*docker buildx build --builder ${name} --load `, 'm'));
    expect(result.log).not.toContain('buildx create');
    expect(result.outputs['probe-status']).toBe('200');
    // The very image tested is the one pushed.
    expect(await registryTags(repository)).toEqual([`${versionTag}-${DATE}`, versionTag].sort());
    expect(await registryManifestDigest(repository, versionTag)).toBe(result.outputs.digest);
    expect(imageIdOf(`${testbed().registry}/${repository}:${versionTag}`)).toBe(result.outputs['image-id']);
    expect(builderExists(name)).toBe(true);
    expect(leftoverSmokeContainers()).toEqual([]);
    docker(['image', 'rm', `${testbed().registry}/${repository}:${versionTag}`, `${testbed().registry}/${repository}:${versionTag}-${DATE}`]);
  });

  it('a builder buildx does not know fails before any build, saying where names come from', async () => {
    const result = await run({ builder: `e2e-gone-${SUFFIX}` });
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain(`builder: "e2e-gone-${SUFFIX}" is not a builder this docker CLI knows`);
    expect(result.log).not.toContain('Build the base image');
  });
});
