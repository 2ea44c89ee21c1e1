// The database suite's answers, from its measured rows: where our image stands against the seeds'
// stack and today's peers on the six tests, what Meinheld's one-request-per-worker costs an app that
// waits on its database, and the report (Markdown) with the targets the bench prints.
import { deliveryTable, ratioNear, table } from './report.mjs';
import { DATABASE_TESTS, TECHEMPOWER_TESTS } from './techempower.mjs';

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '–');
const ratio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
const testLabel = (id) => TECHEMPOWER_TESTS.find((t) => t.id === id)?.label ?? id;

/** The CPU-bound tests, where the HTTP server's own cost shows: the issue's throughput targets. */
export const SERVER_TESTS = ['plaintext', 'json'];
/** The tests whose target is "our default within 10 % of the best worker we ship". */
export const WORKER_TESTS = ['queries', 'fortunes'];

/**
 * Ratios and verdicts from one run's rows. servers carry `id`, `label`, `ourImage`, `meinheldDefault`,
 * `python` (X.Y, for our image's rows);
 * the references are found by id: `seeds-3.9`, `granian`, `uwsgi-pypi`, `gthread`. Missing or failed
 * servers give NaN ratios and undefined verdicts, never a throw.
 * @param {any[]} servers
 * @param {Map<string, any>} rows folded rows (load.mjs foldRuns)
 */
export function techempowerAnalysis(servers, rows) {
  const ok = (s) => Boolean(s && rows.get(s.id)?.ok);
  const byId = (id) => servers.find((s) => s.id === id && ok(s));
  const cell = (s, test) => rows.get(s.id).endpoints[test];
  const rps = (s, test) => (s ? cell(s, test).rps : NaN);
  const p99 = (s, test) => (s ? cell(s, test).p99Ms : NaN);
  const cpu = (s, test) => (s ? cell(s, test).cpuUsPerRequest : NaN);
  const seeds = byId('seeds-3.9');
  const granian = byId('granian');
  const uwsgi = byId('uwsgi-pypi');
  const gthread = byId('gthread');
  const ours = servers.filter((s) => s.ourImage && ok(s));
  const defaults = ours.filter((s) => s.meinheldDefault);
  const wholeBodies = (s) => {
    const delivery = rows.get(s.id).delivery ?? [];
    return delivery.length > 0 && delivery.every((c) => c.whole === c.clients);
  };
  const best = (list, test) => list.reduce((a, b) => (rps(b, test) > rps(a, test) ? b : a), list[0]);
  // "The best worker we ship" for a default row: our image's rows on the same Python (other workers,
  // other counts), so the Python version's own cost does not count as the worker's.
  const sameImage = (s) => ours.filter((o) => o.python === s.python);
  const perDefault = defaults.map((s) => ({
    id: s.id,
    label: s.label,
    python: s.python,
    wholeBodies: wholeBodies(s),
    perTest: Object.fromEntries(
      TECHEMPOWER_TESTS.map(({ id: test }) => {
        const top = best(sameImage(s), test);
        return [
          test,
          {
            rps: rps(s, test),
            vsSeeds: rps(s, test) / rps(seeds, test),
            p99VsSeeds: p99(s, test) / p99(seeds, test),
            vsGranian: rps(s, test) / rps(granian, test),
            cpuVsGranian: cpu(s, test) / cpu(granian, test),
            vsUwsgi: rps(s, test) / rps(uwsgi, test),
            vsGthread: rps(s, test) / rps(gthread, test),
            vsBestOurs: rps(s, test) / rps(top, test),
            bestOurs: top ? { id: top.id, label: top.label } : null,
          },
        ];
      }),
    ),
  }));
  const uwsgiWhole = uwsgi ? wholeBodies(uwsgi) : undefined;
  return {
    references: {
      seeds: seeds && { id: seeds.id, label: seeds.label },
      granian: granian && { id: granian.id, label: granian.label },
      uwsgi: uwsgi && { id: uwsgi.id, label: uwsgi.label, wholeBodies: uwsgiWhole },
      gthread: gthread && { id: gthread.id, label: gthread.label },
    },
    defaults: perDefault,
  };
}

