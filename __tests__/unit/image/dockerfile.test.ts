// docker/Dockerfile and its build-time policy, without Docker. The Alpine variant cannot be built on
// these machines (no Alpine mirror), so its branch is checked here: the build stage's script
// (image/scripts/build-wheels.sh) is run by /bin/sh against stub apk / apt-get / gcc / pip commands
// that record what they were asked to do. The policy check (build_check.py) runs on the host's python3.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { productLabel } from '../../../src/core/product.js';
import { versionsFile } from '../../../src/core/versions.js';

const DOCKER_DIR = join(__dirname, '..', '..', '..', 'docker');
// Importing docker/image modules must not leave __pycache__ in the build context.
const PY_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
const IMAGE_DIR = join(DOCKER_DIR, 'image');
const versions = versionsFile;

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** The Dockerfile as instructions: continuation lines joined, comment lines dropped (as Docker does). */
function instructions(): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  let current = '';
  for (const raw of readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && current === '')) continue;
    current += (current ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) continue;
    const [keyword = '', ...rest] = current.split(' ');
    if (keyword.toUpperCase() === 'FROM') stage++;
    // RUN's own flags (--mount=...) are Docker's, not part of the shell command.
    while (keyword.toUpperCase() === 'RUN' && rest[0]?.startsWith('--')) rest.shift();
    out.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), stage });
    current = '';
  }
  return out;
}

const all = instructions();
const inStage = (stage: number): Instruction[] => all.filter((i) => i.stage === stage);

describe('the Dockerfile template', () => {
  it('two stages from the same build-arg base image: wheels, then the image', () => {
    const froms = all.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(froms).toEqual(['${PYTHON_BASE_IMAGE} AS wheels', '${PYTHON_BASE_IMAGE}']);
    expect(inStage(-1)).toEqual([{ keyword: 'ARG', args: 'PYTHON_BASE_IMAGE=python:3.12-slim', stage: -1 }]);
  });

  it('each stage declares the build args it uses; the defaults agree with versions.json', () => {
    for (const stage of [0, 1]) {
      const args = inStage(stage)
        .filter((i) => i.keyword === 'ARG')
        .map((i) => i.args);
      expect(args).toEqual(['PYTHON_VERSION=3.12', 'WORKER=meinheld', 'PIP_INDEX_URL=', 'PIP_TRUSTED_HOST=']);
    }
    expect(versions.versions['3.12']?.defaultWorker).toBe('meinheld');
  });

  it('compilers are installed in the build stage only', () => {
    const compilers = /apk add|apt-get install|build-base|\bgcc\b/;
    // What a stage runs: its RUN lines, and the scripts from image/scripts/ that they run.
    const runs = (stage: number): string[] =>
      inStage(stage)
        .filter((i) => i.keyword === 'RUN')
        .flatMap((i) => [
          i.args,
          ...[...i.args.matchAll(/sh \/\w+\/([\w-]+\.sh)/g)].map((m) => readFileSync(join(IMAGE_DIR, 'scripts', m[1] as string), 'utf8')),
        ]);
    expect(runs(0).some((text) => compilers.test(text))).toBe(true);
    expect(runs(1).filter((text) => compilers.test(text))).toEqual([]);
    expect(runs(1).length).toBeGreaterThan(inStage(1).filter((i) => i.keyword === 'RUN').length); // it read the scripts
  });

  it('the image installs the built wheels without an index, then Flask and Gunicorn', () => {
    const stage = inStage(1);
    expect(stage).toContainEqual({ keyword: 'COPY', args: '--from=wheels /wheels /tmp/wheels', stage: 1 });
    const install = stage.find((i) => i.keyword === 'RUN' && i.args.includes('install-packages.sh'));
    expect(install?.args).toMatch(/^sh \/tmp\/install-packages\.sh "\$WORKER" && rm -rf \/tmp\/wheels /);
    // The script itself, run against a stub pip, is image-packages.test.ts's.
    const script = readFileSync(join(IMAGE_DIR, 'scripts', 'install-packages.sh'), 'utf8');
    expect(script).toMatch(/pip install --no-index --no-deps --ignore-installed "\$here"\/wheels\/\*\.whl\n/);
    expect(script.indexOf('--no-index')).toBeLessThan(script.indexOf('pip install -r "$here/requirements.txt"'));
  });

  it('sets the runtime contract: PYTHONPATH, the worker default and label, port, workdir, command', () => {
    const stage = inStage(1);
    const env = stage
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('PYTHONPATH=/app');
    expect(env).toContain('WORKER_CLASS=${WORKER}');
    const labels = stage.find((i) => i.keyword === 'LABEL')?.args;
    // In the product's one label namespace (src/core/product.ts); the app layer does not label these again.
    expect(labels).toContain(`${productLabel('worker')}="\${WORKER}"`);
    expect(labels).toContain(`${productLabel('python-version')}="\${PYTHON_VERSION}"`);
    expect(stage.filter((i) => ['EXPOSE', 'WORKDIR', 'CMD'].includes(i.keyword)).map((i) => `${i.keyword} ${i.args}`)).toEqual([
      'WORKDIR /app',
      'EXPOSE 80',
      'CMD ["/start.sh"]',
    ]);
  });

  it('every file it copies from the context exists in docker/', () => {
    const sources = all.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(' ').slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      if (source.includes('*')) {
        const [dir, pattern] = [join(DOCKER_DIR, source, '..'), source.split('/').pop() ?? ''];
        const re = new RegExp(`^${pattern.replace('.', '\\.').replace('*', '.*')}$`);
        expect(readdirSync(dir).filter((f) => re.test(f)).length, source).toBeGreaterThan(0);
      } else {
        expect(existsSync(join(DOCKER_DIR, source)), source).toBe(true);
      }
    }
  });
});

