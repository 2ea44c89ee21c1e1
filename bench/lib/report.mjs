// The Markdown report and the closing ratio lines, from the measured rows and the analysis.
import { TARGET_APPS } from './analysis.mjs';
import { DELIVERY_CASES } from './delivery.mjs';
import { ENDPOINTS } from './load.mjs';

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '–');
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1e6).toFixed(1) : '–');
const ratio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
const secs = (msValue) => (Number.isFinite(msValue) ? (msValue / 1000).toFixed(2) : '–');
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');

function shape(server) {
  if (server.how === 'uwsgi') return server.threads > 1 ? `${server.workers} × ${server.threads}` : `${server.workers} × 1`;
  return `${server.workers} × ${server.threads}`;
}

/** A markdown table: the first column left-aligned, the figures right-aligned. */
export function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const appLabel = (id) => ENDPOINTS.find((e) => e.id === id)?.label ?? id;
/** A ratio beside its target: a third decimal when two would round it onto the wrong side (0.845× is not 0.85×). */
export const ratioNear = (threshold) => (r) => (Number.isFinite(r) && Math.abs(r - threshold) < 0.005 ? `${r.toFixed(3)}×` : ratio(r));

/** The Meinheld speed targets (and zero short bodies on the 16 MB stream), each with the numbers that decide it. */
export function meinheldTargetList(m) {
  const list = [];
  const each = (row, key, fmt = ratio) => TARGET_APPS.map((app) => `${appLabel(app)} ${fmt(row.perApp[app][key])}`).join(', ');
  const all = (row, key, test) => {
    const values = TARGET_APPS.map((app) => row.perApp[app][key]);
    return values.every(Number.isFinite) ? values.every(test) : undefined;
  };
  for (const row of m.meinheld.filter((r) => r.target)) {
    list.push({
      name: `Meinheld default, Python ${row.python}: ≥ 1.8× ${m.gthread?.label ?? 'gthread'} req/s`,
      measured: m.gthread ? each(row, 'vsGthread', ratioNear(1.8)) : 'gthread did not run',
      met: all(row, 'vsGthread', (v) => v >= 1.8),
    });
    list.push({
      name: `Meinheld default, Python ${row.python}: p99 ≤ 0.5× gthread's`,
      measured: m.gthread ? each(row, 'p99VsGthread', ratioNear(0.5)) : 'gthread did not run',
      met: all(row, 'p99VsGthread', (v) => v <= 0.5),
    });
    list.push({
      name: `Meinheld default, Python ${row.python}: within 15% of the seeds' 3.9 stack`,
      measured: m.seeds ? each(row, 'vsSeeds', ratioNear(0.85)) : "the seeds' stack did not run",
      met: all(row, 'vsSeeds', (v) => v >= 0.85),
    });
  }
  const o = m.ours;
  list.push({
    name: 'Zero short or broken bodies (every server built from docker/)',
    measured: `${o.notWhole} of ${o.downloads} downloads not whole over ${o.servers} servers${o.unchecked ? ` (${o.unchecked} not checked)` : ''}`,
    met: o.servers > 0 && o.unchecked === 0 ? o.notWhole === 0 : undefined,
  });
  list.push({
    name: 'Zero worker crashes, no server gone (every server built from docker/)',
    measured: `${o.unexpectedExits} worker exits nobody asked for, ${o.gone} server(s) gone`,
    met: o.servers > 0 ? o.unexpectedExits === 0 && o.gone === 0 : undefined,
  });
  return list;
}

