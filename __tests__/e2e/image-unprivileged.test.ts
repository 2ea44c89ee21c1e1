// Running without root. RUN_AS_USER=app keeps the master root (it binds the port) and runs the workers
// as app; `docker run --user 1000:1000` runs everything as app and needs a port it may bind. Then the
// Meinheld image's packages: the patched Meinheld, its greenlet and Gunicorn. Python version and variant:
// E2E_PYTHON_VERSION / E2E_VARIANT; the image's default worker class.
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Container,
  buildApp,
  buildBase,
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
  versions,
} from './image-harness.js';
import { RELIABILITY_APP } from './reliability-app.js';
import { e2eTarget, freePort } from './testbed.js';

const target = e2eTarget();
const defaultWorker = versions.versions[target.pythonVersion]?.defaultWorker ?? 'gthread';
let app = '';

beforeAll(async () => {
  const built = await buildBase(target);
  if (built.code !== 0) throw new Error(`building the image failed:\n${built.stdout}\n${built.stderr}`);
  app = await buildApp(imageTag(target), 'unprivileged', RELIABILITY_APP);
});

afterEach(removeContainers);
afterAll(removeScratch);

interface Ids {
  uid: string;
  gid: string;
  groups: string;
}

/** Real/effective/saved/fs uid and gid and the supplementary groups of a process in the container. */
async function ids(c: Container, pid: number | string): Promise<Ids> {
  const status = await dockerOk(['exec', c.id, 'cat', `/proc/${pid}/status`]);
  const field = (name: string): string => new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(status)?.[1]?.trim().replace(/\s+/g, ' ') ?? '?';
  return { uid: field('Uid'), gid: field('Gid'), groups: field('Groups') };
}

async function workerPids(c: Container): Promise<string[]> {
  return (await dockerOk(['exec', c.id, 'sh', '-c', 'cat /proc/1/task/*/children'])).trim().split(/\s+/).filter(Boolean);
}

/** A port below 1024 that nothing answers on at 127.0.0.1 (for the privileged-port cases). */
async function freeLowPort(): Promise<number> {
  for (let port = 900; port < 1000; port++) {
    const taken = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (!taken) return port;
  }
  throw new Error('no free port in 900-999');
}

/** uid and gid `id` in all four slots, and only the supplementary groups given. */
const unprivileged = (id: string, groups = ''): Ids => ({ uid: `${id} ${id} ${id} ${id}`, gid: `${id} ${id} ${id} ${id}`, groups });

describe('RUN_AS_USER=app: master root, workers unprivileged', () => {
  it('binds a port below 1024, runs every worker as app with no other group, and prestart still runs (as root)', async () => {
    const port = await freeLowPort();
    const c = await run(app, { env: { PORT: String(port), RUN_AS_USER: 'app' } });
    await ready(c);
    const workers = await settledWorkerCount(c);

    expect((await ids(c, 1)).uid).toBe('0 0 0 0');
    const pids = await workerPids(c);
    expect(pids).toHaveLength(workers);
    for (const pid of pids) expect(await ids(c, pid), `worker ${pid}`).toEqual(unprivileged('1000'));

    const who = JSON.parse((await get(c, '/whoami')).body) as Record<string, unknown>;
    expect(who).toEqual({ uid: 1000, gid: 1000, groups: [], app_writable: false, tmp_writable: true });
    const l = await logs(c);
    expect(l.stdout).toContain('Running script /app/prestart.sh\nprestart: ran as uid 0\n');
    expect(l.stderr).toContain(`Listening at: http://0.0.0.0:${port}`);
    expect(l.stderr).not.toMatch(/\[(WARNING|ERROR)\]/);
  });

  it("an app's own gunicorn_conf.py keeps the workers unprivileged (the user is given on the command line)", async () => {
    const own = await buildApp(app, 'unprivileged-own-conf', {
      'gunicorn_conf.py': 'import autotune\n\nbind = autotune.resolve()["bind"]\nworkers = 1\nuser = 0\ngroup = 0\n',
    });
    const c = await run(own, { env: { RUN_AS_USER: 'app' } });
    await ready(c);
    expect(JSON.parse((await get(c, '/whoami')).body)).toMatchObject({ uid: 1000, gid: 1000, groups: [] });
  });
});

