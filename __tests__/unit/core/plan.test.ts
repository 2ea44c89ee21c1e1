import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_REPOSITORY, makePlan, resolveBaseImage, type RunContext } from '../../../src/core/plan.js';
import type { Settings } from '../../../src/core/settings.js';
import { allowedWorkers, defaultWorker } from '../../../src/core/versions.js';
import { makeSettings } from '../fixtures.js';

const ROOT = '/opt/action';
const DOCKER_DIR = path.join(ROOT, 'docker');
const DOCKERFILE = path.join(DOCKER_DIR, 'Dockerfile');
const APP_DIR = '/work/repo/web';
// The fixture's worker: the version's default (docker/versions.json), which generated tags leave unnamed.
const WORKER = defaultWorker('3.12');
const BUNDLED = 'FROM ${PYTHON_BASE_IMAGE}\nRUN --mount=type=secret,id=pip-config,target=/etc/pip.conf,required=false \\\n    pip install flask\n';

function settings(overrides: Partial<Settings> = {}): Settings {
  return makeSettings({ variant: 'slim', appDir: APP_DIR, ...overrides });
}

function context(overrides: Partial<RunContext> = {}): RunContext {
  return {
    date: '2026-11-21',
    created: '2026-11-21T10:00:00.000Z',
    sourceUrl: '',
    revision: '',
    jobId: 'job1',
    target: { platform: '', emulated: false, slug: '' },
    builder: { kind: 'classic', reason: 'no buildx plugin in this docker CLI' },
    hostPort: 0,
    hasRequirements: false,
    actionRoot: ROOT,
    appContext: APP_DIR,
    bundledDockerfile: BUNDLED,
    cache: { from: [], to: [] },
    baseLayout: '',
    ...overrides,
  };
}

/** Values of every `flag value` pair in an argument list. */
function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]!] : []));
}

describe('resolveBaseImage', () => {
  it.each([
    ['debian', 'python:3.12'],
    ['slim', 'python:3.12-slim'],
    ['alpine', 'python:3.12-alpine'],
  ] as const)('uses the official image for %s', (variant, expected) => {
    expect(resolveBaseImage({ pythonVersion: '3.12', variant, baseImage: '' })).toBe(expected);
  });

  it('puts a prefix in front of the official name', () => {
    expect(resolveBaseImage({ pythonVersion: '3.9', variant: 'alpine', baseImage: 'mirror.example.com/library/' })).toBe(
      'mirror.example.com/library/python:3.9-alpine',
    );
  });

  it('takes a full reference as is, whatever the version and variant', () => {
    expect(resolveBaseImage({ pythonVersion: '3.12', variant: 'slim', baseImage: 'mirror.example.com/py:custom' })).toBe(
      'mirror.example.com/py:custom',
    );
  });
});

