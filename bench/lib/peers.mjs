// Today's peers, from their real releases on the package index, each in an image of its own built
// FROM the test bed's stand-in base (online: the official python image) with --network host, the
// benchmark app copied in, and the app's own requirements installed beside the server: Granian
// (WSGI), uWSGI built by pip, and Gunicorn with its C HTTP parser. The seeds' stack (seeds.mjs) is
// built the same way. Nothing of these images is committed; the Dockerfile is written to a temp dir.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './exec.mjs';

/** The Python the peers run on: the main image's default, so the peers and ours share an interpreter. */
export const PEER_PYTHON = '3.11';

/** What the benchmark apps need besides the server: Flask, in the range our image installs (docker/image/requirements.txt). */
export const APP_PACKAGES = ['flask>=2.2,<4'];

/**
 * The peers. `packages` go to pip as they are (newest that resolves); `command(port, cores)` is the
 * server's command line inside the container, `shape(cores)` its workers × threads for the report,
 * `logKind` the dialect of its log (worker-events.mjs), `label(version)` its row's name (`version` is the installed release of the package named `version`).
 * - Granian: one worker per core, its own threads and backpressure left to it, as its README
 *   recommends ("matching the amount of CPU cores for the workers is generally the best starting
 *   point"; blocking threads: "you should avoid to tune this threadpool size"). No access log (its default).
 * - uWSGI: pip builds it from source; 4 processes × 4 threads, the better of the two shapes the bench
 *   measured with Debian's uWSGI; HTTP/1.1 keep-alive (--http11-socket), no request log.
 * - Gunicorn with the `fast` extra: pip resolves it to the newest release whose extra installs (the
 *   newest release may ask for a gunicorn_h1c the index does not have yet); --http-parser fast makes
 *   Gunicorn fail rather than silently fall back to its Python parser. gthread with the shape of our
 *   image's gthread (4 × 16 on 2 cores), so beside that row only the release and the parser differ.
 */
export const PEERS = [
  {
    id: 'granian',
    name: 'Granian',
    packages: ['granian'],
    version: 'granian',
    label: (v) => `Granian ${v} (WSGI), Python ${PEER_PYTHON}`,
    command: (port, cores) => [
      'granian',
      '--interface',
      'wsgi',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      String(cores),
      'main:app',
    ],
    // Granian starts its blocking threads on demand, up to a bound it derives from its backpressure.
    shape: (cores) => ({ workerClass: 'granian', workers: cores, threads: 'auto' }),
    logKind: 'granian',
    how: (cores) => `\`granian --interface wsgi --workers ${cores} main:app\` (workers = cores, threads and backpressure Granian's own)`,
  },
  {
    id: 'uwsgi-pypi',
    name: 'uWSGI (PyPI)',
    packages: ['uwsgi'],
    version: 'uwsgi',
    label: (v) => `uWSGI ${v} (PyPI), Python ${PEER_PYTHON}`,
    command: (port) => [
      'uwsgi',
      '--http11-socket',
      `127.0.0.1:${port}`,
      '--master',
      '--processes',
      '4',
      '--threads',
      '4',
      '--wsgi-file',
      'main.py',
      '--callable',
      'app',
      '--need-app',
      '--disable-logging',
      '--die-on-term',
    ],
    shape: () => ({ workerClass: 'uwsgi', workers: 4, threads: 4 }),
    logKind: 'uwsgi',
    how: () => '`uwsgi --http11-socket … --master --processes 4 --threads 4 --wsgi-file main.py --callable app --disable-logging`',
  },
  {
    id: 'gunicorn-fast',
    name: 'Gunicorn [fast]',
    packages: ['gunicorn[fast]'],
    version: 'gunicorn',
    label: (v) => `Gunicorn ${v} [fast], gthread, Python ${PEER_PYTHON}`,
    command: (port, cores) => [
      'gunicorn',
      '-k',
      'gthread',
      '-w',
      String(2 * cores),
      '--threads',
      '16',
      '--http-parser',
      'fast',
      '-b',
      `127.0.0.1:${port}`,
      'main:app',
    ],
    shape: (cores) => ({ workerClass: 'gthread', workers: 2 * cores, threads: 16 }),
    logKind: 'gunicorn',
    how: (cores) => `\`gunicorn -k gthread -w ${2 * cores} --threads 16 --http-parser fast main:app\` (the C parser required, not optional)`,
  },
];

