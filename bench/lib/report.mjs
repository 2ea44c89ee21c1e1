// The classic suite's report (Markdown), its targets and the closing ratio lines, from the measured
// rows and the analysis. Pure: text from data; the bench writes and prints it.
import { TARGET_APPS } from './analysis.mjs';
import { DELIVERY_CASES } from './delivery.mjs';
import { allMet, int, labelled, mb, ms, ratio, ratioNear, secs, verdict } from './figures.mjs';
import { ENDPOINTS } from './load.mjs';
import { bullets, section, table } from './markdown.mjs';
import {
  bestRps,
  deliverySection,
  failedServers,
  howEachRan,
  measuredServers,
  notAvailable,
  serverName,
  throughputCells,
} from './report-sections.mjs';

const APPS = ENDPOINTS.map((e) => e.id);
const appLabel = (id) => ENDPOINTS.find((e) => e.id === id)?.label ?? id;

function shape(server) {
  if (server.how === 'uwsgi') return server.threads > 1 ? `${server.workers} × ${server.threads}` : `${server.workers} × 1`;
  return `${server.workers} × ${server.threads}`;
}

/** A Meinheld row's figures on the target apps ("plaintext 2.10×, JSON 1.95×"), and whether all pass. */
const onTargetApps = (row, key, format) => labelled(TARGET_APPS, appLabel, (app) => row.perApp[app][key], format);
const allTargetApps = (row, key, passes) =>
  allMet(
    TARGET_APPS.map((app) => row.perApp[app][key]),
    passes,
  );

/** One Meinheld-default row's three speed targets: against gthread (req/s, p99) and the seeds' stack. */
function meinheldRowTargets(m, row) {
  return [
    {
      name: `Meinheld default, Python ${row.python}: ≥ 1.8× ${m.gthread?.label ?? 'gthread'} req/s`,
      measured: m.gthread ? onTargetApps(row, 'vsGthread', ratioNear(1.8)) : 'gthread did not run',
      met: allTargetApps(row, 'vsGthread', (v) => v >= 1.8),
    },
    {
      name: `Meinheld default, Python ${row.python}: p99 ≤ 0.5× gthread's`,
      measured: m.gthread ? onTargetApps(row, 'p99VsGthread', ratioNear(0.5)) : 'gthread did not run',
      met: allTargetApps(row, 'p99VsGthread', (v) => v <= 0.5),
    },
    {
      name: `Meinheld default, Python ${row.python}: within 15% of the seeds' 3.9 stack`,
      measured: m.seeds ? onTargetApps(row, 'vsSeeds', ratioNear(0.85)) : "the seeds' stack did not run",
      met: allTargetApps(row, 'vsSeeds', (v) => v >= 0.85),
    },
  ];
}

/**
 * The Meinheld speed targets (and zero short bodies on the 16 MB stream), each with the numbers that decide it.
 * @returns {import('./figures.mjs').Target[]}
 */
export function meinheldTargetList(m) {
  const o = m.ours;
  return [
    ...m.meinheld.filter((r) => r.target).flatMap((row) => meinheldRowTargets(m, row)),
    {
      name: 'Zero short or broken bodies (every server built from docker/)',
      measured: `${o.notWhole} of ${o.downloads} downloads not whole over ${o.servers} servers${o.unchecked ? ` (${o.unchecked} not checked)` : ''}`,
      met: o.servers > 0 && o.unchecked === 0 ? o.notWhole === 0 : undefined,
    },
    {
      name: 'Zero worker crashes, no server gone (every server built from docker/)',
      measured: `${o.unexpectedExits} worker exits nobody asked for, ${o.gone} server(s) gone`,
      met: o.servers > 0 ? o.unexpectedExits === 0 && o.gone === 0 : undefined,
    },
  ];
}

