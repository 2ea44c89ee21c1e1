// A `docker` wrapper put first on PATH while the action's CLI runs: it logs when each docker command
// started and ended, so the action's own time is the wall time minus these; and beside `docker run`
// it starts a tight poller on the PORT the action passes, to see when the app could first answer.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './exec.mjs';

const POLLER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'first-response.mjs');

const SCRIPT = `#!/bin/sh
# Written by bench/lib/docker-shim.mjs: times each docker command for the benchmark.
start=$(date +%s%N)
if [ "$1" = run ]; then
  port=
  for arg in "$@"; do case $arg in PORT=*) port=\${arg#PORT=} ;; esac; done
  if [ -n "$port" ]; then
    "$BENCH_NODE" "$BENCH_POLLER" "$port" "$BENCH_DOCKER_LOG" </dev/null >/dev/null 2>&1 &
  fi
fi
"$BENCH_REAL_DOCKER" "$@"
rc=$?
echo "cmd $start $(date +%s%N) $rc $1" >>"$BENCH_DOCKER_LOG"
exit $rc
`;

/**
 * @typedef {{ startMs: number, endMs: number, ms: number, code: number, subcommand: string }} ShimCommand
 * @typedef {{ commands: ShimCommand[], firstOk: { port: number, atMs: number } | null }} ShimLog
 * @typedef {{ env: NodeJS.ProcessEnv, reset: () => void, read: () => ShimLog, dispose: () => void }} DockerShim
 */

/**
 * Creates the shim; returns { env (to run the CLI with), read() -> timings, dispose() }.
 * @returns {Promise<DockerShim>}
 */
export async function createDockerShim() {
  const real = (await run('sh', ['-c', 'command -v docker'])).stdout.trim();
  if (real === '') throw new Error('docker is not on PATH');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-shim-'));
  const log = path.join(dir, 'docker.log');
  fs.writeFileSync(path.join(dir, 'docker'), SCRIPT, { mode: 0o755 });
  fs.writeFileSync(log, '');
  return {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      BENCH_REAL_DOCKER: real,
      BENCH_DOCKER_LOG: log,
      BENCH_POLLER: POLLER,
      BENCH_NODE: process.execPath,
    },
    /** Clears the log before the next timed CLI run. */
    reset: () => fs.writeFileSync(log, ''),
    read: () => parseShimLog(fs.readFileSync(log, 'utf8')),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * @param {string} text
 * @returns {ShimLog}
 */
export function parseShimLog(text) {
  /** @type {ShimCommand[]} */
  const commands = [];
  /** @type {ShimLog['firstOk']} */
  let firstOk = null;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    if (fields[0] === 'cmd' && fields.length >= 5) {
      const startMs = Number(fields[1]) / 1e6;
      const endMs = Number(fields[2]) / 1e6;
      commands.push({ startMs, endMs, ms: endMs - startMs, code: Number(fields[3]), subcommand: fields[4] ?? '' });
    } else if (fields[0] === 'first-ok' && fields[2] !== 'none' && firstOk === null) {
      firstOk = { port: Number(fields[1]), atMs: Number(fields[2]) };
    }
  }
  return { commands, firstOk };
}
