// One HTTP probe of the app under test, and the rule for how long to wait before the next.
import * as http from 'node:http';
import { matchWithin } from '../core/body-match.js';
import { PRODUCT } from '../core/product.js';

export interface ProbeExpectation {
  status: number;
  /** Regular expression source the body must match; '' accepts any body. */
  body: string;
}

export type ProbeAttempt =
  | { kind: 'response'; status: number; body: string; passed: boolean; reason: string; patternTimedOut?: boolean }
  | { kind: 'error'; message: string; refused: boolean };

const BODY_LIMIT = 64 * 1024;

/**
 * GET url once; never throws, and settles within timeoutMs however the server behaves (a socket's
 * idle timeout alone would wait forever on a body that trickles). The body is read up to 64 KiB,
 * enough to match and to show, and the connection closed there; a longer one is judged on its start.
 */
export function probeOnce(url: string, expect: ProbeExpectation, timeoutMs: number): Promise<ProbeAttempt> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    // Set once the body is in: the pattern is being matched, and a late socket error changes nothing.
    let complete = false;
    const settle = (attempt: ProbeAttempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(attempt);
    };
    const fail = (attempt: ProbeAttempt): void => {
      if (!complete) settle(attempt);
    };
    const request = http.get(url, { agent: false, headers: { 'user-agent': `${PRODUCT}-probe` } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (): void => {
        if (settled || complete) return;
        complete = true;
        // The body is in: the pattern gets whatever this attempt has left. Nothing more is read: the
        // connection closes now, not after the match, however much the server still sends.
        clearTimeout(timer);
        request.destroy();
        const body = Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT);
        const status = response.statusCode ?? 0;
        judge(status, body, expect, started + timeoutMs - Date.now()).then(
          (verdict) => settle({ kind: 'response', status, body, ...verdict }),
          (error: Error) => settle({ kind: 'error', message: `probe-body could not be matched: ${error.message}`, refused: false }),
        );
      };
      response.on('data', (chunk: Buffer) => {
        if (complete) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_LIMIT) finish();
      });
      response.on('end', finish);
      response.on('error', (error) => fail({ kind: 'error', message: error.message, refused: false }));
    });
    const timer = setTimeout(() => fail({ kind: 'error', message: `no complete response within ${timeoutMs} ms`, refused: false }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail({
        kind: 'error',
        message: error.code ? `${error.code}: ${error.message}` : error.message,
        // Refused or reset before any answer: the server is not listening yet.
        refused: error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET',
      }),
    );
  });
}

/** Whether an answer passes; the body pattern gets at most timeoutMs (body-match.ts says why). */
export async function judge(
  status: number,
  body: string,
  expect: ProbeExpectation,
  timeoutMs: number,
): Promise<{ passed: boolean; reason: string; patternTimedOut?: boolean }> {
  if (status !== expect.status) return { passed: false, reason: `status ${status}, expected ${expect.status}` };
  if (expect.body === '') return { passed: true, reason: 'ok' };
  const result = await matchWithin(expect.body, body, timeoutMs);
  if (result === 'timed out')
    return {
      passed: false,
      reason: `matching the body against /${expect.body}/ did not finish in the ${Math.max(0, timeoutMs)} ms this attempt had left`,
      patternTimedOut: true,
    };
  if (result === 'no match') return { passed: false, reason: `body does not match /${expect.body}/` };
  return { passed: true, reason: 'ok' };
}

/**
 * Delay before the next probe: from 100 ms, growing by half each time. While the port
 * refuses connections a retry costs nothing, so the wait stays at most 200 ms and the app is
 * seen within 250 ms of listening; once it answers wrongly, waits grow to 2 s.
 */
export function nextDelay(previousMs: number, lastAttempt: ProbeAttempt): number {
  const cap = lastAttempt.kind === 'error' && lastAttempt.refused ? 200 : 2000;
  return Math.min(Math.round(previousMs * 1.5), cap);
}

export function describeAttempt(attempt: ProbeAttempt | undefined): string {
  if (!attempt) return 'no probe was made';
  if (attempt.kind === 'error') return `connection error: ${attempt.message}`;
  const body = attempt.body.length > 2000 ? `${attempt.body.slice(0, 2000)}… (cut)` : attempt.body;
  return `HTTP ${attempt.status} (${attempt.reason})\n${body}`;
}
