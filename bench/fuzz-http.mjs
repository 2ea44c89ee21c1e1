// `node bench/fuzz-http.mjs --port PORT [--requests N] [--seconds S] [--corpus DIR] [--seed N]
// [--concurrency N]`: sends mutated and malformed HTTP/1.1 requests to a running server on
// loopback until N requests are sent or S seconds pass, whichever comes first, and prints what came
// back. Each request is one connection carrying one payload: a seed request (built in, plus every
// .http file of a corpus in Gunicorn's layout when given) run through one to three mutations (bit
// flips, truncation, inserted, deleted and repeated bytes, numbers swapped for huge, negative and
// malformed ones, duplicated and injected framing headers, line endings changed, long runs,
// versions, splices and pipelines of several requests). Some payloads are written in pieces a
// millisecond apart (split across packets), some are reset right after being written. Driven by
// scripts/fuzz-meinheld.sh, which runs the server under AddressSanitizer and counts crashes; the
// run is repeatable with the same --seed (the server's timing aside).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeRequestFile, exchangeRaw, requestFiles } from './lib/raw-requests.mjs';

const USAGE = 'usage: node bench/fuzz-http.mjs --port PORT [--requests N] [--seconds S] [--corpus DIR] [--seed N] [--concurrency N]';
const log = (line) => process.stdout.write(`${line}\n`);
const MAX_PAYLOAD = 256 * 1024;

