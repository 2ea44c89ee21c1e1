// The one Dockerfile across Python versions and base variants: each combination the test bed can build
// serves the demo on the right Python with the worker versions.json prescribes, and the build refuses
// what the policy forbids. Versions: E2E_PYTHON_VERSION, else every version the test bed has.
// Variants: E2E_VARIANT, else debian and slim (Alpine builds only where an Alpine base image exists).
import { availableParallelism } from 'node:os';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Exec,
  buildBase,
  dockerOk,
  get,
  imageTag,
  logs,
  ready,
  removeContainers,
  run,
  settledWorkerCount,
  versions,
} from './image-harness.js';
import { testbed } from './testbed.js';

const tb = testbed();
const pythonVersions = process.env.E2E_PYTHON_VERSION ? [process.env.E2E_PYTHON_VERSION] : tb.pythonVersions;
const variants = process.env.E2E_VARIANT ? [process.env.E2E_VARIANT] : ['debian', 'slim'];
const combos = pythonVersions.flatMap((pythonVersion) => variants.map((variant) => ({ pythonVersion, variant })));
const CORES = availableParallelism();
const atLeast310 = (v: string): boolean => Number(v.split('.')[1]) >= 10 && v.startsWith('3.');

const builds = new Map<string, Exec>();

beforeAll(async () => {
  // One at a time: two cores, one engine.
  for (const combo of combos) builds.set(imageTag(combo), await buildBase(combo));
});

afterEach(removeContainers);

describe.each(combos)('Python $pythonVersion, $variant', ({ pythonVersion, variant }) => {
  const worker = versions.versions[pythonVersion]?.defaultWorker ?? 'unknown';
  const tag = imageTag({ pythonVersion, variant });

  it(`builds with the default worker for ${pythonVersion} (${worker}) and labels it`, async () => {
    const built = builds.get(tag);
    // (Not its output: a rebuild served from the layer cache prints none of the RUN steps.)
    expect(built?.code, `${built?.stdout}\n${built?.stderr}`).toBe(0);

    const config = JSON.parse(await dockerOk(['inspect', '--format', '{{json .Config}}', tag])) as {
      Labels: Record<string, string>;
      Env: string[];
    };
    expect(config.Labels['flask-meinheld-gunicorn.worker']).toBe(worker);
    expect(config.Labels['flask-meinheld-gunicorn.python-version']).toBe(pythonVersion);
    expect(config.Env).toContain(`WORKER_CLASS=${worker}`);
  });

  it('serves the demo on that Python with that worker, auto-tuned', async () => {
    const c = await run(tag);
    await ready(c);
    const reply = await get(c);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(new RegExp(`^Hello from Flask on Python ${pythonVersion.replace('.', '\\.')}\\.\\d+\\n$`));
    expect(await settledWorkerCount(c)).toBe(CORES * 2);

    const l = await logs(c);
    const workerClass = worker === 'meinheld' ? 'meinheld.gmeinheld.MeinheldWorker' : worker;
    expect(l.stderr).toContain(`Using worker: ${workerClass}`);
    const note = `autotune: Python ${pythonVersion}: serving with Gunicorn's ${worker} worker; Meinheld is used only on Python 3.8 and 3.9`;
    if (atLeast310(pythonVersion)) expect(l.stdout).toContain(note);
    else expect(l.stdout).not.toContain('Meinheld is used only');
  });
});

describe('the build refuses what the policy forbids', () => {
  const modern = pythonVersions.find(atLeast310);

  it.runIf(modern !== undefined)('WORKER=meinheld on Python 3.10+ fails the build and says why', async () => {
    const v = modern as string;
    const built = await buildBase({ pythonVersion: v, variant: 'debian', worker: 'meinheld' }, 'flask-image-e2e/refused:meinheld');
    expect(built.code).not.toBe(0);
    const output = built.stdout + built.stderr;
    expect(output).toContain(
      `ERROR: WORKER=meinheld is not available on Python ${v}: expected one of ${versions.versions[v]?.workers.join(', ')}. ` +
        'Meinheld 1.0.2 is safe only with its greenlet 0.4, which stops at Python 3.9; on Python 3.10+',
    );
    expect(output).toContain('16 MB streamed responses and 8 MB request bodies');
  });

  it('a PYTHON_VERSION that is not the base image\'s Python fails the build', async () => {
    const v = pythonVersions[0] as string;
    const other = v === '3.12' ? '3.13' : '3.12';
    const built = await buildBase({ pythonVersion: v, variant: 'debian', pythonVersionArg: other }, 'flask-image-e2e/refused:version');
    expect(built.code).not.toBe(0);
    expect(built.stdout + built.stderr).toContain(
      `ERROR: PYTHON_VERSION=${other} but the base image runs Python ${v}: pass the PYTHON_VERSION of the base image`,
    );
  });
});

// gevent is not in the offline package index; on the online test bed (GitHub, PyPI) it is built for real.
describe.runIf(tb.mode === 'online')('WORKER=gevent (online test bed only)', () => {
  it('builds, and serves with the gevent worker', async () => {
    const pythonVersion = pythonVersions.find(atLeast310) ?? (pythonVersions[0] as string);
    const built = await buildBase({ pythonVersion, variant: 'slim', worker: 'gevent' });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const c = await run(imageTag({ pythonVersion, variant: 'slim', worker: 'gevent' }));
    await ready(c);
    expect((await get(c)).status).toBe(200);
    expect((await logs(c)).stderr).toContain('Using worker: gevent');
  });
});
