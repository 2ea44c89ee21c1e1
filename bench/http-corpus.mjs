// `node bench/http-corpus.mjs CORPUS_DIR --port PORT`: sends a peer server's own request files to a
// running server as raw bytes over loopback, one connection each, and counts how many invalid
// requests it refused and how many valid ones it served. CORPUS_DIR holds valid/ and invalid/ with
// Gunicorn's layout (tests/requests in its repository): NAME.http is the request, with \r\n, \0,
// \t and \xHH written out and line breaks for reading; NAME.py says what Gunicorn's parser
// expects. Files whose .py sets a configuration (cfg.set: proxy protocol, small limits) test a
// non-default Gunicorn setting and are left out. The server must run an app that answers every
// method and path with 200 (bench/app-any), so any other status is the server's own refusal.
//
//   refused (invalid): no answer below 400 (an error status, or closed without an answer)
//   served (valid):    exactly as many answers as the file has requests (its .py lists them; a
//                      server that closes after a request ending the connection answers fewer,
//                      and so does Gunicorn's test), every one below 400
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const USAGE = 'usage: node bench/http-corpus.mjs CORPUS_DIR --port PORT [--verbose]';

/** The bytes of a .http file, decoded as Gunicorn's tests/treq.py does. */
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

/** The statuses of the responses in `text`, in order: each body is skipped by its Content-Length or
 * chunked framing; one with neither runs to the end. */
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

/** Sends `bytes`, half-closes, and resolves with the statuses of the answers (and how it ended). */
function exchange(port, bytes, timeoutMs = 5_000) {
  return new Promise((resolve) => {
    const chunks = [];
    let ended = 'closed';
    const sock = net.connect(port, '127.0.0.1', () => sock.end(bytes));
    const timer = setTimeout(() => {
      ended = 'timeout';
      sock.destroy();
    }, timeoutMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', (e) => (ended = e.code ?? e.message));
    sock.on('close', () => {
      clearTimeout(timer);
      resolve({ statuses: responseStatuses(Buffer.concat(chunks).toString('latin1')), ended });
    });
  });
}

/** The corpus files of one folder that run with Gunicorn's default configuration. */
function requestFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((f) => {
      const py = path.join(dir, f.replace(/\.http$/, '.py'));
      const spec = fs.existsSync(py) ? fs.readFileSync(py, 'utf8') : '';
      return { name: f, file: path.join(dir, f), spec };
    })
    .filter((r) => !/cfg\.set\(/.test(r.spec));
}

async function main() {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = Number(portAt >= 0 ? args[portAt + 1] : NaN);
  const corpus = args.find((a, i) => !a.startsWith('--') && i !== portAt + 1);
  if (!corpus || !Number.isInteger(port) || port <= 0) throw new Error(USAGE);
  for (const sub of ['valid', 'invalid']) {
    if (!fs.existsSync(path.join(corpus, sub))) throw new Error(`${corpus} has no ${sub}/ folder (expected Gunicorn's tests/requests layout). ${USAGE}`);
  }
  const verbose = args.includes('--verbose');
  const log = (line) => process.stdout.write(`${line}\n`);
  const results = {};
  for (const kind of ['invalid', 'valid']) {
    const files = requestFiles(path.join(corpus, kind));
    let good = 0;
    for (const r of files) {
      const { statuses, ended } = await exchange(port, decodeRequestFile(fs.readFileSync(r.file, 'latin1')));
      const expected = Math.max(1, (r.spec.match(/"method"/g) ?? []).length);
      const ok =
        kind === 'invalid'
          ? statuses.every((s) => s >= 400)
          : statuses.length === expected && statuses.every((s) => s < 400);
      if (ok) good++;
      if (!ok || verbose) log(`${ok ? 'ok  ' : 'MISS'} ${kind}/${r.name}: ${statuses.length ? statuses.join(', ') : 'no answer'} (${ended})`);
    }
    results[kind] = { good, total: files.length };
  }
  log(`invalid refused: ${results.invalid.good} of ${results.invalid.total}`);
  log(`valid served: ${results.valid.good} of ${results.valid.total}`);
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
});