/** Our default against the sweep, Gunicorn sync and the peers' p99, on every app (only when all apps have figures). */
function defaultTargets(per) {
  if (!ENDPOINTS.every(({ id }) => per[id])) return [];
  const worst = (pick, pickWorst) => pickWorst(...ENDPOINTS.map(({ id }) => pick(per[id])));
  const worstSweep = worst((p) => p.vsSweep, Math.min);
  const worstSync = worst((p) => p.vsSync, Math.min);
  const worstP99 = worst((p) => p.p99VsBestPeer, Math.max);
  const perApp = (text) => ENDPOINTS.map(({ id, label }) => `${label} ${text(per[id])}`).join('; ');
  return [
    {
      name: 'Default within 5% of the best sweep point (each app)',
      measured: perApp((p) => `${ratio(p.vsSweep)} of ${p.bestSweep?.label ?? '–'}`),
      met: Number.isFinite(worstSweep) ? worstSweep >= 0.95 : undefined,
    },
    {
      name: 'Default ≥ 1.2× Gunicorn sync (2 × cores + 1) throughput',
      measured: perApp((p) => ratio(p.vsSync)),
      met: Number.isFinite(worstSync) ? worstSync >= 1.2 : undefined,
    },
    {
      name: 'Default p99 no worse than the peers’ (vs the peer with the lowest p99)',
      measured: perApp((p) => `${ms(p.oursP99)} vs ${ms(p.lowestP99Peer?.p99)} ms (${p.lowestP99Peer?.label ?? '–'})`),
      met: Number.isFinite(worstP99) ? worstP99 <= 1 : undefined,
    },
  ];
}

/** The image's size over its base and the code-only rebuild. */
function imageTargets(images, rebuild) {
  const slim = images.find((i) => i.variant === 'slim' && i.ok);
  return [
    {
      name: '`slim` image ≤ 25 MB over its base',
      measured: slim ? `+${mb(slim.addedBytes)} MB (${mb(slim.size)} MB on ${slim.baseImage}, ${mb(slim.baseSize)} MB)` : 'not built',
      met: slim ? slim.addedBytes <= 25e6 : undefined,
    },
    {
      name: 'Code-only rebuild: no dependency install, < 10 s',
      measured: rebuild?.ok
        ? `${secs(rebuild.timing.wallMs)} s for the whole action (docker build ${secs(rebuild.timing.buildMs)} s); pip layer ${rebuild.pipCached ? '“Using cache”' : 'RE-RUN'}`
        : `failed: ${rebuild?.error ?? 'not run'}`,
      met: rebuild?.ok ? rebuild.pipCached && rebuild.timing.wallMs < 10_000 : undefined,
    },
  ];
}

/** The action's own work (beyond docker) and its probe's lag, over the builds the wrapper timed. */
function actionTargets(action) {
  const own = action.filter((a) => a.timing);
  if (own.length === 0) return [];
  const worst = own.reduce((a, b) => (b.timing.ownWorkMs > a.timing.ownWorkMs ? b : a));
  const lags = own.filter((a) => Number.isFinite(a.timing.probeLagMs));
  return [
    {
      name: 'Action’s own work beyond docker commands < 1 s',
      measured: own.map((a) => `${a.what}: ${secs(a.timing.ownWorkMs)} s of ${secs(a.timing.wallMs)} s`).join('; '),
      met: worst.timing.ownWorkMs < 1000,
    },
    {
      name: 'Probe sees the app within 250 ms of its first possible answer',
      measured: lags.length ? lags.map((a) => `${a.what}: ${ms(a.timing.probeLagMs)} ms`).join('; ') : 'the poller saw no answer',
      met: lags.length ? lags.every((a) => a.timing.probeLagMs <= 250) : undefined,
    },
  ];
}

/**
 * The targets of the issues, each with the number that decides it.
 * @returns {import('./figures.mjs').Target[]}
 */
export function targets({ analysis, images, rebuild, action }) {
  return [
    ...(analysis.meinheld ? meinheldTargetList(analysis.meinheld) : []),
    ...defaultTargets(analysis.perEndpoint),
    ...imageTargets(images, rebuild),
    ...actionTargets(action),
  ];
}

