// The line-up's effects: builds the images of our other rows, the seeds' stack and today's peers,
// prepares uWSGI on the host, and asks our image what its config resolves. lineup.mjs turns what
// they found into the servers and the notes on how each ran.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lastLine, must } from './exec.mjs';
import { actionBuild } from './images.mjs';
import {
  candidateServer,
  geventServer,
  gthreadServer,
  NOTHING,
  onlyServers,
  otherPython,
  oursDefaults,
  peerServer,
  seedsServer,
  sweepServers,
  syncServer,
  uwsgiServers,
} from './lineup.mjs';
import { APP_PACKAGES, buildPeerImage, PEER_PYTHON, PEERS, pickPackages } from './peers.mjs';
import { buildSeedsImage } from './seeds.mjs';
import { prepareUwsgi } from './uwsgi.mjs';

// Our image is also measured on these Pythons (the test bed's stand-ins), gevent on the one whose
// stand-in carries a gevent new enough for Gunicorn 24+. The database suite leaves 3.9 out: the
// seeds' stack is its 3.9 row, and its run stays short.
const PYTHONS = ['3.9', '3.11', '3.13'];
const DATABASE_PYTHONS = ['3.11', '3.13'];
const GEVENT_PYTHON = '3.13';

/**
 * What our image's config resolves with `env` set (its start script's choice of worker, workers and
 * threads, and why), from the config itself: `python /gunicorn_conf.py` prints it.
 * @param {string} image
 * @param {Record<string, string>} [env]
 * @returns {Promise<import('./lineup.mjs').Resolved>}
 */
