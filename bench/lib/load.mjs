// The load phase. Every server is started first, one after the other (each start-up timed while
// nothing else is loaded), and warmed up; then they take turns under wrk: for each repetition, for
// each app, every server in turn for a few seconds. Only one server is ever under load; the others
// sit idle. Interleaving at this grain spreads the machine's other work (builds, tests) evenly over
// the servers, so ratios measured side by side hold even when absolute numbers drift.
import * as os from 'node:os';
import { checkDelivery } from './delivery.mjs';
import { sleep } from './exec.mjs';
import { treeCpuMs, treeMemory } from './process-tree.mjs';
import { freePort, startServer } from './servers.mjs';
import { workerEvents } from './worker-events.mjs';
import { runWrk } from './wrk.mjs';

/**
 * One app's cell of a folded row: the median run's wrk numbers and the cell's totals.
 * @typedef {ReturnType<typeof import('./wrk.mjs').parseWrk> & { cpuMs: number, cpuUsPerRequest: number, cpuDbUsPerRequest?: number, runs: number, rpsRuns: number[], spread: number, command: string }} FoldedCell
 */
/**
 * A server's row: measured (per app, a FoldedCell) or failed; the delivery and worker checks either way.
 * @typedef {{ delivery: any[], workers: any }} RowChecks
 * @typedef {RowChecks & ({ ok: true, startupMs: number, memory: { rssMB: number, pssMB: number, processes: number }, endpoints: Record<string, FoldedCell> } | { ok: false, error: string })} FoldedRow
 */

/**
 * The four apps, as routes of bench/app/main.py (the default suite; the database suite's tests are in
 * techempower.mjs, in the same shape).
 * @typedef {{ id: string, path: string, label: string }} Endpoint
 * @type {Endpoint[]}
 */
export const ENDPOINTS = [
  { id: 'hello', path: '/', label: 'plaintext' },
  { id: 'json', path: '/json', label: 'JSON' },
  { id: 'io', path: '/io', label: '10 ms I/O wait' },
  { id: '1mb', path: '/1mb', label: '1 MB response' },
];

/**
 * The order of the servers in repetition `rep`: rotated, and reversed every other time.
 * @template T
 * @param {T[]} list
 * @param {number} rep
 * @param {number} reps
 * @returns {T[]}
 */
export function turnOrder(list, rep, reps) {
  const shift = Math.floor((rep * list.length) / Math.max(1, reps));
  const rotated = [...list.slice(shift), ...list.slice(0, shift)];
  return rep % 2 === 0 ? rotated : rotated.reverse();
}

/**
 * Returns Map id -> { ok, startupMs, memory: {rssMB, pssMB, processes}, endpoints: { hello: [wrk result
 * per repetition], ... }, load1: [1-minute load average before each run], delivery, workers } or
 * { ok: false, error }. After the load, while every server still runs: delivery (checkDelivery: big
 * bodies to slow clients, counted) and then workers (workerEvents: exits nobody asked for, from the
 * server's whole log, and whether it still runs).
 * endpoints: the apps to load (default ENDPOINTS); warmupPaths: what the warm-up loads, each for
 * warmupSeconds (default /; an app that opens database connections on first use warms every route, so
 * no measured run pays for opening them). checkAnswers(port): problems with the server's
 * answers, looked at once before its load (a server that answers wrongly is not measured).
 * databasePid(): the database's main process, whose tree's CPU per request is counted beside the
 * server's (cpuDbUsPerRequest) while that server is loaded.
 * @param {any[]} servers
 * @param {{ seconds: number, warmupSeconds: number, reps: number, connections: number, log: (line: string) => void,
 *   endpoints?: Endpoint[], warmupPaths?: string[], checkAnswers?: (port: number) => Promise<string[]>, databasePid?: () => number }} options
 */
