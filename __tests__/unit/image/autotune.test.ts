// docker/image/autotune.py (the tuning), run by the host's python3 against fake cgroup trees in temp
// dirs. The pure functions are driven through a small Python harness (environment, cgroup root,
// affinity, Python version, installed workers and the worker catalogue all injected); `python -m
// autotune show` goes through the real CLI. The start-up checks are startup-guards.test.ts's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const IMAGE_DIR = join(__dirname, '..', '..', '..', 'docker', 'image');
const AUTOTUNE = join(IMAGE_DIR, 'autotune.py');
// The image reads its copy of this file; the tests read the repo's.
const VERSIONS_JSON = join(IMAGE_DIR, '..', 'versions.json');
// The interpreter itself, not a version-manager shim in front of it: the tests start it ~80 times.
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

const temp = mkdtempSync(join(tmpdir(), 'autotune-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let treeCount = 0;
/** A fake cgroup root holding the given files (path relative to the root -> content). */
function cgroupTree(files: Record<string, string>): string {
  const root = join(temp, `cgroup-${treeCount++}`);
  mkdirSync(root, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}
const NO_CGROUP = cgroupTree({});

// Reads one request as JSON on stdin, prints {"settings": ...} or {"errors": [...]}.
// The worker catalogue is versions.json's unless the request brings its own.
const HARNESS = `
import json, sys
sys.path.insert(0, sys.argv[1])
import autotune, worker_catalogue
req = json.load(sys.stdin)
try:
    s = autotune.resolve(req["env"], req["cgroupRoot"], req["affinity"], tuple(req["python"]),
                         lambda module: module in req["installed"], req["workers"] or worker_catalogue.load(sys.argv[2]))
    print(json.dumps({"settings": s, "summary": autotune.summary(s, req["env"])}))
except autotune.ConfigError as e:
    print(json.dumps({"errors": e.messages}))
`;

interface Settings {
  cores: number;
  cores_source: string;
  affinity: number;
  cgroup: string;
  cgroup_quota: number | null;
  cpu_limit: number | null;
  workers: number;
  workers_why: string;
  threads: number;
  threads_why: string;
  worker: string;
  worker_class: string;
  bind: string;
  loglevel: string;
  timeout: number;
  graceful_timeout: number;
  keepalive: number;
  accesslog: string | null;
  errorlog: string | null;
  python: string;
}
interface CatalogueEntry {
  gunicornClass: string;
  module: string | null;
  httpParser: string;
  about: string;
}
interface Result {
  settings?: Settings;
  summary?: string;
  errors?: string[];
}

function resolve(
  env: Record<string, string> = {},
  opts: { cgroupRoot?: string; affinity?: number; python?: [number, number]; installed?: string[]; workers?: Record<string, CatalogueEntry> } = {},
): Result {
  const request = {
    env,
    cgroupRoot: opts.cgroupRoot ?? NO_CGROUP,
    affinity: opts.affinity ?? 2,
    python: opts.python ?? [3, 11],
    installed: opts.installed ?? ['meinheld'], // the image's default worker
    workers: opts.workers ?? null,
  };
  const out = execFileSync(PYTHON, ['-c', HARNESS, IMAGE_DIR, VERSIONS_JSON], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' }, // no __pycache__ left in docker/image
  });
  return JSON.parse(out) as Result;
}

function settings(...args: Parameters<typeof resolve>): Settings {
  const result = resolve(...args);
  if (!result.settings) throw new Error(`expected settings, got errors: ${result.errors?.join(' | ')}`);
  return result.settings;
}

function errors(...args: Parameters<typeof resolve>): string[] {
  const result = resolve(...args);
  if (!result.errors) throw new Error(`expected errors, got settings: ${JSON.stringify(result.settings)}`);
  return result.errors;
}

describe('CPU detection: cgroup v2 (cpu.max)', () => {
  it('"max 100000" is no limit: the affinity counts', () => {
    const s = settings({}, { cgroupRoot: cgroupTree({ 'cpu.max': 'max 100000\n' }), affinity: 4 });
    expect([s.cores, s.cores_source, s.cgroup, s.cgroup_quota]).toEqual([4, 'affinity', 'cgroup v2', null]);
  });

  it('"150000 100000" (1.5 CPUs) rounds up to 2 cores', () => {
    const s = settings({}, { cgroupRoot: cgroupTree({ 'cpu.max': '150000 100000\n' }), affinity: 4 });
    expect([s.cores, s.cores_source, s.cgroup_quota]).toEqual([2, 'cgroup v2', 2]);
  });

  it('"50000 100000" (half a CPU) is 1 core', () => {
    const s = settings({}, { cgroupRoot: cgroupTree({ 'cpu.max': '50000 100000' }), affinity: 4 });
    expect([s.cores, s.cores_source]).toEqual([1, 'cgroup v2']);
  });

  it('an empty cpu.max is no limit', () => {
    const s = settings({}, { cgroupRoot: cgroupTree({ 'cpu.max': '' }), affinity: 3 });
    expect([s.cores, s.cores_source, s.cgroup, s.cgroup_quota]).toEqual([3, 'affinity', 'cgroup v2', null]);
  });

  it('cgroup v2 wins over v1 files when both exist (hybrid trees keep cpu on one side)', () => {
    const root = cgroupTree({ 'cpu.max': '100000 100000', 'cpu/cpu.cfs_quota_us': '300000', 'cpu/cpu.cfs_period_us': '100000' });
    expect(settings({}, { cgroupRoot: root, affinity: 8 }).cores).toBe(1);
  });
});

describe('CPU detection: cgroup v1 (cpu.cfs_quota_us / cpu.cfs_period_us)', () => {
  it('quota -1 is no limit', () => {
    const root = cgroupTree({ 'cpu/cpu.cfs_quota_us': '-1\n', 'cpu/cpu.cfs_period_us': '100000\n' });
    const s = settings({}, { cgroupRoot: root, affinity: 2 });
    expect([s.cores, s.cores_source, s.cgroup, s.cgroup_quota]).toEqual([2, 'affinity', 'cgroup v1', null]);
  });

  it('quota / period, rounded up', () => {
    const root = cgroupTree({ 'cpu/cpu.cfs_quota_us': '250000', 'cpu/cpu.cfs_period_us': '100000' });
    const s = settings({}, { cgroupRoot: root, affinity: 8 });
    expect([s.cores, s.cores_source, s.cgroup_quota]).toEqual([3, 'cgroup v1', 3]);
  });

  it('docker run --cpus 1 on a 2-core machine: 1 core, 2 workers', () => {
    const root = cgroupTree({ 'cpu/cpu.cfs_quota_us': '100000', 'cpu/cpu.cfs_period_us': '100000' });
    const s = settings({}, { cgroupRoot: root, affinity: 2 });
    expect([s.cores, s.cores_source, s.workers]).toEqual([1, 'cgroup v1', 2]);
  });

  it('reads the combined cpu,cpuacct controller directory', () => {
    const root = cgroupTree({ 'cpu,cpuacct/cpu.cfs_quota_us': '200000', 'cpu,cpuacct/cpu.cfs_period_us': '100000' });
    const s = settings({}, { cgroupRoot: root, affinity: 16 });
    expect([s.cores, s.cores_source]).toEqual([2, 'cgroup v1']);
  });

  it('a missing period file is no limit', () => {
    const s = settings({}, { cgroupRoot: cgroupTree({ 'cpu/cpu.cfs_quota_us': '100000' }), affinity: 2 });
    expect([s.cores, s.cores_source, s.cgroup_quota]).toEqual([2, 'affinity', null]);
  });

  it('empty quota and period files are no limit', () => {
    const root = cgroupTree({ 'cpu/cpu.cfs_quota_us': '', 'cpu/cpu.cfs_period_us': '' });
    const s = settings({}, { cgroupRoot: root, affinity: 2 });
    expect([s.cores, s.cores_source, s.cgroup, s.cgroup_quota]).toEqual([2, 'affinity', 'cgroup v1', null]);
  });

  it('garbage in the files is no limit, not a crash', () => {
    const root = cgroupTree({ 'cpu/cpu.cfs_quota_us': 'lots', 'cpu/cpu.cfs_period_us': '0' });
    expect(settings({}, { cgroupRoot: root, affinity: 2 }).cores).toBe(2);
  });
});

describe('CPU detection: the smallest of affinity, quota and CPU_LIMIT', () => {
  const quota4 = cgroupTree({ 'cpu.max': '400000 100000' });

  it('no cgroup files at all: the affinity', () => {
    const s = settings({}, { cgroupRoot: NO_CGROUP, affinity: 6 });
    expect([s.cores, s.cores_source, s.cgroup]).toEqual([6, 'affinity', 'no cgroup']);
  });

  it('affinity (--cpuset-cpus 0) smaller than the quota', () => {
    const s = settings({}, { cgroupRoot: quota4, affinity: 1 });
    expect([s.cores, s.cores_source, s.cgroup_quota]).toEqual([1, 'affinity', 4]);
  });

  it('on a tie the affinity is named', () => {
    const s = settings({}, { cgroupRoot: cgroupTree({ 'cpu.max': '200000 100000' }), affinity: 2 });
    expect([s.cores, s.cores_source]).toEqual([2, 'affinity']);
  });

  it('CPU_LIMIT below both wins and is named', () => {
    const s = settings({ CPU_LIMIT: '2' }, { cgroupRoot: quota4, affinity: 8 });
    expect([s.cores, s.cores_source, s.cpu_limit, s.workers]).toEqual([2, 'CPU_LIMIT', 2, 4]);
  });

  it('CPU_LIMIT above the quota changes nothing (it only lowers)', () => {
    const s = settings({ CPU_LIMIT: '16' }, { cgroupRoot: quota4, affinity: 8 });
    expect([s.cores, s.cores_source, s.cpu_limit]).toEqual([4, 'cgroup v2', 16]);
  });

  it('a fractional CPU_LIMIT rounds up like a quota', () => {
    const s = settings({ CPU_LIMIT: '1.5' }, { affinity: 8 });
    expect([s.cores, s.cores_source]).toEqual([2, 'CPU_LIMIT']);
  });
});

describe('workers', () => {
  it('default: cores x 2', () => {
    const s = settings({}, { affinity: 2 });
    expect([s.workers, s.workers_why]).toEqual([4, '2 cores x WORKERS_PER_CORE 2']);
  });

  it("WORKERS_PER_CORE=3 on 2 cores: 6 (the seeds' example)", () => {
    expect(settings({ WORKERS_PER_CORE: '3' }, { affinity: 2 }).workers).toBe(6);
  });

  it("WORKERS_PER_CORE=0.5 on 8 cores: 4 (the seeds' example)", () => {
    expect(settings({ WORKERS_PER_CORE: '0.5' }, { affinity: 8 }).workers).toBe(4);
  });

  it('fractions round down: 1.5 x 3 cores = 4', () => {
    expect(settings({ WORKERS_PER_CORE: '1.5' }, { affinity: 3 }).workers).toBe(4);
  });

  it('never fewer than 1: 0.1 x 2 cores', () => {
    expect(settings({ WORKERS_PER_CORE: '0.1' }, { affinity: 2 }).workers).toBe(1);
  });

  it('MAX_WORKERS caps the computed count', () => {
    const s = settings({ MAX_WORKERS: '5' }, { affinity: 8 });
    expect([s.workers, s.workers_why]).toEqual([5, '8 cores x WORKERS_PER_CORE 2, capped by MAX_WORKERS']);
  });

  it('MAX_WORKERS above the computed count changes nothing', () => {
    const s = settings({ MAX_WORKERS: '64' }, { affinity: 2 });
    expect([s.workers, s.workers_why]).toEqual([4, '2 cores x WORKERS_PER_CORE 2']);
  });

  it('WEB_CONCURRENCY wins over WORKERS_PER_CORE and MAX_WORKERS', () => {
    const s = settings({ WEB_CONCURRENCY: '7', WORKERS_PER_CORE: '4', MAX_WORKERS: '2' }, { affinity: 2 });
    expect([s.workers, s.workers_why]).toEqual([7, 'WEB_CONCURRENCY']);
  });

  it('empty values mean unset', () => {
    expect(settings({ WEB_CONCURRENCY: '', WORKERS_PER_CORE: ' ', MAX_WORKERS: '' }, { affinity: 2 }).workers).toBe(4);
  });
});

describe('threads and worker class', () => {
  it('gthread: 16 threads per worker by default', () => {
    const s = settings({ WORKER_CLASS: 'gthread' }, { affinity: 2 });
    expect([s.worker, s.worker_class, s.threads, s.threads_why]).toEqual(['gthread', 'gthread', 16, 'default']);
  });

  it('THREADS overrides', () => {
    const s = settings({ WORKER_CLASS: 'gthread', THREADS: '16' });
    expect([s.threads, s.threads_why]).toEqual([16, 'THREADS']);
  });

  it('sync runs one thread even with THREADS (Gunicorn would silently switch it to gthread)', () => {
    const s = settings({ WORKER_CLASS: 'sync', THREADS: '8' });
    expect([s.worker_class, s.threads, s.threads_why]).toEqual(['sync', 1, 'sync worker']);
  });

  it('gevent when installed', () => {
    const s = settings({ WORKER_CLASS: 'gevent' }, { installed: ['gevent'] });
    expect([s.worker_class, s.threads]).toEqual(['gevent', 1]);
  });

  it("meinheld is the default, on every Python, and maps to the image's own worker class", () => {
    for (const python of [
      [3, 8],
      [3, 9],
      [3, 11],
      [3, 13],
      [3, 14],
    ] as Array<[number, number]>) {
      const s = settings({}, { python });
      expect([s.worker, s.worker_class, s.threads, s.threads_why]).toEqual(['meinheld', 'meinheld_worker.MeinheldWorker', 1, 'meinheld worker']);
    }
  });

  it('WORKER_CLASS=meinheld in an image built without it says how to get it', () => {
    expect(errors({ WORKER_CLASS: 'meinheld' }, { installed: [] })).toEqual([
      "Invalid WORKER_CLASS='meinheld': meinheld is not installed in this image (build it with --build-arg WORKER=meinheld); expected gthread or sync.",
    ]);
  });

  it('a dotted worker class path passes through to Gunicorn', () => {
    expect(settings({ WORKER_CLASS: 'myapp.workers.Custom' }).worker_class).toBe('myapp.workers.Custom');
  });
});

describe('bind, logs and timeouts', () => {
  it('defaults: 0.0.0.0:80, info, 120/120/5, access log off, error log on stderr', () => {
    const s = settings();
    expect([s.bind, s.loglevel, s.timeout, s.graceful_timeout, s.keepalive, s.accesslog, s.errorlog]).toEqual([
      '0.0.0.0:80',
      'info',
      120,
      120,
      5,
      null,
      '-',
    ]);
  });

  it('ACCESS_LOG=- turns the access log on, to stdout', () => {
    expect(settings({ ACCESS_LOG: '-' }).accesslog).toBe('-');
  });

  it('HOST and PORT make the bind; an IPv6 host gets brackets', () => {
    expect(settings({ HOST: '127.0.0.1', PORT: '8080' }).bind).toBe('127.0.0.1:8080');
    expect(settings({ HOST: '::', PORT: '8080' }).bind).toBe('[::]:8080');
  });

  it('BIND wins over HOST and PORT (which are then not even read)', () => {
    expect(settings({ BIND: '127.0.0.2:9000', HOST: '10.0.0.1', PORT: 'junk' }).bind).toBe('127.0.0.2:9000');
    expect(settings({ BIND: 'unix:/tmp/app.sock' }).bind).toBe('unix:/tmp/app.sock');
  });

  it('LOG_LEVEL, TIMEOUT, GRACEFUL_TIMEOUT, KEEP_ALIVE', () => {
    const s = settings({ LOG_LEVEL: 'WARNING', TIMEOUT: '0', GRACEFUL_TIMEOUT: '30', KEEP_ALIVE: '2' });
    expect([s.loglevel, s.timeout, s.graceful_timeout, s.keepalive]).toEqual(['warning', 0, 30, 2]);
  });

  it('ACCESS_LOG and ERROR_LOG: empty disables, a path is used as is', () => {
    const s = settings({ ACCESS_LOG: '', ERROR_LOG: '' });
    expect([s.accesslog, s.errorlog]).toEqual([null, null]);
    expect(settings({ ACCESS_LOG: '/tmp/access.log' }).accesslog).toBe('/tmp/access.log');
  });
});

describe('the start-up line', () => {
  it('names cores, their source and the limits seen, workers, threads, worker class and bind', () => {
    const root = cgroupTree({ 'cpu/cpu.cfs_quota_us': '100000', 'cpu/cpu.cfs_period_us': '100000' });
    expect(resolve({ PORT: '8080' }, { cgroupRoot: root, affinity: 2 }).summary).toBe(
      'autotune: cores=1 source=cgroup-v1 (affinity 2, cgroup v1 1) workers=2 (1 cores x WORKERS_PER_CORE 2) ' +
        'threads=1 (meinheld worker) worker_class=meinheld bind=0.0.0.0:8080',
    );
  });

  it('says when GUNICORN_CMD_ARGS overrides what it shows', () => {
    expect(resolve({ GUNICORN_CMD_ARGS: '--workers 3' }).summary).toMatch(/ \(GUNICORN_CMD_ARGS='--workers 3' overrides these\)$/);
  });
});

describe('bad values: one line each naming the variable, the value and what is accepted', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ WORKERS_PER_CORE: 'abc' }, "Invalid WORKERS_PER_CORE='abc': expected a number greater than 0 (e.g. 2 or 0.5)."],
    [{ WORKERS_PER_CORE: '0' }, "Invalid WORKERS_PER_CORE='0': expected a number greater than 0 (e.g. 2 or 0.5)."],
    [{ WORKERS_PER_CORE: 'inf' }, "Invalid WORKERS_PER_CORE='inf': expected a number greater than 0 (e.g. 2 or 0.5)."],
    [{ WEB_CONCURRENCY: '0' }, "Invalid WEB_CONCURRENCY='0': expected a whole number of at least 1 (e.g. 4), or unset to auto-tune."],
    [{ WEB_CONCURRENCY: '2.5' }, "Invalid WEB_CONCURRENCY='2.5': expected a whole number of at least 1 (e.g. 4), or unset to auto-tune."],
    [{ MAX_WORKERS: '-3' }, "Invalid MAX_WORKERS='-3': expected a whole number of at least 1 (e.g. 8), or unset for no cap."],
    [{ CPU_LIMIT: 'two' }, "Invalid CPU_LIMIT='two': expected a number of CPUs greater than 0 (e.g. 2 or 1.5), or unset."],
    [{ THREADS: '0' }, "Invalid THREADS='0': expected a whole number of at least 1 (e.g. 4)."],
    [{ PORT: '99999' }, "Invalid PORT='99999': expected a whole number from 1 to 65535 (e.g. 80 or 8080)."],
    [{ PORT: 'http' }, "Invalid PORT='http': expected a whole number from 1 to 65535 (e.g. 80 or 8080)."],
    [
      { BIND: '0.0.0.0:0' },
      "Invalid BIND='0.0.0.0:0': expected HOST:PORT with a port from 1 to 65535 (e.g. 0.0.0.0:8080 or [::]:8080), or unix:/path/to.sock.",
    ],
    [{ TIMEOUT: '-1' }, "Invalid TIMEOUT='-1': expected a whole number of seconds, 0 or more (e.g. 120; 0 disables)."],
    [{ GRACEFUL_TIMEOUT: 'soon' }, "Invalid GRACEFUL_TIMEOUT='soon': expected a whole number of seconds, 0 or more (e.g. 120)."],
    [{ KEEP_ALIVE: '1.5' }, "Invalid KEEP_ALIVE='1.5': expected a whole number of seconds, 0 or more (e.g. 5)."],
    [{ LOG_LEVEL: 'loud' }, "Invalid LOG_LEVEL='loud': expected one of debug, info, warning, error, critical."],
    // The workers in versions.json's order (the catalogue's).
    [
      { WORKER_CLASS: 'tornado' },
      "Invalid WORKER_CLASS='tornado': expected one of meinheld, gthread, gevent, sync, or a dotted path to a Gunicorn worker class.",
    ],
    [
      { WORKER_CLASS: 'gevent' },
      "Invalid WORKER_CLASS='gevent': gevent is not installed in this image (build it with --build-arg WORKER=gevent); expected gthread or sync.",
    ],
  ];
  for (const [env, line] of cases) {
    it(`${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`, () => {
      expect(errors(env, { installed: ['meinheld'] })).toEqual([line]);
    });
  }

  it('several bad values: one line for each', () => {
    const lines = errors({ WORKERS_PER_CORE: 'abc', PORT: '99999', LOG_LEVEL: 'loud' });
    expect(lines.map((l) => l.split('=')[0])).toEqual(['Invalid WORKERS_PER_CORE', 'Invalid PORT', 'Invalid LOG_LEVEL']);
  });
});

