// A tight poller: the first moment a server answers a URL with 200. Used to time start-ups and, run
// beside the action's own probe, to see how late that probe notices the app.
import * as http from 'node:http';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const nowMs = () => performance.timeOrigin + performance.now();

function getStatus(url, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/**
 * Polls `url` every `intervalMs` until it answers 200; resolves the wall-clock ms of that answer's
 * arrival, or null if `timeoutMs` passes or `stillStarting()` (checked every ~0.5 s) says the server
 * died. Loopback URLs only.
 */
export async function firstGoodResponse(url, { intervalMs = 10, timeoutMs = 60_000, stillStarting = async () => true } = {}) {
  if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(url)) throw new Error(`refusing to poll a non-loopback URL: ${url}`);
  const deadline = nowMs() + timeoutMs;
  let lastCheck = nowMs();
  while (nowMs() < deadline) {
    if ((await getStatus(url, 1000)) === 200) return nowMs();
    if (nowMs() - lastCheck > 500) {
      lastCheck = nowMs();
      if (!(await stillStarting())) return null;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return null;
}

// As a script (the docker shim starts it beside `docker run`): PORT LOGFILE -> appends "first-ok <ms>".
if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, logFile] = process.argv.slice(2);
  if (!port || !logFile) throw new Error('usage: node first-response.mjs PORT LOGFILE');
  const fs = await import('node:fs');
  const at = await firstGoodResponse(`http://127.0.0.1:${port}/`, { intervalMs: 5, timeoutMs: 120_000 });
  fs.appendFileSync(logFile, `first-ok ${port} ${at === null ? 'none' : at.toFixed(1)}\n`);
}