/** The targets of the issues, each with the number that decides it. */
export function targets(result) {
  const { analysis, images, rebuild, action } = result;
  const list = analysis.meinheld ? meinheldTargetList(analysis.meinheld) : [];
  const per = analysis.perEndpoint;
  const has = ENDPOINTS.every(({ id }) => per[id]);
  if (has) {
    const worstSweep = Math.min(...ENDPOINTS.map(({ id }) => per[id].vsSweep));
    list.push({
      name: 'Default within 5% of the best sweep point (each app)',
      measured: ENDPOINTS.map(({ id, label }) => `${label} ${ratio(per[id].vsSweep)} of ${per[id].bestSweep?.label ?? '–'}`).join('; '),
      met: Number.isFinite(worstSweep) ? worstSweep >= 0.95 : undefined,
    });
    const worstSync = Math.min(...ENDPOINTS.map(({ id }) => per[id].vsSync));
    list.push({
      name: 'Default ≥ 1.2× Gunicorn sync (2 × cores + 1) throughput',
      measured: ENDPOINTS.map(({ id, label }) => `${label} ${ratio(per[id].vsSync)}`).join('; '),
      met: Number.isFinite(worstSync) ? worstSync >= 1.2 : undefined,
    });
    const worstP99 = Math.max(...ENDPOINTS.map(({ id }) => per[id].p99VsBestPeer));
    list.push({
      name: 'Default p99 no worse than the peers’ (vs the peer with the lowest p99)',
      measured: ENDPOINTS.map(
        ({ id, label }) => `${label} ${ms(per[id].oursP99)} vs ${ms(per[id].lowestP99Peer?.p99)} ms (${per[id].lowestP99Peer?.label ?? '–'})`,
      ).join('; '),
      met: Number.isFinite(worstP99) ? worstP99 <= 1 : undefined,
    });
  }
  const slim = images.find((i) => i.variant === 'slim' && i.ok);
  list.push({
    name: '`slim` image ≤ 25 MB over its base',
    measured: slim ? `+${mb(slim.addedBytes)} MB (${mb(slim.size)} MB on ${slim.baseImage}, ${mb(slim.baseSize)} MB)` : 'not built',
    met: slim ? slim.addedBytes <= 25e6 : undefined,
  });
  list.push({
    name: 'Code-only rebuild: no dependency install, < 10 s',
    measured: rebuild?.ok
      ? `${secs(rebuild.timing.wallMs)} s for the whole action (docker build ${secs(rebuild.timing.buildMs)} s); pip layer ${rebuild.pipCached ? '“Using cache”' : 'RE-RUN'}`
      : `failed: ${rebuild?.error ?? 'not run'}`,
    met: rebuild?.ok ? rebuild.pipCached && rebuild.timing.wallMs < 10_000 : undefined,
  });
  const own = action.filter((a) => a.timing);
  if (own.length > 0) {
    const worst = own.reduce((a, b) => (b.timing.ownWorkMs > a.timing.ownWorkMs ? b : a));
    list.push({
      name: 'Action’s own work beyond docker commands < 1 s',
      measured: own.map((a) => `${a.what}: ${secs(a.timing.ownWorkMs)} s of ${secs(a.timing.wallMs)} s`).join('; '),
      met: worst.timing.ownWorkMs < 1000,
    });
    const lags = own.filter((a) => Number.isFinite(a.timing.probeLagMs));
    list.push({
      name: 'Probe sees the app within 250 ms of its first possible answer',
      measured: lags.length ? lags.map((a) => `${a.what}: ${ms(a.timing.probeLagMs)} ms`).join('; ') : 'the poller saw no answer',
      met: lags.length ? lags.every((a) => a.timing.probeLagMs <= 250) : undefined,
    });
  }
  return list;
}

