// The reference row: the stack the seeds' image ran (tiangolo's meinheld-gunicorn-flask, Python 3.9):
// Meinheld 1.0.2 as published (no patch), greenlet 0.4.17, Gunicorn 20.1.0, Meinheld's own worker
// class, 4 workers. Built here from a Dockerfile written to a temp dir, with the releases coming from
// PyPI (offline: through the test bed's loopback proxy of it; online: directly).
// Nothing of it is committed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './exec.mjs';

export const SEEDS = {
  python: '3.9',
  packages: ['greenlet==0.4.17', 'meinheld==1.0.2', 'gunicorn==20.1.0', 'flask>=2.2,<4'],
  workerClass: 'meinheld.gmeinheld.MeinheldWorker',
  workers: 4,
};

/** The Dockerfile: the base image, the seeds' packages, the benchmark app in /app. */
export function seedsDockerfile() {
  return [
    "# Written by bench/lib/seeds.mjs: the seeds' stack, for the benchmark's reference row.",
    'ARG BASE',
    'FROM ${BASE}',
    'ARG PIP_INDEX_URL=',
    'ARG PIP_TRUSTED_HOST=',
    `RUN PIP_ROOT_USER_ACTION=ignore pip install --no-cache-dir --disable-pip-version-check ${SEEDS.packages.map((p) => `"${p}"`).join(' ')}`,
    'COPY main.py /app/main.py',
    'ENV PYTHONUNBUFFERED=1',
    'WORKDIR /app',
    '',
  ].join('\n');
}

/**
 * Gunicorn's command line in that image (Gunicorn 20.1.0's defaults otherwise: no access log).
 * @param {number | string} port
 * @returns {string[]}
 */
export function seedsCommand(port) {
  return ['gunicorn', '-k', SEEDS.workerClass, '-w', String(SEEDS.workers), '-b', `127.0.0.1:${port}`, 'main:app'];
}

/**
 * Builds `tag` from the seeds' Dockerfile with the app's main.py. Resolves { ok, image, packages, error }:
 * image is the image ID, packages its `pip freeze` (what the reference really ran).
 * @param {{ appDir: string, testbed: import('./testbed.mjs').Testbed, tag?: string }} options
 * @returns {Promise<{ ok: true, image: string, packages: string[] } | { ok: false, error: string }>}
 */
export async function buildSeedsImage({ appDir, testbed, tag = 'bench/seeds-3.9' }) {
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-seeds-'));
  try {
    fs.writeFileSync(path.join(context, 'Dockerfile'), seedsDockerfile());
    fs.copyFileSync(path.join(appDir, 'main.py'), path.join(context, 'main.py'));
    const args = ['build', '--tag', tag, '--build-arg', `BASE=${testbed.basePrefix}python:${SEEDS.python}`];
    if (testbed.pipIndexUrl) {
      args.push('--build-arg', `PIP_INDEX_URL=${testbed.pipIndexUrl}`, '--build-arg', `PIP_TRUSTED_HOST=${new URL(testbed.pipIndexUrl).hostname}`);
    }
    if (testbed.network) args.push('--network', testbed.network);
    args.push(context);
    // The classic builder: this small build needs nothing BuildKit adds, and works on every engine here.
    const result = await run('docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '0' }, timeoutMs: 900_000 });
    if (result.code !== 0) {
      return { ok: false, error: `${result.stdout}${result.stderr}`.trimEnd().split('\n').slice(-6).join('\n') };
    }
    const image = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', tag])).stdout.trim();
    const freeze = await run('docker', ['run', '--rm', '--network', 'none', image, 'pip', 'freeze', '--disable-pip-version-check']);
    const packages = freeze.stdout.split('\n').filter((line) => /^(flask|gunicorn|meinheld|greenlet|werkzeug)==/i.test(line));
    return { ok: true, image, packages };
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}