const H = 'Host: 127.0.0.1\r\n';
/** Valid requests the mutations start from (the corpus adds more). */
const BUILT_IN_SEEDS = [
  `GET / HTTP/1.1\r\n${H}\r\n`,
  `GET /a/b?x=1&y=%20z HTTP/1.1\r\n${H}User-Agent: fuzz\r\nAccept: */*\r\n\r\n`,
  'GET / HTTP/1.0\r\n\r\n',
  `GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /second HTTP/1.1\r\n${H}\r\n`,
  `POST /upload HTTP/1.1\r\n${H}Content-Length: 11\r\n\r\nhello world`,
  `POST /upload HTTP/1.1\r\n${H}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2`,
  `POST /upload HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`,
  `POST /upload HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n`,
  `PUT /x HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 3\r\n\r\nabc`,
  `GET http://127.0.0.1:80/abs?q=1 HTTP/1.1\r\n${H}\r\n`,
  `OPTIONS * HTTP/1.1\r\n${H}\r\n`,
  `HEAD / HTTP/1.1\r\n${H}Connection: close\r\n\r\n`,
  `GET /first HTTP/1.1\r\n${H}\r\nGET /second HTTP/1.1\r\n${H}\r\nGET /third HTTP/1.1\r\n${H}Connection: close\r\n\r\n`,
  `GET /ws HTTP/1.1\r\n${H}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  `DELETE /item/1 HTTP/1.1\r\n${H}Cookie: a=b; c=d\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n`,
].map((s) => Buffer.from(s, 'latin1'));

const NUMBERS = [
  '0',
  '-1',
  '+5',
  '1 2',
  '5, 5',
  '0x10',
  '00000000000000000005',
  '2147483648',
  '4294967296',
  '9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
  '99999999999999999999999999',
  'ffffffffffffffff',
  '1ffffffffffffffff',
  '',
  ' ',
  '1e3',
];
const HEADERS = [
  'Content-Length: 5',
  'Content-Length: 0',
  'Content-Length: 100000000000',
  'Transfer-Encoding: chunked',
  'Transfer-Encoding: gzip, chunked',
  'Transfer-Encoding: chunked, identity',
  'transfer-encoding: CHUNKED',
  'Transfer_Encoding: chunked',
  'Host: evil.example.com',
  'Connection: close',
  'Connection: keep-alive',
  'Expect: 100-continue',
  'Upgrade: websocket',
  'Content-Length: -1',
  'X: \x00',
  'X:\ty',
  'Trailer: Content-Length',
  ' folded',
];
const BYTES = [0x0d, 0x0a, 0x00, 0x20, 0x09, 0x3a, 0x3b, 0x2c, 0x30, 0x66, 0x25, 0x7f, 0xff, 0x80];
const VERSIONS = ['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.10', 'HTTP/0.9', 'http/1.1', 'HTTP/1.1 ', 'HTTP/11', 'HTTP/1.', ''];

/** mulberry32: a small seeded generator, so a run can be repeated. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

/** The mutations: each takes the payload and the generator and returns a new payload. */
const MUTATIONS = {
  flipBits(b, r) {
    const out = Buffer.from(b);
    for (let i = 1 + r.int(4); i > 0 && out.length; i--) {
      const at = r.int(out.length);
      out[at] = (out[at] ?? 0) ^ (1 << r.int(8));
    }
    return out;
  },
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  insertBytes(b, r) {
    const at = r.int(b.length + 1);
    const ins = Buffer.from(Array.from({ length: 1 + r.int(8) }, () => r.pick(BYTES)));
    return Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
  },
  deleteSpan(b, r) {
    const at = r.int(b.length + 1);
    return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + r.int(16))]);
  },
  repeatSpan(b, r) {
    const at = r.int(b.length + 1);
    const span = b.subarray(at, at + 1 + r.int(32));
    return Buffer.concat([b.subarray(0, at), ...Array(2 + r.int(50)).fill(span), b.subarray(at)]);
  },
  swapNumber(b, r) {
    const text = b.toString('latin1');
    const spots = [...text.matchAll(/[0-9a-fA-F]+/g)];
    if (!spots.length) return b;
    const m = r.pick(spots);
    return Buffer.from(text.slice(0, m.index) + r.pick(NUMBERS) + text.slice((m.index ?? 0) + m[0].length), 'latin1');
  },
  duplicateHeader(b, r) {
    const text = b.toString('latin1');
    const lines = text.split('\r\n');
    const end = lines.indexOf('');
    if (end < 2) return b;
    const i = 1 + r.int(end - 1);
    lines.splice(i, 0, ...Array(1 + r.int(r.next() < 0.9 ? 3 : 200)).fill(lines[i]));
    return Buffer.from(lines.join('\r\n'), 'latin1');
  },
  injectHeader(b, r) {
    const text = b.toString('latin1');
    const first = text.indexOf('\r\n');
    if (first < 0) return b;
    return Buffer.from(`${text.slice(0, first + 2)}${r.pick(HEADERS)}\r\n${text.slice(first + 2)}`, 'latin1');
  },
  lineEndings(b, r) {
    const text = b.toString('latin1');
    const way = r.int(3);
    if (way === 0) return Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1');
    if (way === 1) return Buffer.from(text.replace(/\r\n/g, '\r'), 'latin1');
    const crs = [...text.matchAll(/\r/g)];
    if (!crs.length) return b;
    const at = r.pick(crs).index ?? 0;
    return Buffer.from(text.slice(0, at) + text.slice(at + 1), 'latin1');
  },
  longRun(b, r) {
    const at = r.int(b.length + 1);
    const run = Buffer.alloc(1 + r.int(r.next() < 0.8 ? 9000 : 100_000), r.pick([0x61, 0x20, 0x30, 0x66, 0x3b, 0x2f, 0x25]));
    return Buffer.concat([b.subarray(0, at), run, b.subarray(at)]);
  },
  version(b, r) {
    return Buffer.from(b.toString('latin1').replace('HTTP/1.1', r.pick(VERSIONS)), 'latin1');
  },
};

function main() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const port = Number(value('port', NaN));
  const requests = Number(value('requests', 100_000));
  const seconds = Number(value('seconds', 600));
  const seed = Number(value('seed', 1));
  const concurrency = Number(value('concurrency', 16));
  const corpus = value('corpus', undefined);
  for (const [name, n] of Object.entries({ port, requests, seconds, seed, concurrency })) {
    if (!Number.isInteger(n) || n < 0 || (name !== 'seed' && n === 0)) throw new Error(`--${name}: expected a positive whole number. ${USAGE}`);
  }
  const seeds = [...BUILT_IN_SEEDS];
  if (corpus) {
    for (const kind of ['valid', 'invalid']) {
      const dir = path.join(corpus, kind);
      if (!fs.existsSync(dir)) throw new Error(`--corpus ${corpus} has no ${kind}/ folder (expected Gunicorn's tests/requests layout)`);
      for (const f of requestFiles(dir)) seeds.push(decodeRequestFile(fs.readFileSync(f.file, 'latin1')));
    }
  }
  return run({ port, requests, seconds, seed, concurrency, seeds });
}

