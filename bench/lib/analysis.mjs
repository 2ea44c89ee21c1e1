// From measured rows to the answers the issue asks for: our default against the best peer, the best
// point of the sweep and Gunicorn sync, per app; and the sweep point that does best across all apps.
import { ENDPOINTS } from './load.mjs';

// A measured server carries its folded row (`row`); these read one app's figures from it.
const rps = (server, endpoint) => server.row.endpoints[endpoint].rps;
const cpu = (server, endpoint) => server.row.endpoints[endpoint].cpuUsPerRequest;
const p99 = (server, endpoint) => server.row.endpoints[endpoint].p99Ms;
const best = (list, endpoint) => (list.length === 0 ? null : list.reduce((a, b) => (rps(b, endpoint) > rps(a, endpoint) ? b : a)));
const leanest = (list, endpoint) => {
  const s = list.length === 0 ? null : list.reduce((a, b) => (cpu(b, endpoint) < cpu(a, endpoint) ? b : a));
  return s && { id: s.id, label: s.label, cpu: cpu(s, endpoint) };
};

/**
 * servers: definitions; rows: Map id -> folded row. Returns
 * { ours, perEndpoint: { [endpoint]: { ours, bestPeer, bestSweep, sync, vsPeer, vsSweep, vsSync, p99VsPeers, ... } },
 *   allRound: [{ id, label, score }] (ours, candidates and sweep points, best first),
 *   meinheld: the Meinheld speed targets (meinheldTargets) }.
 */
export function analyze(servers, rows) {
  const measured = servers.filter((s) => rows.get(s.id)?.ok).map((s) => ({ ...s, row: rows.get(s.id) }));
  const ours = measured.find((s) => s.id === 'ours');
  const meinheld = meinheldTargets(servers, rows);
  if (!ours) return { ours: null, perEndpoint: {}, allRound: [], candidates: [], meinheld };
  const peers = measured.filter((s) => s.role === 'peer');
  const sweep = measured.filter((s) => s.role === 'sweep' && s.workerClass === ours.workerClass);
  const sync = peers.find((s) => s.id.startsWith('gunicorn-sync-'));
  const candidates = measured.filter((s) => s.role === 'candidate');
  const perEndpoint = Object.fromEntries(ENDPOINTS.map(({ id }) => [id, endpointFigures({ ours, peers, sweep, sync }, id)]));
  return {
    ours: { id: ours.id, label: ours.label, workers: ours.workers, threads: ours.threads },
    perEndpoint,
    allRound: allRound([ours, ...candidates, ...sweep]),
    // Settings under consideration, against the same references as the default.
    candidates: candidates.map((c) => candidateFigures(c, { ours, sync, perEndpoint })),
    meinheld,
  };
}

/** Our default on one app against the best peer, the best sweep point, Gunicorn sync and the peers' p99. */
function endpointFigures({ ours, peers, sweep, sync }, endpoint) {
  const bestPeer = best(peers, endpoint);
  const bestSweep = best(sweep, endpoint);
  const lowestP99Peer = peers.length === 0 ? null : peers.reduce((a, b) => (p99(b, endpoint) < p99(a, endpoint) ? b : a));
  return {
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
    leanestSweep: leanest(sweep, endpoint),
    leanestPeer: leanest(peers, endpoint),
  };
}

/**
 * All-round score: geometric mean over the apps of req/s relative to the best configuration of our
 * image on that app (1.0 = best everywhere). One number to pick a default good at every kind of load.
 */
function allRound(pool) {
  const score = (server) => {
    const logs = ENDPOINTS.map(({ id }) => Math.log(rps(server, id) / rps(best(pool, id), id)));
    return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
  };
  return pool.map((s) => ({ id: s.id, label: s.label, workers: s.workers, threads: s.threads, score: score(s) })).sort((a, b) => b.score - a.score);
}