export function markdown(result) {
  const { meta, servers, rows, analysis, images, rebuild, action, unavailable } = result;
  const out = [];
  out.push(`# Benchmark: ${meta.name} run`, '');
  out.push(
    `${meta.date}. \`${meta.command}\` on ${meta.cores} cores shared by the servers and wrk ` +
      `(load average ${meta.loadBefore} before, ${meta.loadAfter} after: other work was running too). ` +
      `Python ${meta.python}, ${meta.packages}. All servers are started first, one at a time, and warmed up ` +
      `(${meta.warmupSeconds} s); then they take turns: for each of ${meta.reps} repetition(s), for each app, every server in turn ` +
      `gets \`wrk -t1 -c${meta.connections} -d${meta.seconds}s --latency\` while the others sit idle (the order rotates each repetition). ` +
      `The tables show each cell's median run (its latencies with it); median spread of req/s between repetitions: ${meta.medianSpread}. ` +
      `Absolute numbers depend on the machine: compare ratios.`,
    '',
  );
  out.push(
    `Apps (routes of \`bench/app/main.py\`): ${ENDPOINTS.map((e) => `${e.label} \`${e.path}\``).join(', ')}; ` +
      `for the delivery check also ${DELIVERY_CASES.map((c) => `${c.label} \`${c.path}\` (${c.clients} clients at ${c.rate}B/s)`).join(' and ')}.`,
    '',
  );

  out.push('## Ratios', '');
  out.push(
    ratioLines(result)
      .map((line) => `- ${line}`)
      .join('\n'),
    '',
  );

  out.push('## Targets', '');
  out.push(
    table(
      ['Target', 'Measured', 'Verdict'],
      targets(result).map((t) => [t.name, t.measured, verdict(t.met)]),
    ),
    '',
  );

  const measured = servers.filter((s) => rows.get(s.id));
  const bestOf = (endpoint) => Math.max(...measured.filter((s) => rows.get(s.id).ok).map((s) => rows.get(s.id).endpoints[endpoint].rps));
  const cell = (server, endpoint) => {
    const row = rows.get(server.id);
    if (!row.ok) return 'failed';
    const value = row.endpoints[endpoint].rps;
    return value === bestOf(endpoint) ? `**${int(value)}**` : int(value);
  };
  out.push('## Throughput, errors, memory, start-up', '');
  out.push(
    table(
      ['Server', 'workers × threads', ...ENDPOINTS.map((e) => `${e.label} req/s`), 'errors', 'RSS sum MB (PSS)', 'run → first 200, s'],
      measured.map((s) => {
        const row = rows.get(s.id);
        const name = s.role === 'ours' ? `**${s.label}**` : s.label;
        if (!row.ok) return [name, shape(s), ...ENDPOINTS.map(() => 'failed'), '–', '–', '–'];
        const errors = ENDPOINTS.reduce((sum, e) => sum + row.endpoints[e.id].errors, 0);
        return [
          name,
          shape(s),
          ...ENDPOINTS.map((e) => cell(s, e.id)),
          int(errors),
          `${int(row.memory.rssMB)} (${int(row.memory.pssMB)})`,
          secs(row.startupMs),
        ];
      }),
    ),
    '',
  );
  out.push('## Latency p50 / p99 (ms)', '');
  out.push(
    table(
      ['Server', ...ENDPOINTS.map((e) => e.label)],
      measured.map((s) => {
        const row = rows.get(s.id);
        const name = s.role === 'ours' ? `**${s.label}**` : s.label;
        if (!row.ok) return [name, ...ENDPOINTS.map(() => 'failed')];
        return [name, ...ENDPOINTS.map((e) => `${ms(row.endpoints[e.id].p50Ms)} / ${ms(row.endpoints[e.id].p99Ms)}`)];
      }),
    ),
    '',
  );
  out.push('## Server CPU per request (µs, median; lower is better)', '');
  out.push(
    'User + system CPU time of the server’s processes during a run, divided by the requests it served. Unlike req/s, ' +
      'this barely moves when other work takes the cores, so it compares efficiency reliably on a busy machine ' +
      '(Docker’s log shipping for the access log runs outside the container’s processes and is not counted).',
    '',
  );
  out.push(
    table(
      ['Server', ...ENDPOINTS.map((e) => e.label)],
      measured
        .filter((s) => rows.get(s.id).ok)
        .map((s) => [s.role === 'ours' ? `**${s.label}**` : s.label, ...ENDPOINTS.map((e) => int(rows.get(s.id).endpoints[e.id].cpuUsPerRequest))]),
    ),
    '',
  );
  if (analysis.allRound.length > 1) {
    out.push('## All-round score of our image’s configurations', '');
    out.push(
      'Geometric mean over the four apps of req/s relative to the best configuration of our image on each app (1.00 = best on every app).',
      '',
    );
    out.push(
      table(
        ['Configuration', 'score'],
        analysis.allRound.map((p) => [
          p.id === 'ours'
            ? `**${p.label}** (${p.workers} × ${p.threads})`
            : p.id.startsWith('ours-')
              ? `${p.label} (${p.workers} × ${p.threads})`
              : p.label,
          p.score.toFixed(3),
        ]),
      ),
      '',
    );
  }
  out.push('## Bytes delivered, worker exits', '');
  out.push(
    'After the load, every server still running serves big bodies to several slow clients at once (`curl --limit-rate`), ' +
      'each body counted and hashed by the bench: a body is whole only with status 200, every byte and the right SHA-256, ' +
      'whatever curl’s exit code (“silent”: curl exited 0 on a body that was not whole). Then the server’s whole log is read: ' +
      'worker exits nobody asked for are the “Booting worker” lines beyond the first workers, or the “was sent code / SIG…” lines, whichever is more ' +
      '(uWSGI: “DAMN ! worker” / “Respawned”).',
    '',
  );
  out.push(deliveryTable(measured, rows), '');
  const failures = measured.filter((s) => !rows.get(s.id).ok);
  if (failures.length > 0) {
    out.push('## Failed servers', '');
    out.push(failures.map((s) => `- ${s.label}: ${rows.get(s.id).error}`).join('\n'), '');
  }
  out.push('## Images', '');
  out.push(
    table(
      ['Variant', 'base image', 'base MB', 'ours MB', 'added MB'],
      images.map((i) =>
        i.ok ? [i.variant, `\`${i.baseImage}\``, mb(i.baseSize), mb(i.size), mb(i.addedBytes)] : [i.variant, i.reason, '–', '–', '–'],
      ),
    ),
    '',
  );
  out.push('## The action itself', '');
  out.push(
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
    '',
  );
  out.push(
    'docker commands timed by a `docker` wrapper first on PATH; the app’s first possible answer seen by a 5 ms poller started beside `docker run`; ' +
      'probe lag = the action’s probe-seconds minus that moment (slightly overstated: the action’s clock starts just before the wrapper’s).',
    '',
  );
  if (rebuild?.ok) out.push('Rebuild log of the pip step:', '', '```', rebuild.pipStepLog, '```', '');
  if (unavailable.length > 0) {
    out.push('## Not available here', '');
    out.push(unavailable.map((u) => `- ${u.what}: ${u.reason}`).join('\n'), '');
  }
  out.push('## How each server ran', '');
  out.push(result.notes.map((n) => `- ${n}`).join('\n'), '');
  out.push('![chart](' + meta.chartName + ')', '');
  return out.join('\n');
}

