// `npm run bench:rebuild [-- --python 3.11 --rounds 3]`: what `rebuild: if-changed` saves. Pushes the
// demo app once to the test bed's registry (from a base image in that registry, as a scheduled
// rebuild's base lives in one), then, each round on another day, times a run that finds nothing
// changed (skipped: no build, test or push) against a warm-cache rebuild of the same inputs
// (`rebuild: always`: every layer from the engine's cache, the smoke test, the push), and against a
// warm `if-changed` rebuild that found one input changed (an extra tag: the check, then the same
// work). The last one also leaves the next round an image whose fingerprint has its base digest
// (an `always` build records none). Prints the wall times and the skipped run's phases, and writes
// them to bench/results/rebuild.md (or --out FILE).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWithAction } from './lib/action-build.mjs';
import { readFlags } from './lib/flags.mjs';
import { run } from './lib/exec.mjs';
import { rebuildReport } from './lib/rebuild-report.mjs';
import { readTestbed, testbedVariables } from './lib/testbed.mjs';

/** @typedef {import('../src/entry/cli-result.js').CliResult} CliResult */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run bench:rebuild [-- --python X.Y] [--rounds N] [--out FILE]
Times a skipped run (rebuild: if-changed, nothing changed) against warm-cache rebuilds (rebuild: always, and if-changed with one input changed)
of the demo app, pushed to the test bed's registry, N rounds (default 3).`;

/**
 * @param {string[]} argv
 * @returns {{ python: string, rounds: number, out: string, help: boolean }}
 */
function parseOptions(argv) {
  const { values, help } = readFlags(argv, ['python', 'rounds', 'out'], USAGE);
  const options = {
    python: values.python ?? '',
    rounds: Number(values.rounds ?? 3),
    out: path.resolve(values.out ?? path.join(repoRoot, 'bench', 'results', 'rebuild.md')),
    help,
  };
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error(`--rounds: a whole number from 1\n${USAGE}`);
  return options;
}

/**
 * Runs docker with `args` (and `input` on stdin), failing with its stderr.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [input]
 */
async function docker(args, env = process.env, input) {
  const result = await run('docker', args, { env, ...(input !== undefined ? { input } : {}) });
  if (result.code !== 0) throw new Error(`docker ${args.slice(0, 2).join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const bed = await readBed(options);
  const basePrefix = await pushBase(bed);
  const measured = await runRounds({ ...bed, testbed: { ...bed.testbed, basePrefix } }, options.rounds);
  const report = rebuildReport({
    date: new Date().toISOString().slice(0, 10),
    cores: os.cpus().length,
    python: bed.python,
    rounds: options.rounds,
    loadBefore: measured.loadBefore,
    firstSeconds: measured.firstSeconds,
    times: measured.times,
    phases: measured.lastSkipped?.phases ?? [],
  });
  console.log(`\n${report}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, report);
  console.log(`bench: wrote ${path.relative(repoRoot, options.out)}`);
  // The bench's local tags of what it pushed; the registry keeps them (the test bed's, removed with it).
  const rows = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', bed.image]);
  for (const ref of rows.split('\n').filter((line) => line !== '' && !line.endsWith(':<none>'))) await docker(['image', 'rm', '--no-prune', ref]);
}

/**
 * The test bed's registry (with its login), Python and mode, and the image name this run pushes to.
 * @param {{ python: string }} options
 */
async function readBed(options) {
  const variables = await testbedVariables(repoRoot);
  const registry = variables.TESTBED_REGISTRY ?? '';
  const user = variables.TESTBED_REGISTRY_USER ?? '';
  const password = variables.TESTBED_REGISTRY_PASSWORD ?? '';
  if (registry === '') throw new Error('No test bed registry: run `bash scripts/testbed.sh up` first.');
  const testbed = await readTestbed(repoRoot, (line) => console.log(`bench: ${line}`));
  const python = options.python || (variables.TESTBED_PYTHON_VERSIONS ?? '3.11').split(/\s+/)[0] || '3.11';
  const namespace = `bench-rebuild-${Math.random().toString(36).slice(2, 8)}`;
  const image = `${registry}/${namespace}/app`;
  const env = { ...process.env, REGISTRY_PASSWORD: password };
  return { registry, user, password, testbed, python, namespace, image, env };
}

