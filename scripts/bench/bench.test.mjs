// The benchmark's pure parts, checked against fixed inputs: `node --test scripts/bench/`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebuildEvidence, splitTiming } from './action-build.mjs';
import { parseShimLog } from './docker-shim.mjs';
import { parseDuration, parseWrk } from './wrk.mjs';

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

test('parseWrk reads throughput, percentiles and every kind of error', () => {
  const r = parseWrk(WRK);
  assert.equal(r.requests, 4852);
  assert.equal(r.seconds, 3);
  assert.equal(r.rps, 1617.43);
  assert.equal(r.p50Ms, 15.18);
  assert.equal(r.p99Ms, 1020);
  assert.deepEqual(r.socketErrors, { connect: 0, read: 12, write: 1, timeout: 2 });
  assert.equal(r.non2xx, 5);
  assert.equal(r.errors, 20);
  assert.ok(Math.abs(r.bytesPerSecond - 248.31 * 1024) < 1);
});

test('parseWrk: a clean run has no errors', () => {
  const clean = WRK.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
  assert.equal(parseWrk(clean).errors, 0);
});

test('parseDuration knows wrk units', () => {
  assert.ok(Math.abs(parseDuration('820.00us') - 0.82) < 1e-9);
  assert.equal(parseDuration('2.00m'), 120_000);
  assert.throws(() => parseDuration('12 parsecs'));
});

test('the docker shim log splits the action’s wall time', () => {
  const ns = (ms) => String(ms * 1e6);
  const log = [
    `cmd ${ns(1000)} ${ns(1300)} 0 build`,
    `cmd ${ns(1300)} ${ns(1500)} 0 run`,
    `first-ok 4000 ${2100}`,
    `cmd ${ns(1600)} ${ns(1650)} 0 container`,
  ].join('\n');
  const parsed = parseShimLog(log);
  assert.equal(parsed.commands.length, 3);
  assert.deepEqual(parsed.firstOk, { port: 4000, atMs: 2100 });
  // `docker run` started at 1300 ms and the probe passed 0.9 s later (2200 ms): 100 ms after the
  // first possible answer (2100 ms), which came 600 ms after `docker run` returned (1500 ms).
  const t = splitTiming(2000, parsed, 0.9);
  assert.equal(Math.round(t.dockerMs), 550);
  assert.equal(Math.round(t.appStartMs), 600);
  assert.equal(Math.round(t.probeLagMs), 100);
  assert.equal(Math.round(t.ownWorkMs), 2000 - 550 - 600 - 100);
});

test('rebuildEvidence finds the pip step and its cache line (classic builder and BuildKit)', () => {
  const classic = 'Step 5/14 : RUN python -m pip install --no-cache-dir -r /tmp/app-requirements.txt && rm /tmp/app-requirements.txt\n ---> Using cache\n ---> a4e6';
  assert.equal(rebuildEvidence(classic).pipCached, true);
  const buildkit = '#7 [3/5] RUN python -m pip install --no-cache-dir -r /tmp/app-requirements.txt\n#7 CACHED\n';
  assert.equal(rebuildEvidence(buildkit).pipCached, true);
  const rerun = 'Step 5/14 : RUN python -m pip install -r /tmp/app-requirements.txt\n ---> Running in 1234\nCollecting requests';
  assert.equal(rebuildEvidence(rerun).pipCached, false);
  assert.equal(rebuildEvidence('no such step').pipStepFound, false);
});
