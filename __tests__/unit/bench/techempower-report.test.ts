import { describe, expect, it } from 'vitest';
import { foldRuns } from '../../../bench/lib/load.mjs';
import { TECHEMPOWER_TESTS } from '../../../bench/lib/techempower.mjs';
import { techempowerAnalysis, techempowerMarkdown, techempowerTargets } from '../../../bench/lib/techempower-report.mjs';

type Cell = { rps: number; p99Ms: number; cpuUsPerRequest: number; cpuDbUsPerRequest?: number; errors: number };
const cells = (f: (test: string) => Partial<Cell>) =>
  Object.fromEntries(
    TECHEMPOWER_TESTS.map(({ id }) => [id, { rps: 1000, p99Ms: 10, cpuUsPerRequest: 100, cpuDbUsPerRequest: 50, errors: 0, ...f(id) }]),
  );
const checks = (whole = true) => ({
  delivery: [{ id: 'stream', label: 'stream', clients: 6, whole: whole ? 6 : 3, silent: whole ? 0 : 3, deliveredBytes: [], statuses: [200] }],
  workers: { boots: 4, unexpectedExits: 0, stillRunning: true },
  memory: { rssMB: 100, pssMB: 50 },
});

const servers = [
  { id: 'ours', label: 'ours 3.11', python: '3.11', meinheldDefault: true, ourImage: true, workers: 4, threads: 1 },
  { id: 'ours-3.13', label: 'ours 3.13', python: '3.13', meinheldDefault: true, ourImage: true, workers: 4, threads: 1 },
  { id: 'gthread', label: 'gthread 4×16', python: '3.11', ourImage: true, workers: 4, threads: 16 },
  { id: 'meinheld-16w', label: 'meinheld 16w', python: '3.13', ourImage: true, role: 'sweep', workers: 16, threads: 1 },
  { id: 'seeds-3.9', label: 'seeds', workers: 4, threads: 1 },
  { id: 'granian', label: 'Granian', workers: 2, threads: 1 },
  { id: 'uwsgi-pypi', label: 'uWSGI', workers: 4, threads: 4 },
];

function rowsWith(overrides: Record<string, ReturnType<typeof cells>>, uwsgiWhole = false) {
  const base = (id: string) => ({ ok: true, endpoints: overrides[id] ?? cells(() => ({})), ...checks(id === 'uwsgi-pypi' ? uwsgiWhole : true) });
  return new Map<string, Record<string, unknown>>(servers.map((s) => [s.id, base(s.id)]));
}

describe('techempowerAnalysis', () => {
  it('each default against the seeds, the peers, gthread and our best row', () => {
    const rows = rowsWith({
      'ours-3.13': cells((t) => (t === 'plaintext' ? { rps: 1100, p99Ms: 8 } : t === 'queries' ? { rps: 300 } : {})),
      'meinheld-16w': cells((t) => (t === 'queries' ? { rps: 1200 } : { rps: 900 })),
      granian: cells(() => ({ rps: 2000, cpuUsPerRequest: 40 })),
      'uwsgi-pypi': cells(() => ({ rps: 800 })),
    });
    const a = techempowerAnalysis(servers, rows);
    const d313 = a.defaults.find((d) => d.id === 'ours-3.13')!;
    expect(d313.perTest.plaintext).toMatchObject({ vsSeeds: 1.1, p99VsSeeds: 0.8, vsGranian: 0.55, cpuVsGranian: 2.5, vsUwsgi: 1.375 });
    expect(d313.perTest.queries!.vsBestOurs).toBe(0.25);
    expect(d313.perTest.queries!.bestOurs!.id).toBe('meinheld-16w');
    // Only rows of the same Python count: 3.11's best is its own image's, not the 3.13 sweep point.
    expect(a.defaults.find((d) => d.id === 'ours')!.perTest.queries!.bestOurs!.id).toBe('ours');
    const verdicts = Object.fromEntries(techempowerTargets(a).map((t) => [t.name, t.met]));
    expect(verdicts["Meinheld on 3.13 ≥ 1.0× the seeds' 3.9 stack req/s"]).toBe(true); // 1.1× and 1.0×
    expect(verdicts["Meinheld on 3.13: p99 no worse than the seeds' stack"]).toBe(true);
    expect(verdicts['ours 3.13: ahead of uWSGI, every byte delivered']).toBe(true);
    expect(verdicts['ours 3.13: within 10 % of the best worker we ship']).toBe(false);
    expect(verdicts['ours 3.13 / Granian (information: no target)']).toBe(undefined);
  });

  it('a peer that did not run gives no verdict, not a failure', () => {
    const rows = rowsWith({});
    rows.set('uwsgi-pypi', { ok: false, error: 'did not start' });
    const targets = techempowerTargets(techempowerAnalysis(servers, rows));
    expect(targets.find((t) => t.name === 'ours 3.11: ahead of uWSGI, every byte delivered')).toMatchObject({
      measured: 'uWSGI did not run',
      met: undefined,
    });
  });

  it('the report names every server and splits server from database CPU', () => {
    const rows = rowsWith({});
    const meta = {
      name: 'techempower-quick',
      date: 'd',
      command: 'c',
      cores: 2,
      cpu: 'x',
      postgres: '15',
      loadBefore: '1',
      loadAfter: '1',
      warmupSeconds: 1,
      reps: 1,
      connections: 32,
      seconds: 2,
      medianSpread: 'n/a',
      psycopg: '3.3.9',
    };
    const text = techempowerMarkdown({ meta, servers, rows, analysis: techempowerAnalysis(servers, rows), unavailable: [], notes: ['n'] });
    for (const s of servers) expect(text).toContain(s.label);
    expect(text).toContain('| 100 / 50 |');
  });
});

describe('foldRuns', () => {
  it("keeps the database's CPU per request when it was counted", () => {
    const run = (rps: number, db: number) => ({ rps, p99Ms: 1, errors: 0, cpuUsPerRequest: 10, cpuDbUsPerRequest: db });
    const folded = foldRuns({ ok: true, startupMs: 1, memory: {}, endpoints: { db: [run(3, 30), run(1, 10), run(2, 20)] } }, [
      { id: 'db', path: '/db', label: '1 query' },
    ]);
    expect(folded.ok && folded.endpoints.db).toMatchObject({ rps: 2, cpuDbUsPerRequest: 20 });
  });

  it("gives each latency percentile as the median of the repetitions' own, not the median-throughput run's", () => {
    const run = (rps: number, p50Ms: number, p99Ms: number) => ({ rps, p50Ms, p99Ms, errors: 0, cpuUsPerRequest: 10 });
    // The median-throughput run (rps 2) had the worst tail of the three.
    const folded = foldRuns({ ok: true, startupMs: 1, memory: {}, endpoints: { hello: [run(3, 1, 10), run(2, 3, 90), run(1, 2, 20)] } }, [
      { id: 'hello', path: '/', label: 'plaintext' },
    ]);
    expect(folded.ok && folded.endpoints.hello).toMatchObject({ rps: 2, p50Ms: 2, p99Ms: 20 });
  });
});
