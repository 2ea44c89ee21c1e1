// Looks at a server's answers to the database suite's tests once, before it is loaded: status,
// content type and body, judged by techempower.mjs (answerProblem). Loopback only.
import * as http from 'node:http';
import { answerProblem, TECHEMPOWER_TESTS } from './techempower.mjs';

/**
 * One GET, the whole body read. Resolves { status, contentType, body }; status 0 when no answer came.
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<{ status: number, contentType: string, body: string }>}
 */
export function fetchAnswer(url, timeoutMs = 10_000) {
  if (!/^http:\/\/127\.\d+\.\d+\.\d+:\d+\//.test(url)) throw new Error(`refusing to fetch a non-loopback URL: ${url}`);
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', () => resolve({ status: 0, contentType: '', body: '' }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error) => resolve({ status: 0, contentType: '', body: error.message }));
  });
}

/**
 * What is wrong with the server on `port`, one line per test that answered wrongly ([] when all are right).
 * @param {number} port
 * @returns {Promise<string[]>}
 */
export async function techempowerProblems(port) {
  const problems = [];
  for (const test of TECHEMPOWER_TESTS) {
    const problem = answerProblem(test.id, await fetchAnswer(`http://127.0.0.1:${port}${test.path}`));
    if (problem) problems.push(`${test.label}: ${problem}`);
  }
  return problems;
}