describe('base image build', () => {
  it('is the classic build of the bundled Dockerfile, read from stdin without its secret mounts, with the version, worker and base image as build args', () => {
    const plan = makePlan(settings(), context());
    expect(plan.baseImage).toBe('python:3.12-slim');
    expect(plan.base).toEqual({
      tag: `${LOCAL_REPOSITORY}/base:python3.12-slim-${WORKER}-job1`,
      env: { DOCKER_BUILDKIT: '0' },
      dockerfile: 'FROM ${PYTHON_BASE_IMAGE}\nRUN \\\n    pip install flask\n',
      args: [
        'build',
        '--force-rm',
        '--file',
        '-',
        '--tag',
        `flask-gunicorn-action/base:python3.12-slim-${WORKER}-job1`,
        '--build-arg',
        'PYTHON_BASE_IMAGE=python:3.12-slim',
        '--build-arg',
        'PYTHON_VERSION=3.12',
        '--build-arg',
        `WORKER=${WORKER}`,
        DOCKER_DIR,
      ],
    });
  });

  it('builds FROM the redirected base image', () => {
    const prefixed = makePlan(settings({ baseImage: 'flask-testbed/' }), context());
    expect(prefixed.baseImage).toBe('flask-testbed/python:3.12-slim');
    expect(flagValues(prefixed.base.args, '--build-arg')).toContain('PYTHON_BASE_IMAGE=flask-testbed/python:3.12-slim');
    const full = makePlan(settings({ baseImage: 'mirror.example.com/python@sha256:' + 'a'.repeat(64) }), context());
    expect(flagValues(full.base.args, '--build-arg')[0]).toBe(`PYTHON_BASE_IMAGE=mirror.example.com/python@sha256:${'a'.repeat(64)}`);
  });

  it('names the worker and variant in the base tag', () => {
    const plan = makePlan(settings({ pythonVersion: '3.9', variant: 'debian', worker: 'meinheld' }), context());
    expect(plan.base.tag).toBe('flask-gunicorn-action/base:python3.9-meinheld-job1');
    expect(flagValues(plan.base.args, '--build-arg')).toEqual(['PYTHON_BASE_IMAGE=python:3.9', 'PYTHON_VERSION=3.9', 'WORKER=meinheld']);
  });

  it('pulls the base image only when asked, and only in the base build', () => {
    expect(makePlan(settings(), context()).base.args).not.toContain('--pull');
    const plan = makePlan(settings({ pull: true }), context());
    expect(plan.base.args.filter((arg) => arg === '--pull')).toHaveLength(1);
    expect(plan.app.args).not.toContain('--pull');
  });

  it('passes --no-cache to both builds only when asked', () => {
    const plain = makePlan(settings(), context());
    expect([...plain.base.args, ...plain.app.args]).not.toContain('--no-cache');
    const plan = makePlan(settings({ noCache: true }), context());
    expect(plan.base.args).toContain('--no-cache');
    expect(plan.app.args).toContain('--no-cache');
  });

  it('builds on the host network only in host mode', () => {
    const bridge = makePlan(settings(), context());
    expect([...bridge.base.args, ...bridge.app.args]).not.toContain('--network');
    const host = makePlan(settings({ network: 'host' }), context({ hostPort: 49200 }));
    expect(flagValues(host.base.args, '--network')).toEqual(['host']);
    expect(flagValues(host.app.args, '--network')).toEqual(['host']);
  });

  it('uses buildx on the given builder and loads the result, for both builds, in the environment as it is', () => {
    const plan = makePlan(settings(), context({ builder: { kind: 'buildx', name: 'desktop-linux' } }));
    const buildx = ['buildx', 'build', '--builder', 'desktop-linux', '--load'];
    expect(plan.base.args.slice(0, 5)).toEqual(buildx);
    expect(plan.app.args.slice(0, 5)).toEqual(buildx);
    expect(plan.base.args.at(-1)).toBe(DOCKER_DIR);
    expect(plan.base.env).toEqual({});
    expect(plan.app.env).toEqual({});
    expect(plan.builder).toEqual({ kind: 'buildx', name: 'desktop-linux' });
  });

  it('runs the classic builder with BuildKit turned off, so a newer docker CLI does not route it through buildx', () => {
    const plan = makePlan(settings(), context({ builder: { kind: 'classic', reason: 'builder: classic' } }));
    expect(plan.base.args.slice(0, 2)).toEqual(['build', '--force-rm']);
    expect(plan.app.args.slice(0, 2)).toEqual(['build', '--force-rm']);
    expect(plan.base.env).toEqual({ DOCKER_BUILDKIT: '0' });
    expect(plan.app.env).toEqual({ DOCKER_BUILDKIT: '0' });
  });
});