export async function measureAll(
  servers,
  { seconds, warmupSeconds, reps, connections, log, endpoints = ENDPOINTS, warmupPaths = ['/'], checkAnswers, databasePid },
) {
  const results = new Map();
  const live = [];
  try {
    log('starting the servers, one at a time');
    for (const server of servers) {
      const started = await startAndWarm(server, { warmupSeconds, connections, log, endpoints, warmupPaths, checkAnswers });
      results.set(server.id, started.result);
      if (started.entry) live.push(started.entry);
    }
    for (let rep = 0; rep < reps; rep++) {
      const order = turnOrder(live, rep, reps);
      log(`repetition ${rep + 1} of ${reps} (load average ${(os.loadavg()[0] ?? 0).toFixed(2)})`);
      for (const endpoint of endpoints) {
        for (const entry of order) if (entry.result.ok) await loadOnce(entry, endpoint, { seconds, connections, log, databasePid });
      }
      for (const entry of live) {
        if (!entry.result.ok) continue;
        const line = endpoints.map(({ id }) => `${id} ${Math.round(entry.result.endpoints[id][rep].rps)}`).join(', ');
        log(`  ${entry.server.label.padEnd(30)} req/s: ${line}`);
      }
    }
    log('delivery: big bodies to slow clients at once, every body counted and hashed');
    for (const entry of live) await checkAfterLoad(entry, log);
  } finally {
    for (const entry of live) await entry.handle.stop();
  }
  return results;
}

/**
 * Starts one server (its start-up timed while nothing else is loaded), looks at its answers once, and
 * warms it up. Returns its result, and the live entry the load uses when it answers well.
 */
async function startAndWarm(server, { warmupSeconds, connections, log, endpoints, warmupPaths, checkAnswers }) {
  const port = await freePort();
  const handle = await startServer(server, port);
  if (!handle.ok) {
    log(`  ${server.label}: FAILED to start: ${handle.error}`);
    return { result: { ok: false, error: handle.error } };
  }
  const problems = checkAnswers ? await checkAnswers(port) : [];
  if (problems.length > 0) {
    log(`  ${server.label}: WRONG ANSWERS, not loaded: ${problems.join('; ')}`);
    await handle.stop();
    return { result: { ok: false, error: `wrong answers: ${problems.join('; ')}` } };
  }
  // Warm-up: Gunicorn's threads, uWSGI's workers and Python's caches start cold.
  for (const path of warmupPaths) await runWrk(`http://127.0.0.1:${port}${path}`, { seconds: warmupSeconds, connections });
  const result = {
    ok: true,
    startupMs: handle.startupMs,
    memory: { rssMB: 0, pssMB: 0, processes: 0 },
    endpoints: Object.fromEntries(endpoints.map(({ id }) => [id, []])),
    load1: /** @type {number[]} */ ([]),
  };
  log(`  ${server.label.padEnd(30)} first 200 after ${(handle.startupMs / 1000).toFixed(2)} s`);
  return { result, entry: { server, port, handle, result } };
}

/**
 * One wrk run of one app against one server, with the server's (and the database's) CPU time and its
 * memory mid-run; a run that fails marks the server failed, with the end of its log.
 */
