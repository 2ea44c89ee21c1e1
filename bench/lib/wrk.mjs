// Drives one URL with wrk for a bounded time and reads its report.
import { run } from './exec.mjs';

/**
 * `wrk -t1 -c<connections> -d<seconds>s --latency URL`: one load thread, so the load generator takes
 * at most one of the machine's two cores. Bounded by -d, and killed if it overstays by 20 s.
 * @param {string} url
 * @param {{ seconds: number, connections?: number, timeoutSeconds?: number }} options
 */
export async function runWrk(url, { seconds, connections = 32, timeoutSeconds = 5 }) {
  if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(url)) throw new Error(`refusing to load a non-loopback URL: ${url}`);
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, `--timeout`, `${timeoutSeconds}s`, '--latency', url];
  const result = await run('wrk', args, { timeoutMs: (seconds + 20) * 1000 });
  if (result.code !== 0) throw new Error(`wrk ${args.join(' ')} failed (${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  return { ...parseWrk(result.stdout), command: `wrk ${args.join(' ')}` };
}

const TIME_UNITS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/**
 * Milliseconds from wrk's "15.18ms", "820.00us", "1.02s".
 * @param {string} text
 * @returns {number}
 */
export function parseDuration(text) {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`not a wrk duration: ${text}`);
  return Number(match[1]) * TIME_UNITS[/** @type {keyof typeof TIME_UNITS} */ (match[2])];
}

/**
 * @param {string} text
 * @returns {number}
 */
function parseSize(text) {
  const match = /^([\d.]+)(B|KB|MB|GB|TB)$/.exec(text.trim());
  return match ? Number(match[1]) * SIZE_UNITS[/** @type {keyof typeof SIZE_UNITS} */ (match[2])] : NaN;
}

/**
 * wrk's text report -> { requests, seconds, rps, bytesPerSecond, p50Ms, p75Ms, p90Ms, p99Ms,
 * non2xx, socketErrors: {connect, read, write, timeout}, errors }. errors = non-2xx/3xx + socket errors.
 * @param {string} text
 */
export function parseWrk(text) {
  const number = (re) => {
    const match = re.exec(text);
    return match ? Number(match[1]) : 0;
  };
  const percentile = (p) => {
    const match = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(text);
    return match?.[1] ? parseDuration(match[1]) : NaN;
  };
  const totals = /(\d+) requests in ([\d.]+\w+),/.exec(text);
  if (!totals?.[2]) throw new Error(`wrk printed no totals:\n${text}`);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const transfer = /Transfer\/sec:\s+(\S+)/.exec(text);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = {
    connect: sockets ? Number(sockets[1]) : 0,
    read: sockets ? Number(sockets[2]) : 0,
    write: sockets ? Number(sockets[3]) : 0,
    timeout: sockets ? Number(sockets[4]) : 0,
  };
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/);
  return {
    requests: Number(totals[1]),
    seconds: parseDuration(totals[2]) / 1000,
    rps: rps ? Number(rps[1]) : 0,
    bytesPerSecond: transfer?.[1] ? parseSize(transfer[1]) : NaN,
    p50Ms: percentile(50),
    p75Ms: percentile(75),
    p90Ms: percentile(90),
    p99Ms: percentile(99),
    non2xx,
    socketErrors,
    errors: non2xx + socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout,
  };
}