describe('package index and build args', () => {
  it('on the classic builder, passes a plain-HTTP index with its host marked trusted, to both builds', () => {
    const plan = makePlan(settings({ pipIndexUrl: 'http://127.0.0.1:8080/simple/' }), context());
    for (const args of [plan.base.args, plan.app.args]) {
      expect(flagValues(args, '--build-arg')).toEqual(
        expect.arrayContaining(['PIP_INDEX_URL=http://127.0.0.1:8080/simple/', 'PIP_TRUSTED_HOST=127.0.0.1']),
      );
    }
    expect(plan.app.dockerfile).toContain('ARG PIP_INDEX_URL\nARG PIP_TRUSTED_HOST\n');
  });

  it('on the classic builder, marks no host trusted for an HTTPS index', () => {
    const plan = makePlan(settings({ pipIndexUrl: 'https://pypi.example.com/simple/' }), context());
    expect(flagValues(plan.base.args, '--build-arg').filter((arg) => arg.startsWith('PIP_'))).toEqual([
      'PIP_INDEX_URL=https://pypi.example.com/simple/',
    ]);
  });

  it('sends an index with credentials as the pip-config secret, named on the command line and valued only in the environment', () => {
    const url = 'http://ci:s%2Fcr3t@127.0.0.1:8080/simple/';
    const plan = makePlan(settings({ pipIndexUrl: url }), context({ builder: { kind: 'buildx', name: 'default' }, hasRequirements: true }));
    expect(plan.pipIndex).toBe('secret');
    for (const step of [plan.base, plan.app]) {
      expect(flagValues(step.args, '--secret')).toEqual(['id=pip-config,env=FLASK_GUNICORN_ACTION_PIP_CONFIG']);
      expect(step.args.join(' ')).not.toContain('s%2Fcr3t');
      expect(step.args.some((arg) => arg.startsWith('PIP_'))).toBe(false);
      expect(step.env).toEqual({
        FLASK_GUNICORN_ACTION_PIP_CONFIG: `[global]\nindex-url = ${url}\ntrusted-host = 127.0.0.1\n`,
      });
    }
    expect(plan.app.dockerfile).not.toContain('ARG PIP_');
    expect(plan.app.dockerfile).toContain('RUN --mount=type=secret,id=pip-config,target=/etc/pip.conf,required=false python -m pip install');
  });

  it('on buildx, sends an index without a user as the secret too: a token in its path is in no build argument', () => {
    const url = 'https://pypi.example.com/t0ken-in-path/simple/';
    const plan = makePlan(settings({ pipIndexUrl: url }), context({ builder: { kind: 'buildx', name: 'default' }, hasRequirements: true }));
    expect(plan.pipIndex).toBe('secret');
    for (const step of [plan.base, plan.app]) {
      expect(step.args.join(' ')).not.toContain('t0ken-in-path');
      expect(flagValues(step.args, '--secret')).toEqual(['id=pip-config,env=FLASK_GUNICORN_ACTION_PIP_CONFIG']);
      expect(step.env.FLASK_GUNICORN_ACTION_PIP_CONFIG).toBe(`[global]\nindex-url = ${url}\n`);
    }
    expect(plan.app.dockerfile).not.toContain('ARG PIP_');
  });

  it('gives code the repository does not trust no index in the app layer: no secret, no variable, no mount; the base build keeps it', () => {
    const url = 'http://ci:s%2Fcr3t@127.0.0.1:8080/simple/';
    const untrusted = settings({ pipIndexUrl: url, untrustedCode: 'pull_request_target for a pull request from another repository' });
    for (const builder of [{ kind: 'buildx', name: 'default' } as const, { kind: 'classic', reason: 'builder: classic' } as const]) {
      const plan = makePlan(untrusted, context({ builder, hasRequirements: true }));
      expect(plan.appPipIndex).toBe('default');
      expect(plan.app.args.join(' ')).not.toMatch(/s%2Fcr3t|--secret|PIP_/);
      expect(Object.keys(plan.app.env)).not.toContain('FLASK_GUNICORN_ACTION_PIP_CONFIG');
      expect(plan.app.dockerfile).not.toMatch(/--mount=type=secret|ARG PIP_/);
      expect(plan.app.dockerfile).toContain('python -m pip install');
      expect(plan.pipIndex).not.toBe('default');
    }
    const buildx = makePlan(untrusted, context({ builder: { kind: 'buildx', name: 'default' } }));
    expect(buildx.base.env.FLASK_GUNICORN_ACTION_PIP_CONFIG).toContain(url);
  });

  it('sends the bundled Dockerfile as it is to buildx, whose secret mounts pip needs', () => {
    const plan = makePlan(settings(), context({ builder: { kind: 'buildx', name: 'default' } }));
    expect(flagValues(plan.base.args, '--file')).toEqual([DOCKERFILE]);
    expect(plan.base.dockerfile).toBeUndefined();
  });

  it('passes no index arguments without an index', () => {
    const plan = makePlan(settings(), context());
    expect([...plan.base.args, ...plan.app.args].some((arg) => arg.startsWith('PIP_'))).toBe(false);
    expect(plan.app.dockerfile).not.toContain('ARG PIP_INDEX_URL');
  });

  it('passes user build args to both builds as single argument items, verbatim', () => {
    const buildArgs = { SEMI: 'a;b', SUBST: '$(rm -rf /) `id`', QUOTES: `"x" 'y'`, SPACES: ' two  words ' };
    const plan = makePlan(settings({ buildArgs }), context());
    const expected = ['SEMI=a;b', 'SUBST=$(rm -rf /) `id`', `QUOTES="x" 'y'`, 'SPACES= two  words '];
    expect(flagValues(plan.app.args, '--build-arg')).toEqual(expected);
    expect(flagValues(plan.base.args, '--build-arg').slice(0, 4)).toEqual(expected);
  });

  it('keeps the bundled build args last in the base build, so a user build arg cannot replace them', () => {
    const plan = makePlan(settings({ buildArgs: { WORKER: 'sync', PYTHON_VERSION: '2.7' } }), context());
    expect(flagValues(plan.base.args, '--build-arg')).toEqual([
      'WORKER=sync',
      'PYTHON_VERSION=2.7',
      'PYTHON_BASE_IMAGE=python:3.12-slim',
      'PYTHON_VERSION=3.12',
      `WORKER=${WORKER}`,
    ]);
  });
});

