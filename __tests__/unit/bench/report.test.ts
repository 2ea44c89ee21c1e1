import { describe, expect, it } from 'vitest';
import { analyze } from '../../../bench/lib/analysis.mjs';
import { ratioNear } from '../../../bench/lib/figures.mjs';
import { ENDPOINTS } from '../../../bench/lib/load.mjs';
import { markdown, ratioLines } from '../../../bench/lib/report.mjs';

describe('ratioNear', () => {
  it('a third decimal only where two would round onto the target', () => {
    expect(ratioNear(0.85)(0.8453)).toBe('0.845×');
    expect(ratioNear(0.85)(0.772)).toBe('0.77×');
    expect(ratioNear(1.8)(2.593)).toBe('2.59×');
  });
});

describe('markdown', () => {
  const endpoints = (rps: number) =>
    Object.fromEntries(ENDPOINTS.map(({ id }) => [id, { rps, p50Ms: 1, p99Ms: 4, errors: 0, cpuUsPerRequest: 100 }]));
  const checks = { delivery: [], workers: null, memory: { rssMB: 60, pssMB: 30 }, startupMs: 900 };
  const servers = [
    { id: 'ours', label: 'ours', role: 'ours', workers: 5, threads: 1, workerClass: 'meinheld' },
    { id: 'gunicorn-sync-5', label: 'sync', role: 'peer', workers: 5, threads: 1 },
    { id: 'broken', label: 'broken', role: 'peer', workers: 1, threads: 1 },
  ];
  const rows = new Map<string, unknown>([
    ['ours', { ok: true, endpoints: endpoints(3000), ...checks }],
    ['gunicorn-sync-5', { ok: true, endpoints: endpoints(2000), ...checks }],
    ['broken', { ok: false, error: 'did not start', delivery: [], workers: null }],
  ]);
  const meta = { name: 'quick', date: 'd', command: 'c', cores: 2, chartName: 'quick.png' };
  const result = {
    meta,
    servers,
    rows,
    analysis: analyze(servers, rows),
    images: [],
    rebuild: undefined,
    action: [],
    unavailable: [],
    notes: ['how'],
  };

  it('the sections in reading order, the optional ones only when they have something to say', () => {
    const text = markdown(result);
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Benchmark: quick run',
      '## Ratios',
      '## Targets',
      '## Throughput, errors, memory, start-up',
      '## Latency p50 / p99 (ms)',
      '## Server CPU per request (µs, median; lower is better)',
      '## Bytes delivered, worker exits',
      '## Failed servers',
      '## Images',
      '## The action itself',
      '## How each server ran',
    ]);
    expect(text).toContain('| **ours** | 5 × 1 | **3,000** | **3,000** | **3,000** | **3,000** | 0 | 60 (30) | 0.90 |');
    expect(text).toContain('- broken: did not start');
    expect(text.endsWith('![chart](quick.png)\n')).toBe(true);
  });

  it('the ratio lines compare our default with Gunicorn sync on every app', () => {
    expect(ratioLines(result)[0]).toBe('ours / gunicorn sync: plaintext 1.50×, JSON 1.50×, 10 ms I/O wait 1.50×, 1 MB response 1.50×');
  });
});
