// The parts of a run's report that the classic and the database suites share: the servers'
// throughput cells, the delivery check's table, and the closing sections.
import { int, mb } from './figures.mjs';
import { bullets, section, table } from './markdown.mjs';

/** Our default's rows stand out in bold. */
export const serverName = (s) => (s.role === 'ours' ? `**${s.label}**` : s.label);

/** The servers that got a row (started, or failed to), in the order they were lined up. */
export const measuredServers = (servers, rows) => servers.filter((s) => rows.get(s.id));

/** The highest req/s on an app over the servers whose load ran, to set that cell in bold. */
export const bestRps = (servers, rows, id) => Math.max(...servers.filter((s) => rows.get(s.id).ok).map((s) => rows.get(s.id).endpoints[id].rps));

/**
 * A measured row's throughput cells: req/s per app (the best in bold), errors over every app, memory.
 * @param {any} row
 * @param {string[]} ids the apps (or tests), in the table's order
 * @param {(id: string) => number} best the best req/s of each app
 */
export function throughputCells(row, ids, best) {
  const rps = (id) => row.endpoints[id].rps;
  return [
    ...ids.map((id) => (rps(id) === best(id) ? `**${int(rps(id))}**` : int(rps(id)))),
    int(ids.reduce((sum, id) => sum + row.endpoints[id].errors, 0)),
    `${int(row.memory.rssMB)} (${int(row.memory.pssMB)})`,
  ];
}

/** One delivery case's cell: whole, or how many were not and what they got. */
function deliveryCell(c) {
  if (!c) return '–';
  if (c.whole === c.clients) return `${c.whole}/${c.clients} whole`;
  const got = c.deliveredBytes
    .filter((b) => b !== c.expectedBytes)
    .map(mb)
    .join(', ');
  return `**${c.clients - c.whole}/${c.clients} NOT WHOLE** (${got} MB${c.silent ? `; ${c.silent} with curl exit 0` : ''}; status ${[...new Set(c.statuses)].join('/')})`;
}

/** A server passes the delivery check when every body came whole and no worker exited unasked. */
export function deliveryVerdict(row) {
  const w = row.workers;
  if (!w) return 'not checked';
  const delivery = row.delivery ?? [];
  const whole = delivery.length > 0 && delivery.every((c) => c.whole === c.clients);
  const clean = w.unexpectedExits === 0 && w.stillRunning;
  if (whole && clean) return 'pass';
  return `**FAIL**${whole ? '' : ' (bodies)'}${clean ? '' : w.stillRunning ? ' (worker exits)' : ' (server gone)'}`;
}

/** One row per server: each delivery case, the worker exits, and a verdict that a short body fails. */
export function deliveryTable(servers, rows) {
  const cases = [];
  for (const s of servers) for (const c of rows.get(s.id)?.delivery ?? []) if (!cases.some((k) => k.id === c.id)) cases.push(c);
  return table(
    ['Server', ...cases.map((c) => `${c.label}, ${c.clients} clients at ${c.rate}B/s`), 'worker boots', 'unexpected exits', 'verdict'],
    servers.map((s) => {
      const row = rows.get(s.id);
      const delivery = row.delivery ?? [];
      const w = row.workers;
      return [
        serverName(s),
        ...cases.map((k) => deliveryCell(delivery.find((c) => c.id === k.id))),
        w ? String(w.boots) : '–',
        w ? `${w.unexpectedExits}${w.stillRunning ? '' : ' (server gone)'}` : '–',
        deliveryVerdict(row),
      ];
    }),
  );
}

/** The delivery check's section; `how` says how the suite checked (its cases differ). */
export const deliverySection = (servers, rows, how) => section('Bytes delivered, worker exits', how, deliveryTable(servers, rows));

/** Why each server that failed did (nothing when none did). */
export function failedServers(servers, rows) {
  const failures = servers.filter((s) => !rows.get(s.id).ok);
  return failures.length > 0 ? section('Failed servers', bullets(failures.map((s) => `${s.label}: ${rows.get(s.id).error}`))) : [];
}

/** What could not run on this machine and why (nothing when everything ran). */
export const notAvailable = (unavailable) =>
  unavailable.length > 0 ? section('Not available here', bullets(unavailable.map((u) => `${u.what}: ${u.reason}`))) : [];

export const howEachRan = (notes) => section('How each server ran', bullets(notes));