describe('the worker catalogue (versions.json\'s "workers") is where worker facts come from', () => {
  const catalogue: Record<string, CatalogueEntry> = {
    threads: { gunicornClass: 'gthread', module: null, httpParser: 'gunicorn', about: 'a renamed gthread' },
    fancy: { gunicornClass: 'fancy.workers.FancyWorker', module: 'fancy', httpParser: 'fancy', about: 'a worker of its own' },
  };

  it('a worker the catalogue lists maps to its Gunicorn class; its module must be installed', () => {
    const s = settings({ WORKER_CLASS: 'fancy' }, { workers: catalogue, installed: ['fancy'] });
    expect([s.worker, s.worker_class]).toEqual(['fancy', 'fancy.workers.FancyWorker']);
    expect(settings({ WORKER_CLASS: 'threads' }, { workers: catalogue, installed: [] }).worker_class).toBe('gthread');
    expect(errors({ WORKER_CLASS: 'fancy' }, { workers: catalogue, installed: [] })).toEqual([
      "Invalid WORKER_CLASS='fancy': fancy is not installed in this image (build it with --build-arg WORKER=fancy); expected threads.",
    ]);
  });

  it('a worker it does not list is refused, with the ones it does', () => {
    expect(errors({ WORKER_CLASS: 'meinheld' }, { workers: catalogue })).toEqual([
      "Invalid WORKER_CLASS='meinheld': expected one of threads, fancy, or a dotted path to a Gunicorn worker class.",
    ]);
  });
});