/** The title and the paragraphs on how the run went and what the apps are. */
function intro(meta) {
  return [
    `# Benchmark: ${meta.name} run`,
    '',
    `${meta.date}. \`${meta.command}\` on ${meta.cores} cores shared by the servers and wrk ` +
      `(load average ${meta.loadBefore} before, ${meta.loadAfter} after: other work was running too). ` +
      `Python ${meta.python}, ${meta.packages}. All servers are started first, one at a time, and warmed up ` +
      `(${meta.warmupSeconds} s); then they take turns: for each of ${meta.reps} repetition(s), for each app, every server in turn ` +
      `gets \`wrk -t1 -c${meta.connections} -d${meta.seconds}s --latency\` while the others sit idle (the order rotates each repetition). ` +
      `The tables show each cell's median run by req/s, and each latency percentile as the median of the repetitions' own; median spread of req/s between repetitions: ${meta.medianSpread}. ` +
      `Absolute numbers depend on the machine: compare ratios.`,
    '',
    `Apps (routes of \`bench/app/main.py\`): ${ENDPOINTS.map((e) => `${e.label} \`${e.path}\``).join(', ')}; ` +
      `for the delivery check also ${DELIVERY_CASES.map((c) => `${c.label} \`${c.path}\` (${c.clients} clients at ${c.rate}B/s)`).join(' and ')}.`,
    '',
  ];
}

/** Req/s per app (the best in bold), errors, memory and start-up, one row per server. */
function throughputSection(measured, rows) {
  const best = (id) => bestRps(measured, rows, id);
  return section(
    'Throughput, errors, memory, start-up',
    table(
      ['Server', 'workers × threads', ...ENDPOINTS.map((e) => `${e.label} req/s`), 'errors', 'RSS sum MB (PSS)', 'run → first 200, s'],
      measured.map((s) => {
        const row = rows.get(s.id);
        if (!row.ok) return [serverName(s), shape(s), ...ENDPOINTS.map(() => 'failed'), '–', '–', '–'];
        return [serverName(s), shape(s), ...throughputCells(row, APPS, best), secs(row.startupMs)];
      }),
    ),
  );
}

function latencySection(measured, rows) {
  const cells = (row) => ENDPOINTS.map((e) => (row.ok ? `${ms(row.endpoints[e.id].p50Ms)} / ${ms(row.endpoints[e.id].p99Ms)}` : 'failed'));
  return section(
    'Latency p50 / p99 (ms)',
    table(
      ['Server', ...ENDPOINTS.map((e) => e.label)],
      measured.map((s) => [serverName(s), ...cells(rows.get(s.id))]),
    ),
  );
}

function cpuSection(measured, rows) {
  return section(
    'Server CPU per request (µs, median; lower is better)',
    'User + system CPU time of the server’s processes during a run, divided by the requests it served. Unlike req/s, ' +
      'this barely moves when other work takes the cores, so it compares efficiency reliably on a busy machine ' +
      '(Docker’s log shipping for the access log runs outside the container’s processes and is not counted).',
    table(
      ['Server', ...ENDPOINTS.map((e) => e.label)],
      measured
        .filter((s) => rows.get(s.id).ok)
        .map((s) => [serverName(s), ...ENDPOINTS.map((e) => int(rows.get(s.id).endpoints[e.id].cpuUsPerRequest))]),
    ),
  );
}

/** The all-round score, when there is more than our default to compare. */
function allRoundSection(allRound) {
  if (allRound.length <= 1) return [];
  const name = (p) =>
    p.id === 'ours'
      ? `**${p.label}** (${p.workers} × ${p.threads})`
      : p.id.startsWith('ours-')
        ? `${p.label} (${p.workers} × ${p.threads})`
        : p.label;
  return section(
    'All-round score of our image’s configurations',
    'Geometric mean over the four apps of req/s relative to the best configuration of our image on each app (1.00 = best on every app).',
    table(
      ['Configuration', 'score'],
      allRound.map((p) => [name(p), p.score.toFixed(3)]),
    ),
  );
}

const DELIVERY_HOW =
  'After the load, every server still running serves big bodies to several slow clients at once (`curl --limit-rate`), ' +
  'each body counted and hashed by the bench: a body is whole only with status 200, every byte and the right SHA-256, ' +
  'whatever curl’s exit code (“silent”: curl exited 0 on a body that was not whole). Then the server’s whole log is read: ' +
  'worker exits nobody asked for are the “Booting worker” lines beyond the first workers, or the “was sent code / SIG…” lines, whichever is more ' +
  '(uWSGI: “DAMN ! worker” / “Respawned”).';

function imagesSection(images) {
  return section(
    'Images',
    table(
      ['Variant', 'base image', 'base MB', 'ours MB', 'added MB'],
      images.map((i) =>
        i.ok ? [i.variant, `\`${i.baseImage}\``, mb(i.baseSize), mb(i.size), mb(i.addedBytes)] : [i.variant, i.reason, '–', '–', '–'],
      ),
    ),
  );
}

