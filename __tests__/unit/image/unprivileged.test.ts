// Running without root, without Docker: startup_guards's RUN_AS_USER and port-privilege checks on the
// host's python3 (values injected where the container's would differ), the `run-as` launcher through
// the real CLI, and the user creation (image/scripts/add-user.sh) run by /bin/sh against stub useradd /
// adduser.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DOCKER_DIR = join(__dirname, '..', '..', '..', 'docker');
const IMAGE_DIR = join(DOCKER_DIR, 'image');
const GUARDS = join(IMAGE_DIR, 'startup_guards.py');
const PY_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' };

const temp = mkdtempSync(join(tmpdir(), 'unprivileged-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// Calls one startup_guards function with JSON arguments; prints {"result": ...} or {"errors": [...]}.
const HARNESS = `
import json, pwd, sys
sys.path.insert(0, sys.argv[1])
import startup_guards
fn, args = json.loads(sys.argv[2])
try:
    print(json.dumps({"result": getattr(startup_guards, fn)(*args)}))
except startup_guards.ConfigError as e:
    print(json.dumps({"errors": e.messages}))
`;
function call(fn: string, ...args: unknown[]): { result?: unknown; errors?: string[] } {
  return JSON.parse(execFileSync('python3', ['-c', HARNESS, IMAGE_DIR, JSON.stringify([fn, args])], { encoding: 'utf8', env: PY_ENV })) as {
    result?: unknown;
    errors?: string[];
  };
}

// `nobody` exists on every Linux; its group differs (nogroup on Debian, nobody elsewhere).
const [NOBODY_UID, NOBODY_GID] = execFileSync('python3', ['-c', 'import pwd; e = pwd.getpwnam("nobody"); print(e.pw_uid, e.pw_gid)'], {
  encoding: 'utf8',
})
  .trim()
  .split(' ')
  .map(Number) as [number, number];
const ACCEPTED = 'expected a user of the image, optionally with a group (e.g. app or app:app)';

describe('run_as_ids: RUN_AS_USER=USER[:GROUP] to the ids the workers get', () => {
  it('unset or empty: no switch', () => {
    expect(call('run_as_ids', {}, 0)).toEqual({ result: null });
    expect(call('run_as_ids', { RUN_AS_USER: '  ' }, 0)).toEqual({ result: null });
  });

  it('a user by name or uid gets its primary group; a group by name or gid replaces it', () => {
    expect(call('run_as_ids', { RUN_AS_USER: 'nobody' }, 0)).toEqual({ result: [NOBODY_UID, NOBODY_GID] });
    expect(call('run_as_ids', { RUN_AS_USER: String(NOBODY_UID) }, 0)).toEqual({ result: [NOBODY_UID, NOBODY_GID] });
    expect(call('run_as_ids', { RUN_AS_USER: 'nobody:12345' }, 0)).toEqual({ result: [NOBODY_UID, 12345] });
  });

  it('a container already running as that user may say so', () => {
    expect(call('run_as_ids', { RUN_AS_USER: 'nobody' }, NOBODY_UID)).toEqual({ result: [NOBODY_UID, NOBODY_GID] });
  });

  it('refuses unknown users and groups, root and its group, and switching without root, each in one line', () => {
    expect(call('run_as_ids', { RUN_AS_USER: 'no-such-user' }, 0)).toEqual({
      errors: [`Invalid RUN_AS_USER='no-such-user': no user 'no-such-user' in /etc/passwd; ${ACCEPTED}.`],
    });
    expect(call('run_as_ids', { RUN_AS_USER: '4242424' }, 0).errors).toEqual([
      `Invalid RUN_AS_USER='4242424': no user '4242424' in /etc/passwd; ${ACCEPTED}.`,
    ]);
    expect(call('run_as_ids', { RUN_AS_USER: 'nobody:no-such-group' }, 0).errors).toEqual([
      `Invalid RUN_AS_USER='nobody:no-such-group': no group 'no-such-group' in /etc/group; ${ACCEPTED}.`,
    ]);
    expect(call('run_as_ids', { RUN_AS_USER: 'root' }, 0).errors).toEqual([`Invalid RUN_AS_USER='root': that is root; ${ACCEPTED}, not root.`]);
    expect(call('run_as_ids', { RUN_AS_USER: '0' }, 0).errors).toEqual([`Invalid RUN_AS_USER='0': that is root; ${ACCEPTED}, not root.`]);
    expect(call('run_as_ids', { RUN_AS_USER: 'nobody:0' }, 0).errors).toEqual([
      `Invalid RUN_AS_USER='nobody:0': that is root's group; ${ACCEPTED}, not root.`,
    ]);
    expect(call('run_as_ids', { RUN_AS_USER: 'nobody' }, 1000).errors).toEqual([
      "Invalid RUN_AS_USER='nobody': switching users needs the container to start as root, and it runs as uid 1000 " +
        '(docker run --user); expected RUN_AS_USER unset: the whole container already runs unprivileged.',
    ]);
  });
});

describe('check_bind_privilege: a port this process may not bind stops the start', () => {
  const tail = 'expected a port of 1024 or more (e.g. PORT=8080), or start as root with RUN_AS_USER=app so that only the workers run unprivileged.';
  const line = (what: string): string =>
    `Invalid ${what}: this container runs as uid 1000 without CAP_NET_BIND_SERVICE, and here only root may bind ports below 1024 ` +
    `(net.ipv4.ip_unprivileged_port_start); ${tail}`;

  it('below net.ipv4.ip_unprivileged_port_start without the capability: names the variable that set the port', () => {
    expect(call('check_bind_privilege', {}, '0.0.0.0:80', false, 1024, 1000)).toEqual({ result: [line('PORT (unset, so 80)')] });
    expect(call('check_bind_privilege', { PORT: '80' }, '0.0.0.0:80', false, 1024, 1000)).toEqual({ result: [line("PORT='80'")] });
    expect(call('check_bind_privilege', { BIND: '[::]:443', PORT: '8080' }, '[::]:443', false, 1024, 1000)).toEqual({
      result: [line("BIND='[::]:443'")],
    });
  });

  it('allowed: with the capability (root), on networks that allow every port, on high ports, on unix sockets', () => {
    expect(call('check_bind_privilege', {}, '0.0.0.0:80', true, 1024, 0)).toEqual({ result: [] });
    expect(call('check_bind_privilege', {}, '0.0.0.0:80', false, 0, 1000)).toEqual({ result: [] });
    expect(call('check_bind_privilege', { PORT: '8080' }, '0.0.0.0:8080', false, 1024, 1000)).toEqual({ result: [] });
    expect(call('check_bind_privilege', { BIND: 'unix:/tmp/app.sock' }, 'unix:/tmp/app.sock', false, 1024, 1000)).toEqual({ result: [] });
  });
});

describe('binds_as_resolved: only the bundled config binds what autotune resolved', () => {
  it('the bundled config (by default or named), without a bind in GUNICORN_CMD_ARGS: checked', () => {
    expect(call('binds_as_resolved', {})).toEqual({ result: true });
    expect(call('binds_as_resolved', { GUNICORN_CONF: '/gunicorn_conf.py', GUNICORN_CMD_ARGS: '--workers 2 --backlog 64' })).toEqual({
      result: true,
    });
  });

  it("an app's own config, or a bind in GUNICORN_CMD_ARGS: not checked (they may bind any port)", () => {
    expect(call('binds_as_resolved', { GUNICORN_CONF: '/app/gunicorn_conf.py' })).toEqual({ result: false });
    for (const args of ['--bind 0.0.0.0:8080', '--bind=0.0.0.0:8080', '-b 0.0.0.0:8080', '-b0.0.0.0:8080']) {
      expect(call('binds_as_resolved', { GUNICORN_CMD_ARGS: args }), args).toEqual({ result: false });
    }
  });
});

describe('python -m startup_guards run-as COMMAND (what start.sh runs for RUN_AS_USER)', () => {
  function runAs(env: Record<string, string>, ...command: string[]): { status: number; stdout: string; stderr: string } {
    try {
      const stdout = execFileSync('python3', [GUARDS, 'run-as', ...command], {
        env: { ...PY_ENV, ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stdout, stderr: '' };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { status: err.status, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it('without RUN_AS_USER: runs the command as it is', () => {
    expect(runAs({}, 'echo', 'gunicorn', 'main:app')).toEqual({ status: 0, stdout: 'gunicorn main:app\n', stderr: '' });
  });

  it.runIf(process.getuid?.() === 0)('as root: adds --user and --group after the program name, and drops supplementary groups', () => {
    expect(runAs({ RUN_AS_USER: 'nobody' }, 'echo', '--config', 'c.py', 'main:app').stdout).toBe(
      `--user ${NOBODY_UID} --group ${NOBODY_GID} --config c.py main:app\n`,
    );
    // Started with extra groups (as Docker gives root), the command ends up with none.
    const show = join(temp, 'show-groups.sh');
    writeFileSync(show, '#!/bin/sh\necho "$@"; id -G\n');
    chmodSync(show, 0o755);
    const withGroups = 'import os, sys; os.setgroups([0, 4, 27]); os.execvp(sys.argv[1], sys.argv[1:])';
    const out = execFileSync('python3', ['-c', withGroups, 'python3', GUARDS, 'run-as', show, 'main:app'], {
      env: { ...PY_ENV, RUN_AS_USER: 'nobody' },
      encoding: 'utf8',
    });
    expect(out).toBe(`--user ${NOBODY_UID} --group ${NOBODY_GID} main:app\n0\n`);
  });

  it.runIf(process.getuid?.() === 0)('as root: moves PYTHONPATH aside, so the master starts with the app off its path', () => {
    const show = join(temp, 'show-path.sh');
    writeFileSync(show, '#!/bin/sh\necho "PYTHONPATH=${PYTHONPATH-unset} held=$FLASK_GUNICORN_ACTION_APP_PATH"\n');
    chmodSync(show, 0o755);
    expect(runAs({ RUN_AS_USER: 'nobody', PYTHONPATH: '/app:/opt/extra' }, show).stdout).toBe('PYTHONPATH=unset held=/app:/opt/extra\n');
    // Without RUN_AS_USER nothing is switched, and nothing moved.
    expect(runAs({ PYTHONPATH: '/app' }, show).stdout).toBe('PYTHONPATH=/app held=\n');
  });

  it.runIf(process.getuid?.() !== 0)('not root: refuses to switch to another user', () => {
    expect(runAs({ RUN_AS_USER: 'nobody' }, 'echo', 'x')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/switching users needs the container to start as root/),
    });
  });

  it('a bad RUN_AS_USER: exit 2 and one line; no command: usage, exit 64', () => {
    expect(runAs({ RUN_AS_USER: 'no-such-user' }, 'echo', 'x')).toEqual({
      status: 2,
      stdout: '',
      stderr: `ERROR: Invalid RUN_AS_USER='no-such-user': no user 'no-such-user' in /etc/passwd; ${ACCEPTED}.\n`,
    });
    expect(runAs({}).status).toBe(64);
  });
});

describe('app_loader, as a worker imports it: the path and the working folder given back', () => {
  // Gunicorn is the image's, not the host's: a stand-in import_app records what it was asked to load.
  const stub = join(temp, 'stub');
  mkdirSync(join(stub, 'gunicorn'), { recursive: true });
  writeFileSync(join(stub, 'gunicorn', '__init__.py'), '');
  writeFileSync(join(stub, 'gunicorn', 'util.py'), 'def import_app(uri):\n    return "loaded " + uri\n');
  const LOAD = `
import json, os, sys
sys.path[0:0] = [sys.argv[1], sys.argv[2]]
os.chdir("/")
import app_loader
print(json.dumps({"app": app_loader.app, "path": sys.path[:3], "cwd": os.getcwd(), "PYTHONPATH": os.environ.get("PYTHONPATH"),
                  "held": os.environ.get("FLASK_GUNICORN_ACTION_APP_PATH")}))
`;
  function load(env: Record<string, string>): Record<string, unknown> {
    const app = join(temp, 'app');
    mkdirSync(app, { recursive: true });
    const source = readFileSync(join(IMAGE_DIR, 'app_loader.py'), 'utf8').replace('APP_DIR = "/app"', `APP_DIR = ${JSON.stringify(app)}`);
    const dir = join(temp, 'loader');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'app_loader.py'), source);
    return {
      ...(JSON.parse(execFileSync('python3', ['-c', LOAD, dir, stub], { encoding: 'utf8', env: { ...PY_ENV, ...env } })) as object),
      app_dir: app,
    };
  }

  it('puts the held PYTHONPATH first on the path and back in the environment, enters the app folder, and loads APP_MODULE', () => {
    const got = load({ FLASK_GUNICORN_ACTION_APP_PATH: '/app:/opt/extra', APP_MODULE: 'main:create_app()' });
    expect(got).toMatchObject({ app: 'loaded main:create_app()', path: ['/app', '/opt/extra'].concat([expect.any(String)]) });
    expect(got.cwd).toBe(got.app_dir);
    expect(got.PYTHONPATH).toBe('/app:/opt/extra');
    expect(got.held).toBeNull();
  });

  it('changes nothing when run-as held nothing back (no RUN_AS_USER), and loads main:app by default', () => {
    const got = load({});
    expect(got).toMatchObject({ app: 'loaded main:app', cwd: '/', PYTHONPATH: null });
  });
});

describe('the Dockerfile creates the user app (uid 1000) on Debian and on Alpine', () => {
  interface Instruction {
    keyword: string;
    args: string;
  }
  const instructions: Instruction[] = [];
  let current = '';
  for (const raw of readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && current === '')) continue;
    current += (current ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) continue;
    const [keyword = '', ...rest] = current.split(' ');
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
    current = '';
  }
  const SCRIPT = join(IMAGE_DIR, 'scripts', 'add-user.sh');
  let count = 0;

  /** Runs add-user.sh with only the given stub commands on PATH; returns what they were asked. */
  function createUser(stubs: string[]): string[] {
    const bin = join(temp, `bin-${count++}`);
    mkdirSync(bin);
    const log = join(bin, 'commands.log');
    for (const name of stubs) {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n`);
      chmodSync(join(bin, name), 0o755);
    }
    execFileSync('/bin/sh', [SCRIPT], { env: { PATH: bin } });
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  }

  it('Debian (useradd): uid 1000, its own group, a home', () => {
    expect(createUser(['useradd', 'adduser'])).toEqual(['useradd --uid 1000 --user-group --create-home app']);
  });

  it('Alpine (busybox addgroup/adduser): gid 1000, then uid 1000 in it', () => {
    expect(createUser(['addgroup', 'adduser'])).toEqual(['addgroup -g 1000 app', 'adduser -D -u 1000 -G app app']);
  });

  it('runs in the image stage, before the start script, so both RUN_AS_USER and docker run --user find it', () => {
    expect(instructions).toContainEqual({ keyword: 'COPY', args: 'image/scripts/add-user.sh /tmp/' });
    const run = instructions.findIndex((i) => i.keyword === 'RUN' && i.args === 'sh /tmp/add-user.sh && rm /tmp/add-user.sh');
    const startScript = instructions.findIndex((i) => i.keyword === 'COPY' && i.args.includes('start.sh'));
    const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
    expect(run).toBeGreaterThan(lastFrom);
    expect(run).toBeLessThan(startScript);
  });
});
