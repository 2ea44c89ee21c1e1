// Which servers a run loads, and the note on how each ran, from the facts the builds found (what
// our image's config resolved, what an image installed). Pure: every function returns a part of the
// line-up, { servers, notes }; the builds and lookups that feed them are in lineup-builds.mjs.
import { APP_PACKAGES, PEER_PYTHON } from './peers.mjs';
import { SEEDS, seedsCommand } from './seeds.mjs';
import { gunicornPeer, oursDefault, sweepPoint, uwsgiPeer } from './servers.mjs';

/**
 * A server to load (servers.mjs describes the fields), known to the reports by its id.
 * @typedef {{ id: string } & Record<string, any>} Server
 * Servers to load and the notes that say how each ran, in the order they join the run.
 * @typedef {{ servers: Server[], notes: string[] }} Part
 */
/** @type {Part} */
export const NOTHING = { servers: [], notes: [] };

/**
 * What our image's gunicorn_conf.py resolved (`python /gunicorn_conf.py` prints it).
 * @typedef {{ python: string, worker: string, workers: number, threads: number, workers_why: string }} Resolved
 */

// The Meinheld speed targets are for these Pythons' Meinheld-default rows.
const MEINHELD_TARGET_PYTHONS = ['3.11', '3.13'];

/** @param {Resolved} r */
export const shape = (r) => ({ workerClass: r.worker, workers: r.workers, threads: r.threads });
const workerName = (r) => (r.worker === 'meinheld' ? 'Meinheld' : r.worker);

/**
 * Rows built from docker/ (ourImage) are held to zero short bodies and zero worker crashes; the
 * Meinheld-default rows (meinheldDefault) are compared with gthread and the seeds' stack, and those
 * of 3.11 and 3.13 (target) are held to the Meinheld speed targets' ratios.
 * @param {Resolved} r
 * @param {string} python
 */
export const meinheldRow = (r, python) => ({
  meinheldDefault: r.worker === 'meinheld',
  target: MEINHELD_TARGET_PYTHONS.includes(python) && r.worker === 'meinheld',
  python,
  ourImage: true,
});

/**
 * Our image as users get it on the main Python; the classic suite adds the same with the access log
 * on, to show what turning it on costs (it is off by default).
 * @param {string} image @param {Resolved} r @param {string} python @param {boolean} withAccessLog
 * @returns {Part}
 */
export function oursDefaults(image, r, python, withAccessLog) {
  const main = {
    ...oursDefault(image, { label: `ours, Python ${r.python} (${workerName(r)}, default)`, resolved: shape(r) }),
    ...meinheldRow(r, python),
  };
  const accessLog = {
    ...oursDefault(image, { id: 'ours-access-log', label: `ours, Python ${r.python}, access log on`, env: { ACCESS_LOG: '-' }, resolved: shape(r) }),
    ourImage: true,
  };
  const threads = r.worker === 'gthread' ? ` × ${r.threads} threads` : '';
  return {
    servers: withAccessLog ? [main, accessLog] : [main],
    notes: [
      `ours: \`docker run --network host -e HOST=127.0.0.1 -e PORT=… bench/ours\` (built by the action: \`node dist/cli.js --python-version ${python}\`, default worker), nothing else set: the image's start script and config chose ` +
        `${r.workers} ${r.worker} workers${threads} (${r.workers_why}), access log off (its default).`,
    ],
  };
}

/** Our image built for another Python, its defaults. @returns {Part} */
export function otherPython(image, r, python) {
  return {
    servers: [
      {
        ...oursDefault(image, { id: `ours-${python}`, label: `ours, Python ${r.python} (${workerName(r)}, default)`, resolved: shape(r) }),
        ...meinheldRow(r, python),
      },
    ],
    notes: [`ours, Python ${python}: the same, built with \`--python-version ${python}\`: ${r.workers} ${r.worker} workers (${r.workers_why}).`],
  };
}

/** Our image built with the gevent worker, its defaults: a peer, not a default. @returns {Part} */
export function geventServer(image, r, python) {
  return {
    servers: [
      { ...oursDefault(image, { id: 'gevent', label: `gevent, Python ${r.python}`, resolved: shape(r) }), role: 'peer', ourImage: true, python },
    ],
    notes: [`gevent: our image built with \`--python-version ${python} --worker gevent\`, its defaults: ${r.workers} gevent workers.`],
  };
}

