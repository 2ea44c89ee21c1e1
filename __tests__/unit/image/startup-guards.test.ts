// docker/image/startup_guards.py, the checks start.sh runs before Gunicorn, on the host's python3: the
// whole check through the real CLI (`python -m startup_guards check`), and the refusal of Gunicorn's
// own HTTP parser before 23. RUN_AS_USER, the port privilege and `run-as` are unprivileged.test.ts's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const IMAGE_DIR = join(__dirname, '..', '..', '..', 'docker', 'image');
const GUARDS = join(IMAGE_DIR, 'startup_guards.py');
// The image reads its copy of this file; the tests read the repo's.
const VERSIONS_JSON = join(IMAGE_DIR, '..', 'versions.json');
// The interpreter itself, not a version-manager shim in front of it.
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
// Importing docker/image modules must not leave __pycache__ in the build context.
const PY_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' };

const temp = mkdtempSync(join(tmpdir(), 'startup-guards-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
// A cgroup root with no files: no CPU limit.
const NO_CGROUP = join(temp, 'no-cgroup');
mkdirSync(NO_CGROUP);

describe('python -m startup_guards check (what start.sh runs)', () => {
  const appDir = join(temp, 'app');
  mkdirSync(join(appDir, 'pkg'), { recursive: true });
  writeFileSync(join(appDir, 'main.py'), 'app = None\n');
  writeFileSync(join(appDir, 'pkg', '__init__.py'), '');
  writeFileSync(join(appDir, 'pkg', 'server.py'), 'app = None\n');

  function check(env: Record<string, string>): { status: number; stderr: string } {
    try {
      execFileSync(PYTHON, [GUARDS, 'check', '--cgroup-root', NO_CGROUP, '--affinity', '2', '--app-dir', appDir, '--versions-json', VERSIONS_JSON], {
        // PORT 8080: the check also asks whether this process may bind the port, and 80 needs root.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PORT: '8080', ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stderr: '' };
    } catch (e) {
      const err = e as { status: number; stderr: string };
      return { status: err.status, stderr: err.stderr };
    }
  }

  it('a good environment passes silently', () => {
    expect(check({ MODULE_NAME: 'main', VARIABLE_NAME: 'app', APP_MODULE: 'main:app' })).toEqual({ status: 0, stderr: '' });
    expect(check({ APP_MODULE: 'pkg.server:app' })).toEqual({ status: 0, stderr: '' });
  });

  it('a bad value exits 2 with one ERROR line', () => {
    expect(check({ WORKERS_PER_CORE: 'abc' })).toEqual({
      status: 2,
      stderr: "ERROR: Invalid WORKERS_PER_CORE='abc': expected a number greater than 0 (e.g. 2 or 0.5).\n",
    });
  });

  it('a MODULE_NAME that does not import', () => {
    expect(check({ MODULE_NAME: 'nope', VARIABLE_NAME: 'app', APP_MODULE: 'nope:app' })).toEqual({
      status: 2,
      stderr:
        `ERROR: Invalid MODULE_NAME='nope': no module 'nope' can be imported; ` +
        `expected a dotted module path under ${appDir} such as main or app.main.\n`,
    });
  });

  it('locates the app without importing it: a package that records who imports it is not run by the check (the master, as root)', () => {
    const record = join(temp, 'imported-by');
    mkdirSync(join(appDir, 'spy', 'inner'), { recursive: true });
    const spy = `import os\nwith open(${JSON.stringify(record)}, "a") as f:\n    f.write("uid=%d\\n" % os.getuid())\n`;
    writeFileSync(join(appDir, 'spy', '__init__.py'), spy);
    writeFileSync(join(appDir, 'spy', 'inner', '__init__.py'), spy);
    writeFileSync(join(appDir, 'spy', 'inner', 'server.py'), `${spy}app = None\n`);
    expect(check({ APP_MODULE: 'spy.inner.server:app' })).toEqual({ status: 0, stderr: '' });
    expect(check({ APP_MODULE: 'spy.inner.missing:app' }).status).toBe(2);
    expect(check({ APP_MODULE: 'spy.inner.server.deeper:app' }).status).toBe(2);
    expect(existsSync(record)).toBe(false);
    // The spy works: importing the module for real does record the importing uid.
    execFileSync(PYTHON, ['-c', 'import spy.inner.server'], {
      cwd: appDir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(readFileSync(record, 'utf8')).toMatch(/^uid=\d+\n/);
  });

  it('finds namespace packages (no __init__.py) and modules beside them, as Python does', () => {
    mkdirSync(join(appDir, 'nspkg', 'sub'), { recursive: true });
    writeFileSync(join(appDir, 'nspkg', 'sub', 'web.py'), 'app = None\n');
    expect(check({ APP_MODULE: 'nspkg.sub.web:app' })).toEqual({ status: 0, stderr: '' });
    expect(check({ APP_MODULE: 'nspkg.sub.nope:app' }).status).toBe(2);
    // An installed module (site-packages is on the path) counts too.
    expect(check({ APP_MODULE: 'json.decoder:JSONDecoder' })).toEqual({ status: 0, stderr: '' });
  });

  it('an APP_MODULE set on its own is the one named', () => {
    const r = check({ MODULE_NAME: 'main', VARIABLE_NAME: 'app', APP_MODULE: 'pkg.missing:app' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ERROR: Invalid APP_MODULE='pkg\.missing:app': no module 'pkg\.missing' can be imported; /);
  });

  it('a GUNICORN_CONF that does not exist', () => {
    expect(check({ GUNICORN_CONF: '/nonexistent/gunicorn_conf.py' })).toEqual({
      status: 2,
      stderr:
        "ERROR: Invalid GUNICORN_CONF='/nonexistent/gunicorn_conf.py': no such file; " +
        'expected the path of a Gunicorn config file (e.g. /app/gunicorn_conf.py).\n',
    });
  });
});

describe("check_gunicorn_version: Gunicorn's own parser only from 23 on", () => {
  // The worker catalogue is versions.json's unless a test brings its own.
  const harness = `
import json, sys
sys.path.insert(0, sys.argv[1])
import startup_guards, worker_catalogue
env, version, workers = json.loads(sys.argv[3])
workers = workers or worker_catalogue.load(sys.argv[2])
print(json.dumps(startup_guards.check_gunicorn_version(env, tuple(version) if version else None, workers)))
`;
  const check = (env: Record<string, string>, version: [number, number] | null, workers: object | null = null): string[] =>
    JSON.parse(
      execFileSync(PYTHON, ['-c', harness, IMAGE_DIR, VERSIONS_JSON, JSON.stringify([env, version, workers])], { encoding: 'utf8', env: PY_ENV }),
    ) as string[];

  it('sync, gthread and gevent on a Gunicorn older than 23 (an app pinned it) are refused, saying what to do', () => {
    for (const worker of ['sync', 'gthread', 'gevent']) {
      expect(check({ WORKER_CLASS: worker }, [20, 1])).toEqual([
        `Invalid WORKER_CLASS='${worker}': this image has Gunicorn 20.1 (did an app requirement pin it?), and Gunicorn's own ` +
          'HTTP parser has request-smuggling flaws before 23.0; expected meinheld, or Gunicorn 23 or newer.',
      ]);
    }
  });

  it("passes Meinheld (its own parser) and custom classes anywhere, Gunicorn's workers on 23+ or without Gunicorn", () => {
    expect(check({ WORKER_CLASS: 'meinheld' }, [20, 1])).toEqual([]);
    expect(check({}, [26, 2])).toEqual([]);
    expect(check({ WORKER_CLASS: 'my.workers.Custom' }, [20, 1])).toEqual([]);
    expect(check({ WORKER_CLASS: 'sync' }, [23, 0])).toEqual([]);
    expect(check({ WORKER_CLASS: 'gthread' }, [26, 2])).toEqual([]);
    expect(check({ WORKER_CLASS: 'sync' }, null)).toEqual([]);
  });

  it("which workers parse with Gunicorn's parser, and which do not, is the catalogue's httpParser", () => {
    const workers = {
      plain: { gunicornClass: 'sync', module: null, httpParser: 'gunicorn', about: '' },
      own: { gunicornClass: 'own.Worker', module: 'own', httpParser: 'own', about: '' },
      other: { gunicornClass: 'other.Worker', module: 'other', httpParser: 'other', about: '' },
    };
    expect(check({ WORKER_CLASS: 'plain' }, [22, 0], workers)).toEqual([
      "Invalid WORKER_CLASS='plain': this image has Gunicorn 22.0 (did an app requirement pin it?), and Gunicorn's own " +
        'HTTP parser has request-smuggling flaws before 23.0; expected own, other, or Gunicorn 23 or newer.',
    ]);
    expect(check({ WORKER_CLASS: 'own' }, [22, 0], workers)).toEqual([]);
  });
});