/** The issue's targets for this suite, each with the numbers that decide it. */
export function techempowerTargets(analysis) {
  const list = [];
  const each = (row, tests, key, fmt = ratio) => tests.map((t) => `${testLabel(t)} ${fmt(row.perTest[t][key])}`).join(', ');
  const all = (row, tests, key, test) => {
    const values = tests.map((t) => row.perTest[t][key]);
    return values.every(Number.isFinite) ? values.every(test) : undefined;
  };
  for (const row of analysis.defaults) {
    if (row.python === '3.13') {
      list.push({
        name: "Meinheld on 3.13 ≥ 1.0× the seeds' 3.9 stack req/s",
        measured: each(row, SERVER_TESTS, 'vsSeeds', ratioNear(1)),
        met: all(row, SERVER_TESTS, 'vsSeeds', (v) => v >= 1),
      });
      list.push({
        name: "Meinheld on 3.13: p99 no worse than the seeds' stack",
        measured: each(row, SERVER_TESTS, 'p99VsSeeds', ratioNear(1)),
        met: all(row, SERVER_TESTS, 'p99VsSeeds', (v) => v <= 1),
      });
    }
    const uwsgiRan = Boolean(analysis.references.uwsgi);
    const faster = all(row, SERVER_TESTS, 'vsUwsgi', (v) => v > 1);
    list.push({
      name: `${row.label}: ahead of uWSGI, every byte delivered`,
      measured: uwsgiRan
        ? `${each(row, SERVER_TESTS, 'vsUwsgi')}; our bodies ${row.wholeBodies ? 'all whole' : 'NOT all whole'}, uWSGI's ${analysis.references.uwsgi.wholeBodies ? 'all whole' : 'NOT all whole'}`
        : 'uWSGI did not run',
      met: faster === undefined ? undefined : faster && row.wholeBodies,
    });
    list.push({
      name: `${row.label} / Granian (information: no target)`,
      measured: analysis.references.granian
        ? `req/s ${each(row, SERVER_TESTS, 'vsGranian')}; server CPU per request ${each(row, SERVER_TESTS, 'cpuVsGranian')}`
        : 'Granian did not run',
      met: undefined,
    });
    list.push({
      name: `${row.label}: within 10 % of the best worker we ship`,
      measured: WORKER_TESTS.map(
        (t) => `${testLabel(t)} ${ratioNear(0.9)(row.perTest[t].vsBestOurs)} of ${row.perTest[t].bestOurs?.label ?? '–'}`,
      ).join('; '),
      met: all(row, WORKER_TESTS, 'vsBestOurs', (v) => v >= 0.9),
    });
  }
  return list;
}

/** The closing lines: per default row, against the seeds, Granian, uWSGI, gthread and our best row, per test. */
export function techempowerLines(analysis) {
  const lines = [];
  const per = (row, key, tests = TECHEMPOWER_TESTS.map((t) => t.id)) => tests.map((t) => `${testLabel(t)} ${ratio(row.perTest[t][key])}`).join(', ');
  for (const row of analysis.defaults) {
    lines.push(`${row.label} / seeds' 3.9 stack req/s: ${per(row, 'vsSeeds')}`);
    lines.push(`${row.label} / Granian req/s: ${per(row, 'vsGranian')}; server CPU per request: ${per(row, 'cpuVsGranian')}`);
    lines.push(`${row.label} / uWSGI (PyPI) req/s: ${per(row, 'vsUwsgi')}`);
    lines.push(`${row.label} / gthread req/s (what one request per worker costs an app that waits): ${per(row, 'vsGthread', DATABASE_TESTS)}`);
    lines.push(
      `${row.label} / our best row per test: ${DATABASE_TESTS.map((t) => `${testLabel(t)} ${ratio(row.perTest[t].vsBestOurs)} (${row.perTest[t].bestOurs?.label ?? '–'})`).join(', ')}`,
    );
  }
  for (const t of techempowerTargets(analysis).filter((x) => x.met !== undefined)) lines.push(`target: ${t.name}: ${t.measured} → ${verdict(t.met)}`);
  return lines;
}