describe('the build stage script, per package manager and worker', () => {
  const temp = mkdtempSync(join(tmpdir(), 'dockerfile-test-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  let count = 0;

  it('the Dockerfile runs image/scripts/build-wheels.sh with the build args, beside build_check.py, versions.json and meinheld/', () => {
    const stage = inStage(0);
    expect(stage).toContainEqual({ keyword: 'COPY', args: 'versions.json image/build_check.py image/scripts/build-wheels.sh /build/', stage: 0 });
    expect(stage).toContainEqual({ keyword: 'COPY', args: 'image/meinheld/ /build/meinheld/', stage: 0 });
    expect(stage.filter((i) => i.keyword === 'RUN').map((i) => i.args)).toEqual(['sh /build/build-wheels.sh "$PYTHON_VERSION" "$WORKER" /wheels']);
  });

  /** Runs build-wheels.sh from a /build-like folder with stub commands; returns the commands it ran. */
  function wheelsStage(worker: string, system: { apk?: boolean; aptGet?: boolean; gcc?: boolean; patch?: boolean }): string[] {
    const root = join(temp, `run-${count++}`);
    const bin = join(root, 'bin');
    mkdirSync(join(root, 'build'), { recursive: true });
    mkdirSync(bin);
    copyFileSync(join(IMAGE_DIR, 'scripts', 'build-wheels.sh'), join(root, 'build', 'build-wheels.sh'));
    const log = join(root, 'commands.log');
    const stubs = [
      'python',
      'pip',
      'sh',
      ...(system.apk ? ['apk'] : []),
      ...(system.aptGet ? ['apt-get'] : []),
      ...(system.gcc ? ['gcc'] : []),
      ...(system.patch ? ['patch'] : []),
    ];
    for (const name of stubs) {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n`);
      chmodSync(join(bin, name), 0o755);
    }
    for (const tool of ['mkdir', 'dirname']) {
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    }
    execFileSync('/bin/sh', [join(root, 'build', 'build-wheels.sh'), '3.9', worker, join(root, 'wheels')], {
      env: { PATH: bin, PIP_INDEX_URL: '', PIP_TRUSTED_HOST: '' },
    });
    expect(existsSync(join(root, 'wheels'))).toBe(true);
    return existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.replaceAll(root, ''))
      : [];
  }

  const policy = 'python /build/build_check.py /build/versions.json 3.9 ';
  const meinheld = [
    'pip wheel --wheel-dir /wheels -r /build/meinheld/greenlet.txt',
    'pip install --no-index --no-deps --ignore-installed /wheels/greenlet-*.whl',
    'pip install setuptools wheel',
    'sh /build/meinheld/build.sh /wheels',
  ];

  it('gthread, sync and gevent: the policy check only, nothing to compile', () => {
    expect(wheelsStage('gthread', { aptGet: true })).toEqual([policy + 'gthread']);
    expect(wheelsStage('sync', { apk: true })).toEqual([policy + 'sync']);
    expect(wheelsStage('gevent', { apk: true })).toEqual([policy + 'gevent']);
    expect(wheelsStage('gevent', { aptGet: true })).toEqual([policy + 'gevent']);
  });

  it('meinheld on slim (apt-get, no gcc): installs compilers and patch, builds greenlet, then the patched Meinheld', () => {
    expect(wheelsStage('meinheld', { aptGet: true })).toEqual([
      policy + 'meinheld',
      'apt-get update',
      'apt-get install -y --no-install-recommends gcc g++ libc6-dev patch',
      ...meinheld,
    ]);
  });

  it('meinheld on the full Debian image (gcc and patch already there): no apt-get', () => {
    expect(wheelsStage('meinheld', { aptGet: true, gcc: true, patch: true })).toEqual([policy + 'meinheld', ...meinheld]);
  });

  it('meinheld on Alpine: apk build tools and patch', () => {
    expect(wheelsStage('meinheld', { apk: true })).toEqual([policy + 'meinheld', 'apk add --no-cache build-base linux-headers patch', ...meinheld]);
  });
});

describe('versions.json and the worker policy', () => {
  // The workers autotune accepts with everything installed, read from versions.json's worker catalogue.
  const harness = `
import json, sys
sys.path.insert(0, sys.argv[1])
import autotune, worker_catalogue
workers = worker_catalogue.load(sys.argv[2])
accepted = []
for name in json.loads(sys.argv[3]):
    try:
        autotune.resolve({"WORKER_CLASS": name}, "/nonexistent", 1, (3, 12), lambda module: True, workers)
        accepted.append(name)
    except autotune.ConfigError:
        pass
print(json.dumps(accepted))
`;
  const allWorkers = [...new Set(Object.values(versions.versions).flatMap((e) => e.workers))];
  const autotuneWorkers = JSON.parse(
    execFileSync('python3', ['-c', harness, IMAGE_DIR, join(DOCKER_DIR, 'versions.json'), JSON.stringify([...allWorkers, 'tornado'])], {
      encoding: 'utf8',
      env: PY_ENV,
    }),
  ) as string[];

  it('lists 3.8 to 3.14; Meinheld is the default on every one, and each offers all four workers', () => {
    expect(Object.keys(versions.versions)).toEqual(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
    for (const [v, entry] of Object.entries(versions.versions)) {
      expect(entry.defaultWorker, v).toBe('meinheld');
      expect(entry.workers, v).toEqual(['meinheld', 'gthread', 'gevent', 'sync']);
    }
  });

  it("every worker has an install recipe (none for Gunicorn's own) and a runtime mapping", () => {
    const recipe: Record<string, string | null> = { meinheld: 'meinheld/source.txt', gevent: 'requirements-gevent.txt', gthread: null, sync: null };
    expect(autotuneWorkers).not.toContain('tornado'); // the harness can tell a worker autotune refuses
    for (const worker of allWorkers) {
      expect(Object.keys(recipe), worker).toContain(worker);
      const file = recipe[worker];
      if (file) expect(existsSync(join(IMAGE_DIR, file)), file).toBe(true);
      else expect(existsSync(join(IMAGE_DIR, `requirements-${worker}.txt`)), worker).toBe(false);
      expect(autotuneWorkers, worker).toContain(worker);
    }
  });
});

describe('build_check.py', () => {
  const harness = `
import json, sys
sys.path.insert(0, sys.argv[1])
from build_check import check
versions = json.load(open(sys.argv[2]))
print(json.dumps([check(versions, *case) for case in json.loads(sys.argv[3])]))
`;
  function check(...cases: Array<[string, string, string]>): Array<string | null> {
    const out = execFileSync('python3', ['-c', harness, IMAGE_DIR, join(DOCKER_DIR, 'versions.json'), JSON.stringify(cases)], {
      encoding: 'utf8',
      env: PY_ENV,
    });
    return JSON.parse(out) as Array<string | null>;
  }

  it('accepts what versions.json allows', () => {
    expect(check(['3.8', 'meinheld', '3.8'], ['3.9', 'gevent', '3.9'], ['3.11', 'gthread', '3.11'], ['3.14', 'sync', '3.14'])).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('accepts Meinheld on every version, refuses a worker versions.json does not list', () => {
    expect(check(['3.10', 'meinheld', '3.10'], ['3.14', 'meinheld', '3.14'], ['3.11', 'tornado', '3.11'])).toEqual([
      null,
      null,
      'WORKER=tornado is not available on Python 3.11: expected one of meinheld, gthread, gevent, sync.',
    ]);
  });

  it("refuses a PYTHON_VERSION that is not the interpreter's, or not supported", () => {
    expect(check(['3.12', 'gthread', '3.11'], ['3.7', 'gthread', '3.7'])).toEqual([
      'PYTHON_VERSION=3.12 but the base image runs Python 3.11: pass the PYTHON_VERSION of the base image (or a base image for Python 3.12)',
      'PYTHON_VERSION=3.7 is not supported: expected one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14',
    ]);
  });

  it('as the Dockerfile runs it: exit 1 and one ERROR line', () => {
    let result: { status: number; stderr: string } = { status: 0, stderr: '' };
    try {
      execFileSync('python3', [join(IMAGE_DIR, 'build_check.py'), join(DOCKER_DIR, 'versions.json'), '3.0', 'gthread'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      result = e as { status: number; stderr: string };
    }
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ERROR: PYTHON_VERSION=3\.0 but the base image runs Python 3\.\d+: .*\n$/);
  });
});
