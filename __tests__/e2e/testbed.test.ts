/**
 * Checks of the test bed itself (scripts/testbed.sh up): if these fail, the other e2e failures are
 * about the environment, not the action.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, registryAuth, registryManifestDigest, registryTags, registryUrl, testbed } from './testbed.js';

const exec = promisify(execFile);
const tb = testbed();

/** Runs docker with its own client config dir, so logins here never touch the user's ~/.docker. */
function docker(configDir: string, args: string[], input?: string) {
  const child = exec('docker', args, { env: { ...process.env, DOCKER_CONFIG: configDir }, timeout: 120_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}

/** Runs a shell SCRIPT in the slim stand-in of Python VERSION on the test bed's network, with the index URL as $1. */
async function pipInStandin(version: string, script: string, dockerArgs: string[] = []): Promise<string> {
  const image = `${tb.basePrefix}python:${version}-slim`;
  const args = ['run', '--rm', '--network', tb.network, ...dockerArgs, image, 'sh', '-c', script, 'sh', tb.pipIndexUrl];
  return (await exec('docker', args, { timeout: 180_000 })).stdout;
}

describe('addresses', () => {
  it('are all on loopback', () => {
    expect(tb.registry).toMatch(/^127\.\d+\.\d+\.\d+:\d+$/);
    if (tb.pipIndexUrl) expect(new URL(tb.pipIndexUrl).hostname).toMatch(/^127\./);
  });

  it('match the mode', () => {
    if (tb.mode === 'offline') {
      expect(tb.network).toBe('host');
      expect(tb.basePrefix).toBe('flask-testbed/');
      expect(tb.pipIndexUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/simple\/$/);
    } else {
      expect(tb.basePrefix).toBe('');
      expect(tb.pipIndexUrl).toBe('');
    }
    expect(tb.pythonVersions.length).toBeGreaterThan(0);
  });

  it('freePort gives a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    const srv = createServer();
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => srv.close(resolve));
  });
});

describe('registry', () => {
  let configDir: string;
  let work: string;
  const repo = `testbed-selftest/tiny-${process.pid}`;
  const image = `${tb.registry}/${repo}:v1`;

  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'testbed-docker-config-'));
    work = mkdtempSync(join(tmpdir(), 'testbed-tiny-'));
  });

  afterAll(async () => {
    await docker(configDir, ['image', 'rm', '-f', image]).catch(() => undefined);
    rmSync(configDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('requires credentials: /v2/ answers 401 anonymously and with a wrong password', async () => {
    const anon = await fetch(registryUrl('/v2/'));
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(registryUrl('/v2/'), { headers: { Authorization: registryAuth(tb.user, 'wrong') } });
    expect(wrong.status).toBe(401);
    const right = await fetch(registryUrl('/v2/'), { headers: { Authorization: registryAuth() } });
    expect(right.status).toBe(200);
  });

  it('refuses an anonymous push', async () => {
    const upload = await fetch(registryUrl(`/v2/${repo}/blobs/uploads/`), { method: 'POST' });
    expect(upload.status).toBe(401);

    // The same through the Docker CLI without a login: a tiny image, no credentials in its config dir.
    writeFileSync(join(work, 'hello.txt'), 'hello from the test bed\n');
    await exec('tar', ['-C', work, '-cf', join(work, 'tiny.tar'), 'hello.txt']);
    await docker(configDir, ['import', join(work, 'tiny.tar'), image]);
    const push = docker(configDir, ['push', image]);
    await expect(push).rejects.toThrow(/no basic auth credentials|unauthorized|authentication required/i);
    expect(await registryTags(repo)).toEqual([]);
  });

  it('accepts docker login with the test bed credentials, then a push', async () => {
    const login = await docker(configDir, ['login', tb.registry, '-u', tb.user, '--password-stdin'], tb.password);
    expect(login.stdout).toMatch(/Login Succeeded/);

    await docker(configDir, ['push', image]);
    expect(await registryTags(repo)).toEqual(['v1']);
    const digest = await registryManifestDigest(repo, 'v1');
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await registryManifestDigest(repo, 'nope')).toBeUndefined();

    // Leave the registry as found (deletes are enabled in the test bed's registry config).
    const del = await fetch(registryUrl(`/v2/${repo}/manifests/${digest}`), {
      method: 'DELETE',
      headers: { Authorization: registryAuth() },
    });
    expect(del.status).toBe(202);
  });
});

describe.runIf(tb.mode === 'offline')('offline: package index and stand-in base images', () => {
  it('the package index lists flask and gunicorn', async () => {
    for (const project of ['flask', 'gunicorn']) {
      const res = await fetch(`${tb.pipIndexUrl}${project}/`);
      expect(res.status, project).toBe(200);
      expect(await res.text()).toMatch(new RegExp(`${project}-[\\d.]+-py3-none-any\\.whl`, 'i'));
    }
  });

  const images = tb.pythonVersions.flatMap((v: string) => [`python:${v}`, `python:${v}-slim`]);

  it.each(images)('%s stand-in exists and runs python of that version', async (name: string) => {
    const image = tb.basePrefix + name;
    const version = name.replace(/^python:/, '').replace(/-slim$/, '');
    const { stdout } = await exec(
      'docker',
      ['run', '--rm', '--network', tb.network, image, 'python', '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
      { timeout: 120_000 },
    );
    expect(stdout.trim()).toBe(version);
  });

  it('every file link of a project page stays on the index (relative, so a front proxy serves it too), with its sha256', async () => {
    const pageUrl = `${tb.pipIndexUrl}meinheld/`;
    const page = await (await fetch(pageUrl)).text();
    const links = [...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) {
      expect(link).toMatch(/^\.\.\/\.\.\/files\/[^/]+\/.+#sha256=[0-9a-f]{64}$/);
      expect(new URL(link, pageUrl).origin).toBe(new URL(tb.pipIndexUrl).origin);
    }
  });

  it("hands out PyPI's own Meinheld sdist: the one file the image's hash pin accepts", async () => {
    const source = `${join(process.cwd(), 'docker/image/meinheld/source.txt')}:/source.txt:ro`;
    const stdout = await pipInStandin(
      tb.pythonVersions[0] as string,
      'pip download -q --no-deps --no-binary :all: --no-build-isolation --require-hashes --disable-pip-version-check ' +
        '--index-url "$1" --trusted-host 127.0.0.1 -r /source.txt -d /tmp/x >/dev/null && sha256sum /tmp/x/*',
      ['-v', source],
    );
    expect(stdout.trim()).toBe('008c76937ac2117cc69e032dc69cea9f85fc605de9bac1417f447c41c16a56d6  /tmp/x/meinheld-1.0.2.tar.gz');
  });

  it('refuses to fetch from a host that no project page linked to', async () => {
    const res = await fetch(`${new URL(tb.pipIndexUrl).origin}/files/example.invalid/anything.whl`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('not a file this index linked to');
  });

  it.each(tb.pythonVersions)('pip inside the %s stand-in downloads flask from the package index', async (v: string) => {
    const stdout = await pipInStandin(
      v,
      'pip download --no-deps --disable-pip-version-check --index-url "$1" -d /tmp/x flask >/dev/null && ls /tmp/x',
    );
    expect(stdout).toMatch(/^flask-[\d.]+-py3-none-any\.whl$/m);
  });
});
