import { describe, expect, it } from 'vitest';
import { meinheldTargets } from '../../../bench/lib/analysis.mjs';
import { meinheldTargetList } from '../../../bench/lib/report.mjs';

describe('meinheldTargets', () => {
  it('ratios against gthread and the seeds, and the checks over our images only', () => {
    const endpoints = (rps: number, p99: number) => Object.fromEntries(['hello', 'json', 'io', '1mb'].map((id) => [id, { rps, p99Ms: p99 }]));
    const checks = (notWhole: number, exits: number) => ({
      delivery: [{ id: 'stream', clients: 4, whole: 4 - notWhole, silent: notWhole }],
      workers: { boots: 4 + exits, unexpectedExits: exits, stillRunning: true },
    });
    const servers = [
      { id: 'ours', label: 'ours 3.11', python: '3.11', meinheldDefault: true, target: true, ourImage: true },
      { id: 'ours-3.9', label: 'ours 3.9', python: '3.9', meinheldDefault: true, ourImage: true },
      { id: 'gthread', label: 'gthread 4×16', ourImage: true },
      { id: 'seeds-3.9', label: 'seeds' },
      { id: 'uwsgi-5p', label: 'uWSGI' },
    ];
    const rows = new Map([
      ['ours', { ok: true, endpoints: endpoints(18000, 4), ...checks(0, 0) }],
      ['ours-3.9', { ok: true, endpoints: endpoints(19000, 3), ...checks(0, 0) }],
      ['gthread', { ok: true, endpoints: endpoints(8000, 20), ...checks(0, 0) }],
      ['seeds-3.9', { ok: true, endpoints: endpoints(20000, 3), ...checks(0, 2) }],
      ['uwsgi-5p', { ok: true, endpoints: endpoints(9000, 10), ...checks(1, 0) }],
    ]);
    const m = meinheldTargets(servers, rows);
    expect(m.meinheld.length).toBe(2);
    expect(m.meinheld[0]!.perApp.hello.vsGthread).toBe(18000 / 8000);
    expect(m.meinheld[0]!.perApp.json.p99VsGthread).toBe(4 / 20);
    expect(m.meinheld[0]!.perApp.hello.vsSeeds).toBe(0.9);
    // The peers' short body and crashes are reported, not counted against our images.
    expect(m.ours).toEqual({ servers: 3, downloads: 12, notWhole: 0, unexpectedExits: 0, gone: 0, unchecked: 0 });
    const verdicts = meinheldTargetList(m).map((t) => t.met);
    expect(verdicts).toEqual([true, true, true, true, true]); // 2.25×, 0.2×, 0.9×, no short body, no crash
    rows.set('ours', { ...rows.get('ours')!, ...checks(1, 1) });
    const after = meinheldTargetList(meinheldTargets(servers, rows)).map((t) => t.met);
    expect(after.slice(-2)).toEqual([false, false]);
  });
});
