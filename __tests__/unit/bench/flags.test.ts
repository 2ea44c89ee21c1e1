import { describe, expect, it } from 'vitest';
import { readFlags } from '../../../bench/lib/flags.mjs';

describe('readFlags', () => {
  it('reads the named flags, in either spelling, and --help or -h', () => {
    expect(readFlags(['--python', '3.13', '--out=x.md'], ['python', 'out'], 'U')).toEqual({ values: { python: '3.13', out: 'x.md' }, help: false });
    expect(readFlags(['-h'], ['python'], 'U').help).toBe(true);
    expect(readFlags([], ['python'], 'U')).toEqual({ values: {}, help: false });
  });

  it('refuses an unknown flag, a flag without its value and a stray word, each with the usage', () => {
    expect(() => readFlags(['--bogus'], ['python'], 'USAGE TEXT')).toThrow(/--bogus[\s\S]*\nUSAGE TEXT$/);
    expect(() => readFlags(['--python'], ['python'], 'USAGE TEXT')).toThrow(/--python[\s\S]*\nUSAGE TEXT$/);
    expect(() => readFlags(['3.13'], ['python'], 'USAGE TEXT')).toThrow(/3\.13[\s\S]*\nUSAGE TEXT$/);
  });
});
