import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCliResult, rebuildEvidence, splitTiming } from '../../../bench/lib/action-build.mjs';
import { parseShimLog } from '../../../bench/lib/docker-shim.mjs';
import { cliResult } from '../../../src/entry/cli-result.js';

const scratch = mkdtempSync(join(tmpdir(), 'bench-action-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the docker shim log', () => {
  it('splits the action’s wall time', () => {
    const ns = (ms: number) => String(ms * 1e6);
    const log = [
      `cmd ${ns(1000)} ${ns(1300)} 0 build`,
      `cmd ${ns(1300)} ${ns(1500)} 0 run`,
      `first-ok 4000 ${2100}`,
      `cmd ${ns(1600)} ${ns(1650)} 0 container`,
    ].join('\n');
    const parsed = parseShimLog(log);
    expect(parsed.commands.length).toBe(3);
    expect(parsed.firstOk).toEqual({ port: 4000, atMs: 2100 });
    // `docker run` started at 1300 ms and the probe passed 0.9 s later (2200 ms): 100 ms after the
    // first possible answer (2100 ms), which came 600 ms after `docker run` returned (1500 ms).
    const t = splitTiming(2000, parsed, 0.9);
    expect(Math.round(t.dockerMs)).toBe(550);
    expect(Math.round(t.appStartMs)).toBe(600);
    expect(Math.round(t.probeLagMs)).toBe(100);
    expect(Math.round(t.ownWorkMs)).toBe(2000 - 550 - 600 - 100);
  });
});

describe('rebuildEvidence', () => {
  it('finds the pip step and its cache line (classic builder and BuildKit)', () => {
    const classic =
      'Step 5/14 : RUN python -m pip install --no-cache-dir -r /tmp/app-requirements.txt && rm /tmp/app-requirements.txt\n ---> Using cache\n ---> a4e6';
    expect(rebuildEvidence(classic).pipCached).toBe(true);
    const buildkit = '#7 [3/5] RUN python -m pip install --no-cache-dir -r /tmp/app-requirements.txt\n#7 CACHED\n';
    expect(rebuildEvidence(buildkit).pipCached).toBe(true);
    const rerun = 'Step 5/14 : RUN python -m pip install -r /tmp/app-requirements.txt\n ---> Running in 1234\nCollecting requests';
    expect(rebuildEvidence(rerun).pipCached).toBe(false);
    expect(rebuildEvidence('no such step').pipStepFound).toBe(false);
    const withSecret =
      '#9 [4/6] RUN --mount=type=secret,id=pip-config,target=/etc/pip.conf,required=false python -m pip install --no-cache-dir -r /tmp/app-requirements.txt\n#9 CACHED\n';
    expect(rebuildEvidence(withSecret)).toMatchObject({ pipStepFound: true, pipCached: true });
  });
});

describe('readCliResult', () => {
  it('reads back what the CLI writes for --json=FILE', () => {
    const written = cliResult(
      {
        result: {
          settings: { pythonVersion: '3.11', variant: 'debian', worker: 'meinheld' },
          plan: { baseImage: 'flask-testbed/python:3.11', builder: { kind: 'buildx', name: 'default' } },
          probe: { url: 'http://127.0.0.1:40000/' },
          platforms: [],
        },
      },
      {
        'image-id': `sha256:${'cd'.repeat(32)}`,
        tags: 'bench/ours:python3.11',
        'probe-status': '200',
        'probe-seconds': '0.812',
        'image-size': '4000',
      },
      [],
      9.5,
    );
    const file = join(scratch, 'result.json');
    writeFileSync(file, `${JSON.stringify(written)}\n`);
    const read = readCliResult(file);
    expect(read).toEqual(written);
    // What the bench takes from it.
    expect(read?.probe.seconds).toBe(0.812);
    expect(read?.size).toBe(4000);
    expect(read?.baseImage).toBe('flask-testbed/python:3.11');
  });

  it('is null when the CLI wrote no result', () => {
    expect(readCliResult(join(scratch, 'none.json'))).toBeNull();
  });
});
