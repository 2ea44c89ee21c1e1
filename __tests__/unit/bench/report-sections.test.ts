import { describe, expect, it } from 'vitest';
import { deliveryTable, deliveryVerdict, failedServers, notAvailable, throughputCells } from '../../../bench/lib/report-sections.mjs';

const whole = {
  id: 'stream',
  label: '16 MB stream',
  clients: 4,
  rate: '1m',
  whole: 4,
  silent: 0,
  deliveredBytes: [16e6, 16e6, 16e6, 16e6],
  expectedBytes: 16e6,
  statuses: [200],
};
const short = { ...whole, whole: 3, silent: 1, deliveredBytes: [16e6, 16e6, 16e6, 8e6], statuses: [200, 200] };
const workers = (unexpectedExits: number, stillRunning = true) => ({ boots: 4 + unexpectedExits, unexpectedExits, stillRunning });

describe('deliveryVerdict', () => {
  it('passes only whole bodies from a server whose workers all stayed', () => {
    expect(deliveryVerdict({ delivery: [whole], workers: workers(0) })).toBe('pass');
    expect(deliveryVerdict({ delivery: [short], workers: workers(0) })).toBe('**FAIL** (bodies)');
    expect(deliveryVerdict({ delivery: [whole], workers: workers(2) })).toBe('**FAIL** (worker exits)');
    expect(deliveryVerdict({ delivery: [], workers: workers(0, false) })).toBe('**FAIL** (bodies) (server gone)');
    expect(deliveryVerdict({ delivery: [whole], workers: null })).toBe('not checked');
  });

  it('the table says what a short body got, and bolds our default', () => {
    const servers = [
      { id: 'ours', label: 'ours', role: 'ours' },
      { id: 'peer', label: 'peer', role: 'peer' },
    ];
    const rows = new Map<string, unknown>([
      ['ours', { delivery: [whole], workers: workers(0) }],
      ['peer', { delivery: [short], workers: workers(1) }],
    ]);
    const lines = deliveryTable(servers, rows).split('\n');
    expect(lines[0]).toBe('| Server | 16 MB stream, 4 clients at 1mB/s | worker boots | unexpected exits | verdict |');
    expect(lines[2]).toBe('| **ours** | 4/4 whole | 4 | 0 | pass |');
    expect(lines[3]).toBe('| peer | **1/4 NOT WHOLE** (8.0 MB; 1 with curl exit 0; status 200) | 5 | 1 | **FAIL** (bodies) (worker exits) |');
  });
});

describe('throughputCells', () => {
  it('req/s per app with the best in bold, errors summed, memory', () => {
    const row = { endpoints: { a: { rps: 2000, errors: 1 }, b: { rps: 900.4, errors: 2 } }, memory: { rssMB: 80.6, pssMB: 40.2 } };
    expect(throughputCells(row, ['a', 'b'], (id) => (id === 'a' ? 2000 : 1000))).toEqual(['**2,000**', '900', '3', '81 (40)']);
  });
});

describe('closing sections', () => {
  it('are left out when there is nothing to say', () => {
    const rows = new Map<string, unknown>([['a', { ok: true }]]);
    expect(failedServers([{ id: 'a', label: 'A' }], rows)).toEqual([]);
    expect(notAvailable([])).toEqual([]);
  });

  it('list each failure and each missing server with its reason', () => {
    const rows = new Map<string, unknown>([['a', { ok: false, error: 'did not start' }]]);
    expect(failedServers([{ id: 'a', label: 'A' }], rows)).toEqual(['## Failed servers', '', '- A: did not start', '']);
    expect(notAvailable([{ what: 'uWSGI', reason: 'not installed' }])).toEqual(['## Not available here', '', '- uWSGI: not installed', '']);
  });
});