/** How the action's builds spent their time, and the code-only rebuild's pip step. */
function actionSection(action, rebuild) {
  return [
    ...section(
      'The action itself',
      table(
        ['Build', 'CLI wall s', 'docker commands s', 'waiting for the app s', 'probe lag ms', 'own work s'],
        action
          .filter((a) => a.timing)
          .map((a) => [
            a.what,
            secs(a.timing.wallMs),
            `${secs(a.timing.dockerMs)} (${a.timing.dockerCommands})`,
            secs(a.timing.appStartMs),
            ms(a.timing.probeLagMs),
            secs(a.timing.ownWorkMs),
          ]),
      ),
      'docker commands timed by a `docker` wrapper first on PATH; the app’s first possible answer seen by a 5 ms poller started beside `docker run`; ' +
        'probe lag = the action’s probe-seconds minus that moment (slightly overstated: the action’s clock starts just before the wrapper’s).',
    ),
    ...(rebuild?.ok ? ['Rebuild log of the pip step:', '', '```', rebuild.pipStepLog, '```', ''] : []),
  ];
}

/** The classic suite's report: how it ran, the ratios and targets, every table, then how each server ran. */
export function markdown(result) {
  const { meta, servers, rows, analysis, images, rebuild, action, unavailable, notes } = result;
  const measured = measuredServers(servers, rows);
  return [
    ...intro(meta),
    ...section('Ratios', bullets(ratioLines(result))),
    ...section(
      'Targets',
      table(
        ['Target', 'Measured', 'Verdict'],
        targets(result).map((t) => [t.name, t.measured, verdict(t.met)]),
      ),
    ),
    ...throughputSection(measured, rows),
    ...latencySection(measured, rows),
    ...cpuSection(measured, rows),
    ...allRoundSection(analysis.allRound),
    ...deliverySection(measured, rows, DELIVERY_HOW),
    ...failedServers(measured, rows),
    ...imagesSection(images),
    ...actionSection(action, rebuild),
    ...notAvailable(unavailable),
    ...howEachRan(notes),
    `![chart](${meta.chartName})`,
    '',
  ].join('\n');
}

