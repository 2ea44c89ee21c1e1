import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAttempt, judge, nextDelay, probeOnce, type ProbeAttempt } from '../../../src/adapters/probe.js';

const refused: ProbeAttempt = { kind: 'error', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1', refused: true };
const timedOut: ProbeAttempt = { kind: 'error', message: 'no response within 5000 ms', refused: false };
const wrong: ProbeAttempt = { kind: 'response', status: 500, body: '', passed: false, reason: 'status 500, expected 200' };

describe('judge', () => {
  it('passes the expected status with any body when no pattern is given', async () => {
    expect(await judge(200, 'anything', { status: 200, body: '' }, 2000)).toEqual({ passed: true, reason: 'ok' });
  });

  it('fails another status, naming both', async () => {
    expect(await judge(502, 'Hello', { status: 200, body: 'Hello' }, 2000)).toEqual({ passed: false, reason: 'status 502, expected 200' });
  });

  it('passes a body matching the pattern anywhere', async () => {
    expect(await judge(204, '{"status": "healthy"}', { status: 204, body: '"status": "healthy"' }, 2000)).toEqual({ passed: true, reason: 'ok' });
  });

  it('fails a body that does not match, naming the pattern', async () => {
    expect(await judge(200, 'Hello, world', { status: 200, body: '^ok$' }, 2000)).toEqual({ passed: false, reason: 'body does not match /^ok$/' });
  });

  it('treats the pattern as a regular expression', async () => {
    expect((await judge(200, 'version 3.12.1', { status: 200, body: 'version 3\\.1\\d' }, 2000)).passed).toBe(true);
    expect((await judge(200, 'version 3x12', { status: 200, body: 'version 3\\.1\\d' }, 2000)).passed).toBe(false);
  });

  it('stops a backtracking pattern at the time budget, says so, and leaves the thread free', async () => {
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const verdict = await judge(200, `${'a'.repeat(40)}!`, { status: 200, body: '^(a+)+$' }, 300);
    clearInterval(ticker);
    expect(verdict).toEqual({
      passed: false,
      reason: 'matching the body against /^(a+)+$/ did not finish in the 300 ms this attempt had left',
      patternTimedOut: true,
    });
    expect(Date.now() - started).toBeLessThan(3000);
    // Timers kept firing while the pattern ran: the match did not block the action's thread.
    expect(ticks).toBeGreaterThan(5);
  });
});

describe('nextDelay', () => {
  const sequence = (attempt: ProbeAttempt, steps: number): number[] => {
    const delays: number[] = [];
    let delay = 100;
    for (let i = 0; i < steps; i++) delays.push((delay = nextDelay(delay, attempt)));
    return delays;
  };

  it('grows by half and stays at 200 ms while the port refuses connections', () => {
    expect(sequence(refused, 5)).toEqual([150, 200, 200, 200, 200]);
  });

  it('grows by half up to 2 s once the app answers wrongly', () => {
    expect(sequence(wrong, 10)).toEqual([150, 225, 338, 507, 761, 1142, 1713, 2000, 2000, 2000]);
  });

  it('grows up to 2 s after a timeout, which is not a refusal', () => {
    expect(sequence(timedOut, 9).at(-1)).toBe(2000);
  });

  it('drops back to 200 ms when connections start being refused again', () => {
    expect(nextDelay(2000, refused)).toBe(200);
  });
});

describe('describeAttempt', () => {
  it('says when no probe was made', () => {
    expect(describeAttempt(undefined)).toBe('no probe was made');
  });

  it('names a connection error', () => {
    expect(describeAttempt(timedOut)).toBe('connection error: no response within 5000 ms');
  });

  it('shows status, reason and body, cutting a long body at 2000 characters', () => {
    expect(describeAttempt({ ...wrong, body: 'oops' })).toBe('HTTP 500 (status 500, expected 200)\noops');
    const long = describeAttempt({ ...wrong, body: 'x'.repeat(5000) });
    expect(long).toBe(`HTTP 500 (status 500, expected 200)\n${'x'.repeat(2000)}… (cut)`);
  });
});

describe('probeOnce against a local server', () => {
  let server: http.Server;
  let base: string;
  /** Bytes the endless response got written before the probe closed the connection, and when. */
  const endless = { written: 0, closedAfterMs: -1 };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      switch (req.url) {
        case '/ok':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello, world!');
          return;
        case '/teapot':
          res.writeHead(418).end("I'm a teapot");
          return;
        case '/ua':
          res.writeHead(200).end(req.headers['user-agent'] ?? '');
          return;
        case '/big': {
          res.writeHead(200);
          // 200 KiB in 4 KiB chunks, so the body arrives in many pieces.
          for (let i = 0; i < 50; i++) res.write('b'.repeat(4096));
          res.end('THE-END');
          return;
        }
        case '/hang':
          return; // never answers
        case '/endless': {
          res.writeHead(200);
          const started = Date.now();
          const chunk = 'a'.repeat(16 * 1024);
          const pump = (): void => {
            while (!res.destroyed && res.write(chunk)) endless.written += chunk.length;
          };
          res.on('drain', pump);
          res.on('close', () => (endless.closedAfterMs = Date.now() - started));
          pump();
          return;
        }
        case '/trickle': {
          res.writeHead(200);
          const timer = setInterval(() => res.write('.'), 50);
          res.on('close', () => clearInterval(timer));
          return;
        }
        default:
          res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes on the expected status and a matching body', async () => {
    expect(await probeOnce(`${base}/ok`, { status: 200, body: '^Hello, \\w+!$' }, 2000)).toEqual({
      kind: 'response',
      status: 200,
      body: 'Hello, world!',
      passed: true,
      reason: 'ok',
    });
  });

  it('fails on another status, and keeps the body to show', async () => {
    expect(await probeOnce(`${base}/teapot`, { status: 200, body: '' }, 2000)).toEqual({
      kind: 'response',
      status: 418,
      body: "I'm a teapot",
      passed: false,
      reason: 'status 418, expected 200',
    });
  });

  it('fails when the body does not match', async () => {
    const attempt = await probeOnce(`${base}/ok`, { status: 200, body: 'Goodbye' }, 2000);
    expect(attempt).toMatchObject({ kind: 'response', status: 200, passed: false, reason: 'body does not match /Goodbye/' });
  });

  it('says who is probing', async () => {
    const attempt = await probeOnce(`${base}/ua`, { status: 200, body: '' }, 2000);
    expect(attempt.kind === 'response' && attempt.body).toBe('flask-gunicorn-action-probe');
  });

  it('reads at most 64 KiB of the body', async () => {
    const attempt = await probeOnce(`${base}/big`, { status: 200, body: '' }, 2000);
    expect(attempt.kind).toBe('response');
    if (attempt.kind !== 'response') return;
    expect(attempt.body.length).toBe(64 * 1024);
    expect(attempt.body).toBe('b'.repeat(64 * 1024));
    expect(attempt.passed).toBe(true);
  });

  it('stops reading at 64 KiB: the connection closes while the pattern is still being matched', async () => {
    // A pattern that backtracks over all 64 KiB runs for the whole second left to it; the server keeps writing.
    const attempt = await probeOnce(`${base}/endless`, { status: 200, body: '^(a+)+b' }, 1000);
    expect(attempt).toMatchObject({ kind: 'response', passed: false, patternTimedOut: true });
    expect(endless.closedAfterMs).toBeGreaterThanOrEqual(0);
    expect(endless.closedAfterMs).toBeLessThan(500);
    // What the sockets buffer, not the megabytes a second of loopback carries.
    expect(endless.written).toBeLessThan(8 * 1024 * 1024);
  });

  it('matches the pattern only against the first 64 KiB', async () => {
    const attempt = await probeOnce(`${base}/big`, { status: 200, body: 'THE-END' }, 2000);
    expect(attempt).toMatchObject({ kind: 'response', passed: false, reason: 'body does not match /THE-END/' });
  });

  it('reports a refused connection as refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const attempt = await probeOnce(`http://127.0.0.1:${port}/`, { status: 200, body: '' }, 2000);
    expect(attempt.kind).toBe('error');
    if (attempt.kind !== 'error') return;
    expect(attempt.refused).toBe(true);
    expect(attempt.message).toMatch(/^ECONNREFUSED: /);
    expect(attempt.message).toContain(`127.0.0.1:${port}`);
  });

  it('gives up on a server that never answers after the timeout, as not refused', async () => {
    const started = Date.now();
    const attempt = await probeOnce(`${base}/hang`, { status: 200, body: '' }, 300);
    const elapsed = Date.now() - started;
    expect(attempt).toEqual({ kind: 'error', message: 'no complete response within 300 ms', refused: false });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  // BUG-4 (src/adapters/probe.ts probeOnce): `timeout` is the socket's idle timeout, and the body is read to its end,
  // so a response that keeps streaming (or trickles a byte more often than the timeout) never resolves:
  // the smoke test then hangs past probe-timeout. Expected: an attempt ends within about timeoutMs.
  it('gives up on a response that never ends within about the timeout [BUG-4]', async () => {
    const started = Date.now();
    const attempt = await probeOnce(`${base}/trickle`, { status: 200, body: '' }, 300);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(attempt.kind === 'response' ? attempt.passed : attempt.refused).toBe(false);
  }, 5000);
});
