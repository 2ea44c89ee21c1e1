// `npm run bench [-- --quick]`: builds the image with the action's own code, then measures it against
// its peers on loopback, one server at a time, and writes bench/results/<mode>.{md,json,svg,png}.
// The last lines printed are the ratios of our default to the best peer and the best sweep point.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWithAction, imageSize, measureCodeOnlyRebuild, onPackageIndex } from './bench/action-build.mjs';
import { analyze } from './bench/analysis.mjs';
import { renderSvg, writeChart } from './bench/chart.mjs';
import { createDockerShim } from './bench/docker-shim.mjs';
import { must, run } from './bench/exec.mjs';
import { foldRuns, measureAll } from './bench/load.mjs';
import { markdown, ratioLines } from './bench/report.mjs';
import { gunicornPeer, oursDefault, stopAll, sweepPoint, uwsgiPeer } from './bench/servers.mjs';
import { ensureDir, ensureTools, loadAverage, machineFacts, parseOptions, readTestbed, USAGE } from './bench/setup.mjs';
import { prepareUwsgi } from './bench/uwsgi.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP = 'bench/app';
const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return log(USAGE);
  const startedAt = Date.now();
  const loadBefore = loadAverage();
  log(`bench: ${options.mode} run, load average ${loadBefore}`);
  if (os.loadavg()[0] > os.availableParallelism()) {
    log('bench: warning: the machine is busy with other work; numbers will be noisy (ratios measured side by side still hold better than absolutes)');
  }
  await ensureTools(log);
  const testbed = await readTestbed(repoRoot, log);
  const facts = await machineFacts();
  const unavailable = [];
  const notes = [];

  // 1. Images, built by the action itself; the docker wrapper times what is the action's own work.
  log('\n== Images (built with dist/cli.js)');
  const shim = await createDockerShim();
  const action = [];
  const images = [];
  const build = async (what, args) => {
    const result = await buildWithAction({ repoRoot, cwd: repoRoot, app: APP, python: options.python, testbed, ...args });
    log(`  ${what}: ${result.ok ? `${(result.wallMs / 1000).toFixed(1)} s, probe ${result.outputs['probe-seconds']} s` : `FAILED: ${result.error}`}`);
    if (result.timing) action.push({ what, timing: result.timing });
    return result;
  };
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
      const size = Number(result.outputs['image-size']);
      const baseSize = await imageSize(result.baseImage);
      const baseId = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', result.baseImage])).stdout.trim();
      images.push({ variant, ok: true, baseImage: result.baseImage, baseId, size, baseSize, addedBytes: size - baseSize });
    }
    const [debianBase, slimBase] = ['debian', 'slim'].map((v) => images.find((i) => i.variant === v && i.ok)?.baseId);
    if (debianBase && debianBase === slimBase) {
      notes.push('images: the test bed’s `-slim` stand-in is the same image as its full one (both Debian minbase), so only “added MB” means anything here; on GitHub the real `python:X` and `python:X-slim` differ.');
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
    rebuild = await measureCodeOnlyRebuild({ repoRoot, appSource: path.join(repoRoot, APP), python: options.python, testbed, shim: rebuildShim, requirement: 'requests' });
  } finally {
    rebuildShim.dispose();
  }
  if (rebuild.ok) {
    action.push({ what: 'code-only rebuild', timing: rebuild.timing });
    log(`  ${(rebuild.timing.wallMs / 1000).toFixed(1)} s, pip layer ${rebuild.pipCached ? 'from cache' : 'RE-RUN'}`);
  } else log(`  FAILED: ${rebuild.error}`);

  // 2. The servers.
  // The image bench/ours:latest points at now (each build gets a new ID: its created label changes).
  const oursImage = (oursAgain?.ok ? oursAgain : ours).outputs['image-id'];
  const resolved = JSON.parse(
    (await must('docker', ['run', '--rm', '--network', 'none', '--env', 'HOST=127.0.0.1', '--env', 'PORT=8000', oursImage, 'python', '/gunicorn_conf.py'])).stdout,
  );
  const shapeOf = { workerClass: resolved.worker, workers: resolved.workers, threads: resolved.threads };
  const servers = [
    oursDefault(oursImage, { resolved: shapeOf }),
    // The access log is off by default; this row shows what turning it on costs.
    oursDefault(oursImage, { id: 'ours-access-log', label: 'ours, access log on', env: { ACCESS_LOG: '-' }, resolved: shapeOf }),
  ];
  const syncWorkers = 2 * facts.cores + 1;
  servers.push(gunicornPeer(oursImage, 'sync', syncWorkers, ' (2×cores+1)'));
  notes.push(
    `ours: \`docker run --network host -e HOST=127.0.0.1 -e PORT=… ${'bench/ours'}\`, nothing else set: the image's start script and config chose ` +
      `${resolved.workers} ${resolved.worker} workers × ${resolved.threads} threads (${resolved.workers_why}), access log off (its default).`,
    `sweep points: the same image and start path with \`WEB_CONCURRENCY\` and \`THREADS\` set (access log off, as by default).`,
    `gunicorn ${'sync'}: \`docker run … bench/ours gunicorn -k sync -w ${syncWorkers} -b 127.0.0.1:PORT main:app\` in our image (same packages), Gunicorn’s defaults (no access log).`,
  );

  log('\n== Peers');
  const imagePython = resolved.python;
  const uwsgi = await prepareUwsgi({ image: oursImage, imagePython, testbed });
  if (uwsgi.available) {
    for (const [processes, threads] of options.uwsgiShapes) servers.push(uwsgiPeer(uwsgi, path.join(repoRoot, APP), processes, threads));
    notes.push(
      `uWSGI: on the host, Debian's \`uwsgi-core\` ${uwsgi.version} with \`uwsgi-plugin-python3\` (Python ${uwsgi.python}), the app's packages in a virtualenv ` +
        `with the image's exact versions (${uwsgi.packages.join(', ')}): \`uwsgi --plugin python3 --http11-socket 127.0.0.1:PORT --master --processes N [--threads T] ` +
        `--wsgi-file main.py --callable app --disable-logging\`; its start-up time counts from spawning uwsgi.`,
    );
    log(`  uWSGI ${uwsgi.version} on the host, Python ${uwsgi.python}`);
  } else {
    unavailable.push({ what: 'uWSGI', reason: uwsgi.reason });
    log(`  uWSGI: not available here: ${uwsgi.reason}`);
  }

  const gevent = await onPackageIndex(oursImage, 'gevent', testbed);
  if (gevent.available) {
    const result = await build('gevent image', { variant: 'debian', worker: 'gevent', image: 'bench/ours-gevent' });
    if (result.ok) for (const w of options.geventWorkers) servers.push({ ...sweepPoint(result.outputs['image-id'], 'gevent', w, 1), role: 'peer' });
    else unavailable.push({ what: 'gevent', reason: `the image did not build: ${result.error.split('\n').pop()}` });
  } else {
    unavailable.push({ what: 'gevent (worker sweep)', reason: `not on the package index the images install from (pip: ${gevent.detail})` });
    log('  gevent: not available here');
  }

  const meinheld = await onPackageIndex(oursImage, 'meinheld', testbed);
  if (meinheld.available) {
    const result = await buildWithAction({ repoRoot, cwd: repoRoot, app: APP, python: '3.9', variant: 'debian', image: 'bench/ours-meinheld', testbed });
    if (result.ok) {
      servers.push({ ...oursDefault(result.outputs['image-id'], { id: 'meinheld', label: 'ours on 3.9 (Meinheld default)', resolved: { workerClass: 'meinheld', workers: resolved.workers, threads: 1 } }), role: 'peer' });
    } else unavailable.push({ what: 'Meinheld', reason: `the Python 3.9 image did not build: ${result.error.split('\n').pop()}` });
  } else {
    unavailable.push({ what: 'Meinheld', reason: `not on the package index the images install from (pip: ${meinheld.detail}); the project's GitHub workflow builds it` });
    log('  Meinheld: not available here');
  }

  for (const env of options.candidates) {
    const label = `ours, ${Object.entries(env).map(([k, v]) => (k === 'ACCESS_LOG' && v === '' ? 'access log off' : `${k}=${v || '(empty)'}`)).join(', ')}`;
    const shape = JSON.parse(
      (await must('docker', ['run', '--rm', '--network', 'none', ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]), oursImage, 'python', '/gunicorn_conf.py'])).stdout,
    );
    servers.push({
      ...oursDefault(oursImage, { id: `ours-${Object.entries(env).map(([k, v]) => `${k}-${v}`).join('-')}`, label, env, resolved: { workerClass: shape.worker, workers: shape.workers, threads: shape.threads } }),
      role: 'candidate',
    });
    notes.push(`${label}: the default image with only these variables set; resolved to ${shape.workers} ${shape.worker} workers × ${shape.threads} threads.`);
  }
  for (const [workers, threads] of options.sweepPoints) servers.push(sweepPoint(oursImage, resolved.worker, workers, threads));

  // 3. Load, one server at a time.
  log(`\n== Load: ${servers.length} servers × 4 apps × ${options.seconds} s × ${options.reps} repetition(s)`);
  const runs = await measureAll(servers, { ...options, log });
  const rows = new Map([...runs].map(([id, result]) => [id, foldRuns(result)]));
  const analysis = analyze(servers, rows);
  const spreads = [...rows.values()].filter((r) => r.ok).flatMap((r) => Object.values(r.endpoints).map((e) => e.spread)).sort((a, b) => a - b);
  const medianSpread = options.reps > 1 && spreads.length > 0 ? `${(spreads[Math.floor(spreads.length / 2)] * 100).toFixed(0)}%` : 'n/a (one repetition)';

  // 4. Results.
  const outDir = ensureDir(path.resolve(repoRoot, options.out));
  const base = path.join(outDir, options.name);
  const meta = {
    mode: options.mode,
    name: options.name,
    date: new Date(startedAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    loadBefore,
    loadAfter: loadAverage(),
    python: resolved.python,
    packages: uwsgi.available ? uwsgi.packages.filter((p) => /^(flask|gunicorn|werkzeug)==/i.test(p)).join(', ') : '',
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    reps: options.reps,
    medianSpread,
    connections: options.connections,
    testbed: testbed.mode,
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
  const serializable = servers.map(({ command, uwsgi: u, ...rest }) => ({ ...rest, ...(command ? { command: command('PORT').join(' ') } : {}) }));
  fs.writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ ...result, servers: serializable, rows: Object.fromEntries(rows), runs: Object.fromEntries(runs) }, null, 2)}\n`,
  );
  const report = markdown(result);
  fs.writeFileSync(`${base}.md`, report);
  log(`\n${report}`);
  log(`results: ${path.relative(repoRoot, base)}.md, .json, ${png ? '.png, ' : ''}.svg (${meta.durationSeconds} s)`);
  log('');
  for (const line of ratioLines(result)) log(line);
}

const interrupted = async (signal) => {
  await stopAll();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