async function loadOnce(entry, endpoint, { seconds, connections, log, databasePid }) {
  const sample = () => {
    const now = treeMemory(entry.handle.pid);
    if (now.rssMB > entry.result.memory.rssMB) entry.result.memory = now;
  };
  const timer = setTimeout(sample, (seconds * 1000) / 2); // memory while loaded, mid-run
  entry.result.load1.push(os.loadavg()[0] ?? NaN);
  try {
    const dbPid = databasePid?.();
    const cpuBefore = treeCpuMs(entry.handle.pid);
    const dbBefore = dbPid ? treeCpuMs(dbPid) : 0;
    const run = await runWrk(`http://127.0.0.1:${entry.port}${endpoint.path}`, { seconds, connections });
    const cpuMs = treeCpuMs(entry.handle.pid) - cpuBefore;
    const perRequest = (ms) => (run.requests > 0 ? (ms * 1000) / run.requests : NaN);
    const db = dbPid ? { cpuDbUsPerRequest: perRequest(treeCpuMs(dbPid) - dbBefore) } : {};
    entry.result.endpoints[endpoint.id].push({ ...run, cpuMs, cpuUsPerRequest: perRequest(cpuMs), ...db });
  } catch (error) {
    const logs = await entry.handle.logs();
    entry.result.ok = false;
    entry.result.error = `${error instanceof Error ? error.message : String(error)} (log: ${logs.split('\n').slice(-3).join(' | ')})`;
    log(`  ${entry.server.label}: FAILED: ${entry.result.error}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * After the load, while the server still runs: delivery (checkDelivery: big bodies to slow clients,
 * counted), then workers (workerEvents: exits nobody asked for, from the server's whole log).
 */
async function checkAfterLoad(entry, log) {
  const running = await entry.handle.running();
  entry.result.delivery = running ? await checkDelivery(entry.port) : [];
  await sleep(1000); // a worker that died at the very end gets its replacement's log line
  // The log's dialect: a peer names it (logKind); the host's uWSGI and Gunicorn otherwise.
  const kind = entry.server.logKind ?? (entry.server.how === 'uwsgi' ? 'uwsgi' : 'gunicorn');
  entry.result.workers = {
    ...workerEvents(await entry.handle.fullLog(), { workers: entry.server.workers, server: kind }),
    stillRunning: await entry.handle.running(),
  };
  const d = entry.result.delivery.map((c) => `${c.label} ${c.whole}/${c.clients} whole${c.silent ? `, ${c.silent} SILENTLY SHORT` : ''}`).join('; ');
  const w = entry.result.workers;
  log(
    `  ${entry.server.label.padEnd(30)} ${d || 'not checked: the server is gone'}; worker boots ${w.boots}, unexpected exits ${w.unexpectedExits}${w.stillRunning ? '' : ', SERVER GONE'}`,
  );
}

/** p50 to p99 of a cell: each the median of that percentile over the repetitions that measured it. */
function latencyMedians(runs, middle) {
  /** @type {Record<string, number>} */
  const folded = {};
  for (const key of ['p50Ms', 'p75Ms', 'p90Ms', 'p99Ms']) {
    const values = runs.map((r) => r[key]).filter((v) => typeof v === 'number');
    if (values.length > 0) folded[key] = middle(values);
  }
  return folded;
}

/**
 * A server's repetitions folded into one row: per app the median run by requests/s (the lower of
 * the two middle ones for an even count); each latency percentile the median of the runs' own; errors summed over all runs;
 * the spread of requests/s ((max - min) / median) to show how noisy the cell was; the median server
 * CPU time per request (and the database's, when it was counted).
 * @param {any} result one server's entry of measureAll's Map
 * @param {Endpoint[]} [apps] the apps it was loaded with (default ENDPOINTS)
 * @returns {FoldedRow}
 */
export function foldRuns(result, apps = ENDPOINTS) {
  const checks = { delivery: result.delivery ?? [], workers: result.workers ?? null };
  if (!result.ok) return { ok: false, error: result.error, ...checks };
  /** @type {Record<string, FoldedCell>} */
  const endpoints = {};
  for (const { id } of apps) {
    const runs = [...result.endpoints[id]].sort((a, b) => a.rps - b.rps);
    const median = runs[Math.floor((runs.length - 1) / 2)];
    const rps = runs.map((r) => r.rps);
    const middle = (values) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    const cpu = runs.map((r) => r.cpuUsPerRequest);
    const dbCpu = runs.map((r) => r.cpuDbUsPerRequest).filter((v) => v !== undefined);
    endpoints[id] = {
      ...median,
      // Latency percentiles and CPU per request: the median of each repetition's own, not the
      // median-throughput run's: one run's tail swings with whatever else the machine did in those seconds.
      ...latencyMedians(runs, middle),
      cpuUsPerRequest: middle(cpu),
      ...(dbCpu.length > 0 ? { cpuDbUsPerRequest: middle(dbCpu) } : {}),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      runs: runs.length,
      rpsRuns: result.endpoints[id].map((r) => r.rps),
      spread: (Math.max(...rps) - Math.min(...rps)) / median.rps,
    };
  }
  return { ok: true, startupMs: result.startupMs, memory: result.memory, endpoints, ...checks };
}
