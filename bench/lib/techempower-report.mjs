// The database suite's answers, from its measured rows: where our image stands against the seeds'
// stack and today's peers on the six tests, what Meinheld's one-request-per-worker costs an app that
// waits on its database, and the report (Markdown) with the targets the bench prints.
import { allMet, int, labelled, ms, ratio, ratioNear, verdict } from './figures.mjs';
import { bullets, section, table } from './markdown.mjs';
import { bestRps, deliverySection, failedServers, howEachRan, measuredServers, notAvailable, throughputCells } from './report-sections.mjs';
import { DATABASE_TESTS, TECHEMPOWER_TESTS } from './techempower.mjs';
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

/** A default row's figures on some tests ("plaintext 1.10×, JSON 0.98×"), and whether all pass. */
const onTests = (row, tests, key, format) => labelled(tests, testLabel, (t) => row.perTest[t][key], format);
const allTests = (row, tests, key, passes) =>
  allMet(
    tests.map((t) => row.perTest[t][key]),
    passes,
  );

/** The targets only Python 3.13's Meinheld has: at least the seeds' 3.9 stack's req/s and p99. */
function seedsTargets(row) {
  if (row.python !== '3.13') return [];
  return [
    {
      name: "Meinheld on 3.13 ≥ 1.0× the seeds' 3.9 stack req/s",
      measured: onTests(row, SERVER_TESTS, 'vsSeeds', ratioNear(1)),
      met: allTests(row, SERVER_TESTS, 'vsSeeds', (v) => v >= 1),
    },
    {
      name: "Meinheld on 3.13: p99 no worse than the seeds' stack",
      measured: onTests(row, SERVER_TESTS, 'p99VsSeeds', ratioNear(1)),
      met: allTests(row, SERVER_TESTS, 'p99VsSeeds', (v) => v <= 1),
    },
  ];
}

/** One default row's targets against the peers and against the best worker we ship. */
function defaultRowTargets(analysis, row) {
  const { uwsgi, granian } = analysis.references;
  const faster = allTests(row, SERVER_TESTS, 'vsUwsgi', (v) => v > 1);
  const whole = (yes) => (yes ? 'all whole' : 'NOT all whole');
  return [
    ...seedsTargets(row),
    {
      name: `${row.label}: ahead of uWSGI, every byte delivered`,
      measured: uwsgi
        ? `${onTests(row, SERVER_TESTS, 'vsUwsgi')}; our bodies ${whole(row.wholeBodies)}, uWSGI's ${whole(uwsgi.wholeBodies)}`
        : 'uWSGI did not run',
      met: faster === undefined ? undefined : faster && row.wholeBodies,
    },
    {
      name: `${row.label} / Granian (information: no target)`,
      measured: granian
        ? `req/s ${onTests(row, SERVER_TESTS, 'vsGranian')}; server CPU per request ${onTests(row, SERVER_TESTS, 'cpuVsGranian')}`
        : 'Granian did not run',
      met: undefined,
    },
    {
      name: `${row.label}: within 10 % of the best worker we ship`,
      measured: WORKER_TESTS.map(
        (t) => `${testLabel(t)} ${ratioNear(0.9)(row.perTest[t].vsBestOurs)} of ${row.perTest[t].bestOurs?.label ?? '–'}`,
      ).join('; '),
      met: allTests(row, WORKER_TESTS, 'vsBestOurs', (v) => v >= 0.9),
    },
  ];
}

/**
 * The issue's targets for this suite, each with the numbers that decide it.
 * @returns {import('./figures.mjs').Target[]}
 */
export function techempowerTargets(analysis) {
  return analysis.defaults.flatMap((row) => defaultRowTargets(analysis, row));
}

/** The ratio lines, per default row: against the seeds, Granian, uWSGI, gthread and our best row, per test. */
function ratioLinesOf(row) {
  const all = TECHEMPOWER_TESTS.map((t) => t.id);
  return [
    `${row.label} / seeds' 3.9 stack req/s: ${onTests(row, all, 'vsSeeds')}`,
    `${row.label} / Granian req/s: ${onTests(row, all, 'vsGranian')}; server CPU per request: ${onTests(row, all, 'cpuVsGranian')}`,
    `${row.label} / uWSGI (PyPI) req/s: ${onTests(row, all, 'vsUwsgi')}`,
    `${row.label} / gthread req/s (what one request per worker costs an app that waits): ${onTests(row, DATABASE_TESTS, 'vsGthread')}`,
    `${row.label} / our best row per test: ${DATABASE_TESTS.map((t) => `${testLabel(t)} ${ratio(row.perTest[t].vsBestOurs)} (${row.perTest[t].bestOurs?.label ?? '–'})`).join(', ')}`,
  ];
}

/** The closing lines: the ratio lines, then each target that has a verdict. */
export function techempowerLines(analysis) {
  const decided = techempowerTargets(analysis).filter((t) => t.met !== undefined);
  return [...analysis.defaults.flatMap(ratioLinesOf), ...decided.map((t) => `target: ${t.name}: ${t.measured} → ${verdict(t.met)}`)];
}

