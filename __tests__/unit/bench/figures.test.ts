import { describe, expect, it } from 'vitest';
import { allMet, int, labelled, mb, ms, ratio, secs, verdict } from '../../../bench/lib/figures.mjs';
import { bullets, section, table } from '../../../bench/lib/markdown.mjs';

describe('figures', () => {
  it('print a dash for what was not measured, the same way for every kind', () => {
    for (const format of [int, ms, mb, secs, ratio]) expect(format(NaN)).toBe('–');
    expect([int(12345.6), ms(123.4), ms(12.34), mb(25e6), secs(1234), ratio(1.234)]).toEqual(['12,346', '123', '12.3', '25.0', '1.23', '1.23×']);
  });

  it('label one figure per app, in the order given', () => {
    const labels: Record<string, string> = { hello: 'plaintext', json: 'JSON' };
    const values: Record<string, number> = { hello: 2, json: 0.5 };
    expect(
      labelled(
        ['json', 'hello'],
        (id) => labels[id] ?? id,
        (id) => values[id] ?? NaN,
      ),
    ).toBe('JSON 0.50×, plaintext 2.00×');
  });

  it('a target is met when every figure passes, and not measured (not failed) when one is missing', () => {
    expect(allMet([1.9, 2], (v) => v >= 1.8)).toBe(true);
    expect(allMet([1.9, 1.7], (v) => v >= 1.8)).toBe(false);
    expect(allMet([1.9, NaN], (v) => v >= 1.8)).toBe(undefined);
    expect([verdict(true), verdict(false), verdict(undefined)]).toEqual(['met', '**not met**', 'not measured']);
  });
});

describe('markdown', () => {
  it('a table with the first column left-aligned and the figures right-aligned', () => {
    expect(table(['Server', 'req/s'], [['ours', '1,000']])).toBe('| Server | req/s |\n| --- | ---: |\n| ours | 1,000 |');
  });

  it('a section is its heading and its blocks, each followed by a blank line', () => {
    expect(section('Notes', bullets(['a', 'b']), 'after')).toEqual(['## Notes', '', '- a\n- b', '', 'after', '']);
  });
});
