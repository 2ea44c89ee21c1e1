import { describe, expect, it } from 'vitest';
import { expectedBody, judge } from '../../../bench/lib/delivery.mjs';

describe('judge', () => {
  it('a short body fails even when curl exited 0', () => {
    const expected = expectedBody({ chunk: 'y', chunkBytes: 16384, chunks: 1000 });
    expect(expected.bytes).toBe(16_384_000);
    const whole = { exit: 0, status: 200, bytes: expected.bytes, sha256: expected.sha256 };
    expect(judge(whole, expected)).toEqual({ whole: true, short: false, silent: false });
    // uWSGI, measured: a 16 MB stream ended at 14.5 MB, curl reporting success.
    expect(judge({ ...whole, bytes: 14_500_000, sha256: 'other' }, expected)).toEqual({ whole: false, short: true, silent: true });
    // A cut that curl notices (no last chunk: exit 18) is a failure too, just not a silent one.
    expect(judge({ ...whole, exit: 18, bytes: 4_300_000, sha256: 'other' }, expected)).toEqual({ whole: false, short: true, silent: false });
    expect(judge({ ...whole, sha256: 'other' }, expected).whole).toBe(false);
    expect(judge({ ...whole, status: 500 }, expected).whole).toBe(false);
  });
});
