// `npm run bench [-- --quick]`: builds the images with the action's own code (ours on 3.9, 3.11 and
// 3.13, gevent on 3.13), the seeds' 3.9 stack and today's peers (Granian, uWSGI, Gunicorn [fast]) from
// Dockerfiles of their own, measures them on loopback, one server at a time, checks that every big body
// arrives whole, and writes bench/results/<name>.{md,json,svg,png}. The last lines printed are the Meinheld speed
// target ratios. `--apps techempower` loads the six TechEmpower tests instead, against a PostgreSQL
// the bench starts and stops (results: bench/results/techempower-<mode>.{md,json}).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWithAction, imageSize, measureCodeOnlyRebuild } from './lib/action-build.mjs';
import { analyze } from './lib/analysis.mjs';
import { renderSvg, writeChart } from './lib/chart.mjs';
import { createDockerShim } from './lib/docker-shim.mjs';
import { must, run } from './lib/exec.mjs';
import { techempowerProblems } from './lib/answers.mjs';
import { ENDPOINTS, foldRuns, measureAll } from './lib/load.mjs';
import { APP_PACKAGES, buildPeerImage, PEER_PYTHON, PEERS, pickPackages } from './lib/peers.mjs';
import { startLatencyProxy } from './lib/latency-proxy.mjs';
import { msPerQuery, startPostgres } from './lib/postgres.mjs';
import { markdown, ratioLines } from './lib/report.mjs';
import { buildSeedsImage, SEEDS, seedsCommand } from './lib/seeds.mjs';
import { freePort, gunicornPeer, oursDefault, stopAll, sweepPoint, uwsgiPeer } from './lib/servers.mjs';
import { ensureDir, ensureTools, loadAverage, machineFacts, parseOptions, USAGE } from './lib/setup.mjs';
import { TECHEMPOWER_TESTS } from './lib/techempower.mjs';
import { techempowerAnalysis, techempowerLines, techempowerMarkdown } from './lib/techempower-report.mjs';
import { readTestbed } from './lib/testbed.mjs';
import { prepareUwsgi } from './lib/uwsgi.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLASSIC_APP = 'bench/app';
const DATABASE_APP = 'bench/app-techempower';
// Our image is also measured on these Pythons (the test bed's stand-ins), gevent on the one whose
// stand-in carries a gevent new enough for Gunicorn 24+; the Meinheld speed targets are for 3.11 and 3.13.
// The database suite leaves 3.9 out: the seeds' stack is its 3.9 row, and its run stays short.
const PYTHONS = ['3.9', '3.11', '3.13'];
const DATABASE_PYTHONS = ['3.11', '3.13'];
const GEVENT_PYTHON = '3.13';
const MEINHELD_TARGET_PYTHONS = ['3.11', '3.13'];
const log = (line) => process.stdout.write(`${line}\n`);
// Stops the database suite's PostgreSQL (set once it runs): after the load, on errors and on Ctrl-C.
let stopDatabase = async () => {};

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return log(USAGE);
  const startedAt = Date.now();
  const loadBefore = loadAverage();
  log(`bench: ${options.mode} run, load average ${loadBefore}`);
  if ((os.loadavg()[0] ?? 0) > os.availableParallelism()) {
    log('bench: warning: the machine is busy with other work; numbers will be noisy (ratios measured side by side still hold better than absolutes)');
  }
  await ensureTools(log);
  const testbed = await readTestbed(repoRoot, log);
  const facts = await machineFacts();
  const unavailable = [];
  const notes = [];
  const database = options.apps === 'techempower';
  const app = database ? DATABASE_APP : CLASSIC_APP;
  // Image tags of their own per suite, so one suite's run does not retag the other's images.
  const tag = (name) => (database ? `${name}-techempower` : name);

  // 1. Images, built by the action itself; the docker wrapper times what is the action's own work.
  log('\n== Images (built with dist/cli.js)');
  const action = [];
  const build = async (what, args) => {
    const result = await buildWithAction({ repoRoot, cwd: repoRoot, app, python: options.python, testbed, ...args });
    log(`  ${what}: ${result.ok ? `${(result.wallMs / 1000).toFixed(1)} s, probe ${result.cli.probe.seconds} s` : `FAILED: ${result.error}`}`);
    if (result.timing) action.push({ what, timing: result.timing });
    return result;
  };
  // The database suite measures servers, not the action: one build of our image, no variants or rebuild check.
  const { ours, oursAgain, images, rebuild } = database
    ? await (async () => {
        const built = await build('debian image, database app', { variant: 'debian', image: 'bench/ours-techempower' });
        if (!built.ok) throw new Error(`the action could not build the benchmark image:\n${built.log.split('\n').slice(-25).join('\n')}`);
        return { ours: built, oursAgain: built, images: [], rebuild: undefined };
      })()
    : await imageChecks({ options, testbed, build, action, unavailable, notes });

  // 2. The servers.
  // The image bench/ours:latest points at now (each build gets a new ID: its created label changes).
  const oursImage = (oursAgain?.ok ? oursAgain : ours)?.cli?.imageId;
  if (!oursImage)
    throw new Error('the action passed but its --json result names no image ID: is dist/ built from this checkout? run `npm run build`');
  const resolve = async (image, env = {}) =>
    JSON.parse(
      (
        await must('docker', [
          'run',
          '--rm',
          '--network',
          'none',
          '--env',
          'HOST=127.0.0.1',
          '--env',
          'PORT=8000',
          ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
          image,
          'python',
          '/gunicorn_conf.py',
        ])
      ).stdout,
    );
  const shape = (r) => ({ workerClass: r.worker, workers: r.workers, threads: r.threads });
  const resolved = await resolve(oursImage);
  const shapeOf = shape(resolved);
  const workerName = (r) => (r.worker === 'meinheld' ? 'Meinheld' : r.worker);
  // Rows built from docker/ (ourImage) are held to zero short bodies and zero worker crashes; the
  // Meinheld-default rows (meinheldDefault) are compared with gthread and the seeds' stack, and those
  // of 3.11 and 3.13 (target) are held to the Meinheld speed targets' ratios.
  const meinheldRow = (r, python) => ({
    meinheldDefault: r.worker === 'meinheld',
    target: MEINHELD_TARGET_PYTHONS.includes(python) && r.worker === 'meinheld',
    python,
    ourImage: true,
  });
  const servers = [
    {
      ...oursDefault(oursImage, { label: `ours, Python ${resolved.python} (${workerName(resolved)}, default)`, resolved: shapeOf }),
      ...meinheldRow(resolved, options.python),
    },
  ];
  // The access log is off by default; this row shows what turning it on costs.
  if (!database)
    servers.push({
      ...oursDefault(oursImage, {
        id: 'ours-access-log',
        label: `ours, Python ${resolved.python}, access log on`,
        env: { ACCESS_LOG: '-' },
        resolved: shapeOf,
      }),
      ourImage: true,
    });
  notes.push(
    `ours: \`docker run --network host -e HOST=127.0.0.1 -e PORT=… bench/ours\` (built by the action: \`node dist/cli.js --python-version ${options.python}\`, default worker), nothing else set: the image's start script and config chose ` +
      `${resolved.workers} ${resolved.worker} workers${resolved.worker === 'gthread' ? ` × ${resolved.threads} threads` : ''} (${resolved.workers_why}), access log off (its default).`,
  );

  log("\n== Our image on the other Pythons, gevent, and the seeds' stack");
  for (const python of (database ? DATABASE_PYTHONS : PYTHONS).filter((v) => v !== options.python)) {
    const result = await build(`Python ${python} image`, { variant: 'debian', python, image: tag(`bench/ours-${python}`) });
    if (!result.ok) {
      unavailable.push({ what: `our image on Python ${python}`, reason: `the action could not build it: ${result.error.split('\n').pop()}` });
      continue;
    }
    const image = result.cli.imageId;
    const r = await resolve(image);
    servers.push({
      ...oursDefault(image, { id: `ours-${python}`, label: `ours, Python ${r.python} (${workerName(r)}, default)`, resolved: shape(r) }),
      ...meinheldRow(r, python),
    });
    notes.push(`ours, Python ${python}: the same, built with \`--python-version ${python}\`: ${r.workers} ${r.worker} workers (${r.workers_why}).`);
  }
  const gevent = await build(`gevent image, Python ${GEVENT_PYTHON}`, {
    variant: 'debian',
    python: GEVENT_PYTHON,
    worker: 'gevent',
    image: tag('bench/ours-gevent'),
  });
  if (gevent.ok) {
    const image = gevent.cli.imageId;
    const r = await resolve(image);
    servers.push({
      ...oursDefault(image, { id: 'gevent', label: `gevent, Python ${r.python}`, resolved: shape(r) }),
      role: 'peer',
      ourImage: true,
      python: GEVENT_PYTHON,
    });
    notes.push(`gevent: our image built with \`--python-version ${GEVENT_PYTHON} --worker gevent\`, its defaults: ${r.workers} gevent workers.`);
  } else unavailable.push({ what: 'gevent', reason: `the action could not build it on Python ${GEVENT_PYTHON}: ${gevent.error.split('\n').pop()}` });

  // Yesterday's default, on the same image: WORKER_CLASS=gthread and nothing else (workers and threads auto-tuned).
  const gthread = await resolve(oursImage, { WORKER_CLASS: 'gthread' });
  servers.push({
    id: 'gthread',
    label: `gthread ${gthread.workers}×${gthread.threads}, Python ${gthread.python}`,
    role: 'peer',
    how: 'image-env',
    image: oursImage,
    env: { WORKER_CLASS: 'gthread' },
    ...shape(gthread),
    ourImage: true,
    python: options.python,
  });
  notes.push(
    `gthread: our Python ${gthread.python} image with \`-e WORKER_CLASS=gthread\` only: ${gthread.workers} workers × ${gthread.threads} threads, the default until Meinheld came back.`,
  );
  if (!database) {
    const syncWorkers = 2 * facts.cores + 1;
    servers.push({ ...gunicornPeer(oursImage, 'sync', syncWorkers, ' (2×cores+1)'), ourImage: true });
    notes.push(
      `gunicorn sync: \`docker run … bench/ours gunicorn -k sync -w ${syncWorkers} -b 127.0.0.1:PORT main:app\` in our Python ${resolved.python} image (same packages), Gunicorn’s defaults (no access log).`,
    );
  }

  const seeds = await buildSeedsImage({ appDir: path.join(repoRoot, app), testbed, tag: tag('bench/seeds-3.9') });
  if (seeds.ok) {
    servers.push({
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
    });
    notes.push(
      `seeds' stack (the reference): a Dockerfile the bench writes to a temp dir, \`FROM ${testbed.basePrefix}python:${SEEDS.python}\` + \`pip install ${SEEDS.packages.join(' ')}\` ` +
        `from PyPI's own files (${testbed.mode === 'offline' ? 'through the test bed’s loopback proxy' : 'directly'}), no patch; it ran ${seeds.packages.join(', ')}; ` +
        `\`${seedsCommand('PORT').join(' ')}\`.`,
    );
    log(`  seeds' stack: ${seeds.packages.join(', ')}`);
  } else {
    unavailable.push({ what: "the seeds' stack", reason: `its image did not build: ${seeds.error.split('\n').pop()}` });
    log(`  seeds' stack: FAILED: ${seeds.error}`);
  }

  log("\n== Today's peers, from their releases on the package index");
  for (const peer of PEERS) {
    const built = await buildPeerImage({
      tag: tag(`bench/peer-${peer.id}`),
      what: peer.name,
      python: PEER_PYTHON,
      packages: [...peer.packages, ...APP_PACKAGES],
      appDir: path.join(repoRoot, app),
      testbed,
    });
    if (!built.ok) {
      unavailable.push({ what: peer.name, reason: `its image did not build: ${built.error.split('\n').pop()}` });
      log(`  ${peer.name}: FAILED: ${built.error}`);
      continue;
    }
    const version = pickPackages(built.freeze, [peer.version])[0] ?? peer.version;
    const extra = pickPackages(built.freeze, ['gunicorn-h1c', 'flask', 'psycopg']);
    servers.push({
      id: peer.id,
      label: peer.label(version.split('==')[1] ?? '?'),
      role: 'peer',
      how: 'command',
      image: built.image,
      env: {},
      command: (port) => peer.command(port, facts.cores),
      logKind: peer.logKind,
      ...peer.shape(facts.cores),
    });
    notes.push(
      `${peer.name}: an image \`FROM ${testbed.basePrefix}python:${PEER_PYTHON}\` + \`pip install ${[...peer.packages, ...APP_PACKAGES].join(' ')}\`${fs.existsSync(path.join(repoRoot, app, 'requirements.txt')) ? ' with the app’s requirements.txt' : ''} ` +
        `(${[version, ...extra].join(', ')}), run with --network host: ${peer.how(facts.cores)}.`,
    );
    log(`  ${peer.name}: ${[version, ...extra].join(', ')}`);
  }

  log('\n== uWSGI (Debian, on the host)');
  const uwsgi = database
    ? {
        available: /** @type {const} */ (false),
        reason: 'the database suite runs uWSGI from PyPI only (Debian’s, on the host, is in the default suite)',
      }
    : await prepareUwsgi({ image: oursImage, imagePython: resolved.python.split('.').slice(0, 2).join('.'), testbed });
  if (uwsgi.available) {
    for (const [processes, threads] of options.uwsgiShapes) servers.push(uwsgiPeer(uwsgi, path.join(repoRoot, app), processes, threads));
    notes.push(
      `uWSGI: on the host, Debian's \`uwsgi-core\` ${uwsgi.version} with \`uwsgi-plugin-python3\` (Python ${uwsgi.python}), the app's packages in a virtualenv ` +
        `with the image's exact versions (${uwsgi.packages.join(', ')}): \`uwsgi --plugin python3 --http11-socket 127.0.0.1:PORT --master --processes N [--threads T] ` +
        `--wsgi-file main.py --callable app --disable-logging\`; its start-up time counts from spawning uwsgi.`,
    );
    log(`  uWSGI ${uwsgi.version} on the host, Python ${uwsgi.python}`);
  } else if (!database) {
    unavailable.push({ what: 'uWSGI', reason: uwsgi.reason });
    log(`  uWSGI: not available here: ${uwsgi.reason}`);
  }

  for (const env of options.candidates) {
    const label = `ours, ${Object.entries(env)
      .map(([k, v]) => (k === 'ACCESS_LOG' && v === '' ? 'access log off' : `${k}=${v || '(empty)'}`))
      .join(', ')}`;
    const r = await resolve(oursImage, env);
    servers.push({
      ...oursDefault(oursImage, {
        id: `ours-${Object.entries(env)
          .map(([k, v]) => `${k}-${v}`)
          .join('-')}`,
        label,
        env,
        resolved: shape(r),
      }),
      role: 'candidate',
      ourImage: true,
    });
    notes.push(`${label}: the default image with only these variables set; resolved to ${r.workers} ${r.worker} workers × ${r.threads} threads.`);
  }
  // The sweep varies the default worker class's counts; threads only for gthread, and the default's own shape is not repeated.
  const points = new Map();
  for (const [workers, threads] of options.sweepPoints) {
    const point = sweepPoint(oursImage, resolved.worker, workers, resolved.worker === 'gthread' ? threads : 1);
    if (point.workers === resolved.workers && (resolved.worker !== 'gthread' || point.threads === resolved.threads)) continue;
    points.set(point.id, { ...point, ourImage: true, python: options.python });
  }
  servers.push(...points.values());
  if (points.size > 0)
    notes.push(
      `sweep points: the same image and start path with \`WEB_CONCURRENCY\`${resolved.worker === 'gthread' ? ' and `THREADS`' : ''} set (access log off, as by default).`,
    );

  const only = options.servers;
  if (only) {
    const unknown = only.filter((id) => !servers.some((s) => s.id === id));
    if (unknown.length > 0)
      throw new Error(`--servers: no server ${unknown.join(', ')} in this run; the servers are ${servers.map((s) => s.id).join(', ')}.`);
    servers.splice(0, servers.length, ...servers.filter((s) => only.includes(s.id)));
    notes.push(`only these servers were loaded (--servers): ${only.join(', ')}.`);
  }

  // 3. The database, for the database suite: started only now, so the builds do not share the cores with it.
  let postgres;
  let dbAddedMs = 0;
  if (database) {
    log('\n== PostgreSQL');
    postgres = await startPostgres({ port: await freePort(), log });
    if (!postgres.ok) throw new Error(`PostgreSQL did not start: ${postgres.error}`);
    stopDatabase = postgres.stop;
    log(`  PostgreSQL ${postgres.version} on 127.0.0.1:${postgres.port}`);
    let url = postgres.url;
    if (options.dbRttMs > 0) {
      const proxy = await startLatencyProxy({ targetPort: postgres.port, rttMs: options.dbRttMs });
      const stopPostgres = postgres.stop;
      stopDatabase = async () => {
        await proxy.stop();
        await stopPostgres();
      };
      url = url.replace(`:${postgres.port}/`, `:${proxy.port}/`);
      // The relay's timers fire late by up to a millisecond: what a query really waits more is measured.
      const added = (await msPerQuery(proxy.port)) - (await msPerQuery(postgres.port));
      dbAddedMs = added;
      log(`  every answer held ${options.dbRttMs} ms by a relay on 127.0.0.1:${proxy.port}: ${added.toFixed(2)} ms more per query, measured`);
      notes.push(
        `a database a network away: the servers reach PostgreSQL through a relay in the bench (\`bench/lib/latency-proxy.mjs\`, 127.0.0.1) that holds every answer ${options.dbRttMs} ms; ` +
          `measured before the load (300 queries one after the other through psql, through the relay and directly), a query waited ${added.toFixed(2)} ms more. The relay's own CPU is counted in neither column.`,
      );
    }
    for (const server of servers) server.env = { ...server.env, DATABASE_URL: url };
    notes.push(
      `PostgreSQL ${postgres.version}: Debian's server, a cluster the bench initialised in a temp dir, listening on 127.0.0.1 only, \`synchronous_commit=off\`, ` +
        `\`max_connections=400\` (every server keeps its connections while the others are loaded); every server gets \`DATABASE_URL\` and nothing else about it.`,
    );
  }

  // 4. Load, one server at a time.
  const endpoints = database ? TECHEMPOWER_TESTS : ENDPOINTS;
  log(`\n== Load: ${servers.length} servers × ${endpoints.length} apps × ${options.seconds} s × ${options.reps} repetition(s)`);
  const runs = await measureAll(servers, {
    ...options,
    log,
    endpoints,
    // The app opens its database connections on first use: the warm-up visits every test.
    ...(postgres?.ok ? { checkAnswers: techempowerProblems, databasePid: postgres.pid, warmupPaths: endpoints.map((e) => e.path) } : {}),
  });
  await stopDatabase();
  const rows = new Map([...runs].map(([id, result]) => [id, foldRuns(result, endpoints)]));
  const spreads = [...rows.values()]
    .filter((r) => r.ok)
    .flatMap((r) => Object.values(r.endpoints).map((e) => e.spread))
    .sort((a, b) => a - b);
  const medianSpread =
    options.reps > 1 && spreads.length > 0 ? `${((spreads[Math.floor(spreads.length / 2)] ?? NaN) * 100).toFixed(0)}%` : 'n/a (one repetition)';

  // What every result's meta says of the run (taken when it is written: the duration and load then).
  const runFacts = () => ({
    mode: options.mode,
    name: options.name,
    date: new Date(startedAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    loadBefore,
    loadAfter: loadAverage(),
    python: resolved.python,
  });
  const runShape = {
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    reps: options.reps,
    medianSpread,
    connections: options.connections,
    testbed: testbed.mode,
  };

  // 5. Results.
  const outDir = ensureDir(path.resolve(repoRoot, options.out));
  const base = path.join(outDir, options.name);
  const serializable = servers.map(({ command, uwsgi: u, ...rest }) => ({ ...rest, ...(command ? { command: command('PORT').join(' ') } : {}) }));
  const writeJson = (result) =>
    fs.writeFileSync(
      `${base}.json`,
      `${JSON.stringify({ ...result, servers: serializable, rows: Object.fromEntries(rows), runs: Object.fromEntries(runs) }, null, 2)}\n`,
    );
  if (database) {
    const oursPackages = (
      await must('docker', ['run', '--rm', '--network', 'none', oursImage, 'pip', 'freeze', '--disable-pip-version-check'])
    ).stdout.split('\n');
    const analysis = techempowerAnalysis(servers, rows);
    const meta = {
      ...runFacts(),
      apps: options.apps,
      postgres: postgres?.ok ? postgres.version : '',
      dbRttMs: options.dbRttMs,
      dbAddedMs,
      psycopg: (pickPackages(oursPackages, ['psycopg'])[0] ?? '').split('==')[1] ?? '',
      ...runShape,
      ...facts,
    };
    const result = { meta, servers, rows, analysis, unavailable, notes };
    writeJson(result);
    const report = techempowerMarkdown(result);
    fs.writeFileSync(`${base}.md`, report);
    log(`\n${report}`);
    log(`results: ${path.relative(repoRoot, base)}.md, .json (${meta.durationSeconds} s)\n`);
    for (const line of techempowerLines(analysis)) log(line);
    return;
  }
  const analysis = analyze(servers, rows);
  const meta = {
    ...runFacts(),
    packages: uwsgi.available ? uwsgi.packages.filter((p) => /^(flask|gunicorn|werkzeug)==/i.test(p)).join(', ') : '',
    ...runShape,
    chartName: `${options.name}.png`,
    ...facts,
  };
  const result = { meta, servers, rows, analysis, images, rebuild, action, unavailable, notes };
  const svg = renderSvg({
    servers,
    rows,
    analysis,
    title: `Flask hello/JSON/IO/1 MB: our image vs peers (${options.name} run, ${meta.date.slice(0, 10)})`,
    subtitle: `${facts.cores} cores shared with wrk -t1 -c${options.connections}; median of ${options.reps} run(s) of ${options.seconds} s; compare ratios, not absolutes`,
  });
  const png = await writeChart(svg, `${base}.svg`, `${base}.png`);
  if (!png) meta.chartName = `${options.name}.svg`;
  writeJson(result);
  const report = markdown(result);
  fs.writeFileSync(`${base}.md`, report);
  log(`\n${report}`);
  log(`results: ${path.relative(repoRoot, base)}.md, .json, ${png ? '.png, ' : ''}.svg (${meta.durationSeconds} s)`);
  log('');
  for (const line of ratioLines(result)) log(line);
}

