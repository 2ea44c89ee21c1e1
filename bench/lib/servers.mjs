// The servers under test and how each is started and stopped. Containers run with --network host on
// a free loopback port (the engine here has no bridge); the uWSGI peer runs on the host.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { run, sleep } from './exec.mjs';
import { firstGoodResponse, nowMs } from './first-response.mjs';
import { processTree } from './process-tree.mjs';
import { uwsgiArgs } from './uwsgi.mjs';

/**
 * A server definition: { id, label, role: 'ours' | 'peer' | 'sweep', workerClass, workers, threads,
 * how: 'image-default' | 'image-env' | 'command' | 'uwsgi', image, env, command(port) }.
 */

/** Our image exactly as users get it: only where to listen is set. */
export function oursDefault(image, { id = 'ours', label = 'ours (auto-tuned default)', env = {}, resolved }) {
  return { id, label, role: 'ours', how: 'image-default', image, env, ...resolved };
}

/** A point of the sweep: our image, its start script and config, with the counts forced. */
export function sweepPoint(image, workerClass, workers, threads) {
  const env = { WORKER_CLASS: workerClass, WEB_CONCURRENCY: String(workers) };
  if (workerClass === 'gthread') env.THREADS = String(threads);
  const shape = workerClass === 'gthread' ? `${workers}×${threads}` : `${workers}w`;
  return {
    id: `${workerClass}-${shape}`,
    label: `${workerClass} ${shape}`,
    role: 'sweep',
    how: 'image-env',
    image,
    env,
    workerClass,
    workers,
    threads,
  };
}

/** Plain Gunicorn in our image (identical packages), configured the way most people run it. */
export function gunicornPeer(image, workerClass, workers, extraLabel = '') {
  return {
    id: `gunicorn-${workerClass}-${workers}`,
    label: `gunicorn ${workerClass} ${workers}w${extraLabel}`,
    role: 'peer',
    how: 'command',
    image,
    env: {},
    workerClass,
    workers,
    threads: 1,
    command: (port) => ['gunicorn', '-k', workerClass, '-w', String(workers), '-b', `127.0.0.1:${port}`, 'main:app'],
  };
}

export function uwsgiPeer(uwsgi, appDir, processes, threads) {
  const shape = threads > 1 ? `${processes}p×${threads}t` : `${processes}p`;
  return {
    id: `uwsgi-${shape.replace('×', 'x')}`,
    label: `uWSGI ${shape} (host)`,
    role: 'peer',
    how: 'uwsgi',
    uwsgi,
    appDir,
    workerClass: 'uwsgi',
    workers: processes,
    threads,
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port was assigned'))));
    });
  });
}

/**
 * @typedef {{ ok: true, pid: number, startupMs: number, stop: () => Promise<void>, logs: () => Promise<string>,
 *   fullLog: () => Promise<string>, running: () => Promise<boolean> } | { ok: false, error: string }} ServerHandle
 */

/** @type {Set<() => Promise<void>>} */
const started = new Set();

/**
 * Starts a server on `port` and waits for its first 200 on /. Resolves
 * { ok, pid, startupMs, stop(), logs() (the last lines), fullLog(), running() } or { ok: false, error }.
 * @param {any} server a definition (above)
 * @param {number} port
 * @returns {Promise<ServerHandle>}
 */
export async function startServer(server, port) {
  return server.how === 'uwsgi' ? startUwsgi(server, port) : startContainer(server, port);
}

/** @returns {Promise<ServerHandle>} */
async function startContainer(server, port) {
  const name = `flask-bench-${server.id.replace(/[^a-zA-Z0-9_.-]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const env = { HOST: '127.0.0.1', PORT: String(port), ...server.env };
  const args = ['run', '--detach', '--name', name, '--network', 'host', '--label', 'flask-bench=1'];
  for (const [key, value] of Object.entries(env)) args.push('--env', `${key}=${value}`);
  args.push(server.image, ...(server.command ? server.command(port) : []));
  const stop = async () => {
    started.delete(stop);
    await run('docker', ['rm', '--force', name], { timeoutMs: 60_000 });
  };
  started.add(stop);
  const t0 = nowMs();
  const result = await run('docker', args, { timeoutMs: 120_000 });
  if (result.code !== 0) {
    await stop();
    return { ok: false, error: `docker run failed: ${result.stderr.trim()}` };
  }
  const alive = async () => (await run('docker', ['inspect', '--format', '{{.State.Running}}', name])).stdout.trim() === 'true';
  const readyAt = await firstGoodResponse(`http://127.0.0.1:${port}/`, { stillStarting: alive });
  const logs = async () => {
    const out = await run('docker', ['logs', '--tail', '30', name]);
    return `${out.stdout}${out.stderr}`.trim();
  };
  if (readyAt === null) {
    const text = await logs();
    await stop();
    return { ok: false, error: `no 200 on / (container log: ${text.split('\n').slice(-5).join(' | ')})` };
  }
  const pid = Number((await run('docker', ['inspect', '--format', '{{.State.Pid}}', name])).stdout.trim());
  const fullLog = async () => {
    const out = await run('docker', ['logs', name]);
    return `${out.stdout}${out.stderr}`;
  };
  return { ok: true, pid, startupMs: readyAt - t0, stop, logs, fullLog, running: alive };
}

/** @returns {Promise<ServerHandle>} */
async function startUwsgi(server, port) {
  const logFile = `${fs.mkdtempSync('/tmp/flask-bench-uwsgi-log-')}/uwsgi.log`;
  const fd = fs.openSync(logFile, 'w');
  const t0 = nowMs();
  const child = spawn('uwsgi', uwsgiArgs({ ...server.uwsgi, appDir: server.appDir, port, processes: server.workers, threads: server.threads }), {
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', () => resolve((exited = true))));
  const stop = async () => {
    started.delete(stop);
    if (exited) return;
    const tree = child.pid === undefined ? [] : processTree(child.pid);
    child.kill('SIGTERM'); // --die-on-term: the master stops its workers and exits
    await Promise.race([exit, sleep(10_000)]);
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGKILL'); // only processes this run started, by pid
      } catch {
        // already gone
      }
    }
  };
  started.add(stop);
  const logs = async () => fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n');
  const readyAt = await firstGoodResponse(`http://127.0.0.1:${port}/`, { stillStarting: async () => !exited });
  if (readyAt === null) {
    const text = await logs();
    await stop();
    return { ok: false, error: `no 200 on / (uWSGI log: ${text.split('\n').slice(-5).join(' | ')})` };
  }
  const fullLog = async () => fs.readFileSync(logFile, 'utf8');
  // spawn() gives no pid only when it failed, which the exit (and so no first 200) already reported.
  return { ok: true, pid: child.pid ?? -1, startupMs: readyAt - t0, stop, logs, fullLog, running: async () => !exited };
}

/** Stops whatever is still running (on errors and Ctrl-C). */
export async function stopAll() {
  for (const stop of [...started]) await stop();
}