/** The title and the paragraphs on how the run went, the app and the database. */
function intro(meta) {
  return [
    `# Benchmark: ${meta.name} run (the six TechEmpower tests, Flask on PostgreSQL${meta.dbRttMs > 0 ? `, ${meta.dbRttMs} ms away` : ''})`,
    '',
    `${meta.date}. \`${meta.command}\` on ${meta.cores} cores (${meta.cpu}) shared by the servers, PostgreSQL ${meta.postgres} and wrk ` +
      `(load average ${meta.loadBefore} before, ${meta.loadAfter} after). All servers start first, one at a time, each answer checked once ` +
      `against the tests' requirements, and are warmed up (${meta.warmupSeconds} s); then they take turns: for each of ${meta.reps} repetition(s), ` +
      `for each test, every server in turn gets \`wrk -t1 -c${meta.connections} -d${meta.seconds}s --latency\` while the others sit idle ` +
      `(the order rotates each repetition). Each cell is the median of its repetitions; median spread of req/s between repetitions: ${meta.medianSpread}. ` +
      '**Only ratios measured side by side in this run mean anything**: the absolute figures belong to this shared machine at that hour.',
    '',
    `The app: \`bench/app-techempower/main.py\`, the same for every server: ${TECHEMPOWER_TESTS.map((t) => `${t.label} \`${t.path}\``).join(', ')}; ` +
      `psycopg ${meta.psycopg} (binary), a pool of up to 16 connections per process, kept. PostgreSQL: started by the bench on 127.0.0.1 (a temp cluster, ` +
      '10,000 World rows and 12 fortunes seeded by the bench, `synchronous_commit=off`), on the same 2 cores: its CPU is counted apart' +
      (meta.dbRttMs > 0
        ? `; every answer of the database held ${meta.dbRttMs} ms by a relay (a database a network away): measured, a query waited ${(meta.dbAddedMs ?? NaN).toFixed(2)} ms more than directly.`
        : '; queried directly over loopback (no network wait).'),
    '',
  ];
}

/** The targets; "information" rows have no verdict to give. */
function targetsSection(analysis) {
  const verdictOf = (t) => (t.met === undefined && /information/.test(t.name) ? '–' : verdict(t.met));
  return section(
    'Targets',
    table(
      ['Target', 'Measured', 'Verdict'],
      techempowerTargets(analysis).map((t) => [t.name, t.measured, verdictOf(t)]),
    ),
  );
}

// The default rows (Meinheld) stand out in bold here: they are what the suite asks about.
const name = (s) => (s.meinheldDefault ? `**${s.label}**` : s.label);
const shape = (s) => `${s.workers} × ${s.threads}`;
const TESTS = TECHEMPOWER_TESTS.map((t) => t.id);

function requestsSection(measured, rows) {
  const best = (id) => bestRps(measured, rows, id);
  return section(
    'Requests/s',
    table(
      ['Server', 'workers × threads', ...TECHEMPOWER_TESTS.map((t) => t.label), 'errors', 'RSS MB (PSS)'],
      measured.map((s) => {
        const row = rows.get(s.id);
        if (!row.ok) return [name(s), shape(s), ...TESTS.map(() => 'failed'), '–', '–'];
        return [name(s), shape(s), ...throughputCells(row, TESTS, best)];
      }),
    ),
  );
}

function latencySection(good, rows) {
  return section(
    'Latency p99 (ms)',
    table(
      ['Server', ...TECHEMPOWER_TESTS.map((t) => t.label)],
      good.map((s) => [name(s), ...TESTS.map((t) => ms(rows.get(s.id).endpoints[t].p99Ms))]),
    ),
  );
}

/** CPU per request of the server, and of PostgreSQL on the tests that query it. */
function cpuSection(good, rows) {
  const cell = (c, test) => (DATABASE_TESTS.includes(test) ? `${int(c.cpuUsPerRequest)} / ${int(c.cpuDbUsPerRequest)}` : int(c.cpuUsPerRequest));
  return section(
    'CPU per request (µs, median): the server / PostgreSQL',
    'User + system CPU time of the server’s processes (and of PostgreSQL’s) during a run, divided by the requests served: it splits ' +
      'what the HTTP server and Flask cost from what the database costs, and barely moves when other work takes the cores.',
    table(
      ['Server', ...TECHEMPOWER_TESTS.map((t) => t.label)],
      good.map((s) => [name(s), ...TESTS.map((t) => cell(rows.get(s.id).endpoints[t], t))]),
    ),
  );
}

const DELIVERY_HOW =
  'After the load, every server still running serves a 16 MB chunked stream and a 1 MB body to several slow clients at once; the bench counts ' +
  'and hashes every body (whole: status 200, every byte, the right SHA-256, whatever curl says), then reads the server’s log for worker exits nobody asked for.';

/** The Markdown report of a database-suite run. */
export function techempowerMarkdown(result) {
  const { meta, servers, rows, analysis, unavailable, notes } = result;
  const measured = measuredServers(servers, rows);
  const good = measured.filter((s) => rows.get(s.id).ok);
  return [
    ...intro(meta),
    ...targetsSection(analysis),
    ...section('Ratios', bullets(techempowerLines(analysis).filter((l) => !l.startsWith('target: ')))),
    ...requestsSection(measured, rows),
    ...latencySection(good, rows),
    ...cpuSection(good, rows),
    ...deliverySection(measured, rows, DELIVERY_HOW),
    ...failedServers(measured, rows),
    ...notAvailable(unavailable),
    ...howEachRan(notes),
  ].join('\n');
}