describe('app layer build', () => {
  it('reads the rendered Dockerfile from stdin, tags per job, labels, and uses the app folder as context', () => {
    const plan = makePlan(settings({ image: 'ghcr.io/acme/web' }), context());
    expect(plan.app.tag).toBe(`flask-gunicorn-action/app:python3.12-slim-${WORKER}-job1`);
    expect(plan.app.args.slice(0, 6)).toEqual(['build', '--force-rm', '--file', '-', '--tag', plan.app.tag]);
    expect(plan.app.args.at(-1)).toBe(APP_DIR);
    expect(plan.app.dockerfile.split('\n')[1]).toBe(`FROM flask-gunicorn-action/base:python3.12-slim-${WORKER}-job1`);
  });

  it('renders the requirements step only when the app has requirements.txt', () => {
    expect(makePlan(settings(), context({ hasRequirements: true })).app.dockerfile).toContain('COPY requirements.txt');
    expect(makePlan(settings(), context({ hasRequirements: false })).app.dockerfile).not.toContain('requirements.txt');
  });

  it('bakes in APP_MODULE when set', () => {
    expect(makePlan(settings({ appModule: 'pkg.wsgi:app' }), context()).app.dockerfile).toContain('ENV APP_MODULE="pkg.wsgi:app"\n');
  });
});