/** A candidate setting against our default, Gunicorn sync and the best sweep point, per app. */
function candidateFigures(c, { ours, sync, perEndpoint }) {
  const figures = (id) => ({
    vsOurs: rps(c, id) / rps(ours, id),
    vsSync: sync ? rps(c, id) / rps(sync, id) : NaN,
    vsSweep: perEndpoint[id].bestSweep ? rps(c, id) / perEndpoint[id].bestSweep.rps : NaN,
    p99: p99(c, id),
  });
  return { id: c.id, label: c.label, perEndpoint: Object.fromEntries(ENDPOINTS.map(({ id }) => [id, figures(id)])) };
}

/** The apps the Meinheld throughput and p99 targets are about: CPU-bound, where the HTTP server's own cost shows. */
export const TARGET_APPS = ['hello', 'json'];

/**
 * The Meinheld speed targets, from the rows of one run: every Meinheld-default row of ours (`meinheldDefault`,
 * verdicts only for `target` rows: 3.11 and 3.13) against today's gthread default (`id: gthread`) and
 * the seeds' 3.9 stack (`id: seeds-3.9`), per app; and, for every server, bodies delivered short and
 * worker exits nobody asked for, with the verdict on the servers built from docker/ (`ourImage`).
 */
export function meinheldTargets(servers, rows) {
  const ok = (s) => rows.get(s.id)?.ok;
  const gthread = servers.find((s) => s.id === 'gthread' && ok(s));
  const seeds = servers.find((s) => s.id === 'seeds-3.9' && ok(s));
  const meinheld = servers.filter((s) => s.meinheldDefault && ok(s)).map((s) => meinheldFigures(s, { gthread, seeds }, rows));
  const checked = servers.filter((s) => rows.get(s.id)).map((s) => deliveryChecks(s, rows.get(s.id)));
  const ours = checked.filter((c) => c.ourImage);
  const sum = (list, key) => list.reduce((n, c) => n + c[key], 0);
  return {
    gthread: gthread && { id: gthread.id, label: gthread.label },
    seeds: seeds && { id: seeds.id, label: seeds.label },
    meinheld,
    checked,
    ours: {
      servers: ours.length,
      downloads: sum(ours, 'downloads'),
      notWhole: sum(ours, 'notWhole'),
      unexpectedExits: sum(ours, 'unexpectedExits'),
      gone: ours.filter((c) => !c.stillRunning).length,
      unchecked: ours.filter((c) => c.downloads === 0).length,
    },
  };
}

/** A Meinheld-default row against gthread and the seeds' stack, per app (NaN where one did not run). */
function meinheldFigures(s, { gthread, seeds }, rows) {
  const at = (server, app) => rows.get(server.id).endpoints[app];
  const figures = (app) => ({
    rps: at(s, app).rps,
    p99: at(s, app).p99Ms,
    vsGthread: gthread ? at(s, app).rps / at(gthread, app).rps : NaN,
    p99VsGthread: gthread ? at(s, app).p99Ms / at(gthread, app).p99Ms : NaN,
    vsSeeds: seeds ? at(s, app).rps / at(seeds, app).rps : NaN,
    // Server CPU per request: what the machine's other work barely moves (no target, a check on the above).
    cpuVsGthread: gthread ? at(s, app).cpuUsPerRequest / at(gthread, app).cpuUsPerRequest : NaN,
    cpuVsSeeds: seeds ? at(s, app).cpuUsPerRequest / at(seeds, app).cpuUsPerRequest : NaN,
  });
  return {
    id: s.id,
    label: s.label,
    python: s.python,
    target: Boolean(s.target),
    perApp: Object.fromEntries(ENDPOINTS.map(({ id: app }) => [app, figures(app)])),
  };
}

/** A server's bodies delivered short and worker exits nobody asked for, from its row's checks. */
function deliveryChecks(s, row) {
  const delivery = row.delivery ?? [];
  return {
    id: s.id,
    label: s.label,
    ourImage: Boolean(s.ourImage),
    downloads: delivery.reduce((n, c) => n + c.clients, 0),
    notWhole: delivery.reduce((n, c) => n + (c.clients - c.whole), 0),
    silent: delivery.reduce((n, c) => n + c.silent, 0),
    unexpectedExits: row.workers ? row.workers.unexpectedExits : NaN,
    stillRunning: row.workers ? row.workers.stillRunning : false,
  };
}
