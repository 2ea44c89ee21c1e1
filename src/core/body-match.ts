// Tests a response body against the probe-body pattern within a time budget. JavaScript's RegExp
// backtracks, so a pattern like ^(a+)+$ can take hours on a 40-character body, and a match on the
// action's own thread would block every timer, the probe-timeout among them. The match runs in a
// worker thread that is terminated at the deadline.
import { Worker } from 'node:worker_threads';

export type MatchResult = 'match' | 'no match' | 'timed out';

// Evaluated as a script: the bundle needs no separate worker file.
const MATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(new RegExp(workerData.source).test(workerData.text));
`;

export function matchWithin(source: string, text: string, timeoutMs: number): Promise<MatchResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(MATCHER, { eval: true, workerData: { source, text } });
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => resolve('timed out')), Math.max(0, timeoutMs));
    worker.once('message', (matched: boolean) => finish(() => resolve(matched ? 'match' : 'no match')));
    worker.once('error', (error) => finish(() => reject(error)));
  });
}