describe('labels', () => {
  it('carry the OCI keys and the build facts, without source or revision when unknown', () => {
    const plan = makePlan(settings(), context());
    expect(plan.labels).toEqual({
      'org.opencontainers.image.created': '2026-11-21T10:00:00.000Z',
      'org.opencontainers.image.title': 'flask-app',
      'org.opencontainers.image.version': 'python3.12-slim-2026-11-21',
      'org.opencontainers.image.base.name': 'python:3.12-slim',
      'flask-gunicorn-action.variant': 'slim',
    });
    // The Python version and the worker are labelled once, by docker/Dockerfile from these base build
    // arguments (dockerfile.test.ts), and the app image inherits those labels (e2e action.test.ts).
    expect(flagValues(plan.base.args, '--build-arg')).toEqual(expect.arrayContaining(['PYTHON_VERSION=3.12', `WORKER=${WORKER}`]));
  });

  it('add source and revision when known, and take the title from the image', () => {
    const plan = makePlan(
      settings({ image: 'ghcr.io/acme/web-shop', baseImage: 'flask-testbed/' }),
      context({ sourceUrl: 'https://github.com/acme/web-shop', revision: 'abc123' }),
    );
    expect(plan.labels['org.opencontainers.image.source']).toBe('https://github.com/acme/web-shop');
    expect(plan.labels['org.opencontainers.image.revision']).toBe('abc123');
    expect(plan.labels['org.opencontainers.image.title']).toBe('web-shop');
    expect(plan.labels['org.opencontainers.image.base.name']).toBe('flask-testbed/python:3.12-slim');
  });

  it('are passed to the app build, one --label item per label, and not to the base build', () => {
    const plan = makePlan(settings(), context({ revision: 'abc123' }));
    expect(flagValues(plan.app.args, '--label')).toEqual(Object.entries(plan.labels).map(([key, value]) => `${key}=${value}`));
    expect(flagValues(plan.app.args, '--label')).toContain('org.opencontainers.image.revision=abc123');
    expect(plan.base.args).not.toContain('--label');
  });
});

describe('test container', () => {
  it('in bridge mode publishes port 80 on an ephemeral loopback port', () => {
    const plan = makePlan(settings(), context());
    expect(plan.container).toEqual({
      name: 'flask-gunicorn-action-smoke-job1',
      runArgs: [
        'run',
        '--detach',
        '--name',
        'flask-gunicorn-action-smoke-job1',
        '--label',
        'flask-gunicorn-action.smoke-test=job1',
        '--publish',
        '127.0.0.1::80',
      ],
      containerPort: 80,
    });
  });

  it('in bridge mode publishes the PORT given in probe-env, and passes the env verbatim', () => {
    const plan = makePlan(settings({ probeEnv: { PORT: '8080', MSG: 'a;b $(id)' } }), context());
    expect(plan.container.containerPort).toBe(8080);
    expect(plan.container.hostPort).toBeUndefined();
    expect(flagValues(plan.container.runArgs, '--publish')).toEqual(['127.0.0.1::8080']);
    expect(flagValues(plan.container.runArgs, '--env')).toEqual(['PORT=8080', 'MSG=a;b $(id)']);
  });

  it('in host mode shares the host network and sets PORT to the chosen host port', () => {
    const plan = makePlan(settings({ network: 'host', probeEnv: { LOG_LEVEL: 'debug' } }), context({ hostPort: 49200 }));
    expect(plan.container).toEqual({
      name: 'flask-gunicorn-action-smoke-job1',
      runArgs: [
        'run',
        '--detach',
        '--name',
        'flask-gunicorn-action-smoke-job1',
        '--label',
        'flask-gunicorn-action.smoke-test=job1',
        '--network',
        'host',
        '--env',
        'LOG_LEVEL=debug',
        '--env',
        'PORT=49200',
      ],
      containerPort: 49200,
      hostPort: 49200,
    });
  });

  // BIND wins over PORT in the image, so the probe must go to BIND's port.
  it('in bridge mode publishes the port BIND names, over PORT', () => {
    const plan = makePlan(settings({ probeEnv: { PORT: '9000', BIND: '0.0.0.0:8081' } }), context());
    expect(plan.container.containerPort).toBe(8081);
    expect(flagValues(plan.container.runArgs, '--publish')).toEqual(['127.0.0.1::8081']);
    expect(flagValues(plan.container.runArgs, '--env')).toEqual(['PORT=9000', 'BIND=0.0.0.0:8081']);
  });

  it('in host mode probes the port BIND names instead of the chosen free port', () => {
    const plan = makePlan(settings({ network: 'host', probeEnv: { BIND: '127.0.0.1:8082' } }), context({ hostPort: 49200 }));
    expect(plan.container.containerPort).toBe(8082);
    expect(plan.container.hostPort).toBe(8082);
  });

  it('gives every job its own container name, base tag and app tag', () => {
    const a = makePlan(settings(), context({ jobId: '111-1-aaaa' }));
    const b = makePlan(settings(), context({ jobId: '111-1-bbbb' }));
    expect(a.container.name).toBe('flask-gunicorn-action-smoke-111-1-aaaa');
    expect(b.container.name).toBe('flask-gunicorn-action-smoke-111-1-bbbb');
    expect(a.app.tag).toBe(`flask-gunicorn-action/app:python3.12-slim-${WORKER}-111-1-aaaa`);
    expect(b.app.tag).toBe(`flask-gunicorn-action/app:python3.12-slim-${WORKER}-111-1-bbbb`);
    expect(a.base.tag).toBe(`flask-gunicorn-action/base:python3.12-slim-${WORKER}-111-1-aaaa`);
    expect(b.base.tag).toBe(`flask-gunicorn-action/base:python3.12-slim-${WORKER}-111-1-bbbb`);
    expect(flagValues(b.container.runArgs, '--label')).toEqual(['flask-gunicorn-action.smoke-test=111-1-bbbb']);
  });
});

