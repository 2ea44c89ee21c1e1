// Meinheld's resumed responses under a greenlet built WITH assertions. Meinheld 1.0.2
// switched into a greenlet that only the client object held; when the response finished during that
// switch the client and its greenlet were freed, and greenlet read the freed greenlet on the way back.
// greenlet as pip builds it (NDEBUG) hides that; with assertions it kills the worker ("was sent code
// 139"). So this suite reinstalls greenlet from source with assertions on top of the image, checks they
// are really compiled in, and streams 16 MB to clients slow enough that every response suspends on a
// full socket: 1, 2 and 4 MB/s, two of each at once, two rounds. Every body must arrive whole and no
// worker may die. On every Python the test bed has (E2E_PYTHON_VERSION: only that one).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_IMAGES,
  buildBase,
  dockerOk,
  imageTag,
  indexBuildArgs,
  logs,
  networkArgs,
  ready,
  removeContainers,
  run,
  settledWorkerCount,
  versions,
} from './image-harness.js';
import { type Exchange, exchange, parseResponses, pattern, request, sha256 } from './raw-http.js';
import { RELIABILITY_APP } from './reliability-app.js';
import { e2eTarget, testbed } from './testbed.js';

const target = e2eTarget();
const tb = testbed();
const pythons = (process.env.E2E_PYTHON_VERSION ? [target.pythonVersion] : tb.pythonVersions).filter(
  (v) => versions.versions[v]?.workers.includes('meinheld') === true,
);
/** A greenlet release with a source distribution, of the C API generation Meinheld was built against. */
const greenletFromSource = (python: string): string => (Number(python.split('.')[1]) < 10 ? '0.4.17' : '3.5.3');

// Counts `__assert_fail` references in greenlet's compiled module: 0 when built with NDEBUG.
const ASSERTS_PY = `
import glob, os, greenlet
f = greenlet.__file__
files = [f] if f.endswith(".so") else glob.glob(os.path.join(os.path.dirname(f), "_greenlet*.so"))
print(greenlet.__version__, sum(open(p, "rb").read().count(b"__assert_fail") for p in files))
`;

const scratch = mkdtempSync(join(tmpdir(), 'meinheld-resume-'));
const images = new Map<string, string>();

beforeAll(async () => {
  for (const pythonVersion of pythons) {
    const build = { pythonVersion, variant: 'debian', worker: 'meinheld' };
    const built = await buildBase(build);
    if (built.code !== 0) throw new Error(`building the Meinheld image for ${pythonVersion} failed:\n${built.stdout}\n${built.stderr}`);
    const context = join(scratch, pythonVersion);
    for (const [path, content] of Object.entries({ ...RELIABILITY_APP, 'asserts.py': ASSERTS_PY })) {
      mkdirSync(dirname(join(context, path)), { recursive: true });
      writeFileSync(join(context, path), content);
    }
    // -UNDEBUG after Python's own -DNDEBUG (CFLAGS for C, CXXFLAGS for greenlet 3's C++): assert() is compiled in.
    writeFileSync(
      join(context, 'Dockerfile'),
      `FROM ${imageTag(build)}\nARG PIP_INDEX_URL=\nARG PIP_TRUSTED_HOST=\n` +
        `RUN CFLAGS="-UNDEBUG" CXXFLAGS="-UNDEBUG" pip install --no-cache-dir --force-reinstall --no-deps --no-binary greenlet greenlet==${greenletFromSource(pythonVersion)}\n` +
        'COPY . /app/\n',
    );
    const tag = `${E2E_IMAGES}/meinheld-asserts:${pythonVersion}`;
    await dockerOk(['build', ...networkArgs(), ...indexBuildArgs(), '--tag', tag, context], 600_000);
    images.set(pythonVersion, tag);
  }
});

afterEach(removeContainers);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(pythons)('Meinheld on Python %s, greenlet with assertions', (pythonVersion) => {
  it('greenlet really has its assertions compiled in', async () => {
    const out = await dockerOk([
      'run',
      '--rm',
      '--network',
      tb.network === 'host' ? 'host' : 'none',
      images.get(pythonVersion) as string,
      'python',
      '/app/asserts.py',
    ]);
    const [version, asserts] = out.trim().split(/\s+/);
    expect(version).toBe(greenletFromSource(pythonVersion));
    expect(Number(asserts)).toBeGreaterThan(0);
  });

  it('16 MB streams to clients at 1, 2 and 4 MB/s, two rounds: every body whole, no worker dies', async () => {
    const c = await run(images.get(pythonVersion) as string, { env: { WEB_CONCURRENCY: '2' } });
    await ready(c);
    expect(await settledWorkerCount(c)).toBe(2);
    const body = pattern(16 * 16);
    const want = `200 whole ${body.length} ${sha256(body).slice(0, 12)}`;
    const rates = [1e6, 1e6, 2e6, 2e6, 4e6, 4e6];
    const seen: string[] = [];
    for (const round of [1, 2]) {
      const results = await Promise.all(
        rates.map((rate, i) => exchange(c.port, request('GET', `/stream?mb=16&id=r${round}c${i}`), { readRate: rate, timeoutMs: 90_000 })),
      );
      seen.push(
        ...results.map((ex: Exchange, i) => {
          const [r] = parseResponses(ex.data);
          const got = r
            ? `${r.status} ${r.complete ? 'whole' : 'CUT'} ${r.body.length} ${sha256(r.body).slice(0, 12)}`
            : `no response (${ex.error ?? 'closed'})`;
          return `round ${round}, ${(rates[i] as number) / 1e6} MB/s: ${got}`;
        }),
      );
    }
    expect(seen).toEqual(seen.map((s) => s.replace(/: .*$/, `: ${want}`)));
    const l = await logs(c);
    // Two workers booted at start and none since: a crashed worker is logged and replaced.
    expect(l.all.match(/Booting worker with pid/g)?.length).toBe(2);
    expect(l.all).not.toMatch(/was sent code|was sent SIG|exited with code|Assertion|Segmentation/);
  });
});
