// One server under load: start it, warm it up, drive each endpoint with wrk, sample its memory
// while loaded, stop it. Servers take turns, one at a time, so they never compete with each other.
import { treeMemory } from './memory.mjs';
import { freePort, startServer } from './servers.mjs';
import { runWrk } from './wrk.mjs';

/** The four apps, as routes of bench/app/main.py. */
export const ENDPOINTS = [
  { id: 'hello', path: '/', label: 'plaintext' },
  { id: 'json', path: '/json', label: 'JSON' },
  { id: 'io', path: '/io', label: '10 ms I/O wait' },
  { id: '1mb', path: '/1mb', label: '1 MB response' },
];

/**
 * Measures one server once. Returns { id, ok, startupMs, memory: {rssMB, pssMB, processes},
 * endpoints: { hello: wrkResult, ... } } or { id, ok: false, error }.
 */
export async function measureServer(server, { seconds, warmupSeconds, connections, log }) {
  const port = await freePort();
  const handle = await startServer(server, port);
  if (!handle.ok) return { id: server.id, ok: false, error: handle.error };
  const memory = { rssMB: 0, pssMB: 0, processes: 0 };
  const sample = () => {
    const now = treeMemory(handle.pid);
    if (now.rssMB > memory.rssMB) Object.assign(memory, now);
  };
  try {
    // Warm-up: Gunicorn's threads, uWSGI's workers and Python's caches start cold.
    await runWrk(`http://127.0.0.1:${port}/`, { seconds: warmupSeconds, connections });
    const endpoints = {};
    for (const endpoint of ENDPOINTS) {
      const timer = setTimeout(sample, (seconds * 1000) / 2); // memory while loaded, mid-run
      try {
        endpoints[endpoint.id] = await runWrk(`http://127.0.0.1:${port}${endpoint.path}`, { seconds, connections });
      } finally {
        clearTimeout(timer);
      }
      sample();
    }
    const summary = ENDPOINTS.map((e) => `${e.id} ${Math.round(endpoints[e.id].rps)}`).join(', ');
    log(`  ${server.label.padEnd(30)} start ${(handle.startupMs / 1000).toFixed(2)} s, rss ${memory.rssMB.toFixed(0)} MB, req/s: ${summary}`);
    return { id: server.id, ok: true, startupMs: handle.startupMs, memory, endpoints };
  } catch (error) {
    return { id: server.id, ok: false, error: `${error.message} (${(await handle.logs()).split('\n').slice(-3).join(' | ')})` };
  } finally {
    await handle.stop();
  }
}

/**
 * Every server, `rounds` times; each round goes through the list in a different order, so slow drift
 * of the machine's load does not favour whoever goes first.
 */
export async function measureAll(servers, options) {
  const runs = new Map(servers.map((server) => [server.id, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    options.log(`round ${round + 1} of ${options.rounds}`);
    for (const server of order) {
      const result = await measureServer(server, options);
      if (!result.ok) options.log(`  ${server.label}: FAILED: ${result.error}`);
      runs.get(server.id).push(result);
    }
  }
  return runs;
}

/**
 * The rounds of one server folded into one row: per endpoint the round with the most requests/s
 * (other work on the machine only ever makes a server slower, so the best round is the least
 * disturbed; its latencies come with it), the largest memory seen, the fastest start-up, and the
 * spread of requests/s across rounds.
 */
export function foldRounds(results) {
  const good = results.filter((r) => r.ok);
  if (good.length === 0) return { ok: false, error: results.map((r) => r.error).join('; ') };
  const endpoints = {};
  for (const { id } of ENDPOINTS) {
    const all = good.map((r) => r.endpoints[id]);
    const best = all.reduce((a, b) => (b.rps > a.rps ? b : a));
    const rps = all.map((r) => r.rps);
    endpoints[id] = {
      ...best,
      errors: all.reduce((sum, r) => sum + r.errors, 0),
      errorsPerRound: all.map((r) => r.errors),
      rpsPerRound: rps,
      spread: Math.max(...rps) / Math.min(...rps) - 1,
    };
  }
  return {
    ok: true,
    rounds: good.length,
    failedRounds: results.length - good.length,
    startupMs: Math.min(...good.map((r) => r.startupMs)),
    startupMsPerRound: good.map((r) => r.startupMs),
    memory: good.map((r) => r.memory).reduce((a, b) => (b.rssMB > a.rssMB ? b : a)),
    endpoints,
  };
}
