// Raw HTTP/1.1 over loopback for bench/http-corpus.mjs and bench/fuzz-http.mjs: request files in
// Gunicorn's corpus format, one exchange per connection, and the statuses of what came back.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/**
 * The bytes of a .http file, decoded as Gunicorn's tests/treq.py does: line breaks are for
 * reading; \r\n, \0, \n, \t and \xHH are written out.
 * @param {string} text the file read as latin1
 */
export function decodeRequestFile(text) {
  const s = text
    .replace(/\n/g, '')
    .replace(/\\r\\n/g, '\r\n')
    .replace(/\\0/g, '\0')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\x([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(s, 'latin1');
}

/**
 * The request files of one corpus folder: name, path, and the text of its .py (what Gunicorn's
 * parser expects; empty when there is none).
 * @param {string} dir
 */
export function requestFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((f) => {
      const py = path.join(dir, f.replace(/\.http$/, '.py'));
      return { name: f, file: path.join(dir, f), spec: fs.existsSync(py) ? fs.readFileSync(py, 'utf8') : '' };
    });
}

/**
 * The statuses of the responses in `text`, in order: each body is skipped by its Content-Length or
 * chunked framing; one with neither runs to the end.
 * @param {string} text
 */
export function responseStatuses(text) {
  const statuses = [];
  let at = 0;
  while (at < text.length) {
    const m = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(text.slice(at, at + 200));
    const headEnd = text.indexOf('\r\n\r\n', at);
    if (!m || headEnd < 0) break;
    statuses.push(Number(m[1]));
    const head = text.slice(at, headEnd).toLowerCase();
    at = headEnd + 4;
    const length = /\r\ncontent-length: *(\d+)/.exec(head);
    if (length) {
      at += Number(length[1]);
    } else if (/\r\ntransfer-encoding: *chunked/.test(head)) {
      for (;;) {
        const lineEnd = text.indexOf('\r\n', at);
        const size = lineEnd < 0 ? NaN : parseInt(text.slice(at, lineEnd), 16);
        if (Number.isNaN(size)) return statuses;
        at = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
    } else {
      break;
    }
  }
  return statuses;
}

/**
 * @typedef {{ statuses: number[], bytes: number, ended: string }} RawExchange
 * ended: 'closed' (by the server), 'timeout', 'aborted' (by us, on purpose) or an errno code.
 */

/**
 * Connects to 127.0.0.1:port, sends `bytes` (in `pieces` writes `gapMs` apart when asked, for
 * requests split across packets), half-closes unless `abort` (then resets right after writing),
 * and reads until the server closes. Never rejects.
 * @param {number} port
 * @param {Buffer} bytes
 * @param {{ timeoutMs?: number, pieces?: number[], gapMs?: number, abort?: boolean }} [options]
 * @returns {Promise<RawExchange>}
 */
export function exchangeRaw(port, bytes, options = {}) {
  const { timeoutMs = 5_000, pieces, gapMs = 1, abort = false } = options;
  return new Promise((resolve) => {
    const chunks = [];
    let ended = 'closed';
    let done = false;
    const sock = net.connect(port, '127.0.0.1');
    sock.setNoDelay(true);
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const data = Buffer.concat(chunks);
      resolve({ statuses: responseStatuses(data.toString('latin1')), bytes: data.length, ended });
    };
    const timer = setTimeout(() => {
      ended = 'timeout';
      finish();
    }, timeoutMs);
    sock.on('connect', async () => {
      const cuts = [...(pieces ?? []).filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b), bytes.length];
      let at = 0;
      for (const cut of cuts) {
        if (sock.destroyed) return;
        sock.write(bytes.subarray(at, cut));
        at = cut;
        if (cut < bytes.length) await new Promise((r) => setTimeout(r, gapMs));
      }
      if (sock.destroyed) return;
      if (abort) {
        ended = 'aborted';
        sock.resetAndDestroy();
        finish();
      } else {
        sock.end();
      }
    });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', (/** @type {NodeJS.ErrnoException} */ e) => {
      if (ended === 'closed') ended = e.code ?? e.message;
    });
    sock.on('close', finish);
  });
}