/** The Markdown report of a database-suite run. */
export function techempowerMarkdown(result) {
  const { meta, servers, rows, analysis, unavailable, notes } = result;
  const measured = servers.filter((s) => rows.get(s.id));
  const good = measured.filter((s) => rows.get(s.id).ok);
  const name = (s) => (s.meinheldDefault ? `**${s.label}**` : s.label);
  const shape = (s) => `${s.workers} × ${s.threads}`;
  const tests = TECHEMPOWER_TESTS;
  const out = [];
  out.push(
    `# Benchmark: ${meta.name} run (the six TechEmpower tests, Flask on PostgreSQL${meta.dbRttMs > 0 ? `, ${meta.dbRttMs} ms away` : ''})`,
    '',
  );
  out.push(
    `${meta.date}. \`${meta.command}\` on ${meta.cores} cores (${meta.cpu}) shared by the servers, PostgreSQL ${meta.postgres} and wrk ` +
      `(load average ${meta.loadBefore} before, ${meta.loadAfter} after). All servers start first, one at a time, each answer checked once ` +
      `against the tests' requirements, and are warmed up (${meta.warmupSeconds} s); then they take turns: for each of ${meta.reps} repetition(s), ` +
      `for each test, every server in turn gets \`wrk -t1 -c${meta.connections} -d${meta.seconds}s --latency\` while the others sit idle ` +
      `(the order rotates each repetition). Each cell is the median of its repetitions; median spread of req/s between repetitions: ${meta.medianSpread}. ` +
      '**Only ratios measured side by side in this run mean anything**: the absolute figures belong to this shared machine at that hour.',
    '',
  );
  out.push(
    `The app: \`bench/app-techempower/main.py\`, the same for every server: ${tests.map((t) => `${t.label} \`${t.path}\``).join(', ')}; ` +
      `psycopg ${meta.psycopg} (binary), a pool of up to 16 connections per process, kept. PostgreSQL: started by the bench on 127.0.0.1 (a temp cluster, ` +
      '10,000 World rows and 12 fortunes seeded by the bench, `synchronous_commit=off`), on the same 2 cores: its CPU is counted apart' +
      (meta.dbRttMs > 0
        ? `; every answer of the database held ${meta.dbRttMs} ms by a relay (a database a network away): measured, a query waited ${(meta.dbAddedMs ?? NaN).toFixed(2)} ms more than directly.`
        : '; queried directly over loopback (no network wait).'),
    '',
  );
  out.push('## Targets', '');
  out.push(
    table(
      ['Target', 'Measured', 'Verdict'],
      techempowerTargets(analysis).map((t) => [t.name, t.measured, t.met === undefined && /information/.test(t.name) ? '–' : verdict(t.met)]),
    ),
    '',
  );
  out.push('## Ratios', '');
  out.push(
    techempowerLines(analysis)
      .filter((l) => !l.startsWith('target: '))
      .map((l) => `- ${l}`)
      .join('\n'),
    '',
  );
  const bestOf = (test) => Math.max(...good.map((s) => rows.get(s.id).endpoints[test].rps));
  out.push('## Requests/s', '');
  out.push(
    table(
      ['Server', 'workers × threads', ...tests.map((t) => t.label), 'errors', 'RSS MB (PSS)'],
      measured.map((s) => {
        const row = rows.get(s.id);
        if (!row.ok) return [name(s), shape(s), ...tests.map(() => 'failed'), '–', '–'];
        const errors = tests.reduce((sum, t) => sum + row.endpoints[t.id].errors, 0);
        return [
          name(s),
          shape(s),
          ...tests.map((t) => (row.endpoints[t.id].rps === bestOf(t.id) ? `**${int(row.endpoints[t.id].rps)}**` : int(row.endpoints[t.id].rps))),
          int(errors),
          `${int(row.memory.rssMB)} (${int(row.memory.pssMB)})`,
        ];
      }),
    ),
    '',
  );
  out.push('## Latency p99 (ms)', '');
  out.push(
    table(
      ['Server', ...tests.map((t) => t.label)],
      good.map((s) => [name(s), ...tests.map((t) => ms(rows.get(s.id).endpoints[t.id].p99Ms))]),
    ),
    '',
  );
  out.push('## CPU per request (µs, median): the server / PostgreSQL', '');
  out.push(
    'User + system CPU time of the server’s processes (and of PostgreSQL’s) during a run, divided by the requests served: it splits ' +
      'what the HTTP server and Flask cost from what the database costs, and barely moves when other work takes the cores.',
    '',
  );
  out.push(
    table(
      ['Server', ...tests.map((t) => t.label)],
      good.map((s) => [
        name(s),
        ...tests.map((t) => {
          const c = rows.get(s.id).endpoints[t.id];
          return DATABASE_TESTS.includes(t.id) ? `${int(c.cpuUsPerRequest)} / ${int(c.cpuDbUsPerRequest)}` : int(c.cpuUsPerRequest);
        }),
      ]),
    ),
    '',
  );
  out.push('## Bytes delivered, worker exits', '');
  out.push(
    'After the load, every server still running serves a 16 MB chunked stream and a 1 MB body to several slow clients at once; the bench counts ' +
      'and hashes every body (whole: status 200, every byte, the right SHA-256, whatever curl says), then reads the server’s log for worker exits nobody asked for.',
    '',
  );
  out.push(deliveryTable(measured, rows), '');
  const failures = measured.filter((s) => !rows.get(s.id).ok);
  if (failures.length > 0) out.push('## Failed servers', '', failures.map((s) => `- ${s.label}: ${rows.get(s.id).error}`).join('\n'), '');
  if (unavailable.length > 0) out.push('## Not available here', '', unavailable.map((u) => `- ${u.what}: ${u.reason}`).join('\n'), '');
  out.push('## How each server ran', '', notes.map((n) => `- ${n}`).join('\n'), '');
  return out.join('\n');
}