/** Yesterday's default, on the same image: WORKER_CLASS=gthread and nothing else (workers and threads auto-tuned). @returns {Part} */
export function gthreadServer(image, r, python) {
  const server = {
    id: 'gthread',
    label: `gthread ${r.workers}×${r.threads}, Python ${r.python}`,
    role: 'peer',
    how: 'image-env',
    image,
    env: { WORKER_CLASS: 'gthread' },
    ...shape(r),
    ourImage: true,
    python,
  };
  return {
    servers: [server],
    notes: [
      `gthread: our Python ${r.python} image with \`-e WORKER_CLASS=gthread\` only: ${r.workers} workers × ${r.threads} threads, the default until Meinheld came back.`,
    ],
  };
}

/** Plain Gunicorn sync in our image, with the worker count its docs suggest. @returns {Part} */
export function syncServer(image, cores, imagePython) {
  const workers = 2 * cores + 1;
  return {
    servers: [{ ...gunicornPeer(image, 'sync', workers, ' (2×cores+1)'), ourImage: true }],
    notes: [
      `gunicorn sync: \`docker run … bench/ours gunicorn -k sync -w ${workers} -b 127.0.0.1:PORT main:app\` in our Python ${imagePython} image (same packages), Gunicorn’s defaults (no access log).`,
    ],
  };
}

/**
 * The reference row: the seeds' stack as built (seeds.mjs).
 * @param {{ image: string, packages: string[] }} seeds @param {import('./testbed.mjs').Testbed} testbed
 * @returns {Part}
 */
export function seedsServer(seeds, testbed) {
  const server = {
    id: 'seeds-3.9',
    label: `seeds' stack, Python ${SEEDS.python}`,
    role: 'peer',
    how: 'command',
    image: seeds.image,
    env: {},
    command: seedsCommand,
    workerClass: SEEDS.workerClass,
    workers: SEEDS.workers,
    threads: 1,
  };
  const pip = testbed.mode === 'offline' ? 'through the test bed’s loopback proxy' : 'directly';
  return {
    servers: [server],
    notes: [
      `seeds' stack (the reference): a Dockerfile the bench writes to a temp dir, \`FROM ${testbed.basePrefix}python:${SEEDS.python}\` + \`pip install ${SEEDS.packages.join(' ')}\` ` +
        `from PyPI's own files (${pip}), no patch; it ran ${seeds.packages.join(', ')}; ` +
        `\`${seedsCommand('PORT').join(' ')}\`.`,
    ],
  };
}

/**
 * One of today's peers (peers.mjs) as built: `version` and `extra` are the releases its image got.
 * @param {any} peer @param {string} image
 * @param {{ version: string, extra: string[], cores: number, testbed: import('./testbed.mjs').Testbed, appRequirements: boolean }} facts
 * @returns {Part}
 */
export function peerServer(peer, image, { version, extra, cores, testbed, appRequirements }) {
  const server = {
    id: peer.id,
    label: peer.label(version.split('==')[1] ?? '?'),
    role: 'peer',
    how: 'command',
    image,
    env: {},
    command: (port) => peer.command(port, cores),
    logKind: peer.logKind,
    ...peer.shape(cores),
  };
  return {
    servers: [server],
    notes: [
      `${peer.name}: an image \`FROM ${testbed.basePrefix}python:${PEER_PYTHON}\` + \`pip install ${[...peer.packages, ...APP_PACKAGES].join(' ')}\`${appRequirements ? ' with the app’s requirements.txt' : ''} ` +
        `(${[version, ...extra].join(', ')}), run with --network host: ${peer.how(cores)}.`,
    ],
  };
}

/**
 * Debian's uWSGI on the host, in each shape asked for.
 * @param {{ version: string, python: string, packages: string[] }} uwsgi @param {string} appDir @param {number[][]} shapes
 * @returns {Part}
 */
