// The image's runtime contract, checked from outside a real container: every environment variable and
// its precedence, the config file and app module conventions, prestart, logs, restarts and bad values.
// On the default worker (Meinheld) for the main Python version and variant (E2E_PYTHON_VERSION /
// E2E_VARIANT, default: the test bed's first), and on gevent where the test bed can install it;
// image-matrix.test.ts covers the other versions and variants.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  autotuneLine,
  buildApp,
  buildBase,
  type Container,
  DOCKER_DIR,
  dockerOk,
  exitCode,
  get,
  imageTag,
  logs,
  ready,
  removeContainers,
  removeScratch,
  run,
  settledWorkerCount,
  sleep,
  versions,
  waitForLog,
} from './image-harness.js';
import { e2eTarget, freePort, testbed } from './testbed.js';

const target = e2eTarget();
// What the container sees without limits; the image must compute its workers from the same number.
const CORES = availableParallelism();
const workersFor = (cores: number, perCore = 2): number => Math.max(1, Math.floor(cores * perCore));

const TEST_APP = {
  'main.py': `
import os
import time

from flask import Flask, request

app = Flask(__name__)


@app.route("/")
def index():
    return "test app"


@app.route("/slow")
def slow():
    seconds = float(request.args.get("seconds", "1"))
    time.sleep(seconds)
    return "slept %g" % seconds


@app.route("/env/<name>")
def env(name):
    return os.environ.get(name, "<unset>")
`,
  'custom_app/__init__.py': '',
  'custom_app/custom_main.py': `
from flask import Flask

api = Flask(__name__)


@api.route("/")
def index():
    return "custom api"
`,
};

/** A Gunicorn config of the app's own that still uses the image's tuning module for the bind. */
const customConf = (where: string, workers: number): string => `
import autotune

bind = autotune.resolve()["bind"]
workers = ${workers}
print("custom config: ${where}", flush=True)
`;

// /app/app is a package with its own config, beside the demo's /app/main.py.
const PACKAGE_APP = {
  'app/__init__.py': '',
  'app/main.py': `
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "package app"
`,
  'app/gunicorn_conf.py': customConf('/app/app/gunicorn_conf.py', 3),
  'confs/other.py': customConf('/app/confs/other.py', 2),
};

const PRESTART = {
  'prestart.sh': `echo "prestart: ran"
# Sourced by start.sh, so exports reach the server.
export GREETING_FROM_PRESTART=hello-from-prestart
`,
  'scripts/other.sh': 'echo "other prestart ran"\n',
};

let base = '';
let testApp = '';
let packageApp = '';
let packageAppBoth = '';
let prestartApp = '';

// The environment contract is the same for every worker: checked on the image users get by default
// (Meinheld) and on gevent (online: on the main Python; offline: where the test bed has gevent).
// Gunicorn's gthread, built into every image, is asked for by WORKER_CLASS where threads are tested.
const tb = testbed();
const geventPython = tb.geventVersions.includes(target.pythonVersion) ? target.pythonVersion : tb.geventVersions[0];
const contractCases = [
  { pythonVersion: target.pythonVersion, worker: versions.versions[target.pythonVersion]?.defaultWorker ?? 'meinheld' },
  ...(geventPython ? [{ pythonVersion: geventPython, worker: 'gevent' }] : []),
].map((c) => ({ ...c, label: `${c.worker} on Python ${c.pythonVersion}` }));

async function buildContractImages(pythonVersion: string, worker: string): Promise<void> {
  const build = { pythonVersion, variant: target.variant, worker };
  const built = await buildBase(build);
  if (built.code !== 0) throw new Error(`building the ${worker} image failed:\n${built.stdout}\n${built.stderr}`);
  base = imageTag(build);
  const name = `${worker}-${pythonVersion}`;
  testApp = await buildApp(base, `test-${name}`, TEST_APP);
  packageApp = await buildApp(base, `package-${name}`, PACKAGE_APP);
  packageAppBoth = await buildApp(packageApp, `package-both-${name}`, { 'gunicorn_conf.py': customConf('/app/gunicorn_conf.py', 1) });
  prestartApp = await buildApp(testApp, `prestart-${name}`, PRESTART);
}

afterEach(removeContainers);
afterAll(removeScratch);

