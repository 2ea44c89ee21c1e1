// What a run's result files hold: the meta every result carries (the run's facts and shape, then each
// suite's own), the chart's titles, and the JSON text. Pure: the bench writes the files.
import { pickPackages } from './peers.mjs';

/**
 * The median spread of req/s between repetitions over every measured cell (one repetition has none).
 * @param {Map<string, any>} rows folded rows @param {number} reps
 */
export function medianSpread(rows, reps) {
  const spreads = [...rows.values()]
    .filter((r) => r.ok)
    .flatMap((r) => Object.values(r.endpoints).map((e) => e.spread))
    .sort((a, b) => a - b);
  return reps > 1 && spreads.length > 0 ? `${((spreads[Math.floor(spreads.length / 2)] ?? NaN) * 100).toFixed(0)}%` : 'n/a (one repetition)';
}

/**
 * @typedef {{ now: number, loadAfter: string }} RunEnd the clock and load when the result is written
 * @typedef {{ python: string, rows: Map<string, any>, end: RunEnd }} RunOutcome
 */

/**
 * What every result's meta says of the run, then how it loaded the servers.
 * @param {import('./setup.mjs').Bench} bench @param {RunOutcome} outcome
 */
function runFacts(bench, { python, end }) {
  const { options } = bench;
  return {
    mode: options.mode,
    name: options.name,
    date: new Date(bench.startedAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    command: bench.command,
    durationSeconds: Math.round((end.now - bench.startedAt) / 1000),
    loadBefore: bench.loadBefore,
    loadAfter: end.loadAfter,
    python,
  };
}

/** @param {import('./setup.mjs').Bench} bench @param {RunOutcome} outcome */
function runShape(bench, { rows }) {
  const { options } = bench;
  return {
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    reps: options.reps,
    medianSpread: medianSpread(rows, options.reps),
    connections: options.connections,
    testbed: bench.testbed.mode,
  };
}

/**
 * The classic suite's meta: the app's packages as the uWSGI peer installed them, and the chart's file.
 * @param {import('./setup.mjs').Bench} bench @param {RunOutcome & { uwsgi: { available: boolean, packages?: string[] } }} outcome
 */
export function classicMeta(bench, outcome) {
  const { uwsgi } = outcome;
  return {
    ...runFacts(bench, outcome),
    packages: uwsgi.available && uwsgi.packages ? uwsgi.packages.filter((p) => /^(flask|gunicorn|werkzeug)==/i.test(p)).join(', ') : '',
    ...runShape(bench, outcome),
    chartName: `${bench.options.name}.png`,
    ...bench.facts,
  };
}

/**
 * The database suite's meta: the database, how far away it was, and our image's psycopg.
 * @param {import('./setup.mjs').Bench} bench
 * @param {RunOutcome & { database: { version: string, addedMs: number }, oursPackages: string[] }} outcome
 */
export function techempowerMeta(bench, outcome) {
  const { database, oursPackages } = outcome;
  return {
    ...runFacts(bench, outcome),
    apps: bench.options.apps,
    postgres: database.version,
    dbRttMs: bench.options.dbRttMs,
    dbAddedMs: database.addedMs,
    psycopg: (pickPackages(oursPackages, ['psycopg'])[0] ?? '').split('==')[1] ?? '',
    ...runShape(bench, outcome),
    ...bench.facts,
  };
}

/** The classic chart's input: its titles say what was loaded and how. */
export function classicChart({ meta, servers, rows, analysis }) {
  return {
    servers,
    rows,
    analysis,
    title: `Flask hello/JSON/IO/1 MB: our image vs peers (${meta.name} run, ${meta.date.slice(0, 10)})`,
    subtitle: `${meta.cores} cores shared with wrk -t1 -c${meta.connections}; median of ${meta.reps} run(s) of ${meta.seconds} s; compare ratios, not absolutes`,
  };
}

/**
 * The .json file's text: the result with every server's command line as text, the rows and each
 * repetition's raw runs.
 * @param {{ servers: any[], rows: Map<string, any> }} result @param {Map<string, any>} runs
 */
export function resultJson(result, runs) {
  const servers = result.servers.map(({ command, uwsgi: _uwsgi, ...rest }) => ({
    ...rest,
    ...(command ? { command: command('PORT').join(' ') } : {}),
  }));
  return `${JSON.stringify({ ...result, servers, rows: Object.fromEntries(result.rows), runs: Object.fromEntries(runs) }, null, 2)}\n`;
}
