/**
 * The command line's --json result against the real engine and registry: what it says must be
 * what Docker and the registry hold, and a failed run must still say what happened.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../../src/entry/cli-result.js';
import { imageIdOf, ROOT, testbedInputs } from './run-action.js';
import { e2eTarget, registryManifestDigest, testbed } from './testbed.js';

const target = e2eTarget();
const scratch = mkdtempSync(join(tmpdir(), 'cli-json-'));
const localTags: string[] = [];

/** `node dist/cli.js` on the bundled demo app with the test bed's inputs and these flags. */
function cli(flags: string[]): { status: number; stdout: string; stderr: string } {
  const inputs = { 'python-version': target.pythonVersion, variant: target.variant, ...testbedInputs() };
  const args = Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]);
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, ...flags], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, REGISTRY_PASSWORD: testbed().password },
    timeout: 280_000,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

const lastLine = (text: string): string => text.trimEnd().split('\n').pop() ?? '';

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  // The pushed tags stay in the engine after a run (the action keeps them); the registry keeps its copy.
  for (const tag of localTags) spawnSync('docker', ['image', 'rm', '--no-prune', tag], { stdio: 'ignore' });
});

describe('node dist/cli.js --json', () => {
  it('ends stdout with the result of a pushed image: the ID, size, tags and digest Docker and the registry hold', async () => {
    const repo = `e2e/cli-json-${Math.random().toString(36).slice(2, 8)}`;
    const tb = testbed();
    const run = cli(['--image', `${tb.registry}/${repo}`, '--push', 'true', '--latest', 'false', '--username', tb.user, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(lastLine(run.stdout)) as CliResult;
    localTags.push(...result.tags);

    expect(result.ok).toBe(true);
    expect(result.error).toBeNull();
    expect(result.tags.length).toBeGreaterThan(0);
    for (const tag of result.tags) expect(imageIdOf(tag)).toBe(result.imageId);
    const size = Number(execFileSync('docker', ['image', 'inspect', '--format', '{{.Size}}', result.imageId!], { encoding: 'utf8' }).trim());
    expect(result.size).toBe(size);
    const firstTag = result.tags[0]!.slice(result.tags[0]!.lastIndexOf(':') + 1);
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await registryManifestDigest(repo, firstTag)).toBe(result.digest);
    expect(result.probe.status).toBe(200);
    expect(result.probe.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(result.probe.seconds).toBeGreaterThan(0);
    expect(result).toMatchObject({
      python: target.pythonVersion,
      variant: target.variant,
      baseImage: expect.stringContaining(`python:${target.pythonVersion}`),
    });
    const titles = result.phases.map((phase) => phase.title);
    expect(titles).toEqual([
      expect.stringMatching(/^Log in to /),
      // Every build's fingerprint labels (and, with rebuild: if-changed, the comparison with the registry).
      'Build fingerprint',
      expect.stringMatching(/^Build the base image from /),
      expect.stringMatching(/^Layer the app from /),
      expect.stringMatching(/^Smoke-test /),
      expect.stringMatching(/^Push \d+ tags$/),
    ]);
    const phaseSum = result.phases.reduce((sum, phase) => sum + phase.seconds, 0);
    expect(result.seconds).toBeGreaterThanOrEqual(phaseSum);
  });

  it('writes the result of a failed smoke test to the --json file: not ok, why, and the status seen', () => {
    const file = join(scratch, 'failed.json');
    // The demo app answers 200; expecting 201 fails the probe once its 3 s are up.
    const run = cli(['--probe-status', '201', '--probe-timeout', '3', `--json=${file}`]);
    expect(run.status).toBe(1);
    expect(lastLine(run.stdout)).not.toMatch(/^\{/);
    const text = readFileSync(file, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    const result = JSON.parse(text) as CliResult;
    expect(result).toMatchObject({ ok: false, imageId: null, tags: [], digest: null, size: null, python: null });
    expect(result.error).toContain('201');
    expect(result.probe.status).toBe(200);
    expect(result.phases.map((phase) => phase.title).at(-1)).toMatch(/^Smoke-test /);
  });
});

describe('the package index on the command line', () => {
  /** The CLI with the index given only as the environment asks: never on the command line. */
  function cliWith(flags: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
    const tb = testbed();
    const args = ['--python-version', target.pythonVersion, '--variant', target.variant, '--base-image', tb.basePrefix, '--network', tb.network];
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, ...flags], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 280_000,
    });
    return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  }

  it('refuses --pip-index-url with a password before any work, without echoing it', () => {
    const url = testbed().pipIndexUrl.replace('://', '://ci:hunter2-cli@');
    const run = cliWith(['--pip-index-url', url, '--json'], {});
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain(
      '--pip-index-url: the URL carries a user or password, which the command line shows to ps and keeps in shell history; give it in the environment variable FLASK_GUNICORN_PIP_INDEX_URL instead.',
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain('hunter2-cli');
    expect(run.stdout).not.toContain('== Build the base image');
  });

  it('takes the index from FLASK_GUNICORN_PIP_INDEX_URL, and builds with it as the secret', () => {
    const run = cliWith(['--json'], { FLASK_GUNICORN_PIP_INDEX_URL: testbed().pipIndexUrl });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('The package index reaches pip as a build secret.');
    const result = JSON.parse(lastLine(run.stdout)) as CliResult;
    localTags.push(...result.tags);
    expect(result.ok).toBe(true);
  });
});