describe.each(contractCases)('$label', ({ pythonVersion, worker }) => {
  beforeAll(() => buildContractImages(pythonVersion, worker));
  /** What the start-up line says about threads for this worker (only gthread runs threads). */
  const threadsPart = worker === 'gthread' ? 'threads=16 (default)' : `threads=1 (${worker} worker)`;
  const workerClassLog = worker === 'meinheld' ? 'meinheld_worker.MeinheldWorker' : worker;

  /** Runs, waits for HTTP, and returns the container with its settled worker count. */
  async function start(image: string, env: Record<string, string> = {}, flags: string[] = []) {
    const c = await run(image, { env, flags });
    await ready(c);
    return { c, workers: await settledWorkerCount(c) };
  }

  describe('defaults, with the demo app', () => {
    it('serves the demo, auto-tunes the workers, runs Gunicorn as PID 1 and logs per the contract', async () => {
      const { c, workers } = await start(base);
      const reply = await get(c);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatch(new RegExp(`^Hello from Flask on Python ${pythonVersion.replace('.', '\\.')}\\.\\d+\\n$`));
      expect(workers).toBe(workersFor(CORES));

      const l = await waitForLog(c, new RegExp(`Using worker: ${workerClassLog}`));
      expect(l.stdout).toContain('Checking for script in /app/prestart.sh\nThere is no script /app/prestart.sh\n');
      expect(autotuneLine(l)).toBe(
        `autotune: cores=${CORES} source=affinity (affinity ${CORES}, ${await cgroupName()} no limit) ` +
          `workers=${workersFor(CORES)} (${CORES} cores x WORKERS_PER_CORE 2) ${threadsPart} ` +
          `worker_class=${worker} bind=0.0.0.0:${c.port}`,
      );
      expect(l.all).not.toContain('GET / HTTP/1.1'); // the access log is off unless ACCESS_LOG asks for it
      expect(l.stderr).toContain(`[INFO] Using worker: ${workerClassLog}`); // error log on stderr

      // PID 1 of the container is the Gunicorn master: start.sh exec'd it.
      const pid1 = (await dockerOk(['inspect', '--format', '{{.State.Pid}}', c.id])).trim();
      const top = await dockerOk(['top', c.id, '-eo', 'pid,args']);
      expect(top).toMatch(new RegExp(`^\\s*${pid1}\\s+\\S*python\\S*\\s+\\S*gunicorn --config /gunicorn_conf.py main:app$`, 'm'));

      const config = JSON.parse(await dockerOk(['inspect', '--format', '{{json .Config}}', base])) as {
        Env: string[];
        Cmd: string[];
        WorkingDir: string;
        ExposedPorts: Record<string, unknown>;
      };
      expect(config.Env).toContain('PYTHONPATH=/app');
      expect(config.Cmd).toEqual(['/start.sh']);
      expect(config.WorkingDir).toBe('/app');
      expect(Object.keys(config.ExposedPorts)).toEqual(['80/tcp']);
    });

    it('PYTHONPATH=/app reaches the app', async () => {
      const { c } = await start(testApp);
      expect((await get(c, '/env/PYTHONPATH')).body).toBe('/app');
    });

    it('carries docker/versions.json as it is, where its start-up reads the worker catalogue', async () => {
      const copy = await dockerOk(['run', '--rm', '--network', 'none', base, 'cat', '/usr/local/share/flask-gunicorn-action/versions.json']);
      expect(copy).toBe(readFileSync(join(DOCKER_DIR, 'versions.json'), 'utf8'));
    });
  });

  async function cgroupName(): Promise<string> {
    const version = (await dockerOk(['info', '--format', '{{.CgroupVersion}}'])).trim();
    return `cgroup v${version}`;
  }

  describe('worker count', () => {
    it('WORKERS_PER_CORE=0.5', async () => {
      const { c, workers } = await start(base, { WORKERS_PER_CORE: '0.5' });
      expect(workers).toBe(workersFor(CORES, 0.5));
      expect(autotuneLine(await logs(c))).toContain(`workers=${workersFor(CORES, 0.5)} (${CORES} cores x WORKERS_PER_CORE 0.5)`);
    });

    it('WORKERS_PER_CORE=1.5 (floats, rounded down)', async () => {
      const { workers } = await start(base, { WORKERS_PER_CORE: '1.5' });
      expect(workers).toBe(workersFor(CORES, 1.5));
    });

    it('MAX_WORKERS caps the computed count', async () => {
      const { c, workers } = await start(base, { MAX_WORKERS: '1' });
      expect(workers).toBe(1);
      expect(autotuneLine(await logs(c))).toContain('workers=1 (');
      expect(autotuneLine(await logs(c))).toContain('capped by MAX_WORKERS)');
    });

    it('WEB_CONCURRENCY wins over WORKERS_PER_CORE and MAX_WORKERS', async () => {
      const { c, workers } = await start(base, { WEB_CONCURRENCY: '3', WORKERS_PER_CORE: '4', MAX_WORKERS: '1' });
      expect(workers).toBe(3);
      expect(autotuneLine(await logs(c))).toContain('workers=3 (WEB_CONCURRENCY)');
    });

    it('CPU_LIMIT=1 counts one core', async () => {
      const { c, workers } = await start(base, { CPU_LIMIT: '1' });
      expect(workers).toBe(2);
      expect(autotuneLine(await logs(c))).toMatch(/^autotune: cores=1 source=CPU_LIMIT /);
    });

    it('docker run --cpus 1: the cgroup quota gives one core, 2 workers', async () => {
      const { c, workers } = await start(base, {}, ['--cpus', '1']);
      expect(workers).toBe(2);
      const cgroup = (await cgroupName()).replace(' ', '-');
      expect(autotuneLine(await logs(c))).toMatch(new RegExp(`^autotune: cores=1 source=${cgroup} \\(affinity ${CORES}, `));
    });

    it('docker run --cpuset-cpus 0: the affinity gives one core, 2 workers', async () => {
      const { c, workers } = await start(base, {}, ['--cpuset-cpus', '0']);
      expect(workers).toBe(2);
      expect(autotuneLine(await logs(c))).toMatch(/^autotune: cores=1 source=affinity \(affinity 1, /);
    });

    it('GUNICORN_CMD_ARGS is honoured over the config, and the start-up line says so', async () => {
      const { c, workers } = await start(base, { GUNICORN_CMD_ARGS: '--workers 1' });
      expect(workers).toBe(1);
      expect(autotuneLine(await logs(c))).toMatch(/ \(GUNICORN_CMD_ARGS='--workers 1' overrides these\)$/);
    });
  });

  /** Seconds taken by `n` concurrent /slow?seconds=1 requests. */
  async function concurrentSlow(c: Container, n: number): Promise<number> {
    const t0 = Date.now();
    const replies = await Promise.all(Array.from({ length: n }, () => get(c, '/slow?seconds=1')));
    expect(replies.map((r) => r.body)).toEqual(Array(n).fill('slept 1'));
    return (Date.now() - t0) / 1000;
  }

  describe('threads and worker class', () => {
    it('THREADS: one gthread worker with 2 threads serves 4 one-second requests in two rounds', async () => {
      const { c } = await start(testApp, { WORKER_CLASS: 'gthread', WEB_CONCURRENCY: '1', THREADS: '2' });
      expect(autotuneLine(await logs(c))).toContain('threads=2 (THREADS)');
      const seconds = await concurrentSlow(c, 4);
      expect(seconds).toBeGreaterThanOrEqual(1.9);
      expect(seconds).toBeLessThan(3.5);
    });

    it('default threads: one gthread worker serves 4 one-second requests at once', async () => {
      const { c } = await start(testApp, { WORKER_CLASS: 'gthread', WEB_CONCURRENCY: '1' });
      expect(await concurrentSlow(c, 4)).toBeLessThan(1.9);
    });

    it('WORKER_CLASS=sync with TIMEOUT=2: a 6-second request gets its worker killed', async () => {
      const { c } = await start(testApp, { WORKER_CLASS: 'sync', TIMEOUT: '2', WEB_CONCURRENCY: '1' });
      const l = await logs(c);
      expect(l.stderr).toContain('[INFO] Using worker: sync');
      expect(autotuneLine(l)).toContain('threads=1 (sync worker) worker_class=sync');
      const outcome = await get(c, '/slow?seconds=6', '127.0.0.1', 15_000).then(
        (r) => `HTTP ${r.status}`,
        () => 'connection error',
      );
      expect(outcome).not.toBe('HTTP 200');
      expect((await logs(c)).stderr).toMatch(/\[CRITICAL\] WORKER TIMEOUT \(pid:\d+\)/);
    });
  });

  describe('bind', () => {
    it.runIf(testbed().network === 'host')('HOST: listens on that address only', async () => {
      const c = await run(base, { env: { HOST: '127.0.0.2' } });
      await ready(c, '127.0.0.2');
      expect((await get(c, '/', '127.0.0.2')).status).toBe(200);
      await expect(get(c, '/', '127.0.0.1', 2_000)).rejects.toThrow();
    });

    it.runIf(testbed().network === 'host')('BIND wins over HOST and PORT', async () => {
      const [port, bindPort] = [await freePort(), await freePort()];
      const c = await run(base, { env: { PORT: String(port), HOST: '127.0.0.2', BIND: `127.0.0.3:${bindPort}` } });
      await ready(c, '127.0.0.3', bindPort);
      expect((await get(bindPort, '/', '127.0.0.3')).status).toBe(200);
      await expect(get(port, '/', '127.0.0.2', 2_000)).rejects.toThrow();
      const l = await logs(c);
      expect(l.stderr).toContain(`Listening at: http://127.0.0.3:${bindPort}`);
      expect(autotuneLine(l)).toMatch(new RegExp(`bind=127\\.0\\.0\\.3:${bindPort}$`));
    });
  });

  describe('logging', () => {
    it("LOG_LEVEL=warning hides Gunicorn's info lines", async () => {
      const { c } = await start(base, { LOG_LEVEL: 'warning' });
      const l = await logs(c);
      expect(l.stderr).not.toContain('[INFO]');
      expect(autotuneLine(l)).toContain(`worker_class=${worker}`); // our own line is not Gunicorn's log
    });

    it('LOG_LEVEL=debug shows debug lines', async () => {
      const { c } = await start(base, { LOG_LEVEL: 'debug' });
      expect((await logs(c)).stderr).toContain('[DEBUG]');
    });

    it('ACCESS_LOG and ERROR_LOG set to empty turn those logs off', async () => {
      const { c } = await start(base, { ACCESS_LOG: '', ERROR_LOG: '' });
      await get(c);
      await sleep(500);
      const l = await logs(c);
      expect(l.all).not.toContain('GET / HTTP/1.1');
      expect(l.all).not.toContain('Booting worker');
      expect(autotuneLine(l)).toContain('workers='); // start-up lines are not Gunicorn logs
    });

    it('ACCESS_LOG=- writes the access log to stdout', async () => {
      const { c } = await start(base, { ACCESS_LOG: '-' });
      await get(c, '/?from=stdout');
      const l = await waitForLog(c, /"GET \/\?from=stdout HTTP\/1\.1" 200/);
      expect(l.stdout).toMatch(/"GET \/\?from=stdout HTTP\/1\.1" 200/);
    });

    it('ACCESS_LOG to a file', async () => {
      const { c } = await start(base, { ACCESS_LOG: '/tmp/access.log' });
      await get(c, '/?from=test');
      await sleep(500);
      expect((await logs(c)).stdout).not.toContain('GET /?from=test');
      expect(await dockerOk(['exec', c.id, 'cat', '/tmp/access.log'])).toContain('"GET /?from=test HTTP/1.1" 200');
    });
  });

  /** Milliseconds until the server closes an idle keep-alive connection (Infinity if not within limitMs). */
  function idleCloseMs(port: number, limitMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const sock = connect(port, '127.0.0.1');
      let answeredAt = 0;
      let received = '';
      const timer = setTimeout(() => {
        sock.destroy();
        resolve(Infinity);
      }, limitMs);
      sock.on('connect', () => sock.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'));
      sock.on('data', (chunk) => {
        received += chunk.toString();
        if (!answeredAt && received.includes('\r\n\r\n')) answeredAt = Date.now();
      });
      sock.on('close', () => {
        clearTimeout(timer);
        resolve(answeredAt ? Date.now() - answeredAt : -1);
      });
      sock.on('error', reject);
    });
  }

  describe('timeouts', () => {
    it('KEEP_ALIVE=1 closes idle connections after about a second; the default (5) keeps them longer', async () => {
      const short = await start(base, { KEEP_ALIVE: '1', WEB_CONCURRENCY: '1' });
      const closedAfter = await idleCloseMs(short.c.port, 4_000);
      expect(closedAfter).toBeGreaterThanOrEqual(900);
      expect(closedAfter).toBeLessThan(3_000);

      const dflt = await start(base, { WEB_CONCURRENCY: '1' });
      expect(await idleCloseMs(dflt.c.port, 3_000)).toBe(Infinity);
    });

    it('docker stop is graceful: an in-flight slow request completes', async () => {
      const { c } = await start(testApp, { WEB_CONCURRENCY: '1' });
      const slow = get(c, '/slow?seconds=3', '127.0.0.1', 20_000);
      await sleep(700); // the request is in the worker now
      const t0 = Date.now();
      await dockerOk(['stop', '--time', '30', c.id]);
      const stopSeconds = (Date.now() - t0) / 1000;
      expect(await slow).toEqual({ status: 200, body: 'slept 3' });
      expect(stopSeconds).toBeGreaterThanOrEqual(1.5); // it waited for the request...
      expect(stopSeconds).toBeLessThan(15); // ...not for docker's SIGKILL
      expect(await exitCode(c)).toBe(0);
      expect((await logs(c)).stderr).toContain('Handling signal: term');
    });

    it('GRACEFUL_TIMEOUT bounds that wait', async () => {
      const { c } = await start(testApp, { WEB_CONCURRENCY: '1', GRACEFUL_TIMEOUT: '1' });
      const slow = get(c, '/slow?seconds=8', '127.0.0.1', 20_000).then(
        (r) => `HTTP ${r.status} ${r.body}`,
        () => 'cut off',
      );
      await sleep(700);
      const t0 = Date.now();
      await dockerOk(['stop', '--time', '30', c.id]);
      expect((Date.now() - t0) / 1000).toBeLessThan(5);
      expect(await slow).toBe('cut off');
    });
  });

  describe('app module', () => {
    it('/app/app/main.py makes MODULE_NAME default to app.main (over /app/main.py)', async () => {
      const { c } = await start(packageApp, { GUNICORN_CONF: '/gunicorn_conf.py' });
      expect((await get(c)).body).toBe('package app');
    });

    it('MODULE_NAME and VARIABLE_NAME', async () => {
      const { c } = await start(testApp, { MODULE_NAME: 'custom_app.custom_main', VARIABLE_NAME: 'api' });
      expect((await get(c)).body).toBe('custom api');
    });

    it('APP_MODULE wins over MODULE_NAME and VARIABLE_NAME', async () => {
      const { c } = await start(testApp, { APP_MODULE: 'custom_app.custom_main:api', MODULE_NAME: 'nope', VARIABLE_NAME: 'nope' });
      expect((await get(c)).body).toBe('custom api');
    });

    it("a VARIABLE_NAME the module lacks stops the container with Gunicorn's message", async () => {
      const c = await run(testApp, { env: { VARIABLE_NAME: 'nope' } });
      expect(await exitCode(c)).not.toBe(0);
      expect((await logs(c)).all).toContain("Failed to find attribute 'nope' in 'main'.");
    });
  });

  describe('GUNICORN_CONF', () => {
    it('/app/app/gunicorn_conf.py is used when there is no /app/gunicorn_conf.py', async () => {
      const { c, workers } = await start(packageApp);
      expect((await logs(c)).stdout).toContain('custom config: /app/app/gunicorn_conf.py');
      expect(workers).toBe(3);
    });

    it('/app/gunicorn_conf.py comes first', async () => {
      const { c, workers } = await start(packageAppBoth);
      const l = await logs(c);
      expect(l.stdout).toContain('custom config: /app/gunicorn_conf.py');
      expect(l.stdout).not.toContain('custom config: /app/app/gunicorn_conf.py');
      expect(workers).toBe(1);
    });

    it('GUNICORN_CONF wins over both', async () => {
      const { c, workers } = await start(packageAppBoth, { GUNICORN_CONF: '/app/confs/other.py' });
      expect((await logs(c)).stdout).toContain('custom config: /app/confs/other.py');
      expect(workers).toBe(2);
    });

    it('without any, the bundled /gunicorn_conf.py (with its start-up line)', async () => {
      const { c } = await start(testApp);
      const l = await logs(c);
      expect(l.stdout).not.toContain('custom config');
      expect(autotuneLine(l)).toContain(`bind=0.0.0.0:${c.port}`);
    });
  });

  describe('prestart', () => {
    it('/app/prestart.sh runs before the server, sourced (its exports reach the app)', async () => {
      const { c } = await start(prestartApp);
      const l = await logs(c);
      expect(l.stdout).toContain('Checking for script in /app/prestart.sh\nRunning script /app/prestart.sh\nprestart: ran\n');
      expect(l.stdout.indexOf('prestart: ran')).toBeLessThan(l.stdout.indexOf('autotune: cores='));
      expect((await get(c, '/env/GREETING_FROM_PRESTART')).body).toBe('hello-from-prestart');
    });

    it('PRE_START_PATH points elsewhere', async () => {
      const { c } = await start(prestartApp, { PRE_START_PATH: '/app/scripts/other.sh' });
      const l = await logs(c);
      expect(l.stdout).toContain('Checking for script in /app/scripts/other.sh\nRunning script /app/scripts/other.sh\nother prestart ran\n');
      expect(l.stdout).not.toContain('prestart: ran');
    });

    it('a PRE_START_PATH with no file is reported and skipped', async () => {
      const { c } = await start(prestartApp, { PRE_START_PATH: '/app/none.sh' });
      expect((await logs(c)).stdout).toContain('Checking for script in /app/none.sh\nThere is no script /app/none.sh\n');
    });
  });

  describe('restart', () => {
    it('a stopped container starts again and serves', async () => {
      const { c } = await start(testApp);
      await dockerOk(['stop', c.id]);
      expect(await exitCode(c)).toBe(0);
      await dockerOk(['start', c.id]);
      await ready(c);
      expect((await get(c)).body).toBe('test app');
      const l = await logs(c);
      expect(l.stdout.match(/^autotune: cores=/gm)).toHaveLength(2);
      expect(l.stdout.match(/^Checking for script in \/app\/prestart\.sh$/gm)).toHaveLength(2);
    });
  });

  describe('bad values stop the container at start with one clear line', () => {
    const absent = worker === 'gevent' ? 'meinheld' : 'gevent'; // a worker this image was not built with
    const cases: Array<[Record<string, string>, string]> = [
      [{ WORKERS_PER_CORE: 'abc' }, "ERROR: Invalid WORKERS_PER_CORE='abc': expected a number greater than 0 (e.g. 2 or 0.5)."],
      [{ WEB_CONCURRENCY: '0' }, "ERROR: Invalid WEB_CONCURRENCY='0': expected a whole number of at least 1 (e.g. 4), or unset to auto-tune."],
      [{ PORT: '99999' }, "ERROR: Invalid PORT='99999': expected a whole number from 1 to 65535 (e.g. 80 or 8080)."],
      [
        { MODULE_NAME: 'nope' },
        "ERROR: Invalid MODULE_NAME='nope': no module 'nope' can be imported; expected a dotted module path under /app such as main or app.main.",
      ],
      [
        { WORKER_CLASS: absent },
        `ERROR: Invalid WORKER_CLASS='${absent}': ${absent} is not installed in this image (build it with --build-arg WORKER=${absent}); expected gthread or sync.`,
      ],
      // The workers named are the catalogue's, in its order.
      [
        { WORKER_CLASS: 'tornado' },
        "ERROR: Invalid WORKER_CLASS='tornado': expected one of meinheld, gthread, gevent, sync, or a dotted path to a Gunicorn worker class.",
      ],
    ];
    for (const [env, line] of cases) {
      it(
        Object.entries(env)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
        async () => {
          const c = await run(base, { env });
          expect(await exitCode(c)).toBe(2);
          const l = await logs(c);
          expect(l.stderr.split('\n').filter((x) => x.startsWith('ERROR'))).toEqual([line]);
          expect(l.all).not.toContain('Starting gunicorn');
        },
      );
    }
  });
});
