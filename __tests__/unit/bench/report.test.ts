import { describe, expect, it } from 'vitest';
import { ratioNear } from '../../../bench/lib/figures.mjs';

describe('ratioNear', () => {
  it('a third decimal only where two would round onto the target', () => {
    expect(ratioNear(0.85)(0.8453)).toBe('0.845×');
    expect(ratioNear(0.85)(0.772)).toBe('0.77×');
    expect(ratioNear(1.8)(2.593)).toBe('2.59×');
  });
});