describe('probe and push', () => {
  it('carries the probe settings', () => {
    const plan = makePlan(settings({ probePath: '/health', probeStatus: 204, probeBody: '^ok$', probeTimeout: 5 }), context());
    expect(plan.probe).toEqual({ path: '/health', status: 204, body: '^ok$', timeoutSeconds: 5 });
  });

  it('lists refs in push order: dated first, extra tags, latest last, no duplicates', () => {
    const plan = makePlan(
      settings({ image: '127.0.0.1:5000/web', push: true, registry: '127.0.0.1:5000', extraTags: ['stable', 'python3.12-slim', 'v2', 'stable'] }),
      context(),
    );
    expect(plan.push).toEqual({
      enabled: true,
      registry: '127.0.0.1:5000',
      repository: '127.0.0.1:5000/web',
      tags: ['python3.12-slim-2026-11-21', 'python3.12-slim', 'stable', 'v2', 'latest'],
      refs: [
        '127.0.0.1:5000/web:python3.12-slim-2026-11-21',
        '127.0.0.1:5000/web:python3.12-slim',
        '127.0.0.1:5000/web:stable',
        '127.0.0.1:5000/web:v2',
        '127.0.0.1:5000/web:latest',
      ],
      platformRef: '',
    });
  });

  it('leaves latest out when not wanted', () => {
    expect(makePlan(settings({ image: 'acme/web', latest: false }), context({ date: '2026-01-31' })).push.refs).toEqual([
      'acme/web:python3.12-slim-2026-01-31',
      'acme/web:python3.12-slim',
    ]);
  });

  it('leads with the immutable tag of the run, which also labels the version, when asked', () => {
    const plan = makePlan(settings({ image: 'acme/web', latest: false }), context({ run: { number: '42', attempt: '1' } }));
    expect(plan.push.refs).toEqual([
      'acme/web:python3.12-slim-2026-11-21-run42.1',
      'acme/web:python3.12-slim-2026-11-21',
      'acme/web:python3.12-slim',
    ]);
    expect(plan.labels['org.opencontainers.image.version']).toBe('python3.12-slim-2026-11-21-run42.1');
  });

  it('names a worker that is not the default of the version in the refs', () => {
    const other = allowedWorkers('3.12').find((worker) => worker !== defaultWorker('3.12'))!;
    expect(makePlan(settings({ image: 'acme/web', worker: other, latest: false }), context()).push.refs).toEqual([
      `acme/web:python3.12-slim-${other}-2026-11-21`,
      `acme/web:python3.12-slim-${other}`,
    ]);
  });

  it('has tags but no refs without an image', () => {
    const plan = makePlan(settings(), context());
    expect(plan.push.refs).toEqual([]);
    expect(plan.push.tags).toEqual(['python3.12-slim-2026-11-21', 'python3.12-slim', 'latest']);
    expect(plan.push.enabled).toBe(false);
  });
});

