import { describe, expect, it } from 'vitest';
import { cliResult, timeGroups, type PassedRun, type PhaseTiming } from '../../../src/entry/cli-result.js';
import { consoleReporter } from '../../../src/adapters/reporter.js';

const IMAGE_ID = `sha256:${'ab'.repeat(32)}`;
const DIGEST = `sha256:${'12'.repeat(32)}`;

const passed: PassedRun = {
  settings: { pythonVersion: '3.11', variant: 'slim', worker: 'meinheld' },
  plan: { baseImage: 'flask-testbed/python:3.11-slim', builder: { kind: 'classic', reason: 'builder: classic' } },
  probe: { url: 'http://127.0.0.1:40123/' },
  platforms: [
    {
      plan: { target: { platform: '', emulated: false, slug: '' }, probe: { path: '/', status: 200, body: '', timeoutSeconds: 60 } },
      imageId: IMAGE_ID,
      buildSeconds: 31.4567,
      probe: { seconds: 1.234 },
    },
  ],
};

// The outputs exactly as report.ts sets them on a passing run (strings, tags one per line).
const outputs = {
  tags: '127.0.0.1:5000/web:python3.11-slim-2026-11-30\n127.0.0.1:5000/web:python3.11-slim\n127.0.0.1:5000/web:latest',
  digest: DIGEST,
  'image-id': IMAGE_ID,
  'probe-status': '200',
  'probe-seconds': '1.234',
  'image-size': '123456789',
};

describe('cliResult', () => {
  it('types the outputs of a passing run and adds what was built', () => {
    const phases = [{ title: 'Build the base image from flask-testbed/python:3.11-slim', seconds: 12.5 }];
    expect(cliResult({ result: passed }, outputs, phases, 20.25)).toEqual({
      ok: true,
      error: null,
      imageId: IMAGE_ID,
      tags: ['127.0.0.1:5000/web:python3.11-slim-2026-11-30', '127.0.0.1:5000/web:python3.11-slim', '127.0.0.1:5000/web:latest'],
      digest: DIGEST,
      size: 123456789,
      probe: { url: 'http://127.0.0.1:40123/', status: 200, seconds: 1.234 },
      python: '3.11',
      variant: 'slim',
      worker: 'meinheld',
      baseImage: 'flask-testbed/python:3.11-slim',
      builder: 'classic (builder: classic)',
      // Each platform's build time to the millisecond (one, the engine's own, without platforms).
      platforms: [{ platform: '', emulated: false, imageId: IMAGE_ID, buildSeconds: 31.457, probeSeconds: 1.234, probeTimeoutSeconds: 60 }],
      phases,
      seconds: 20.25,
    });
  });

  it('gives null for a digest, size or probe the run did not produce', () => {
    const result = cliResult({ result: passed }, { ...outputs, digest: '', 'image-size': '' }, [], 1);
    expect(result.digest).toBeNull();
    expect(result.size).toBeNull();
  });

  it('says why a failed run failed and keeps the outputs it did set (a failed smoke test sets probe-status)', () => {
    const result = cliResult({ error: new Error('The container answered 500, expected 200.') }, { 'probe-status': '500' }, [], 3);
    expect(result).toMatchObject({
      ok: false,
      error: 'The container answered 500, expected 200.',
      imageId: null,
      tags: [],
      digest: null,
      size: null,
      probe: { url: null, status: 500, seconds: null },
      python: null,
      baseImage: null,
      builder: null,
      seconds: 3,
    });
  });

  it('is one line of JSON', () => {
    const line = JSON.stringify(cliResult({ result: passed }, outputs, [], 1));
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ ok: true, imageId: IMAGE_ID });
  });
});

describe('timeGroups', () => {
  it('times each group in the order they end, even a failing one, and keeps the outputs', async () => {
    const lines: string[] = [];
    const phases: PhaseTiming[] = [];
    let clock = 0;
    const inner = consoleReporter((line) => lines.push(line));
    const reporter = timeGroups(inner, phases, () => clock);
    const value = await reporter.group('Build', async () => {
      clock += 2500;
      return 'built';
    });
    await expect(
      reporter.group('Smoke-test', async () => {
        clock += 750;
        throw new Error('no answer');
      }),
    ).rejects.toThrow('no answer');
    reporter.setOutput('image-id', IMAGE_ID);
    expect(value).toBe('built');
    expect(phases).toEqual([
      { title: 'Build', seconds: 2.5 },
      { title: 'Smoke-test', seconds: 0.75 },
    ]);
    expect(lines).toEqual(['\n== Build', '\n== Smoke-test']);
    expect(reporter.outputs).toBe(inner.outputs);
    expect(inner.outputs).toEqual({ 'image-id': IMAGE_ID });
  });
});