/**
 * The base image in the registry, as a scheduled rebuild's is: offline, the stand-in pushed under
 * the bench's own name (a prefix the action completes to python:X); online, Docker Hub's. Returns
 * the base prefix the runs build from. The login goes to a throwaway docker config, so the
 * user's own stays untouched.
 * @param {Awaited<ReturnType<typeof readBed>>} bed
 */
async function pushBase({ testbed, registry, namespace, python, user, password }) {
  let basePrefix = testbed.basePrefix;
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rebuild-config-'));
  fs.writeFileSync(path.join(config, 'config.json'), '{"auths":{"bench-rebuild.invalid":{}}}\n');
  try {
    if (testbed.mode === 'offline') {
      const local = `${testbed.basePrefix}python:${python}`;
      basePrefix = `${registry}/${namespace}/`;
      await docker(['--config', config, 'login', registry, '--username', user, '--password-stdin'], process.env, password);
      await docker(['tag', local, `${basePrefix}python:${python}`]);
      await docker(['--config', config, 'push', `${basePrefix}python:${python}`]);
      await docker(['image', 'rm', `${basePrefix}python:${python}`]);
    }
  } finally {
    fs.rmSync(config, { recursive: true, force: true });
  }
  return basePrefix;
}

/**
 * One run of the action on the demo app, pushed to the bench's image; fails unless its `rebuilt`
 * output is the expected one (a skip that rebuilt, or a rebuild that skipped, would time the wrong work).
 * @param {Awaited<ReturnType<typeof readBed>>} bed with the base prefix the runs build from
 * @param {string} rebuild
 * @param {string} date
 * @param {string} tag an extra tag: another one is another input
 * @param {'true' | 'false'} expected the `rebuilt` output the run must give
 * @returns {Promise<{ cli: CliResult, wallMs: number, log: string }>}
 */
async function action({ python, image, testbed, env, user }, rebuild, date, tag, expected) {
  const build = await buildWithAction({
    repoRoot,
    cwd: repoRoot,
    app: 'docker/demo',
    python,
    variant: 'debian',
    image,
    testbed,
    env,
    extraArgs: ['--push', 'true', '--username', user, '--rebuild', rebuild, '--date', date, '--latest', 'false', '--tags', tag],
  });
  if (!build.ok) throw new Error(`the action failed (exit ${build.code}): ${build.error}`);
  if (!build.log.includes(`\nrebuilt=${expected}\n`))
    throw new Error(`rebuild: ${rebuild} on ${date} did not give rebuilt=${expected}:\n${build.log.slice(-3000)}`);
  return { cli: build.cli, wallMs: build.wallMs, log: build.log };
}

/**
 * The measured runs: the first push, then each round on later days a skipped run, an `always`
 * rebuild and an `if-changed` rebuild with one input changed; wall times in seconds.
 * @param {Awaited<ReturnType<typeof readBed>>} bed with the base prefix the runs build from
 * @param {number} rounds
 */
async function runRounds(bed, rounds) {
  const loadBefore = os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(`bench: Python ${bed.python}, ${rounds} rounds, image ${bed.image}; load average ${loadBefore}`);
  const first = await action(bed, 'if-changed', '2026-01-01', 'round-0', 'true');
  console.log(`bench: first push ${(first.wallMs / 1000).toFixed(1)} s`);
  /** @type {{ skipped: number[], always: number[], changed: number[] }} */
  const times = { skipped: [], always: [], changed: [] };
  /** @type {CliResult | undefined} */
  let lastSkipped;
  for (let round = 1; round <= rounds; round++) {
    // Three days a round, one a run: a scheduled rebuild runs on another day than the push it checks.
    const day = (/** @type {number} */ offset) => `2026-01-${String(round * 3 + offset).padStart(2, '0')}`;
    const skip = await action(bed, 'if-changed', day(0), `round-${round - 1}`, 'false');
    times.skipped.push(skip.wallMs / 1000);
    lastSkipped = skip.cli;
    times.always.push((await action(bed, 'always', day(1), `round-${round - 1}`, 'true')).wallMs / 1000);
    times.changed.push((await action(bed, 'if-changed', day(2), `round-${round}`, 'true')).wallMs / 1000);
    console.log(
      `bench: round ${round}: skipped ${times.skipped.at(-1)?.toFixed(1)} s, warm rebuild (always) ${times.always.at(-1)?.toFixed(1)} s, warm rebuild (if-changed, one input changed) ${times.changed.at(-1)?.toFixed(1)} s`,
    );
  }
  return { loadBefore, firstSeconds: first.wallMs / 1000, times, lastSkipped };
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