describe('a builder the action made to export cache', () => {
  const own = { kind: 'buildx', name: 'flask-gunicorn-action-cache-job1', own: 'cache' } as const;
  const layout = '/runner/temp/flask-gunicorn-action-base-x';

  it('writes the base image as an OCI layout instead of loading it, and the app build reads it from there under the base tag', () => {
    const plan = makePlan(settings(), context({ builder: own, baseLayout: layout }));
    const baseTag = `flask-gunicorn-action/base:python3.12-slim-${WORKER}-job1`;
    expect(plan.base.args.slice(0, 6)).toEqual([
      'buildx',
      'build',
      '--builder',
      'flask-gunicorn-action-cache-job1',
      '--output',
      `type=oci,dest=${layout},tar=false,name=${baseTag}`,
    ]);
    expect(plan.base.args).not.toContain('--load');
    expect(plan.app.args.slice(0, 5)).toEqual(['buildx', 'build', '--builder', 'flask-gunicorn-action-cache-job1', '--load']);
    expect(flagValues(plan.app.args, '--build-context')).toEqual([`${baseTag}=oci-layout://${layout}:python3.12-slim-${WORKER}-job1`]);
    expect(plan.app.dockerfile.split('\n')[1]).toBe(`FROM ${baseTag}`);
  });

  it('asks for the host network entitlement in host mode only', () => {
    expect(flagValues(makePlan(settings({ network: 'host' }), context({ builder: own, baseLayout: layout })).base.args, '--allow')).toEqual([
      'network.host',
    ]);
    expect(flagValues(makePlan(settings(), context({ builder: own, baseLayout: layout })).base.args, '--allow')).toEqual([]);
    expect(
      flagValues(makePlan(settings({ network: 'host' }), context({ builder: { kind: 'buildx', name: 'default' } })).base.args, '--allow'),
    ).toEqual([]);
  });

  it('passes each build its own part of the cache', () => {
    const cache = {
      from: [{ type: 'gha' as const, attrs: [['scope', 's'] as [string, string]] }],
      to: [{ type: 'gha' as const, attrs: [['scope', 's'] as [string, string], ['mode', 'max'] as [string, string]] }],
    };
    const plan = makePlan(settings(), context({ builder: own, baseLayout: layout, cache }));
    expect(flagValues(plan.base.args, '--cache-from')).toEqual(['type=gha,scope=s-base']);
    expect(flagValues(plan.base.args, '--cache-to')).toEqual(['type=gha,scope=s-base,mode=max']);
    expect(flagValues(plan.app.args, '--cache-to')).toEqual(['type=gha,scope=s-app,mode=max']);
    // The classic builder gets no cache flags at all.
    expect(makePlan(settings(), context({ cache })).base.args.some((arg) => arg.startsWith('--cache'))).toBe(false);
  });
});