describe('docker run --user 1000:1000: nothing runs as root', () => {
  it('serves on a port of 1024 or more, every process as uid 1000, prestart included', async () => {
    const c = await run(app, { flags: ['--user', '1000:1000'] });
    await ready(c);
    await settledWorkerCount(c);
    for (const pid of ['1', ...(await workerPids(c))]) expect(await ids(c, pid), `process ${pid}`).toEqual(unprivileged('1000', '1000'));
    expect(JSON.parse((await get(c, '/whoami')).body)).toMatchObject({ uid: 1000, app_writable: false, tmp_writable: true });
    const l = await logs(c);
    expect(l.stdout).toContain('prestart: ran as uid 1000\n');
    expect(l.stderr).not.toMatch(/\[(WARNING|ERROR)\]/);
  });

  it('port 80: refused at start with one line where only root may bind it, served where the network allows it', async () => {
    const probe = await run(app, { flags: ['--user', '1000:1000'], command: ['cat', '/proc/sys/net/ipv4/ip_unprivileged_port_start'] });
    expect(await exitCode(probe)).toBe(0);
    const lowest = Number((await logs(probe)).stdout.trim());
    const c = await run(app, { env: { PORT: '80' }, flags: ['--user', '1000:1000'] });
    if (lowest > 80) {
      expect(await exitCode(c)).toBe(2);
      expect((await logs(c)).stderr.split('\n').filter((x) => x.startsWith('ERROR'))).toEqual([
        `ERROR: Invalid PORT='80': this container runs as uid 1000 without CAP_NET_BIND_SERVICE, and here only root may bind ` +
          `ports below ${lowest} (net.ipv4.ip_unprivileged_port_start); expected a port of ${lowest} or more (e.g. PORT=8080), ` +
          'or start as root with RUN_AS_USER=app so that only the workers run unprivileged.',
      ]);
    } else {
      // Docker's own networks let anyone bind any port (ip_unprivileged_port_start=0).
      await ready(c);
      expect((await get(c)).status).toBe(200);
    }
  });
});

describe('RUN_AS_USER mistakes stop the container at start with one line', () => {
  const cases: Array<[string, Record<string, string>, string[], string]> = [
    [
      'a user the image does not have',
      { RUN_AS_USER: 'nobody-here' },
      [],
      "ERROR: Invalid RUN_AS_USER='nobody-here': no user 'nobody-here' in /etc/passwd; expected a user of the image, optionally with a group (e.g. app or app:app).",
    ],
    [
      'root',
      { RUN_AS_USER: 'root' },
      [],
      "ERROR: Invalid RUN_AS_USER='root': that is root; expected a user of the image, optionally with a group (e.g. app or app:app), not root.",
    ],
    [
      'another user while the container already runs as uid 1000',
      { RUN_AS_USER: 'nobody' },
      ['--user', '1000:1000'],
      "ERROR: Invalid RUN_AS_USER='nobody': switching users needs the container to start as root, and it runs as uid 1000 " +
        '(docker run --user); expected RUN_AS_USER unset: the whole container already runs unprivileged.',
    ],
  ];
  for (const [name, env, flags, line] of cases) {
    it(name, async () => {
      const c = await run(app, { env: { ...env, PORT: String(await freePort()) }, flags });
      expect(await exitCode(c)).toBe(2);
      const l = await logs(c);
      expect(l.stderr.split('\n').filter((x) => x.startsWith('ERROR'))).toEqual([line]);
      expect(l.all).not.toContain('Starting gunicorn');
    });
  }
});

describe.runIf(defaultWorker === 'meinheld')('the Meinheld image', () => {
  it('carries the patched Meinheld, the greenlet generation it was built against, and Gunicorn 23 or newer', async () => {
    const probe =
      'import gunicorn, greenlet, meinheld.server as s; print(gunicorn.__version__, greenlet.__version__, hasattr(s, "set_graceful_timeout"))';
    const c = await run(app, { command: ['python', '-c', probe] });
    expect(await exitCode(c)).toBe(0);
    const [gunicorn = '', greenlet = '', patched] = (await logs(c)).stdout.trim().split(' ');
    expect(Number(gunicorn.split('.')[0])).toBeGreaterThanOrEqual(23);
    expect(greenlet).toMatch(Number(target.pythonVersion.split('.')[1]) < 10 ? /^0\.4\.17$/ : /^3\./);
    expect(patched).toBe('True');
  });
});
