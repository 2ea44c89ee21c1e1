// The one Dockerfile across Python versions and base variants: each combination the test bed can build
// serves the demo on the right Python with the worker versions.json prescribes, and the build refuses
// what the policy forbids. Versions: E2E_PYTHON_VERSION, else every version the test bed has.
// Variants: E2E_VARIANT, else debian and slim (Alpine builds only where an Alpine base image exists).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCKER_DIR,
  E2E_IMAGES,
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
    expect(config.Labels['flask-gunicorn-action.worker']).toBe(worker);
    expect(config.Labels['flask-gunicorn-action.python-version']).toBe(pythonVersion);
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
    const workerClass = worker === 'meinheld' ? 'meinheld_worker.MeinheldWorker' : worker;
    expect(l.stderr).toContain(`Using worker: ${workerClass}`);
    // Meinheld answers itself (its own HTTP parser and writer); Gunicorn's workers say gunicorn.
    const server = (await fetch(`http://127.0.0.1:${c.port}/`)).headers.get('server');
    expect(server).toBe(worker === 'meinheld' ? 'meinheld/1.0.2' : 'gunicorn');
  });
});

describe('the build refuses what the policy forbids', () => {
  it('a worker versions.json does not list fails the build and names the ones it does', async () => {
    const v = pythonVersions[0] as string;
    const built = await buildBase({ pythonVersion: v, variant: 'debian', worker: 'tornado' }, `${E2E_IMAGES}/refused:worker`);
    expect(built.code).not.toBe(0);
    expect(built.stdout + built.stderr).toContain(
      `ERROR: WORKER=tornado is not available on Python ${v}: expected one of ${versions.versions[v]?.workers.join(', ')}.`,
    );
  });

  it("a PYTHON_VERSION that is not the base image's Python fails the build", async () => {
    const v = pythonVersions[0] as string;
    const other = v === '3.12' ? '3.13' : '3.12';
    const built = await buildBase({ pythonVersion: v, variant: 'debian', pythonVersionArg: other }, `${E2E_IMAGES}/refused:version`);
    expect(built.code).not.toBe(0);
    expect(built.stdout + built.stderr).toContain(
      `ERROR: PYTHON_VERSION=${other} but the base image runs Python ${v}: pass the PYTHON_VERSION of the base image`,
    );
  });
});

// gevent comes from the index online; offline only the stand-in that carries Debian's gevent has it.
const geventPython = tb.geventVersions.find((v) => pythonVersions.includes(v)) ?? tb.geventVersions[0];
describe.runIf(geventPython !== undefined)('WORKER=gevent', () => {
  const variant = tb.mode === 'online' ? 'slim' : 'debian';

  it('builds, and serves with the gevent worker', async () => {
    const built = await buildBase({ pythonVersion: geventPython as string, variant, worker: 'gevent' });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const c = await run(imageTag({ pythonVersion: geventPython as string, variant, worker: 'gevent' }));
    await ready(c);
    expect((await get(c)).status).toBe(200);
    expect((await logs(c)).stderr).toContain('Using worker: gevent');
  });

  // Gunicorn 24+'s gevent worker imports `packaging`, which only Gunicorn's gevent extra installs (the
  // official python:3.12+ images have none, and neither has the stand-in). Installing gevent alone, as
  // the image did before, must fail the build where Gunicorn loads the worker, not at the first request.
  it("without Gunicorn's gevent extra the worker cannot load, and the build fails saying why", async () => {
    // A copy of docker/ under its own name, as the action's folder holds it.
    const root = mkdtempSync(join(tmpdir(), 'gevent-no-extra-'));
    const context = join(root, 'docker');
    try {
      cpSync(DOCKER_DIR, context, { recursive: true });
      writeFileSync(join(context, 'image', 'requirements-gevent.txt'), 'gevent\n');
      const built = await buildBase({ pythonVersion: geventPython as string, variant, worker: 'gevent' }, `${E2E_IMAGES}/gevent-no-extra`, context);
      expect(built.code).not.toBe(0);
      expect(built.stdout + built.stderr).toMatch(
        /ERROR: WORKER_CLASS=gevent: Gunicorn cannot load gevent: ModuleNotFoundError: No module named 'packaging'/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