/**
 * The default suite's checks of the action and its images: our image built twice (the second time
 * all cached), each variant's size, and a code-only rebuild, timed by a docker wrapper.
 */
async function imageChecks({ options, testbed, build, action, unavailable, notes }) {
  const shim = await createDockerShim();
  const images = [];
  let ours;
  let oursAgain;
  try {
    ours = await build('debian image', { variant: 'debian', image: 'bench/ours', shim });
    if (!ours.ok) throw new Error(`the action could not build the benchmark image:\n${ours.log.split('\n').slice(-25).join('\n')}`);
    oursAgain = await build('debian image, again (all cached)', { variant: 'debian', image: 'bench/ours', shim });
    const variants = testbed.mode === 'offline' ? ['debian', 'slim'] : ['debian', 'slim', 'alpine'];
    for (const variant of variants) {
      const result = variant === 'debian' ? oursAgain : await build(`${variant} image`, { variant, image: `bench/ours-${variant}`, shim });
      if (!result.ok) {
        images.push({ variant, ok: false, reason: `build failed: ${result.error.split('\n').pop()}` });
        continue;
      }
      const { size, baseImage } = result.cli;
      if (size === null || baseImage === null) {
        images.push({ variant, ok: false, reason: 'the action reported no image size or base image' });
        continue;
      }
      const baseSize = await imageSize(baseImage);
      const baseId = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', baseImage])).stdout.trim();
      images.push({ variant, ok: true, baseImage, baseId, size, baseSize, addedBytes: size - baseSize });
    }
    const [debianBase, slimBase] = ['debian', 'slim'].map((v) => images.find((i) => i.variant === v && i.ok)?.baseId);
    if (debianBase && debianBase === slimBase) {
      notes.push(
        'images: the test bed’s `-slim` stand-in is the same image as its full one (both Debian minbase), so only “added MB” means anything here; on GitHub the real `python:X` and `python:X-slim` differ.',
      );
    }
    if (testbed.mode === 'offline') {
      images.push({ variant: 'alpine', ok: false, reason: 'not buildable here (no Alpine base image offline; built on GitHub)' });
      unavailable.push({ what: 'alpine variant', reason: 'no Alpine base image or mirror offline; the project’s GitHub workflow builds it' });
    }
  } finally {
    shim.dispose();
  }

  log('\n== Code-only rebuild');
  const rebuildShim = await createDockerShim();
  let rebuild;
  try {
    rebuild = await measureCodeOnlyRebuild({
      repoRoot,
      appSource: path.join(repoRoot, CLASSIC_APP),
      python: options.python,
      testbed,
      shim: rebuildShim,
      requirement: 'requests',
    });
  } finally {
    rebuildShim.dispose();
  }
  if (rebuild.ok) {
    action.push({ what: 'code-only rebuild', timing: rebuild.timing });
    log(`  ${(rebuild.timing.wallMs / 1000).toFixed(1)} s, pip layer ${rebuild.pipCached ? 'from cache' : 'RE-RUN'}`);
  } else log(`  FAILED: ${rebuild.error}`);
  return { ours, oursAgain, images, rebuild };
}

const interrupted = async (signal) => {
  await stopAll();
  await stopDatabase();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
  await stopDatabase();
}