export async function resolvedConfig(image, env = {}) {
  const vars = Object.entries({ HOST: '127.0.0.1', PORT: '8000', ...env }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const result = await must('docker', ['run', '--rm', '--network', 'none', ...vars, image, 'python', '/gunicorn_conf.py']);
  return JSON.parse(result.stdout);
}

/**
 * Every server of the run around our image, with the notes on how each ran, in line-up order;
 * `--servers` keeps only those it names.
 * @param {import('./setup.mjs').Bench} bench
 * @param {string} image our image's ID
 */
export async function lineUp(bench, image) {
  const { options, log } = bench;
  const servers = [];
  const add = (/** @type {import('./lineup.mjs').Part} */ part) => {
    servers.push(...part.servers);
    bench.notes.push(...part.notes);
  };
  const resolved = await resolvedConfig(image);
  add(oursDefaults(image, resolved, options.python, !bench.database));
  log("\n== Our image on the other Pythons, gevent, and the seeds' stack");
  for (const python of (bench.database ? DATABASE_PYTHONS : PYTHONS).filter((v) => v !== options.python)) add(await otherPythonRow(bench, python));
  add(await geventRow(bench));
  add(gthreadServer(image, await resolvedConfig(image, { WORKER_CLASS: 'gthread' }), options.python));
  if (!bench.database) add(syncServer(image, bench.facts.cores, resolved.python));
  add(await seedsRow(bench));
  log("\n== Today's peers, from their releases on the package index");
  for (const peer of PEERS) add(await peerRow(bench, peer));
  log('\n== uWSGI (Debian, on the host)');
  const uwsgi = await hostUwsgi(bench, image, resolved);
  if (uwsgi.available) add(uwsgiServers(uwsgi, bench.appDir, options.uwsgiShapes));
  for (const env of options.candidates) add(candidateServer(image, env, await resolvedConfig(image, env)));
  add(sweepServers(image, resolved, options.sweepPoints, options.python));
  const chosen = onlyServers(servers, options.servers);
  bench.notes.push(...chosen.notes);
  return { servers: chosen.servers, resolved, uwsgi };
}

/** @param {import('./setup.mjs').Bench} bench @param {string} python */
async function otherPythonRow(bench, python) {
  const built = await actionBuild(bench, `Python ${python} image`, { variant: 'debian', python, image: bench.tag(`bench/ours-${python}`) });
  if (!built.ok) {
    bench.unavailable.push({ what: `our image on Python ${python}`, reason: `the action could not build it: ${lastLine(built.error)}` });
    return NOTHING;
  }
  const image = /** @type {string} */ (built.cli.imageId); // a build the action passed names its image
  return otherPython(image, await resolvedConfig(image), python);
}

/** @param {import('./setup.mjs').Bench} bench */
async function geventRow(bench) {
  const built = await actionBuild(bench, `gevent image, Python ${GEVENT_PYTHON}`, {
    variant: 'debian',
    python: GEVENT_PYTHON,
    worker: 'gevent',
    image: bench.tag('bench/ours-gevent'),
  });
  if (!built.ok) {
    bench.unavailable.push({ what: 'gevent', reason: `the action could not build it on Python ${GEVENT_PYTHON}: ${lastLine(built.error)}` });
    return NOTHING;
  }
  const image = /** @type {string} */ (built.cli.imageId); // a build the action passed names its image
  return geventServer(image, await resolvedConfig(image), GEVENT_PYTHON);
}

/** @param {import('./setup.mjs').Bench} bench */
async function seedsRow(bench) {
  const seeds = await buildSeedsImage({ appDir: bench.appDir, testbed: bench.testbed, tag: bench.tag('bench/seeds-3.9') });
  if (!seeds.ok) {
    bench.unavailable.push({ what: "the seeds' stack", reason: `its image did not build: ${lastLine(seeds.error)}` });
    bench.log(`  seeds' stack: FAILED: ${seeds.error}`);
    return NOTHING;
  }
  const part = seedsServer(seeds, bench.testbed);
  bench.log(`  seeds' stack: ${seeds.packages.join(', ')}`);
  return part;
}

/** @param {import('./setup.mjs').Bench} bench */
async function peerRow(bench, peer) {
  const { appDir, testbed } = bench;
  const packages = [...peer.packages, ...APP_PACKAGES];
  const built = await buildPeerImage({ tag: bench.tag(`bench/peer-${peer.id}`), what: peer.name, python: PEER_PYTHON, packages, appDir, testbed });
  if (!built.ok) {
    bench.unavailable.push({ what: peer.name, reason: `its image did not build: ${lastLine(built.error)}` });
    bench.log(`  ${peer.name}: FAILED: ${built.error}`);
    return NOTHING;
  }
  const version = pickPackages(built.freeze, [peer.version])[0] ?? peer.version;
  const extra = pickPackages(built.freeze, ['gunicorn-h1c', 'flask', 'psycopg']);
  const appRequirements = fs.existsSync(path.join(appDir, 'requirements.txt'));
  const part = peerServer(peer, built.image, { version, extra, cores: bench.facts.cores, testbed, appRequirements });
  bench.log(`  ${peer.name}: ${[version, ...extra].join(', ')}`);
  return part;
}

/**
 * Debian's uWSGI on the host, for the classic suite; the database suite runs uWSGI from PyPI only.
 * @param {import('./setup.mjs').Bench} bench @param {string} image @param {import('./lineup.mjs').Resolved} resolved
 */
async function hostUwsgi(bench, image, resolved) {
  if (bench.database) {
    return {
      available: /** @type {const} */ (false),
      reason: 'the database suite runs uWSGI from PyPI only (Debian’s, on the host, is in the default suite)',
    };
  }
  const uwsgi = await prepareUwsgi({ image, imagePython: resolved.python.split('.').slice(0, 2).join('.'), testbed: bench.testbed });
  if (uwsgi.available) bench.log(`  uWSGI ${uwsgi.version} on the host, Python ${uwsgi.python}`);
  else {
    bench.unavailable.push({ what: 'uWSGI', reason: uwsgi.reason });
    bench.log(`  uWSGI: not available here: ${uwsgi.reason}`);
  }
  return uwsgi;
}
