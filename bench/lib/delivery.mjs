// Bytes delivered against bytes expected. wrk counts responses, not bodies, and a server can cut a
// body short with a framing that looks complete: uWSGI once ended a 16 MB stream at 14.5 MB with curl
// exiting 0, and Meinheld as published cut streams to slow clients while answering 200. So every
// server also serves big bodies to several slow clients at once (curl --limit-rate, which makes the
// server's writes wait on a full socket) and each body is counted and hashed here, whatever curl says.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

/** @typedef {{ exit: number, status: number, bytes: number, sha256: string, stderr: string }} Download one body as curl delivered it */

/** The cases, as routes of bench/app/main.py, with the body each must deliver. */
export const DELIVERY_CASES = [
  { id: 'stream', path: '/stream', label: '16 MB chunked stream', clients: 6, rate: '2M', body: { chunk: 'y', chunkBytes: 16384, chunks: 1000 } },
  { id: '1mb', path: '/1mb', label: '1 MB response', clients: 8, rate: '512K', body: { chunk: 'x', chunkBytes: 1024 * 1024, chunks: 1 } },
];

/**
 * { bytes, sha256 } of a case's expected body.
 * @param {{ chunk: string, chunkBytes: number, chunks: number }} body
 * @returns {{ bytes: number, sha256: string }}
 */
export function expectedBody({ chunk, chunkBytes, chunks }) {
  const hash = createHash('sha256');
  const block = Buffer.alloc(chunkBytes, chunk);
  for (let i = 0; i < chunks; i++) hash.update(block);
  return { bytes: chunkBytes * chunks, sha256: hash.digest('hex') };
}

/**
 * One download with curl, the body counted and hashed as it arrives. Resolves { exit, status, bytes,
 * sha256, stderr }. Loopback only; bounded by --max-time.
 * @param {string} url
 * @param {{ rate: string, maxSeconds?: number }} options
 * @returns {Promise<Download>}
 */
export function download(url, { rate, maxSeconds = 120 }) {
  if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(url)) throw new Error(`refusing to download from a non-loopback URL: ${url}`);
  return new Promise((resolve, reject) => {
    const args = [
      '--silent',
      '--show-error',
      '--limit-rate',
      rate,
      '--max-time',
      String(maxSeconds),
      '--output',
      '-',
      '--write-out',
      '%{stderr}status=%{http_code}\n',
      url,
    ];
    const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const hash = createHash('sha256');
    let bytes = 0;
    const err = [];
    child.stdout.on('data', (data) => {
      bytes += data.length;
      hash.update(data);
    });
    child.stderr.on('data', (data) => err.push(data));
    child.on('error', (error) => reject(new Error(`curl could not be started: ${error.message}`)));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const status = Number(/status=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ exit: code ?? 1, status, bytes, sha256: hash.digest('hex'), stderr: stderr.replace(/status=\d+\n?/, '').trim() });
    });
  });
}

/**
 * The verdict on one download: whole (status 200, every byte, the right hash) or not, and whether it
 * is the silent kind: short or wrong while curl exited 0 (a client would have kept the broken body).
 * @param {Pick<Download, 'exit' | 'status' | 'bytes' | 'sha256'>} download
 * @param {{ bytes: number, sha256: string }} expected
 */
export function judge(download, expected) {
  const whole = download.status === 200 && download.bytes === expected.bytes && download.sha256 === expected.sha256;
  return {
    whole,
    short: download.bytes < expected.bytes,
    silent: !whole && download.exit === 0,
  };
}

/**
 * Runs every case against the server on `port`: all of a case's clients at once. Returns
 * [{ id, label, clients, rate, expectedBytes, whole, short, silent, deliveredBytes: [..], exits: [..], statuses: [..], errors: [..] }].
 * @param {number} port
 * @param {typeof DELIVERY_CASES} [cases]
 */
export async function checkDelivery(port, cases = DELIVERY_CASES) {
  const results = [];
  for (const c of cases) {
    const expected = expectedBody(c.body);
    const downloads = await Promise.all(Array.from({ length: c.clients }, () => download(`http://127.0.0.1:${port}${c.path}`, { rate: c.rate })));
    const verdicts = downloads.map((d) => judge(d, expected));
    results.push({
      id: c.id,
      label: c.label,
      clients: c.clients,
      rate: c.rate,
      expectedBytes: expected.bytes,
      whole: verdicts.filter((v) => v.whole).length,
      short: verdicts.filter((v) => v.short).length,
      silent: verdicts.filter((v) => v.silent).length,
      deliveredBytes: downloads.map((d) => d.bytes),
      exits: downloads.map((d) => d.exit),
      statuses: downloads.map((d) => d.status),
      errors: [...new Set(downloads.map((d) => d.stderr).filter(Boolean))],
    });
  }
  return results;
}
