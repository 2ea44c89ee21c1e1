// Running commands for the benchmark: argument arrays (never shell strings), output captured,
// every command bounded in time so a wedged tool cannot hang the run.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` and resolves { code, stdout, stderr, ms } (never rejects on a non-zero exit).
 * options: cwd, env, input (written to stdin), timeoutMs (SIGKILL after it; default 10 min).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, input?: string, timeoutMs?: number }} [options]
 * @returns {Promise<{ code: number, signal: NodeJS.Signals | null, stdout: string, stderr: string, ms: number }>}
 */
export function run(command, args, options = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout?.on('data', (chunk) => out.push(chunk));
    child.stderr?.on('data', (chunk) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not be started: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Like run(), but a non-zero exit is an error that quotes the command and its last output lines.
 * @param {string} command
 * @param {string[]} args
 * @param {Parameters<typeof run>[2]} [options]
 */
export async function must(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = (result.stderr || result.stdout).trimEnd().split('\n').slice(-8).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${tail}`);
  }
  return result;
}

/**
 * Whether an executable is on PATH.
 * @param {string} name
 * @returns {Promise<boolean>}
 */
export async function onPath(name) {
  const result = await run('sh', ['-c', 'command -v "$1"', 'sh', name]).catch(() => ({ code: 1 }));
  return result.code === 0;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The last line of a failure's text: what a one-line reason quotes.
 * @param {string} text
 */
export const lastLine = (text) => text.split('\n').pop() ?? '';