const mbytes = (bytes) => (bytes / 1e6).toFixed(1);

/** One row per server: each delivery case, the worker exits, and a verdict that a short body fails. */
export function deliveryTable(servers, rows) {
  const cases = [];
  for (const s of servers) for (const c of rows.get(s.id)?.delivery ?? []) if (!cases.some((k) => k.id === c.id)) cases.push(c);
  const cell = (c) => {
    if (!c) return '–';
    if (c.whole === c.clients) return `${c.whole}/${c.clients} whole`;
    const got = c.deliveredBytes
      .filter((b) => b !== c.expectedBytes)
      .map(mbytes)
      .join(', ');
    return `**${c.clients - c.whole}/${c.clients} NOT WHOLE** (${got} MB${c.silent ? `; ${c.silent} with curl exit 0` : ''}; status ${[...new Set(c.statuses)].join('/')})`;
  };
  return table(
    ['Server', ...cases.map((c) => `${c.label}, ${c.clients} clients at ${c.rate}B/s`), 'worker boots', 'unexpected exits', 'verdict'],
    servers.map((s) => {
      const row = rows.get(s.id);
      const delivery = row.delivery ?? [];
      const w = row.workers;
      const whole = delivery.length > 0 && delivery.every((c) => c.whole === c.clients);
      const clean = w && w.unexpectedExits === 0 && w.stillRunning;
      const verdict = !w
        ? 'not checked'
        : whole && clean
          ? 'pass'
          : `**FAIL**${whole ? '' : ' (bodies)'}${clean ? '' : w.stillRunning ? ' (worker exits)' : ' (server gone)'}`;
      return [
        s.role === 'ours' ? `**${s.label}**` : s.label,
        ...cases.map((k) => cell(delivery.find((c) => c.id === k.id))),
        w ? String(w.boots) : '–',
        w ? `${w.unexpectedExits}${w.stillRunning ? '' : ' (server gone)'}` : '–',
        verdict,
      ];
    }),
  );
}

