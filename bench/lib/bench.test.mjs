// The benchmark's pure parts, checked against fixed inputs: `node --test bench/lib/`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebuildEvidence, splitTiming } from './action-build.mjs';
import { meinheldTargets } from './analysis.mjs';
import { expectedBody, judge } from './delivery.mjs';
import { parseShimLog } from './docker-shim.mjs';
import { parseOptions } from './setup.mjs';
import { meinheldTargetList, ratioNear } from './report.mjs';
import { workerEvents } from './worker-events.mjs';
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

test('workerEvents: the first workers are not crashes; a death and its replacement count once', () => {
  const boot = (pid) => `[2026-11-30 00:22:23 +0000] [${pid}] [INFO] Booting worker with pid: ${pid}`;
  const clean = ['[1] [INFO] Starting gunicorn 23.0.0', boot(7), boot(8), boot(9), boot(10)].join('\n');
  assert.deepEqual(workerEvents(clean, { workers: 4 }), { boots: 4, deaths: 0, timeouts: 0, unexpectedExits: 0 });
  const segfault = `${clean}\n[1] [ERROR] Worker (pid:8) was sent code 139!\n${boot(11)}`;
  assert.equal(workerEvents(segfault, { workers: 4 }).unexpectedExits, 1);
  // Meinheld's own worker class on Gunicorn 20 leaves no death line: only the replacement shows it.
  assert.equal(workerEvents(`${clean}\n${boot(12)}\n${boot(13)}`, { workers: 4 }).unexpectedExits, 2);
  assert.equal(workerEvents(`${clean}\n[1] [ERROR] Worker (pid:9) was sent SIGKILL! Perhaps out of memory?`, { workers: 4 }).unexpectedExits, 1);
  const uwsgi = 'spawned uWSGI worker 1 (pid: 5, cores: 1)\nspawned uWSGI worker 2 (pid: 6, cores: 1)\nDAMN ! worker 1 (pid: 5) died, killed by signal 11 :( trying respawn ...\nRespawned uWSGI worker 1 (new pid: 9)';
  assert.deepEqual(workerEvents(uwsgi, { workers: 2, server: 'uwsgi' }), { boots: 2, deaths: 1, timeouts: 0, unexpectedExits: 1 });
});

test('judge: a short body fails even when curl exited 0', () => {
  const expected = expectedBody({ chunk: 'y', chunkBytes: 16384, chunks: 1000 });
  assert.equal(expected.bytes, 16_384_000);
  const whole = { exit: 0, status: 200, bytes: expected.bytes, sha256: expected.sha256 };
  assert.deepEqual(judge(whole, expected), { whole: true, short: false, silent: false });
  // uWSGI, measured: a 16 MB stream ended at 14.5 MB, curl reporting success.
  assert.deepEqual(judge({ ...whole, bytes: 14_500_000, sha256: 'other' }, expected), { whole: false, short: true, silent: true });
  // A cut that curl notices (no last chunk: exit 18) is a failure too, just not a silent one.
  assert.deepEqual(judge({ ...whole, exit: 18, bytes: 4_300_000, sha256: 'other' }, expected), { whole: false, short: true, silent: false });
  assert.equal(judge({ ...whole, sha256: 'other' }, expected).whole, false);
  assert.equal(judge({ ...whole, status: 500 }, expected).whole, false);
});

test('meinheldTargets: ratios against gthread and the seeds, and the checks over our images only', () => {
  const endpoints = (rps, p99) => Object.fromEntries(['hello', 'json', 'io', '1mb'].map((id) => [id, { rps, p99Ms: p99 }]));
  const checks = (notWhole, exits) => ({
    delivery: [{ id: 'stream', clients: 4, whole: 4 - notWhole, silent: notWhole }],
    workers: { boots: 4 + exits, unexpectedExits: exits, stillRunning: true },
  });
  const servers = [
    { id: 'ours', label: 'ours 3.11', python: '3.11', meinheldDefault: true, target: true, ourImage: true },
    { id: 'ours-3.9', label: 'ours 3.9', python: '3.9', meinheldDefault: true, ourImage: true },
    { id: 'gthread', label: 'gthread 4×16', ourImage: true },
    { id: 'seeds-3.9', label: 'seeds' },
    { id: 'uwsgi-5p', label: 'uWSGI' },
  ];
  const rows = new Map([
    ['ours', { ok: true, endpoints: endpoints(18000, 4), ...checks(0, 0) }],
    ['ours-3.9', { ok: true, endpoints: endpoints(19000, 3), ...checks(0, 0) }],
    ['gthread', { ok: true, endpoints: endpoints(8000, 20), ...checks(0, 0) }],
    ['seeds-3.9', { ok: true, endpoints: endpoints(20000, 3), ...checks(0, 2) }],
    ['uwsgi-5p', { ok: true, endpoints: endpoints(9000, 10), ...checks(1, 0) }],
  ]);
  const m = meinheldTargets(servers, rows);
  assert.equal(m.meinheld.length, 2);
  assert.equal(m.meinheld[0].perApp.hello.vsGthread, 18000 / 8000);
  assert.equal(m.meinheld[0].perApp.json.p99VsGthread, 4 / 20);
  assert.equal(m.meinheld[0].perApp.hello.vsSeeds, 0.9);
  // The peers' short body and crashes are reported, not counted against our images.
  assert.deepEqual(m.ours, { servers: 3, downloads: 12, notWhole: 0, unexpectedExits: 0, gone: 0, unchecked: 0 });
  const verdicts = meinheldTargetList(m).map((t) => t.met);
  assert.deepEqual(verdicts, [true, true, true, true, true]); // 2.25×, 0.2×, 0.9×, no short body, no crash
  rows.set('ours', { ...rows.get('ours'), ...checks(1, 1) });
  const after = meinheldTargetList(meinheldTargets(servers, rows)).map((t) => t.met);
  assert.deepEqual(after.slice(-2), [false, false]);
});

test('--servers narrows the load to the named servers', () => {
  assert.deepEqual(parseOptions(['--servers', 'ours, gthread,seeds-3.9']).servers, ['ours', 'gthread', 'seeds-3.9']);
  assert.equal(parseOptions([]).servers, undefined);
  assert.throws(() => parseOptions(['--servers', ',']), /expected server ids/);
});

test('ratioNear: a third decimal only where two would round onto the target', () => {
  assert.equal(ratioNear(0.85)(0.8453), '0.845×');
  assert.equal(ratioNear(0.85)(0.772), '0.77×');
  assert.equal(ratioNear(1.8)(2.593), '2.59×');
});
