// The post step acts on saved state, which a step's output can forge: it must touch only the
// action's own config folder and container, and warn about anything else.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from '../../../src/pipeline/cleanup.js';
import { Docker, type ExecResult, type Runner } from '../../../src/adapters/docker.js';
import { createDockerConfigDir, notOwnConfigDir } from '../../../src/adapters/docker-config.js';

let root: string;
let outside: string;
let savedTemp: string | undefined;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanup-test-runner-temp-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanup-test-victim-'));
  fs.writeFileSync(path.join(outside, 'precious'), 'keep me\n');
  savedTemp = process.env.RUNNER_TEMP;
  process.env.RUNNER_TEMP = root;
});

afterEach(() => {
  if (savedTemp === undefined) delete process.env.RUNNER_TEMP;
  else process.env.RUNNER_TEMP = savedTemp;
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

/** A fake engine holding containers with these labels; records every command. */
function engine(containers: Record<string, Record<string, string>>): { docker: Docker; calls: string[][] } {
  const calls: string[][] = [];
  const run: Runner = async (args) => {
    calls.push(args);
    const reply = (r: Partial<ExecResult>): ExecResult => ({ exitCode: 0, stdout: '', stderr: '', ...r });
    const name = args.at(-1)!;
    if (args[0] === 'container' && args[1] === 'inspect') {
      const labels = containers[name];
      return labels ? reply({ stdout: `${JSON.stringify(labels)}\n` }) : reply({ exitCode: 1, stderr: `Error: No such container: ${name}\n` });
    }
    return reply({});
  };
  return { docker: new Docker(run), calls };
}

async function post(docker: Docker, state: { container?: string; dockerConfig?: string; registry?: string; builder?: string }): Promise<string[]> {
  const warnings: string[] = [];
  await cleanup(docker, { container: '', dockerConfig: '', registry: '', ...state }, (m) => warnings.push(m));
  return warnings;
}

describe('config folder from saved state', () => {
  it('removes the action own folder, after logging out of it', async () => {
    const dir = createDockerConfigDir();
    const { docker, calls } = engine({});
    expect(await post(docker, { dockerConfig: dir, registry: '127.0.0.1:5000' })).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
    expect(calls).toEqual([['logout', '127.0.0.1:5000']]);
  });

  it('leaves a folder outside RUNNER_TEMP alone, with a warning', async () => {
    const { docker, calls } = engine({});
    const warnings = await post(docker, { dockerConfig: outside });
    expect(fs.existsSync(path.join(outside, 'precious'))).toBe(true);
    expect(warnings).toEqual([expect.stringContaining(`Ignored the saved Docker config folder "${outside}"`)]);
    expect(calls).toEqual([]);
  });

  it('leaves a folder inside RUNNER_TEMP without the prefix, and RUNNER_TEMP itself, alone', async () => {
    const other = path.join(root, 'checkout');
    fs.mkdirSync(other);
    const { docker } = engine({});
    expect(await post(docker, { dockerConfig: other })).toHaveLength(1);
    expect(await post(docker, { dockerConfig: root })).toHaveLength(1);
    expect(fs.existsSync(other)).toBe(true);
  });

  it('does not follow a link named like its folder, nor a path that climbs out', async () => {
    const link = path.join(root, 'flask-gunicorn-action-docker-config-link');
    fs.symlinkSync(outside, link);
    const climbing = `${createDockerConfigDir()}/../../${path.basename(outside)}`;
    const { docker } = engine({});
    expect(await post(docker, { dockerConfig: link })).toEqual([expect.stringContaining('a link')]);
    expect(await post(docker, { dockerConfig: climbing })).toHaveLength(1);
    expect(fs.existsSync(path.join(outside, 'precious'))).toBe(true);
  });

  it('does not log out of a forged registry value (it would be a docker argument)', async () => {
    const dir = createDockerConfigDir();
    const { docker, calls } = engine({});
    await post(docker, { dockerConfig: dir, registry: '--help' });
    expect(calls).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('is the only credential source: the config names a registry, so no machine credential helper is used', () => {
    const dir = createDockerConfigDir();
    expect(notOwnConfigDir(dir)).toBe('');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    // The Docker CLI detects a default helper only when a config has no auths, credsStore or credHelpers.
    expect(Object.keys(config.auths as object)).toHaveLength(1);
    expect(config.credsStore).toBeUndefined();
    expect(config.credHelpers).toBeUndefined();
  });
});

describe('container from saved state', () => {
  const JOB = '4242-1-0a1b2c3d';
  const own = { 'flask-gunicorn-action.smoke-test': JOB };

  it('removes the action own container', async () => {
    const { docker, calls } = engine({ [`flask-gunicorn-action-smoke-${JOB}`]: own });
    expect(await post(docker, { container: `flask-gunicorn-action-smoke-${JOB}` })).toEqual([]);
    expect(calls.at(-1)).toEqual(['rm', '--force', '--volumes', `flask-gunicorn-action-smoke-${JOB}`]);
  });

  it('removes one platform test container of several, whose name and label both carry the platform', async () => {
    const name = `flask-gunicorn-action-smoke-${JOB}-amd64`;
    const { docker, calls } = engine({ [name]: { 'flask-gunicorn-action.smoke-test': `${JOB}-amd64` } });
    expect(await post(docker, { container: name })).toEqual([]);
    expect(calls.at(-1)).toEqual(['rm', '--force', '--volumes', name]);
  });

  it('says nothing when the container is already gone (the usual case)', async () => {
    const { docker, calls } = engine({});
    expect(await post(docker, { container: `flask-gunicorn-action-smoke-${JOB}` })).toEqual([]);
    expect(calls.filter((c) => c[0] === 'rm')).toEqual([]);
  });

  it('leaves a container with another name alone, without asking the engine', async () => {
    const { docker, calls } = engine({ postgres: {} });
    for (const name of ['postgres', 'flask-gunicorn-action-smoke-', 'flask-gunicorn-action-smoke-x --force', '--all']) {
      expect(await post(docker, { container: name })).toEqual([expect.stringContaining(`Ignored the saved container name "${name}"`)]);
    }
    expect(calls).toEqual([]);
  });

  it('leaves a container with the name but not the label (or another job label) alone', async () => {
    const { docker, calls } = engine({
      [`flask-gunicorn-action-smoke-${JOB}`]: {},
      'flask-gunicorn-action-smoke-4242-1-ffffffff': own,
    });
    expect(await post(docker, { container: `flask-gunicorn-action-smoke-${JOB}` })).toEqual([expect.stringContaining('does not carry the label')]);
    expect(await post(docker, { container: 'flask-gunicorn-action-smoke-4242-1-ffffffff' })).toEqual([
      expect.stringContaining('does not carry the label'),
    ]);
    expect(calls.filter((c) => c[0] === 'rm')).toEqual([]);
  });
});

describe('builder from saved state', () => {
  it('removes a builder the action made for the cache, before the config folder', async () => {
    const dir = createDockerConfigDir();
    const { docker, calls } = engine({});
    expect(await post(docker, { builder: 'flask-gunicorn-action-cache-4242-1-0a1b2c3d', dockerConfig: dir, registry: '' })).toEqual([]);
    expect(calls).toEqual([['buildx', 'rm', 'flask-gunicorn-action-cache-4242-1-0a1b2c3d'], ['logout']]);
  });

  it('leaves any other builder alone, with a warning', async () => {
    const { docker, calls } = engine({});
    for (const builder of ['default', 'flask-gunicorn-action-cache-', 'flask-gunicorn-action-cache-x --all', 'my-builder']) {
      expect(await post(docker, { builder })).toEqual([`Ignored the saved builder name "${builder}": not a builder the action makes.`]);
    }
    expect(calls).toEqual([]);
  });
});