export function uwsgiServers(uwsgi, appDir, shapes) {
  return {
    servers: shapes.map(([processes, threads]) => uwsgiPeer(uwsgi, appDir, processes, threads)),
    notes: [
      `uWSGI: on the host, Debian's \`uwsgi-core\` ${uwsgi.version} with \`uwsgi-plugin-python3\` (Python ${uwsgi.python}), the app's packages in a virtualenv ` +
        `with the image's exact versions (${uwsgi.packages.join(', ')}): \`uwsgi --plugin python3 --http11-socket 127.0.0.1:PORT --master --processes N [--threads T] ` +
        `--wsgi-file main.py --callable app --disable-logging\`; its start-up time counts from spawning uwsgi.`,
    ],
  };
}

/**
 * Our default image with a few of its variables set: a default under consideration.
 * @param {string} image @param {Record<string, string>} env @param {Resolved} r
 * @returns {Part}
 */
export function candidateServer(image, env, r) {
  const setting = ([k, v]) => (k === 'ACCESS_LOG' && v === '' ? 'access log off' : `${k}=${v || '(empty)'}`);
  const label = `ours, ${Object.entries(env).map(setting).join(', ')}`;
  const id = `ours-${Object.entries(env)
    .map(([k, v]) => `${k}-${v}`)
    .join('-')}`;
  return {
    servers: [{ ...oursDefault(image, { id, label, env, resolved: shape(r) }), role: 'candidate', ourImage: true }],
    notes: [`${label}: the default image with only these variables set; resolved to ${r.workers} ${r.worker} workers × ${r.threads} threads.`],
  };
}

/**
 * The sweep varies the default worker class's counts; threads only for gthread, and the default's own
 * shape is not repeated.
 * @param {string} image @param {Resolved} r @param {number[][]} points @param {string} python
 * @returns {Part}
 */
export function sweepServers(image, r, points, python) {
  const gthread = r.worker === 'gthread';
  const byId = new Map();
  for (const [workers, threads] of points) {
    const point = sweepPoint(image, r.worker, workers, gthread ? threads : 1);
    if (point.workers === r.workers && (!gthread || point.threads === r.threads)) continue;
    byId.set(point.id, { ...point, ourImage: true, python });
  }
  if (byId.size === 0) return NOTHING;
  return {
    servers: [...byId.values()],
    notes: [
      `sweep points: the same image and start path with \`WEB_CONCURRENCY\`${gthread ? ' and `THREADS`' : ''} set (access log off, as by default).`,
    ],
  };
}

/**
 * Only the servers `--servers` names, in line-up order; a name the run does not have is an error
 * that lists the ones it does.
 * @param {Server[]} servers @param {string[] | undefined} only
 * @returns {Part}
 */
export function onlyServers(servers, only) {
  if (!only) return { servers, notes: [] };
  const unknown = only.filter((id) => !servers.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new Error(`--servers: no server ${unknown.join(', ')} in this run; the servers are ${servers.map((s) => s.id).join(', ')}.`);
  return { servers: servers.filter((s) => only.includes(s.id)), notes: [`only these servers were loaded (--servers): ${only.join(', ')}.`] };
}

/**
 * Every server gets the database's address and nothing else about it.
 * @param {Server[]} servers @param {string} url
 */
export const withDatabase = (servers, url) => servers.map((s) => ({ ...s, env: { ...s.env, DATABASE_URL: url } }));

/** @param {number} rttMs what the relay holds every answer @param {number} addedMs what a query measured more */
export const relayNote = (rttMs, addedMs) =>
  `a database a network away: the servers reach PostgreSQL through a relay in the bench (\`bench/lib/latency-proxy.mjs\`, 127.0.0.1) that holds every answer ${rttMs} ms; ` +
  `measured before the load (300 queries one after the other through psql, through the relay and directly), a query waited ${addedMs.toFixed(2)} ms more. The relay's own CPU is counted in neither column.`;

/** @param {string} version */
export const postgresNote = (version) =>
  `PostgreSQL ${version}: Debian's server, a cluster the bench initialised in a temp dir, listening on 127.0.0.1 only, \`synchronous_commit=off\`, ` +
  `\`max_connections=400\` (every server keeps its connections while the others are loaded); every server gets \`DATABASE_URL\` and nothing else about it.`;