/**
 * The payload maker of a run: a seed (sometimes several pipelined, sometimes two spliced), mutated
 * 1-3 times, at most MAX_PAYLOAD bytes; the same generator gives the same payloads.
 * @param {ReturnType<typeof generator>} r
 * @param {Buffer[]} seeds
 */
function payloads(r, seeds) {
  const names = Object.keys(MUTATIONS);
  const splice = () => {
    const o = r.pick(seeds);
    return o.subarray(r.int(o.length + 1));
  };
  return () => {
    let b = r.pick(seeds);
    const shape = r.next();
    if (shape < 0.1) b = Buffer.concat(Array.from({ length: 2 + r.int(5) }, () => r.pick(seeds)));
    else if (shape < 0.15) b = Buffer.concat([b.subarray(0, r.int(b.length + 1)), splice()]);
    const rounds = r.next() < 0.05 ? 0 : 1 + r.int(3);
    for (let i = 0; i < rounds; i++) b = MUTATIONS[r.pick(names)](b, r);
    return b.subarray(0, MAX_PAYLOAD);
  };
}

/** @param {Map<number, number>} answers  status → count, in status order */
function sortedAnswers(answers) {
  return [...answers].sort((a, b) => a[0] - b[0]);
}

async function run({ port, requests, seconds, seed, concurrency, seeds }) {
  const r = generator(seed);
  const payload = payloads(r, seeds);
  const deadline = Date.now() + seconds * 1000;
  const t0 = Date.now();
  const answers = new Map();
  const ended = new Map();
  let sent = 0;
  let silent = 0;
  let lastReport = Date.now();
  const report = () => {
    const rate = Math.round(sent / ((Date.now() - t0) / 1000));
    log(
      `fuzz: ${sent} sent in ${Math.round((Date.now() - t0) / 1000)} s (${rate}/s), answers ${sortedAnswers(answers)
        .map(([s, n]) => `${s}:${n}`)
        .join(' ')}`,
    );
  };
  const worker = async () => {
    while (sent < requests && Date.now() < deadline) {
      sent++;
      const bytes = payload();
      const mode = r.next();
      const options = { timeoutMs: 5_000 };
      if (mode < 0.03) options.pieces = Array.from({ length: 1 + r.int(6) }, () => r.int(bytes.length));
      else if (mode < 0.05) options.abort = true;
      const ex = await exchangeRaw(port, bytes, options);
      for (const s of ex.statuses) answers.set(s, (answers.get(s) ?? 0) + 1);
      if (ex.statuses.length === 0 && ex.ended !== 'aborted') silent++;
      ended.set(ex.ended, (ended.get(ex.ended) ?? 0) + 1);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        report();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report();
  const summary = {
    sent,
    seconds: Math.round((Date.now() - t0) / 1000),
    seed,
    seeds: seeds.length,
    answers: Object.fromEntries(sortedAnswers(answers)),
    withoutAnswer: silent,
    ended: Object.fromEntries(ended),
  };
  log(`fuzz summary: ${JSON.stringify(summary)}`);
  // A refused connection means nothing listened: the server died under the run.
  if (ended.get('ECONNREFUSED')) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
});