/**
 * The Dockerfile of a peer (or the seeds' stack): the base, the server's packages and the app's
 * requirements in one pip run (so pip resolves them together), then the app.
 * @param {{ what: string, packages: string[], requirements: boolean }} options
 * @returns {string}
 */
export function peerDockerfile({ what, packages, requirements }) {
  const quoted = packages.map((p) => `"${p}"`).join(' ');
  return [
    `# Written by the bench (bench/lib/peers.mjs): ${what}.`,
    'ARG BASE',
    'FROM ${BASE}',
    'ARG PIP_INDEX_URL=',
    'ARG PIP_TRUSTED_HOST=',
    ...(requirements ? ['COPY requirements.txt /tmp/app-requirements.txt'] : []),
    `RUN PIP_ROOT_USER_ACTION=ignore pip install --no-cache-dir --disable-pip-version-check ${quoted}${requirements ? ' -r /tmp/app-requirements.txt' : ''}`,
    'COPY main.py /app/main.py',
    'ENV PYTHONUNBUFFERED=1',
    'WORKDIR /app',
    '',
  ].join('\n');
}

/**
 * Builds `tag` FROM `${basePrefix}python:${python}` with `packages` and the app in appDir (its main.py,
 * and its requirements.txt if it has one). Resolves { ok, image, freeze } (freeze: the image's
 * `pip freeze`, what really ran) or { ok: false, error }.
 * @param {{ tag: string, what: string, python: string, packages: string[], appDir: string, testbed: import('./testbed.mjs').Testbed }} options
 * @returns {Promise<{ ok: true, image: string, freeze: string[] } | { ok: false, error: string }>}
 */
export async function buildPeerImage({ tag, what, python, packages, appDir, testbed }) {
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-peer-'));
  try {
    const requirements = fs.existsSync(path.join(appDir, 'requirements.txt'));
    fs.writeFileSync(path.join(context, 'Dockerfile'), peerDockerfile({ what, packages, requirements }));
    fs.copyFileSync(path.join(appDir, 'main.py'), path.join(context, 'main.py'));
    if (requirements) fs.copyFileSync(path.join(appDir, 'requirements.txt'), path.join(context, 'requirements.txt'));
    const args = ['build', '--tag', tag, '--build-arg', `BASE=${testbed.basePrefix}python:${python}`];
    if (testbed.pipIndexUrl) {
      args.push('--build-arg', `PIP_INDEX_URL=${testbed.pipIndexUrl}`, '--build-arg', `PIP_TRUSTED_HOST=${new URL(testbed.pipIndexUrl).hostname}`);
    }
    if (testbed.network) args.push('--network', testbed.network);
    args.push(context);
    // The classic builder: these small builds need nothing BuildKit adds, and it works on every engine here.
    const result = await run('docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '0' }, timeoutMs: 900_000 });
    if (result.code !== 0) return { ok: false, error: `${result.stdout}${result.stderr}`.trimEnd().split('\n').slice(-6).join('\n') };
    const image = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', tag])).stdout.trim();
    const list = await run('docker', ['run', '--rm', '--network', 'none', image, 'pip', 'freeze', '--disable-pip-version-check']);
    return { ok: true, image, freeze: list.stdout.split('\n').filter((line) => line.includes('==')) };
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}

/**
 * The `name==version` lines of a freeze that a report names: the server's own packages and the app's.
 * @param {string[]} freeze
 * @param {string[]} names lower-case distribution names (any of - _ .)
 */
export function pickPackages(freeze, names) {
  const norm = (n) => n.toLowerCase().replace(/[-_.]+/g, '-');
  const wanted = names.map(norm);
  return freeze.filter((line) => wanted.includes(norm(line.split('==')[0] ?? '')));
}
