/**
 * HTTP on a bare TCP socket, for tests that must see exactly what the server sends: slow readers,
 * paced uploads, hostile requests, and responses whose framing may be cut. Loopback only.
 *
 *   const ex = await exchange(port, request('GET', '/'), { readRate: 1e6 });
 *   const [res] = parseResponses(ex.data);   // status, headers, body, complete
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

export interface Exchange {
  /** Every byte the server sent, in order. */
  data: Buffer;
  /** Why the connection ended other than by the server closing it: an errno code (ECONNRESET,
   * ECONNREFUSED, ...) or 'timeout'. Undefined when the server closed it cleanly. */
  error?: string;
  ms: number;
}

export interface ExchangeOptions {
  /** Read at most this many bytes per second (the socket is paused in between, so TCP pushes back). */
  readRate?: number;
  /** Give up (and close) after this long; the result then has error 'timeout'. */
  timeoutMs?: number;
}

/** A writer for requests sent over time: gets the connected socket, resolves when done writing. */
export type Writer = (sock: Socket) => Promise<void>;

/**
 * Connects to 127.0.0.1:port, sends `send` (bytes, or a writer for paced sends), and reads until the
 * server closes the connection. Never rejects: connection errors are in the result.
 */
export function exchange(port: number, send: Buffer | Writer, opts: ExchangeOptions = {}): Promise<Exchange> {
  const { readRate, timeoutMs = 30_000 } = opts;
  return new Promise((resolve) => {
    const t0 = Date.now();
    const chunks: Buffer[] = [];
    let received = 0;
    let error: string | undefined;
    let done = false;
    const sock = connect(port, '127.0.0.1');
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ data: Buffer.concat(chunks), error, ms: Date.now() - t0 });
    };
    const timer = setTimeout(() => {
      error ??= 'timeout';
      finish();
    }, timeoutMs);
    sock.on('connect', () => {
      if (Buffer.isBuffer(send)) sock.write(send);
      else send(sock).catch((e: Error) => (error ??= `write: ${e.message}`));
    });
    sock.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (readRate) {
        const aheadMs = (received / readRate) * 1000 - (Date.now() - t0);
        if (aheadMs > 0) {
          sock.pause();
          setTimeout(() => sock.resume(), aheadMs);
        }
      }
    });
    sock.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    sock.on('close', finish);
  });
}

/** A request with `Host` and `Connection: close` (so the server ends the exchange), plus `headers`. */
export function request(method: string, path: string, headers: string[] = [], body?: Buffer): Buffer {
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

/** Writes `head`, then `body` in `piece`-byte writes every `everyMs`, chunked-encoded if asked. */
export function pacedWriter(head: Buffer, body: Buffer, opts: { piece: number; everyMs: number; chunked?: boolean }): Writer {
  return async (sock) => {
    sock.write(head);
    for (let at = 0; at < body.length && !sock.destroyed; at += opts.piece) {
      const piece = body.subarray(at, at + opts.piece);
      const frame = opts.chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
      if (!sock.write(frame)) await Promise.race([once(sock, 'drain'), once(sock, 'close')]);
      await new Promise((r) => setTimeout(r, opts.everyMs));
    }
    if (opts.chunked && !sock.destroyed) sock.write('0\r\n\r\n');
  };
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The body with any chunked framing removed. */
  body: Buffer;
  /** Whether the framing says the body is whole: all Content-Length bytes, or the last (0) chunk and
   * its CRLF. A response without either ends at the close and counts as complete. */
  complete: boolean;
}

/** The responses in `data`, in order. A cut or unreadable one is last, with complete: false. */
export function parseResponses(data: Buffer): HttpResponse[] {
  const out: HttpResponse[] = [];
  let at = 0;
  while (at < data.length) {
    const headEnd = data.indexOf('\r\n\r\n', at);
    const head = data.subarray(at, headEnd < 0 ? data.length : headEnd).toString('latin1');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    if (headEnd < 0 || status === 0) {
      out.push({ status, headers, body: Buffer.alloc(0), complete: false });
      break;
    }
    let pos = headEnd + 4;
    let body: Buffer = Buffer.alloc(0);
    let complete = true;
    if (status < 200 || status === 204 || status === 304) {
      // no body
    } else if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      complete = false;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', pos);
        if (lineEnd < 0) break;
        const size = parseInt(data.subarray(pos, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
        if (Number.isNaN(size)) break;
        pos = lineEnd + 2;
        if (size === 0) {
          const trailersEnd = data.subarray(pos, pos + 2).toString('latin1') === '\r\n' ? pos : data.indexOf('\r\n\r\n', pos);
          if (trailersEnd >= 0) {
            pos = trailersEnd + (trailersEnd === pos ? 2 : 4);
            complete = true;
          }
          break;
        }
        parts.push(data.subarray(pos, Math.min(pos + size, data.length)));
        if (data.subarray(pos + size, pos + size + 2).toString('latin1') !== '\r\n') {
          pos = data.length;
          break;
        }
        pos += size + 2;
      }
      body = Buffer.concat(parts);
      if (!complete) pos = data.length;
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      body = data.subarray(pos, pos + length);
      complete = body.length === length;
      pos += body.length;
    } else {
      body = data.subarray(pos);
      pos = data.length;
    }
    out.push({ status, headers, body, complete });
    at = pos;
  }
  return out;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Size of one block of the test pattern; the test app (see PATTERN_PY) makes the same bytes. */
export const BLOCK = 64 * 1024;

/** `blocks` blocks of the test pattern: block i is i as 8 big-endian bytes, then bytes 8..65535 of
 * 0,1,...,255 repeated. Every block differs, so a lost, doubled or reordered block changes the hash. */
export function pattern(blocks: number): Buffer {
  const base = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) base[i] = i % 256;
  const out = Buffer.alloc(blocks * BLOCK);
  for (let i = 0; i < blocks; i++) {
    base.copy(out, i * BLOCK);
    out.writeBigUInt64BE(BigInt(i), i * BLOCK);
  }
  return out;
}

/** The same pattern in Python, for the test apps. */
export const PATTERN_PY = `
BLOCK = 64 * 1024
BASE = bytes(range(256)) * (BLOCK // 256)


def block(i):
    return i.to_bytes(8, "big") + BASE[8:]
`;