describe('one platform of several', () => {
  const arm = { platform: 'linux/arm64', emulated: true, slug: 'arm64' };
  const buildx = { kind: 'buildx' as const, name: 'default' };
  const pushing = { image: '127.0.0.1:5000/web', push: true, registry: '127.0.0.1:5000', username: 'ci', password: 'pw' };

  it('builds both images and runs the container for that platform', () => {
    const plan = makePlan(settings(), context({ builder: buildx, target: arm }));
    expect(flagValues(plan.base.args, '--platform')).toEqual(['linux/arm64']);
    expect(flagValues(plan.app.args, '--platform')).toEqual(['linux/arm64']);
    expect(flagValues(plan.container.runArgs, '--platform')).toEqual(['linux/arm64']);
    // The platform flag comes before the image ID, which the smoke test appends.
    expect(plan.container.runArgs.at(-1)).not.toBe('linux/arm64');
  });

  it('gives each platform its own local tags and container, under the job', () => {
    const plan = makePlan(settings(), context({ builder: buildx, target: arm, jobId: '7-1-abcd' }));
    expect(plan.base.tag).toBe(`flask-gunicorn-action/base:python3.12-slim-${WORKER}-7-1-abcd-arm64`);
    expect(plan.app.tag).toBe(`flask-gunicorn-action/app:python3.12-slim-${WORKER}-7-1-abcd-arm64`);
    expect(plan.container.name).toBe('flask-gunicorn-action-smoke-7-1-abcd-arm64');
    // The label says what the name says, platform included: the post step removes the container only then.
    expect(flagValues(plan.container.runArgs, '--label')).toEqual(['flask-gunicorn-action.smoke-test=7-1-abcd-arm64']);
  });

  it('pushes its own image under the first tag and its architecture; the tags name the index', () => {
    const plan = makePlan(settings(pushing), context({ builder: buildx, target: arm }));
    expect(plan.push.platformRef).toBe('127.0.0.1:5000/web:python3.12-slim-2026-11-21-arm64');
    expect(plan.push.refs[0]).toBe('127.0.0.1:5000/web:python3.12-slim-2026-11-21');
    expect(plan.push.refs.at(-1)).toBe('127.0.0.1:5000/web:latest');
  });

  it('stretches the default probe timeout under emulation, and keeps a given one', () => {
    expect(makePlan(settings(), context({ builder: buildx, target: arm })).probe.timeoutSeconds).toBe(180);
    expect(makePlan(settings({ probeTimeout: 30, probeTimeoutGiven: true }), context({ builder: buildx, target: arm })).probe.timeoutSeconds).toBe(
      30,
    );
    expect(makePlan(settings(), context({ builder: buildx, target: { ...arm, emulated: false } })).probe.timeoutSeconds).toBe(60);
  });

  it('without platforms: no --platform flag anywhere, no platform tag', () => {
    const plan = makePlan(settings(pushing), context({ builder: buildx }));
    expect([...plan.base.args, ...plan.app.args, ...plan.container.runArgs]).not.toContain('--platform');
    expect(plan.push.platformRef).toBe('');
  });
});

describe('an attested app build', () => {
  const builder = { kind: 'buildx' as const, name: 'own', own: 'cache' as const };
  const attested = settings({ attestations: { provenance: 'max', sbom: true, sbomGenerator: '' } });

  it('writes the app image and its attestations to the layout, and loads nothing itself', () => {
    const plan = makePlan(attested, context({ builder, baseLayout: '/tmp/base', appLayout: '/tmp/app' }));
    expect(plan.appLayout).toBe('/tmp/app');
    expect(plan.app.args.slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'own']);
    expect(plan.app.args).not.toContain('--load');
    expect(flagValues(plan.app.args, '--output')).toEqual(['type=oci,dest=/tmp/app,tar=false']);
    expect(flagValues(plan.app.args, '--attest')).toEqual(['type=provenance,mode=max', 'type=sbom']);
    // The base build is not attested: only the pushed image is.
    expect(plan.base.args).not.toContain('--attest');
  });

  it('without a layout folder, builds and loads as before', () => {
    const plan = makePlan(attested, context({ builder }));
    expect(plan.appLayout).toBe('');
    expect(plan.app.args).toContain('--load');
    expect(plan.app.args).not.toContain('--attest');
  });
});
