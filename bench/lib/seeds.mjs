// The reference row: the stack the seeds' image ran (tiangolo's meinheld-gunicorn-flask, Python 3.9):
// Meinheld 1.0.2 as published (no patch), greenlet 0.4.17, Gunicorn 20.1.0, Meinheld's own worker
// class, 4 workers. Built like the peers (peers.mjs: a Dockerfile written to a temp dir, FROM the
// base image), with PyPI's own releases (offline: through the test bed's loopback proxy of PyPI;
// online: directly). Nothing of it is committed.
import { buildPeerImage, pickPackages } from './peers.mjs';

export const SEEDS = {
  python: '3.9',
  packages: ['greenlet==0.4.17', 'meinheld==1.0.2', 'gunicorn==20.1.0', 'flask>=2.2,<4'],
  workerClass: 'meinheld.gmeinheld.MeinheldWorker',
  workers: 4,
};

/**
 * Gunicorn's command line in that image (Gunicorn 20.1.0's defaults otherwise: no access log).
 * @param {number | string} port
 * @returns {string[]}
 */
export function seedsCommand(port) {
  return ['gunicorn', '-k', SEEDS.workerClass, '-w', String(SEEDS.workers), '-b', `127.0.0.1:${port}`, 'main:app'];
}

/**
 * Builds `tag` from the seeds' packages with the app in appDir (and its requirements, if any).
 * Resolves { ok, image, packages, error }: image is the image ID, packages its `pip freeze` of the
 * stack's own packages (what the reference really ran).
 * @param {{ appDir: string, testbed: import('./testbed.mjs').Testbed, tag?: string }} options
 * @returns {Promise<{ ok: true, image: string, packages: string[] } | { ok: false, error: string }>}
 */
export async function buildSeedsImage({ appDir, testbed, tag = 'bench/seeds-3.9' }) {
  const built = await buildPeerImage({
    tag,
    what: "the seeds' stack, for the benchmark's reference row",
    python: SEEDS.python,
    packages: SEEDS.packages,
    appDir,
    testbed,
  });
  if (!built.ok) return built;
  return { ok: true, image: built.image, packages: pickPackages(built.freeze, ['flask', 'gunicorn', 'meinheld', 'greenlet', 'werkzeug', 'psycopg']) };
}
