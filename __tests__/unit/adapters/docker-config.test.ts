import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDockerConfigDir, loginEnv } from '../../../src/adapters/docker-config.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the per-run Docker config folder that builds and pushes share', () => {
  it("keeps the CLI on its own file and still finds the user's plugins (buildx)", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-config-test-'));
    made.push(root);
    const dir = createDockerConfigDir(root, { DOCKER_CONFIG: '/home/runner/.docker' });
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    expect(config).toEqual({ auths: { 'flask-gunicorn-action.invalid': {} }, cliPluginsExtraDirs: ['/home/runner/.docker/cli-plugins'] });
    expect(fs.statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('leaves buildx its usual folder, so a builder is found and removed the same with or without the login', () => {
    expect(loginEnv('/tmp/cfg', { DOCKER_CONFIG: '/home/runner/.docker' })).toEqual({
      DOCKER_CONFIG: '/tmp/cfg',
      BUILDX_CONFIG: '/home/runner/.docker/buildx',
    });
    expect(loginEnv('/tmp/cfg', { BUILDX_CONFIG: '/srv/buildx' })).toEqual({ DOCKER_CONFIG: '/tmp/cfg', BUILDX_CONFIG: '/srv/buildx' });
    expect(loginEnv('/tmp/cfg', {}).BUILDX_CONFIG).toBe(path.join(os.homedir(), '.docker', 'buildx'));
  });
});