/** The Meinheld speed targets' ratio lines: each Meinheld-default row against gthread and the seeds' stack, then the checks. */
export function meinheldRatioLines(m) {
  const lines = m.meinheld.flatMap((row) => {
    const tag = row.target ? '' : ' (no target: information)';
    return [
      `Meinheld ${row.python} / ${m.gthread?.label ?? 'gthread'} req/s: ${onTargetApps(row, 'vsGthread', ratioNear(1.8))} (target ≥ 1.8×)${tag}`,
      `Meinheld ${row.python} p99 / gthread p99: ${onTargetApps(row, 'p99VsGthread', ratioNear(0.5))} (target ≤ 0.5×)${tag}`,
      `Meinheld ${row.python} / seeds' 3.9 stack req/s: ${onTargetApps(row, 'vsSeeds', ratioNear(0.85))} (target ≥ 0.85×, within 15%)${tag}`,
      `Meinheld ${row.python} server CPU per request / gthread's: ${onTargetApps(row, 'cpuVsGthread')}; / the seeds': ${onTargetApps(row, 'cpuVsSeeds')} (no target: the machine's other work barely moves these)`,
    ];
  });
  const o = m.ours;
  const exits = (c) => (Number.isFinite(c.unexpectedExits) ? c.unexpectedExits : '–');
  return [
    ...lines,
    `bodies not whole (servers built from docker/): ${o.notWhole} of ${o.downloads} (target 0); all servers: ${m.checked.map((c) => `${c.id} ${c.notWhole}/${c.downloads}`).join(', ')}`,
    `worker exits nobody asked for (servers built from docker/): ${o.unexpectedExits}, servers gone ${o.gone} (target 0); all servers: ${m.checked.map((c) => `${c.id} ${exits(c)}`).join(', ')}`,
  ];
}

/** A candidate's ratio lines: against our default, Gunicorn sync and (when there was one) the best sweep point. */
function candidateLines(c) {
  const line = (title, pick) => `${c.label}: ${title}: ${ENDPOINTS.map(({ id, label }) => `${label} ${pick(c.perEndpoint[id])}`).join(', ')}`;
  const hasSweep = ENDPOINTS.some(({ id }) => Number.isFinite(c.perEndpoint[id].vsSweep));
  return [
    line('vs ours default', (p) => ratio(p.vsOurs)),
    line('vs gunicorn sync', (p) => ratio(p.vsSync)),
    ...(hasSweep ? [line('vs best sweep point', (p) => ratio(p.vsSweep))] : []),
  ];
}

/**
 * The closing lines: sync, p99, CPU per request, candidates, all-round; our default against the best
 * peer and the best point of the sweep, per app; the Meinheld speed targets last (meinheldRatioLines).
 */
export function ratioLines({ analysis }) {
  const meinheld = analysis.meinheld ? meinheldRatioLines(analysis.meinheld) : [];
  if (!analysis.ours) return ['our default did not run: no ratios', ...meinheld];
  const per = analysis.perEndpoint;
  const line = (title, pick) => `${title}: ${ENDPOINTS.map(({ id, label }) => `${label} ${pick(per[id])}`).join(', ')}`;
  const top = analysis.allRound[0];
  const oursScore = analysis.allRound.find((p) => p.id === 'ours');
  return [
    line('ours / gunicorn sync', (p) => ratio(p.vsSync)),
    line('p99 ours / lowest peer p99', (p) => (p.lowestP99Peer ? `${ratio(p.p99VsBestPeer)} (${p.lowestP99Peer.label})` : '–')),
    line('CPU per request ours / gunicorn sync (< 1: ours leaner)', (p) => ratio(p.oursCpu / p.syncCpu)),
    line('CPU per request ours / leanest sweep point', (p) =>
      p.leanestSweep ? `${ratio(p.oursCpu / p.leanestSweep.cpu)} (${p.leanestSweep.label})` : '–',
    ),
    ...analysis.candidates.flatMap(candidateLines),
    ...(top && oursScore ? [`all-round score: ours ${oursScore.score.toFixed(3)}, best ${top.label} ${top.score.toFixed(3)}`] : []),
    line('ours / best peer', (p) => (p.bestPeer ? `${ratio(p.vsPeer)} (${p.bestPeer.label})` : '–')),
    line('ours / best sweep point', (p) => (p.bestSweep ? `${ratio(p.vsSweep)} (${p.bestSweep.label})` : '–')),
    ...meinheld,
  ];
}