describe('the worker catalogue file', () => {
  it('missing (autotune copied out of the image): the error says where it comes from and what to pass instead', () => {
    const program = 'import sys; sys.path.insert(0, sys.argv[1]); import worker_catalogue; worker_catalogue.load("/nonexistent/versions.json")';
    let stderr = '';
    try {
      execFileSync(PYTHON, ['-c', program, IMAGE_DIR], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
    } catch (e) {
      stderr = (e as { stderr: string }).stderr;
    }
    expect(stderr.trim().split('\n').at(-1)).toBe(
      "FileNotFoundError: no worker catalogue at /nonexistent/versions.json: the image's Dockerfile copies docker/versions.json there; " +
        'elsewhere, give autotune.resolve() workers=worker_catalogue.load(PATH), PATH being a copy of docker/versions.json',
    );
    expect(stderr).not.toContain('During handling'); // one error, not two chained
  });
});

describe('python -m autotune show', () => {
  function show(env: Record<string, string>, ...args: string[]): { status: number; stdout: string; stderr: string } {
    try {
      const stdout = execFileSync(PYTHON, [AUTOTUNE, ...args], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stdout, stderr: '' };
    } catch (e) {
      return e as { status: number; stdout: string; stderr: string };
    }
  }
  const opts = ['--cgroup-root', NO_CGROUP, '--affinity', '3', '--versions-json', VERSIONS_JSON];

  it('prints the resolved settings as JSON, with or without the word show', () => {
    for (const args of [['show', ...opts], opts]) {
      const r = show({ WORKER_CLASS: 'gthread' }, ...args);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ cores: 3, workers: 6, worker: 'gthread', worker_class: 'gthread', threads: 16 });
    }
  });

  it('a bad value exits 2 with one ERROR line; an unknown command or option is a usage error (64)', () => {
    expect(show({ PORT: 'http' }, ...opts)).toMatchObject({
      status: 2,
      stderr: "ERROR: Invalid PORT='http': expected a whole number from 1 to 65535 (e.g. 80 or 8080).\n",
    });
    expect(show({}, 'check', ...opts)).toMatchObject({ status: 64, stderr: expect.stringMatching(/python -m startup_guards check/) });
    expect(show({}, '--nope', 'x').status).toBe(64);
  });
});
