// The database suite's PostgreSQL for the run: started only after the builds (so they do not share
// the cores with it), behind a relay that holds every answer when --db-rtt asks for a database a
// network away, and stopped after the load, on errors and on Ctrl-C (stopDatabase).
import { startLatencyProxy } from './latency-proxy.mjs';
import { postgresNote, relayNote } from './lineup.mjs';
import { msPerQuery, startPostgres } from './postgres.mjs';
import { freePort } from './servers.mjs';

// What stops the database and its relay: set as each starts, so an error halfway stops what did.
let stopping = async () => {};

/** Stops the database (and its relay) if one runs; a second call does no harm. */
export const stopDatabase = () => stopping();

/**
 * @param {import('./setup.mjs').Bench} bench
 * @returns {Promise<{ url: string, pid: () => number, version: string, addedMs: number }>}
 */
export async function startDatabase(bench) {
  bench.log('\n== PostgreSQL');
  const postgres = await startPostgres({ port: await freePort(), log: bench.log });
  if (!postgres.ok) throw new Error(`PostgreSQL did not start: ${postgres.error}`);
  stopping = postgres.stop;
  bench.log(`  PostgreSQL ${postgres.version} on 127.0.0.1:${postgres.port}`);
  const relayed = bench.options.dbRttMs > 0 ? await startRelay(bench, postgres) : { url: postgres.url, addedMs: 0 };
  bench.notes.push(postgresNote(postgres.version));
  return { url: relayed.url, pid: postgres.pid, version: postgres.version, addedMs: relayed.addedMs };
}

/**
 * The relay in front of the database, and what a query really waits more through it.
 * @param {import('./setup.mjs').Bench} bench
 * @param {{ url: string, port: number, stop: () => Promise<void> }} postgres
 */
async function startRelay(bench, postgres) {
  const rttMs = bench.options.dbRttMs;
  const proxy = await startLatencyProxy({ targetPort: postgres.port, rttMs });
  stopping = async () => {
    await proxy.stop();
    await postgres.stop();
  };
  // The relay's timers fire late by up to a millisecond: what a query really waits more is measured.
  const addedMs = (await msPerQuery(proxy.port)) - (await msPerQuery(postgres.port));
  bench.log(`  every answer held ${rttMs} ms by a relay on 127.0.0.1:${proxy.port}: ${addedMs.toFixed(2)} ms more per query, measured`);
  bench.notes.push(relayNote(rttMs, addedMs));
  return { url: postgres.url.replace(`:${postgres.port}/`, `:${proxy.port}/`), addedMs };
}
