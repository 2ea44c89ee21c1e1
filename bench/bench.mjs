// `npm run bench [-- --quick]`: builds the images with the action's own code (ours on 3.9, 3.11 and
// 3.13, gevent on 3.13), the seeds' 3.9 stack and today's peers (Granian, uWSGI, Gunicorn [fast]) from
// Dockerfiles of their own, measures them on loopback, one server at a time, checks that every big body
// arrives whole, and writes bench/results/<name>.{md,json,svg,png}. The last lines printed are the Meinheld speed
// target ratios. `--apps techempower` loads the six TechEmpower tests instead, against a PostgreSQL
// the bench starts and stops (results: bench/results/techempower-<mode>.{md,json}).
//
// main() walks the phases; each lives in the module of its concern under lib/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from './lib/analysis.mjs';
import { techempowerProblems } from './lib/answers.mjs';
import { renderSvg, writeChart } from './lib/chart.mjs';
import { startDatabase, stopDatabase } from './lib/database.mjs';
import { must } from './lib/exec.mjs';
import { buildOurImages } from './lib/images.mjs';
import { withDatabase } from './lib/lineup.mjs';
import { lineUp } from './lib/lineup-builds.mjs';
import { ENDPOINTS, foldRuns, measureAll } from './lib/load.mjs';
import { markdown, ratioLines } from './lib/report.mjs';
import { classicChart, classicMeta, resultJson, techempowerMeta } from './lib/result.mjs';
import { stopAll } from './lib/servers.mjs';
import { ensureDir, loadAverage, parseOptions, prepareRun, USAGE } from './lib/setup.mjs';
import { TECHEMPOWER_TESTS } from './lib/techempower.mjs';
import { techempowerAnalysis, techempowerLines, techempowerMarkdown } from './lib/techempower-report.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.help) return log(USAGE);
  const bench = await prepareRun(options, { repoRoot, argv, log });
  const images = await buildOurImages(bench);
  const lineup = await lineUp(bench, images.image);
  const database = bench.database ? await startDatabase(bench) : undefined;
  const servers = database ? withDatabase(lineup.servers, database.url) : lineup.servers;
  const { runs, rows } = await measure(bench, servers, database);
  if (database) await reportTechempower(bench, { servers, rows, runs, python: lineup.resolved.python, database, image: images.image });
  else await reportClassic(bench, { servers, rows, runs, python: lineup.resolved.python, uwsgi: lineup.uwsgi, images });
}

/**
 * The load, one server at a time, then the database stopped; each server's repetitions folded into a row.
 * @param {import('./lib/setup.mjs').Bench} bench
 * @param {any[]} servers
 * @param {{ pid: () => number } | undefined} database
 */
async function measure(bench, servers, database) {
  const { options } = bench;
  const endpoints = database ? TECHEMPOWER_TESTS : ENDPOINTS;
  log(`\n== Load: ${servers.length} servers × ${endpoints.length} apps × ${options.seconds} s × ${options.reps} repetition(s)`);
  const runs = await measureAll(servers, {
    ...options,
    log,
    endpoints,
    // The app opens its database connections on first use: the warm-up visits every test.
    ...(database ? { checkAnswers: techempowerProblems, databasePid: database.pid, warmupPaths: endpoints.map((e) => e.path) } : {}),
  });
  await stopDatabase();
  return { runs, rows: new Map([...runs].map(([id, result]) => [id, foldRuns(result, endpoints)])) };
}

/** The clock and load when a result is written: its meta's duration and "load after". */
const runEnd = () => ({ now: Date.now(), loadAfter: loadAverage() });

/** Where the result files go: `<out>/<name>` plus each file's extension. */
const resultBase = (bench) => path.join(ensureDir(path.resolve(repoRoot, bench.options.out)), bench.options.name);

/** Analyses the classic run, writes its files (.json, .md, the chart) and prints the report and the ratio lines. */
async function reportClassic(bench, { servers, rows, runs, python, uwsgi, images }) {
  const analysis = analyze(servers, rows);
  const meta = classicMeta(bench, { python, rows, uwsgi, end: runEnd() });
  const { unavailable, notes, action } = bench;
  const result = { meta, servers, rows, analysis, images: images.images, rebuild: images.rebuild, action, unavailable, notes };
  const base = resultBase(bench);
  const png = await writeChart(renderSvg(classicChart(result)), `${base}.svg`, `${base}.png`);
  if (!png) meta.chartName = `${bench.options.name}.svg`;
  fs.writeFileSync(`${base}.json`, resultJson(result, runs));
  const report = markdown(result);
  fs.writeFileSync(`${base}.md`, report);
  log(`\n${report}`);
  log(`results: ${path.relative(repoRoot, base)}.md, .json, ${png ? '.png, ' : ''}.svg (${meta.durationSeconds} s)`);
  log('');
  for (const line of ratioLines(result)) log(line);
}

/** Analyses the database run, writes its files (.json, .md) and prints the report and the closing lines. */
async function reportTechempower(bench, { servers, rows, runs, python, database, image }) {
  const freeze = await must('docker', ['run', '--rm', '--network', 'none', image, 'pip', 'freeze', '--disable-pip-version-check']);
  const analysis = techempowerAnalysis(servers, rows);
  const meta = techempowerMeta(bench, { python, rows, database, oursPackages: freeze.stdout.split('\n'), end: runEnd() });
  const result = { meta, servers, rows, analysis, unavailable: bench.unavailable, notes: bench.notes };
  const base = resultBase(bench);
  fs.writeFileSync(`${base}.json`, resultJson(result, runs));
  const report = techempowerMarkdown(result);
  fs.writeFileSync(`${base}.md`, report);
  log(`\n${report}`);
  log(`results: ${path.relative(repoRoot, base)}.md, .json (${meta.durationSeconds} s)\n`);
  for (const line of techempowerLines(analysis)) log(line);
}

// Ctrl-C or a kill stops the servers and the database before the bench exits.
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
