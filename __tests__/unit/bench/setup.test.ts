import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/lib/setup.mjs';

describe('parseOptions', () => {
  it('--servers narrows the load to the named servers', () => {
    expect(parseOptions(['--servers', 'ours, gthread,seeds-3.9']).servers).toEqual(['ours', 'gthread', 'seeds-3.9']);
    expect(parseOptions([]).servers).toBe(undefined);
    expect(() => parseOptions(['--servers', ','])).toThrow(/expected server ids/);
  });
});
