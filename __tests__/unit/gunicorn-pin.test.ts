// Which Gunicorn each image gets, without Docker: the constraints files, the image stage's install
// script run by /bin/sh against a stub pip, and autotune's refusal of Gunicorn's own HTTP parser when
// the image carries a Gunicorn older than 23 (only Meinheld images do). The Meinheld image itself is
// built only on the online test bed (image-unprivileged.test.ts checks its Gunicorn there).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DOCKER_DIR = join(__dirname, '..', '..', 'docker');
const IMAGE_DIR = join(DOCKER_DIR, 'image');
const PY_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' };

const temp = mkdtempSync(join(tmpdir(), 'gunicorn-pin-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Requirement lines of a requirements or constraints file (comments and blank lines dropped). */
const lines = (file: string): string[] =>
  readFileSync(join(IMAGE_DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

/** Whether version X.Y[.Z] satisfies a specifier list like ">=20.1,<27" (the operators used here). */
function satisfies(version: string, specifiers: string): boolean {
  const v = version.split('.').map(Number);
  const cmp = (other: string): number => {
    const o = other.split('.').map(Number);
    for (let i = 0; i < Math.max(v.length, o.length); i++) {
      const d = (v[i] ?? 0) - (o[i] ?? 0);
      if (d !== 0) return Math.sign(d);
    }
    return 0;
  };
  return specifiers.split(',').every((spec) => {
    const [, op, other] = /^(>=|<=|==|<|>)(.+)$/.exec(spec.trim()) ?? [];
    if (!op || !other) throw new Error(`unsupported specifier ${spec}`);
    const c = cmp(other);
    return { '>=': c >= 0, '<=': c <= 0, '==': c === 0, '<': c < 0, '>': c > 0 }[op] as boolean;
  });
}

describe('the constraints files', () => {
  const gunicornRange = lines('requirements.txt').find((l) => l.startsWith('gunicorn'))?.slice('gunicorn'.length) ?? '';

  it('Meinheld images get Gunicorn 20.1.0; every other worker gets 23 or later', () => {
    expect(lines('constraints-meinheld.txt')).toEqual(['gunicorn==20.1.0']);
    expect(lines('constraints.txt')).toEqual(['gunicorn>=23']);
  });

  it('the range in requirements.txt admits both, and stops below the next major release', () => {
    expect(gunicornRange).toBe('>=20.1,<27');
    expect(satisfies('20.1.0', gunicornRange)).toBe(true);
    expect(satisfies('23.0.0', gunicornRange)).toBe(true);
    expect(satisfies('26.2.0', gunicornRange)).toBe(true);
    expect(satisfies('27.0.0', gunicornRange)).toBe(false);
  });

  it('every constraints-WORKER.txt belongs to a worker the versions file knows', () => {
    const versions = JSON.parse(readFileSync(join(DOCKER_DIR, 'versions.json'), 'utf8')) as { versions: Record<string, { workers: string[] }> };
    const workers = new Set(Object.values(versions.versions).flatMap((v) => v.workers));
    const files = readdirSync(IMAGE_DIR).filter((f) => /^constraints-.+\.txt$/.test(f));
    expect(files).toEqual(['constraints-meinheld.txt']);
    for (const f of files) expect(workers.has(f.slice('constraints-'.length, -'.txt'.length)), f).toBe(true);
  });
});

describe('the image stage installs Flask and Gunicorn with the worker\'s constraints', () => {
  const dockerfile = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const script = /^RUN (set -eu; .*pip install -r \/tmp\/requirements\.txt.*)$/m.exec(dockerfile)?.[1] ?? '';
  let count = 0;

  /** Runs that RUN script for WORKER with a stub pip; returns the pip commands (paths made relative). */
  function install(worker: string, wheels: string[] = []): string[] {
    const root = join(temp, `run-${count++}`);
    const bin = join(root, 'bin');
    mkdirSync(join(root, 'tmp', 'wheels'), { recursive: true });
    mkdirSync(bin);
    for (const f of readdirSync(IMAGE_DIR).filter((f) => /^(requirements|constraints.*)\.txt$/.test(f))) {
      copyFileSync(join(IMAGE_DIR, f), join(root, 'tmp', f));
    }
    for (const w of wheels) writeFileSync(join(root, 'tmp', 'wheels', w), '');
    const log = join(root, 'pip.log');
    writeFileSync(join(bin, 'pip'), `#!/bin/sh\necho "pip $*" >> "${log}"\n`);
    chmodSync(join(bin, 'pip'), 0o755);
    for (const tool of ['ls', 'rm']) {
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    }
    execFileSync('/bin/sh', ['-c', script.replaceAll('/tmp/', `${root}/tmp/`)], { env: { PATH: bin, WORKER: worker } });
    return readFileSync(log, 'utf8').trim().split('\n').map((l) => l.replaceAll(root, ''));
  }

  it('gthread and sync: constraints.txt', () => {
    expect(script).not.toBe('');
    expect(install('gthread')).toEqual(['pip install -r /tmp/requirements.txt -c /tmp/constraints.txt']);
    expect(install('sync')).toEqual(['pip install -r /tmp/requirements.txt -c /tmp/constraints.txt']);
  });

  it('gevent: its wheels without an index, then constraints.txt', () => {
    expect(install('gevent', ['gevent-25.0-cp311-cp311-manylinux.whl'])).toEqual([
      'pip install --no-index /tmp/wheels/gevent-25.0-cp311-cp311-manylinux.whl',
      'pip install -r /tmp/requirements.txt -c /tmp/constraints.txt',
    ]);
  });

  it('meinheld: its wheels without an index, then constraints-meinheld.txt', () => {
    expect(install('meinheld', ['greenlet-0.4.17-cp39.whl', 'meinheld-1.0.2-cp39.whl'])).toEqual([
      'pip install --no-index /tmp/wheels/greenlet-0.4.17-cp39.whl /tmp/wheels/meinheld-1.0.2-cp39.whl',
      'pip install -r /tmp/requirements.txt -c /tmp/constraints-meinheld.txt',
    ]);
  });
});

describe('check_gunicorn_version: the worker class and the installed Gunicorn go together', () => {
  const harness = `
import json, sys
sys.path.insert(0, sys.argv[1])
import autotune
env, version = json.loads(sys.argv[2])
print(json.dumps(autotune.check_gunicorn_version(env, tuple(version) if version else None)))
`;
  const check = (env: Record<string, string>, version: [number, number] | null): string[] =>
    JSON.parse(execFileSync('python3', ['-c', harness, IMAGE_DIR, JSON.stringify([env, version])], { encoding: 'utf8', env: PY_ENV })) as string[];

  it('a Meinheld image (Gunicorn 20.1) refuses sync, gthread and gevent, and says what to do', () => {
    for (const worker of ['sync', 'gthread', 'gevent']) {
      expect(check({ WORKER_CLASS: worker }, [20, 1])).toEqual([
        `Invalid WORKER_CLASS='${worker}': this image has Gunicorn 20.1, kept for Meinheld, and Gunicorn's own HTTP parser has ` +
          `request-smuggling flaws before 23.0; expected meinheld, or an image built with --build-arg WORKER=${worker}.`,
      ]);
    }
  });

  it('passes Meinheld and custom worker classes there, and Gunicorn\'s workers on Gunicorn 23+ or without Gunicorn', () => {
    expect(check({ WORKER_CLASS: 'meinheld' }, [20, 1])).toEqual([]);
    expect(check({ WORKER_CLASS: 'my.workers.Custom' }, [20, 1])).toEqual([]);
    expect(check({ WORKER_CLASS: 'sync' }, [23, 0])).toEqual([]);
    expect(check({ WORKER_CLASS: 'gthread' }, [26, 2])).toEqual([]);
    expect(check({ WORKER_CLASS: 'sync' }, null)).toEqual([]);
  });

  it('Meinheld on a Gunicorn newer than 20.1 (an app requirement upgraded it) is refused', () => {
    expect(check({ WORKER_CLASS: 'meinheld' }, [23, 0])).toEqual([
      "Invalid WORKER_CLASS='meinheld': Meinheld 1.0.2 breaks on Gunicorn 21+ and this image has Gunicorn 23.0 " +
        '(did an app requirement upgrade it?); expected gthread or sync, or Gunicorn 20.1.0 for Meinheld.',
    ]);
  });
});
