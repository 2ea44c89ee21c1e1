/**
 * Runs once before the e2e suite: the test bed must be up, or the suite fails here with what is
 * missing and how to start it. Never skips: an e2e run without its test bed is a failure, not a pass.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadTestbedEnv, testbed } from './testbed.js';

const run = promisify(execFile);
const HOW = 'Start the test bed with: bash scripts/testbed.sh up  (or run everything with: npm test)';

async function httpStatus(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return res.status;
  } catch (e) {
    return (e as Error).message;
  }
}

export default async function setup(): Promise<void> {
  const { values, missing, file } = loadTestbedEnv();
  if (missing.length > 0) {
    throw new Error(
      `e2e: the test bed is not up: ${missing.join(', ')} missing from the environment and from ${file}. ${HOW}`,
    );
  }

  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 30_000 });
  } catch (e) {
    throw new Error(`e2e: no Docker engine answers 'docker info' (${(e as Error).message.trim()}). ${HOW}`);
  }

  const tb = testbed();
  // Cheap liveness checks, so a stale env file (test bed stopped since) fails here, not mid-test.
  const reg = await httpStatus(`http://${tb.registry}/v2/`);
  if (reg !== 401) {
    throw new Error(`e2e: registry ${tb.registry} (TESTBED_REGISTRY) answered ${reg}, expected 401. ${HOW}`);
  }
  if (tb.mode === 'offline') {
    const pip = await httpStatus(`${tb.pipIndexUrl}flask/`);
    if (pip !== 200) {
      throw new Error(`e2e: package index ${tb.pipIndexUrl} (TESTBED_PIP_INDEX_URL) answered ${pip}. ${HOW}`);
    }
  }

  // Hand the values to the test workers too (they inherit the environment).
  for (const [k, v] of Object.entries(values)) process.env[k] = v;
}
