import { describe, expect, it } from 'vitest';
import { parseDuration, parseWrk } from '../../../bench/lib/wrk.mjs';

const WRK = `Running 3s test @ http://127.0.0.1:18123/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    19.07ms   16.91ms 155.52ms   86.62%
    Req/Sec     1.63k   197.52     1.96k    70.00%
  Latency Distribution
     50%   15.18ms
     75%   21.46ms
     90%   35.00ms
     99%    1.02s
  4852 requests in 3.00s, 745.81KB read
  Socket errors: connect 0, read 12, write 1, timeout 2
  Non-2xx or 3xx responses: 5
Requests/sec:   1617.43
Transfer/sec:    248.31KB
`;

describe('parseWrk', () => {
  it('reads throughput, percentiles and every kind of error', () => {
    const r = parseWrk(WRK);
    expect(r.requests).toBe(4852);
    expect(r.seconds).toBe(3);
    expect(r.rps).toBe(1617.43);
    expect(r.p50Ms).toBe(15.18);
    expect(r.p99Ms).toBe(1020);
    expect(r.socketErrors).toEqual({ connect: 0, read: 12, write: 1, timeout: 2 });
    expect(r.non2xx).toBe(5);
    expect(r.errors).toBe(20);
    expect(Math.abs(r.bytesPerSecond - 248.31 * 1024)).toBeLessThan(1);
  });

  it('a clean run has no errors', () => {
    const clean = WRK.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
    expect(parseWrk(clean).errors).toBe(0);
  });
});

describe('parseDuration', () => {
  it('knows wrk units', () => {
    expect(Math.abs(parseDuration('820.00us') - 0.82)).toBeLessThan(1e-9);
    expect(parseDuration('2.00m')).toBe(120_000);
    expect(() => parseDuration('12 parsecs')).toThrow();
  });
});
