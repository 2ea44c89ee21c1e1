// The test bed's one contract: the env file `testbed.sh up` writes, read by shell scripts with
// `eval "$(bash scripts/testbed.sh env)"` and by everything else as `testbed.sh env --json`
// (TypeScript through __tests__/e2e/testbed.ts). Both readers must see the same values. No test bed
// is needed: `env` only reads the file, here one written into a temporary state folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTestbedEnv } from '../../e2e/testbed.js';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'testbed.sh');

// As write_env writes it: a comment, then `export KEY='VALUE'` lines; values with spaces, an empty one.
const FILE_VALUES: Record<string, string> = {
  TESTBED_MODE: 'offline',
  TESTBED_BASE_PREFIX: 'flask-testbed/',
  TESTBED_PIP_INDEX_URL: 'http://127.0.0.1:40001/simple/',
  TESTBED_NETWORK: 'host',
  TESTBED_PYTHON_VERSIONS: '3.11 3.9 3.13',
  TESTBED_GEVENT_VERSIONS: '',
  TESTBED_REGISTRY: '127.0.0.1:40002',
  TESTBED_REGISTRY_USER: 'tb-user',
  TESTBED_REGISTRY_PASSWORD: 'p4ss word',
};

let state: string;
let savedEnv: NodeJS.ProcessEnv;

/** The environment the script runs in: the temp state, and a caller's TESTBED_* that is not in the file. */
function scriptEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  env.TESTBED_STATE = state;
  env.TESTBED_CALLER_ONLY = '/elsewhere';
  return env;
}

function testbedEnv(...args: string[]): string {
  return execFileSync('bash', [SCRIPT, 'env', ...args], { env: scriptEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  state = mkdtempSync(join(tmpdir(), 'testbed-env-'));
  const lines = Object.entries({ ...FILE_VALUES, TESTBED_STATE: state }).map(([key, value]) => `export ${key}='${value}'`);
  writeFileSync(join(state, 'env'), `# Written by scripts/testbed.sh up; do not edit.\n${lines.join('\n')}\n`);
});

afterAll(() => rmSync(state, { recursive: true, force: true }));

afterEach(() => {
  if (savedEnv) process.env = savedEnv;
});

describe('testbed.sh env', () => {
  it('--json prints the file as one object: every TESTBED_* it sets, nothing from the caller', () => {
    expect(JSON.parse(testbedEnv('--json'))).toEqual({ ...FILE_VALUES, TESTBED_STATE: state });
  });

  it('gives a shell that evals it the same values as --json', () => {
    const json = JSON.parse(testbedEnv('--json')) as Record<string, string>;
    const keys = Object.keys(json);
    // The shell reader, as scripts/test.sh and .ci/run use it; each value printed between markers.
    const shell = `eval "$(bash "$0" env)"; for k in ${keys.join(' ')}; do printf '%s=<%s>\\n' "$k" "\${!k}"; done`;
    const seen = execFileSync('bash', ['-c', shell, SCRIPT], { env: scriptEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(seen.trim().split('\n')).toEqual(keys.map((key) => `${key}=<${json[key]}>`));
  });

  it('fails, naming the missing file and the command that starts the test bed, when the test bed is not up', () => {
    const empty = mkdtempSync(join(tmpdir(), 'testbed-env-none-'));
    try {
      execFileSync('bash', [SCRIPT, 'env', '--json'], { env: { ...scriptEnv(), TESTBED_STATE: empty }, encoding: 'utf8', stdio: 'pipe' });
      expect.unreachable('env --json succeeded without an env file');
    } catch (error) {
      expect((error as { stderr: string }).stderr).toContain(`the test bed is not up (${empty}/env missing); run: bash scripts/testbed.sh up`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses an option it does not know, saying which it accepts', () => {
    expect(() => execFileSync('bash', [SCRIPT, 'env', '--yaml'], { env: scriptEnv(), stdio: 'pipe' })).toThrow(
      /unknown option for env: --yaml \(use: env, or env --json\)/,
    );
  });
});

describe("the e2e suite's reader (__tests__/e2e/testbed.ts)", () => {
  it('reads the file through env --json, and lets the environment override it', () => {
    savedEnv = process.env;
    process.env = { ...scriptEnv(), TESTBED_NETWORK: 'bridge' };
    const { values, missing } = loadTestbedEnv();
    expect(missing).toEqual([]);
    expect(values).toEqual({ ...FILE_VALUES, TESTBED_STATE: state, TESTBED_CALLER_ONLY: '/elsewhere', TESTBED_NETWORK: 'bridge' });
  });
});
