// Where the bench's builds get base images and packages: the offline test bed's stand-ins and
// index (scripts/testbed.sh), or, online, the action's defaults (Docker Hub, PyPI).
import * as path from 'node:path';
import { run } from './exec.mjs';

/** @typedef {{ mode: 'offline' | 'online', basePrefix: string, pipIndexUrl: string, network: string }} Testbed */

/**
 * The TESTBED_* variables: the environment's when it has them (`eval "$(bash scripts/testbed.sh env)"`),
 * else the test bed's contract for languages other than the shell, `testbed.sh env --json` (its env
 * file as one JSON object); {} when the test bed is not up.
 * @param {string} repoRoot
 * @returns {Promise<Record<string, string | undefined>>}
 */
export async function testbedVariables(repoRoot) {
  if (process.env.TESTBED_MODE) return process.env;
  const result = await run('bash', [path.join(repoRoot, 'scripts', 'testbed.sh'), 'env', '--json']).catch(() => ({ code: 1, stdout: '' }));
  if (result.code !== 0) return {};
  return /** @type {Record<string, string>} */ (JSON.parse(result.stdout));
}

/**
 * Where the action gets base images and packages. Offline (these machines): the test bed's stand-in
 * images and package index, host networking. Online: the action's defaults.
 * @param {string} repoRoot
 * @param {(line: string) => void} log
 * @returns {Promise<Testbed>}
 */
export async function readTestbed(repoRoot, log) {
  const env = await testbedVariables(repoRoot);
  if (env.TESTBED_MODE === 'offline') {
    const basePrefix = env.TESTBED_BASE_PREFIX ?? '';
    const pipIndexUrl = env.TESTBED_PIP_INDEX_URL ?? '';
    log(`offline test bed: base images ${basePrefix}python:X, packages from ${pipIndexUrl}`);
    return { mode: 'offline', basePrefix, pipIndexUrl, network: env.TESTBED_NETWORK || 'host' };
  }
  if (!env.TESTBED_MODE && process.env.GITHUB_ACTIONS !== 'true') {
    throw new Error('No test bed and no internet: run `bash scripts/testbed.sh up` first (it prepares the offline stand-ins).');
  }
  log('online: base images from Docker Hub, packages from PyPI');
  return { mode: 'online', basePrefix: '', pipIndexUrl: '', network: '' };
}
