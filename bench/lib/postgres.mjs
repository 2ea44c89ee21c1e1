// A real PostgreSQL for the database suite, started by the bench and gone after it: Debian's
// server binaries, a cluster initialised into a temp dir, listening on 127.0.0.1 only (a free port,
// its Unix socket in that temp dir too), the tables seeded from techempower.mjs, stopped and removed
// at the end. PostgreSQL refuses to run as root, so as root it runs as Debian's `postgres` user.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { must, onPath, run } from './exec.mjs';
import { seedSql } from './techempower.mjs';

const DATABASE = 'hello_world';
const USER = 'bench';

/**
 * The server's settings: loopback only; enough connections for every server's threads at once (all
 * servers run side by side and keep their connections while others are loaded); commits that do not
 * wait for the disk, which this machine shares with builds (the updates test measures the web
 * server and the driver, not the disk), as database benchmarks commonly configure it.
 * @param {{ port: number, socketDir: string }} options
 * @returns {string[]} `-c name=value` pairs for `postgres` (via pg_ctl -o)
 */
export function serverSettings({ port, socketDir }) {
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir,
    max_connections: '400',
    shared_buffers: '128MB',
    synchronous_commit: 'off',
    fsync: 'on',
    logging_collector: 'off',
  };
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/** Debian's versioned server binaries (pg_ctl, initdb): the newest /usr/lib/postgresql/N/bin. */
function serverBinDir() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Installs Debian's postgresql when root and apt-get are there; resolves the bin dir or null. */
async function ensureServer(log) {
  let bin = serverBinDir();
  if (!bin && process.getuid?.() === 0 && (await onPath('apt-get'))) {
    log("installing postgresql from Debian's archive");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql', 'postgresql-client'], { env, timeoutMs: 600_000 });
    bin = serverBinDir();
  }
  return bin;
}

/**
 * @typedef {{ ok: true, url: string, port: number, version: string, pid: () => number, stop: () => Promise<void> }
 *   | { ok: false, error: string }} Postgres
 */

/**
 * Starts the cluster and seeds it. `port` must be free on 127.0.0.1.
 * @param {{ port: number, log: (line: string) => void }} options
 * @returns {Promise<Postgres>}
 */
export async function startPostgres({ port, log }) {
  const bin = await ensureServer(log);
  if (!bin) return { ok: false, error: 'PostgreSQL is not installed (apt-get install postgresql)' };
  const asRoot = process.getuid?.() === 0;
  // As root, the server's own user; else the caller's (who then owns the temp dir already).
  const as = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-postgres-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    fs.chownSync(dir, uid, gid);
  }
  const pgCtl = path.join(bin, 'pg_ctl');
  const stop = async () => {
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      const [cmd, args] = as(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      await run(cmd, args, { timeoutMs: 90_000 });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await startCluster({ as, bin, dir, data, port });
    const version = await seed(port);
    const pid = () => Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return { ok: true, url: `postgresql://${USER}@127.0.0.1:${port}/${DATABASE}`, port, version, pid, stop };
  } catch (error) {
    const serverLog = path.join(dir, 'server.log');
    const tail = fs.existsSync(serverLog) ? fs.readFileSync(serverLog, 'utf8').trim().split('\n').slice(-3).join(' | ') : '';
    await stop();
    return { ok: false, error: `${error instanceof Error ? error.message : String(error)}${tail ? ` (server log: ${tail})` : ''}` };
  }
}

/**
 * initdb into `data`, then the server started on `port` (its log in `dir`), waiting until it answers.
 * @param {{ as: (command: string, args: string[]) => any[], bin: string, dir: string, data: string, port: number }} cluster
 */
async function startCluster({ as, bin, dir, data, port }) {
  const [initCmd, initArgs] = as(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    USER,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  await must(initCmd, initArgs, { timeoutMs: 120_000 });
  const [startCmd, startArgs] = as(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    // pg_ctl passes -o to the server through a shell: the values here are ours (no spaces, no quotes).
    serverSettings({ port, socketDir: dir }).join(' '),
    'start',
  ]);
  await must(startCmd, startArgs, { timeoutMs: 90_000 });
}

/**
 * Creates the benchmark's database and seeds its tables; resolves the server's version.
 * @param {number} port
 */
async function seed(port) {
  const psql = (database, sql) =>
    must('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', database], {
      input: sql,
      timeoutMs: 120_000,
    });
  await psql('postgres', `CREATE DATABASE ${DATABASE};`);
  await psql(DATABASE, seedSql());
  const version = await must('psql', ['-X', '-At', '-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', DATABASE, '-c', 'SHOW server_version']);
  return version.stdout.trim();
}

/**
 * Milliseconds per query, one after the other in one session: `count` trivial statements through
 * psql to 127.0.0.1:port (the database itself or a relay in front of it), the session's start-up
 * taken off by timing one statement alone first.
 * @param {number} port
 * @param {number} [count]
 * @returns {Promise<number>}
 */
export async function msPerQuery(port, count = 300) {
  const session = (n) =>
    run('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', DATABASE], {
      input: 'SELECT 1;\n'.repeat(n),
      timeoutMs: 120_000,
    });
  const one = await session(1);
  const many = await session(count + 1);
  return (many.ms - one.ms) / count;
}

/** uid and gid of a local user, from /etc/passwd. */
function userIds(name) {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name} in /etc/passwd (Debian's postgresql package creates it)`);
  const fields = line.split(':');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}