/** The Meinheld speed targets' ratio lines: each Meinheld-default row against gthread and the seeds' stack, then the checks. */
export function meinheldRatioLines(m) {
  const lines = [];
  const each = (row, key, fmt = ratio) => TARGET_APPS.map((app) => `${appLabel(app)} ${fmt(row.perApp[app][key])}`).join(', ');
  for (const row of m.meinheld) {
    const tag = row.target ? '' : ' (no target: information)';
    lines.push(`Meinheld ${row.python} / ${m.gthread?.label ?? 'gthread'} req/s: ${each(row, 'vsGthread', ratioNear(1.8))} (target ≥ 1.8×)${tag}`);
    lines.push(`Meinheld ${row.python} p99 / gthread p99: ${each(row, 'p99VsGthread', ratioNear(0.5))} (target ≤ 0.5×)${tag}`);
    lines.push(`Meinheld ${row.python} / seeds' 3.9 stack req/s: ${each(row, 'vsSeeds', ratioNear(0.85))} (target ≥ 0.85×, within 15%)${tag}`);
    lines.push(
      `Meinheld ${row.python} server CPU per request / gthread's: ${each(row, 'cpuVsGthread')}; / the seeds': ${each(row, 'cpuVsSeeds')} (no target: the machine's other work barely moves these)`,
    );
  }
  const o = m.ours;
  lines.push(
    `bodies not whole (servers built from docker/): ${o.notWhole} of ${o.downloads} (target 0); all servers: ${m.checked.map((c) => `${c.id} ${c.notWhole}/${c.downloads}`).join(', ')}`,
  );
  lines.push(
    `worker exits nobody asked for (servers built from docker/): ${o.unexpectedExits}, servers gone ${o.gone} (target 0); all servers: ${m.checked.map((c) => `${c.id} ${Number.isFinite(c.unexpectedExits) ? c.unexpectedExits : '–'}`).join(', ')}`,
  );
  return lines;
}

/**
 * The closing lines: sync, p99, CPU per request, candidates, all-round; our default against the best
 * peer and the best point of the sweep, per app; the Meinheld speed targets last (meinheldRatioLines).
 */
export function ratioLines(result) {
  const { analysis } = result;
  if (!analysis.ours) return ['our default did not run: no ratios', ...(analysis.meinheld ? meinheldRatioLines(analysis.meinheld) : [])];
  const per = analysis.perEndpoint;
  const line = (title, pick) => `${title}: ${ENDPOINTS.map(({ id, label }) => `${label} ${pick(per[id])}`).join(', ')}`;
  const lines = [
    line('ours / gunicorn sync', (p) => ratio(p.vsSync)),
    line('p99 ours / lowest peer p99', (p) => (p.lowestP99Peer ? `${ratio(p.p99VsBestPeer)} (${p.lowestP99Peer.label})` : '–')),
    line('CPU per request ours / gunicorn sync (< 1: ours leaner)', (p) => ratio(p.oursCpu / p.syncCpu)),
    line('CPU per request ours / leanest sweep point', (p) =>
      p.leanestSweep ? `${ratio(p.oursCpu / p.leanestSweep.cpu)} (${p.leanestSweep.label})` : '–',
    ),
  ];
  for (const c of analysis.candidates) {
    const cline = (title, pick) => `${c.label}: ${title}: ${ENDPOINTS.map(({ id, label }) => `${label} ${pick(c.perEndpoint[id])}`).join(', ')}`;
    lines.push(cline('vs ours default', (p) => ratio(p.vsOurs)));
    lines.push(cline('vs gunicorn sync', (p) => ratio(p.vsSync)));
    if (ENDPOINTS.some(({ id }) => Number.isFinite(c.perEndpoint[id].vsSweep))) lines.push(cline('vs best sweep point', (p) => ratio(p.vsSweep)));
  }
  const top = analysis.allRound[0];
  const oursScore = analysis.allRound.find((p) => p.id === 'ours');
  if (top && oursScore) lines.push(`all-round score: ours ${oursScore.score.toFixed(3)}, best ${top.label} ${top.score.toFixed(3)}`);
  lines.push(
    line('ours / best peer', (p) => (p.bestPeer ? `${ratio(p.vsPeer)} (${p.bestPeer.label})` : '–')),
    line('ours / best sweep point', (p) => (p.bestSweep ? `${ratio(p.vsSweep)} (${p.bestSweep.label})` : '–')),
  );
  if (analysis.meinheld) lines.push(...meinheldRatioLines(analysis.meinheld));
  return lines;
}
