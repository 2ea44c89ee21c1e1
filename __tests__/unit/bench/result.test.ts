import { describe, expect, it } from 'vitest';
import { medianSpread, resultJson } from '../../../bench/lib/result.mjs';

const row = (...spreads: number[]) => ({ ok: true, endpoints: Object.fromEntries(spreads.map((spread, i) => [`app${i}`, { spread }])) });

describe('medianSpread', () => {
  it('the middle spread of every measured cell, as a percentage', () => {
    const rows = new Map<string, unknown>([
      ['a', row(0.02, 0.1)],
      ['b', row(0.05)],
      ['c', { ok: false }],
    ]);
    expect(medianSpread(rows, 5)).toBe('5%');
  });

  it('one repetition has no spread', () => {
    expect(medianSpread(new Map<string, unknown>([['a', row(0.02)]]), 1)).toBe('n/a (one repetition)');
  });
});

describe('resultJson', () => {
  it('writes each command line as text and the rows and runs as objects', () => {
    const servers = [
      { id: 'peer', command: (port: string) => ['serve', '--port', port] },
      { id: 'uwsgi-5p', uwsgi: { venv: '/tmp/v' }, appDir: 'bench/app' },
    ];
    const text = resultJson({ servers, rows: new Map([['peer', { ok: true }]]) }, new Map([['peer', { ok: true, endpoints: {} }]]));
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      servers: [
        { id: 'peer', command: 'serve --port PORT' },
        { id: 'uwsgi-5p', appDir: 'bench/app' },
      ],
      rows: { peer: { ok: true } },
      runs: { peer: { ok: true, endpoints: {} } },
    });
  });
});
