// What each image installs, without Docker: the requirements and constraints files, the image stage's
// install script (image/scripts/install-packages.sh) run by /bin/sh against a stub pip, and the
// Meinheld source pin and patch series. The start-up refusal of Gunicorn's own HTTP parser before 23 is
// startup-guards.test.ts's.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { versionsFile } from '../../../src/core/versions.js';

const DOCKER_DIR = join(__dirname, '..', '..', '..', 'docker');
const IMAGE_DIR = join(DOCKER_DIR, 'image');
const MEINHELD_DIR = join(IMAGE_DIR, 'meinheld');

const temp = mkdtempSync(join(tmpdir(), 'image-packages-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Requirement lines of a requirements or constraints file (comments and blank lines dropped). */
const lines = (file: string): string[] =>
  readFileSync(join(IMAGE_DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

describe('requirements and constraints', () => {
  it("every image gets Flask and a Gunicorn from 23 (its parser's request-smuggling fixes) below 27; gevent on 3.9 a release with 3.9 wheels", () => {
    expect(lines('requirements.txt')).toEqual(['flask>=2.2,<4', 'gunicorn>=23,<27']);
    expect(lines('constraints.txt')).toEqual(['gunicorn>=23', 'gevent<26.4 ; python_version < "3.10"']);
    expect(readdirSync(IMAGE_DIR).filter((f) => /^constraints-.+\.txt$/.test(f))).toEqual([]);
  });

  it("gevent comes through Gunicorn's extra, which brings the packaging module its worker imports", () => {
    expect(lines('requirements-gevent.txt')).toEqual(['gunicorn[gevent]']);
  });

  it('every requirements-WORKER.txt belongs to a worker the versions file knows', () => {
    const workers = new Set<string>(Object.values(versionsFile.versions).flatMap((v) => v.workers));
    for (const f of readdirSync(IMAGE_DIR).filter((f) => /^requirements-.+\.txt$/.test(f))) {
      expect(workers.has(f.slice('requirements-'.length, -'.txt'.length)), f).toBe(true);
    }
  });
});

describe('Meinheld from source', () => {
  it("is pinned to one release by one hash: PyPI's sdist, nothing else", () => {
    const text = readFileSync(join(MEINHELD_DIR, 'source.txt'), 'utf8').replace(/\\\n/g, ' ');
    const [req] = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(req?.split(/\s+/).filter(Boolean)).toEqual([
      'meinheld==1.0.2',
      '--hash=sha256:008c76937ac2117cc69e032dc69cea9f85fc605de9bac1417f447c41c16a56d6',
    ]);
  });

  it('greenlet 0.4.17 on 3.8/3.9 and greenlet 3 from 3.10, by environment markers', () => {
    const text = readFileSync(join(MEINHELD_DIR, 'greenlet.txt'), 'utf8');
    expect(text.split('\n').filter((l) => l.trim() && !l.startsWith('#'))).toEqual([
      'greenlet==0.4.17 ; python_version < "3.10"',
      'greenlet>=3.1,<4 ; python_version >= "3.10"',
    ]);
  });

  it('the patch series is readable: numbered without gaps, each file saying why, every hunk with a "Patched" comment, all applied in order by build.sh', () => {
    const names = readdirSync(join(MEINHELD_DIR, 'patches')).sort();
    expect(names.length).toBeGreaterThan(5);
    names.forEach((name, i) => expect(name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}-[a-z0-9.-]+\\.patch$`)));
    for (const name of names) {
      const patch = readFileSync(join(MEINHELD_DIR, 'patches', name), 'utf8');
      // Before its first file: what was wrong upstream, what the change does, and the tests that hold it.
      const why = patch.slice(0, patch.indexOf('\ndiff '));
      expect(why, name).toMatch(new RegExp(`^Meinheld 1\\.0\\.2, patch ${name.slice(0, 4)}: `));
      expect(why, name).toMatch(/\nWrong upstream[:, ][\s\S]*\nThe change: [\s\S]*\nTested by: /);
      const tests = [...why.matchAll(/__tests__\/e2e\/[\w-]+\.test\.ts/g)].map((m) => m[0]);
      expect(tests.length, name).toBeGreaterThan(0);
      for (const t of tests) expect(existsSync(join(DOCKER_DIR, '..', t)), `${name} names ${t}`).toBe(true);
      const hunks = patch.split(/\n(?=@@ )/).slice(1);
      expect(hunks.length, name).toBeGreaterThan(0);
      const silent = hunks.filter((h) => /^\+(?!\+)/m.test(h) && !/^\+.*Patched/m.test(h) && !/^ .*Patched/m.test(h));
      expect(silent.map((h) => `${name} ${h.split('\n')[0]}`)).toEqual([]);
      // It patches the released files only.
      for (const m of patch.matchAll(/^\+\+\+ b\/(\S+)/gm)) expect(m[1]).toMatch(/^(setup\.py|meinheld\/server\/[\w.]+\.[ch])$/);
    }
    // build.sh applies every one, in the order of their names, and stops at the first that does not apply.
    const build = readFileSync(join(MEINHELD_DIR, 'build.sh'), 'utf8');
    expect(build).toMatch(/^for p in "\$here"\/patches\/\*\.patch; do$/m);
    expect(build).toMatch(/^ {2}patch -p1 --forward --batch <"\$p" \|\| \{ .*exit 1; \}$/m);
    expect(build).toMatch(/^set -eu$/m);
  });
});

describe("the image stage installs the built wheels, then Flask, Gunicorn and the worker's packages", () => {
  // The Dockerfile copies the script into /tmp beside the wheels and the requirements files, and runs it.
  const SCRIPT = join(IMAGE_DIR, 'scripts', 'install-packages.sh');
  const dockerfile = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  let count = 0;

  /** Runs the script for WORKER with a stub pip; returns the pip commands (paths made relative). */
  function install(worker: string, wheels: string[] = []): string[] {
    const root = join(temp, `run-${count++}`);
    const bin = join(root, 'bin');
    mkdirSync(join(root, 'tmp', 'wheels'), { recursive: true });
    mkdirSync(bin);
    for (const f of readdirSync(IMAGE_DIR).filter((f) => /^(requirements.*|constraints)\.txt$/.test(f))) {
      copyFileSync(join(IMAGE_DIR, f), join(root, 'tmp', f));
    }
    copyFileSync(SCRIPT, join(root, 'tmp', 'install-packages.sh'));
    for (const w of wheels) writeFileSync(join(root, 'tmp', 'wheels', w), '');
    const log = join(root, 'pip.log');
    writeFileSync(join(bin, 'pip'), `#!/bin/sh\necho "pip $*" >> "${log}"\n`);
    chmodSync(join(bin, 'pip'), 0o755);
    for (const tool of ['ls', 'dirname']) {
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    }
    execFileSync('/bin/sh', [join(root, 'tmp', 'install-packages.sh'), worker], { env: { PATH: bin } });
    return readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.replaceAll(root, ''));
  }

  it('the Dockerfile runs it with the worker, from /tmp beside its inputs, then removes them all', () => {
    expect(dockerfile).toContain('COPY --from=wheels /wheels /tmp/wheels');
    expect(dockerfile).toContain('COPY image/requirements*.txt image/constraints.txt image/scripts/install-packages.sh /tmp/');
    expect(dockerfile).toMatch(
      /^RUN (?:--\S+\s+)*sh \/tmp\/install-packages\.sh "\$WORKER" && +rm -rf \/tmp\/wheels \/tmp\/requirements\*\.txt \/tmp\/constraints\.txt \/tmp\/install-packages\.sh$/m,
    );
  });

  it('gthread and sync: requirements.txt with constraints.txt', () => {
    expect(install('gthread')).toEqual(['pip install -r /tmp/requirements.txt -c /tmp/constraints.txt']);
    expect(install('sync')).toEqual(['pip install -r /tmp/requirements.txt -c /tmp/constraints.txt']);
  });

  it('gevent: requirements-gevent.txt as well, from the index', () => {
    expect(install('gevent')).toEqual(['pip install -r /tmp/requirements.txt -r /tmp/requirements-gevent.txt -c /tmp/constraints.txt']);
  });

  it('meinheld: the wheels built in the first stage, exactly those (no index, no deps, over any distribution copy), then the rest', () => {
    expect(install('meinheld', ['greenlet-3.5.3-cp313.whl', 'meinheld-1.0.2-cp313.whl'])).toEqual([
      'pip install --no-index --no-deps --ignore-installed /tmp/wheels/greenlet-3.5.3-cp313.whl /tmp/wheels/meinheld-1.0.2-cp313.whl',
      'pip install -r /tmp/requirements.txt -c /tmp/constraints.txt',
    ]);
  });
});
