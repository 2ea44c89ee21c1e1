// From measured rows to the answers the issue asks for: our default against the best peer, the best
// point of the sweep and Gunicorn sync, per app; and the sweep point that does best across all apps.
import { ENDPOINTS } from './load.mjs';

/**
 * servers: definitions; rows: Map id -> folded row. Returns
 * { ours, perEndpoint: { [endpoint]: { ours, bestPeer, bestSweep, sync, vsPeer, vsSweep, vsSync, p99VsPeers, ... } },
 *   allRound: [{ id, label, score }] (ours, candidates and sweep points, best first) }.
 */
export function analyze(servers, rows) {
  const measured = servers.filter((s) => rows.get(s.id)?.ok).map((s) => ({ ...s, row: rows.get(s.id) }));
  const ours = measured.find((s) => s.id === 'ours');
  if (!ours) return { ours: null, perEndpoint: {}, allRound: [], candidates: [] };
  const peers = measured.filter((s) => s.role === 'peer');
  const sweep = measured.filter((s) => s.role === 'sweep' && s.workerClass === ours.workerClass);
  const sync = peers.find((s) => s.id.startsWith('gunicorn-sync-'));

  const rps = (server, endpoint) => server.row.endpoints[endpoint].rps;
  const cpu = (server, endpoint) => server.row.endpoints[endpoint].cpuUsPerRequest;
  const leanest = (list, endpoint) => (list.length === 0 ? null : list.reduce((a, b) => (cpu(b, endpoint) < cpu(a, endpoint) ? b : a)));
  const p99 = (server, endpoint) => server.row.endpoints[endpoint].p99Ms;
  const best = (list, endpoint) => (list.length === 0 ? null : list.reduce((a, b) => (rps(b, endpoint) > rps(a, endpoint) ? b : a)));

  const perEndpoint = {};
  for (const { id: endpoint } of ENDPOINTS) {
    const bestPeer = best(peers, endpoint);
    const bestSweep = best(sweep, endpoint);
    const lowestP99Peer = peers.length === 0 ? null : peers.reduce((a, b) => (p99(b, endpoint) < p99(a, endpoint) ? b : a));
    perEndpoint[endpoint] = {
      oursRps: rps(ours, endpoint),
      oursP99: p99(ours, endpoint),
      bestPeer: bestPeer && { id: bestPeer.id, label: bestPeer.label, rps: rps(bestPeer, endpoint) },
      bestSweep: bestSweep && { id: bestSweep.id, label: bestSweep.label, rps: rps(bestSweep, endpoint) },
      sync: sync && { id: sync.id, label: sync.label, rps: rps(sync, endpoint), p99: p99(sync, endpoint) },
      lowestP99Peer: lowestP99Peer && { id: lowestP99Peer.id, label: lowestP99Peer.label, p99: p99(lowestP99Peer, endpoint) },
      vsPeer: bestPeer ? rps(ours, endpoint) / rps(bestPeer, endpoint) : NaN,
      vsSweep: bestSweep ? rps(ours, endpoint) / rps(bestSweep, endpoint) : NaN,
      vsSync: sync ? rps(ours, endpoint) / rps(sync, endpoint) : NaN,
      // > 1 means our p99 is worse (longer) than the peer with the shortest p99.
      p99VsBestPeer: lowestP99Peer ? p99(ours, endpoint) / p99(lowestP99Peer, endpoint) : NaN,
      p99VsSync: sync ? p99(ours, endpoint) / p99(sync, endpoint) : NaN,
      // Server CPU per request (µs): a cost that other work on the machine barely changes.
      oursCpu: cpu(ours, endpoint),
      syncCpu: sync ? cpu(sync, endpoint) : NaN,
      leanestSweep: (() => {
        const s = leanest(sweep, endpoint);
        return s && { id: s.id, label: s.label, cpu: cpu(s, endpoint) };
      })(),
      leanestPeer: (() => {
        const s = leanest(peers, endpoint);
        return s && { id: s.id, label: s.label, cpu: cpu(s, endpoint) };
      })(),
    };
  }

  // All-round score: geometric mean over the apps of req/s relative to the best configuration of our
  // image on that app (1.0 = best everywhere). One number to pick a default good at every kind of load.
  const pool = [ours, ...measured.filter((s) => s.role === 'candidate'), ...sweep];
  const score = (server) => {
    const logs = ENDPOINTS.map(({ id }) => Math.log(rps(server, id) / rps(best(pool, id), id)));
    return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
  };
  const allRound = pool
    .map((s) => ({ id: s.id, label: s.label, workers: s.workers, threads: s.threads, score: score(s) }))
    .sort((a, b) => b.score - a.score);
  // Settings under consideration, against the same references as the default.
  const candidates = measured
    .filter((s) => s.role === 'candidate')
    .map((c) => ({
      id: c.id,
      label: c.label,
      perEndpoint: Object.fromEntries(
        ENDPOINTS.map(({ id }) => [
          id,
          {
            vsOurs: rps(c, id) / rps(ours, id),
            vsSync: sync ? rps(c, id) / rps(sync, id) : NaN,
            vsSweep: perEndpoint[id].bestSweep ? rps(c, id) / perEndpoint[id].bestSweep.rps : NaN,
            p99: p99(c, id),
          },
        ]),
      ),
    }));
  return { ours: { id: ours.id, label: ours.label, workers: ours.workers, threads: ours.threads }, perEndpoint, allRound, candidates };
}
