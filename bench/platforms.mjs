// `npm run bench:platforms [-- --python 3.11 --platforms linux/amd64,linux/arm64]`: the one-job
// multi-platform path beside one platform per job. Runs the action's CLI on an engine whose store
// holds multi-platform images (offline: the test bed's cache engine, TESTBED_CACHE_DOCKER_HOST) and
// pushes to the test bed's registry: first one job for every platform (the foreign one under QEMU),
// cold (no-cache) then warm; then one platform job per platform (mode: platform), cold, one after
// the other, and the merge (mode: merge, through the action's main entry, as a workflow runs it).
// Prints, from the CLI's --json result, each job's wall time, each platform's build time, first
// probe and probe timeout, and writes them to bench/results/platforms.md (or --out FILE).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWithAction } from './lib/action-build.mjs';
import { run } from './lib/exec.mjs';
import { readFlags } from './lib/flags.mjs';
import { platformsReport } from './lib/platforms-report.mjs';
import { readTestbed, testbedVariables } from './lib/testbed.mjs';

/** @typedef {import('../src/entry/cli-result.js').CliResult} CliResult */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run bench:platforms [-- --python X.Y] [--platforms P1,P2] [--out FILE]
Builds the demo app for every platform in one job with the action (node dist/cli.js --platforms ...), cold
(no-cache) then warm, then in one platform job per platform (--mode platform) and the merge, and prints
each job's wall time and each platform's build time, first probe and probe timeout.`;

/**
 * @param {string[]} argv
 * @returns {{ python: string, platforms: string, out: string, help: boolean }}
 */
function parseOptions(argv) {
  const { values, help } = readFlags(argv, ['python', 'platforms', 'out'], USAGE);
  return {
    python: values.python ?? '',
    platforms: values.platforms ?? 'linux/amd64,linux/arm64',
    out: path.resolve(values.out ?? path.join(repoRoot, 'bench', 'results', 'platforms.md')),
    help,
  };
}

/**
 * One run of the action on the demo app (the bench's own runner of dist/cli.js); its --json result,
 * or an error with the CLI's own reason.
 * @param {Omit<import('./lib/action-build.mjs').BuildOptions, 'repoRoot' | 'cwd' | 'app' | 'variant' | 'image'>} options
 * @returns {Promise<CliResult>}
 */
async function action(options) {
  const build = await buildWithAction({ repoRoot, cwd: repoRoot, app: 'docker/demo', variant: 'debian', image: 'bench/platforms', ...options });
  if (!build.ok) throw new Error(`the action failed (exit ${build.code}): ${build.error}`);
  return build.cli;
}

/**
 * The merge job: the action's main entry (the CLI runs no merge) with its inputs as a runner gives
 * them. Returns its wall time in seconds, or throws with the action's own error lines.
 * @param {Record<string, string>} inputs
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ seconds: number, digest: string }>}
 */
async function mergeJob(inputs, env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-merge-'));
  try {
    const output = path.join(dir, 'output');
    fs.writeFileSync(output, '');
    /** @type {NodeJS.ProcessEnv} */
    const runnerEnv = { PATH: env.PATH, HOME: env.HOME, GITHUB_OUTPUT: output, RUNNER_TEMP: dir, GITHUB_WORKSPACE: repoRoot };
    for (const [name, value] of Object.entries(inputs)) runnerEnv[`INPUT_${name.toUpperCase()}`] = value;
    const result = await run(process.execPath, [path.join(repoRoot, 'dist', 'index.js')], { env: runnerEnv, timeoutMs: 300_000 });
    if (result.code !== 0)
      throw new Error(`the merge failed (exit ${result.code}): ${(result.stdout + result.stderr).trim().split('\n').slice(-6).join('\n')}`);
    const digest = /^digest<<(\S+)\n(sha256:[a-f0-9]{64})$/m.exec(fs.readFileSync(output, 'utf8'))?.[2] ?? '';
    return { seconds: result.ms / 1000, digest };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const bed = await readBed(options);
  const runs = await runJobs(bed, options.platforms);
  const report = platformsReport({
    date: new Date().toISOString().slice(0, 10),
    cores: os.cpus().length,
    python: bed.python,
    platforms: options.platforms,
    loadBefore: bed.loadBefore,
    loadAfter: os.loadavg()[0]?.toFixed(2),
    ...runs,
  });
  console.log(`\n${report}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, report);
  console.log(`bench: wrote ${path.relative(repoRoot, options.out)} (index ${runs.merged.digest})`);
  // The one job's platform tags stay in the engine only as the bench's own names: remove them.
  for (const tag of runs.cold.tags.concat(runs.warm.tags)) if (!tag.includes('@')) await run('docker', ['image', 'rm', tag], { env: bed.env });
}

/**
 * The test bed's engine, registry and Python, and what every run of the action shares; prints the
 * line that says what the bench will do.
 * @param {{ python: string, platforms: string }} options
 */
async function readBed(options) {
  const variables = await testbedVariables(repoRoot);
  const testbed = await readTestbed(repoRoot, (line) => console.log(`bench: ${line}`));
  const python = options.python || (variables.TESTBED_PYTHON_VERSIONS ?? '3.11').split(/\s+/)[0] || '3.11';
  const registry = variables.TESTBED_REGISTRY ?? '';
  if (registry === '') throw new Error('the test bed has no registry (TESTBED_REGISTRY): run bash scripts/testbed.sh up');
  // Offline, only the cache engine holds the stand-in base image for every platform.
  const engine = variables.TESTBED_CACHE_DOCKER_HOST ?? '';
  const env = { ...process.env, ...(engine !== '' ? { DOCKER_HOST: engine } : {}), REGISTRY_PASSWORD: variables.TESTBED_REGISTRY_PASSWORD ?? '' };
  const image = `${registry}/bench/platforms-${Date.now().toString(36)}`;
  const login = { image, push: 'true', username: variables.TESTBED_REGISTRY_USER ?? '' };
  // A cold build under QEMU on a busy machine outlasts the bench's usual 15 minutes (Meinheld and greenlet compile emulated).
  const common = { python, testbed, env, image, timeoutMs: 3_600_000, extraArgs: ['--push', 'true', '--username', login.username] };
  const loadBefore = os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(`bench: Python ${python}, ${options.platforms}, on ${engine || 'the default engine'}, pushing to ${image}; load average ${loadBefore}`);
  return { python, env, login, common, loadBefore };
}

/**
 * The measured jobs: the one job for every platform cold then warm, one platform job per platform,
 * and the merge, each with the load average at its start.
 * @param {Awaited<ReturnType<typeof readBed>>} bed
 * @param {string} platforms P1,P2
 */
async function runJobs(bed, platforms) {
  const { common } = bed;
  // Other work on the machine moves between runs: each run's load average is reported beside it.
  /** @type {Record<string, string>} */
  const load = {};
  const loadNow = () => os.loadavg()[0]?.toFixed(1) ?? '?';
  load.cold = loadNow();
  const cold = await action({ ...common, extraArgs: [...common.extraArgs, '--platforms', platforms, '--no-cache', 'true'] });
  load.warm = loadNow();
  const warm = await action({ ...common, extraArgs: [...common.extraArgs, '--platforms', platforms] });
  // One platform job per platform, cold like the one job's first run; here one after the other on
  // one engine (the foreign one still under QEMU), where a workflow runs them at once on two runners.
  const handover = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-handover-'));
  const jobs = [];
  for (const platform of platforms.split(',')) {
    load[platform] = loadNow();
    jobs.push(
      await action({
        ...common,
        extraArgs: [...common.extraArgs, '--mode', 'platform', '--platforms', platform, '--no-cache', 'true', '--handover', handover],
      }),
    );
  }
  load.merge = loadNow();
  const mergeInputs = { ...bed.login, password: bed.env.REGISTRY_PASSWORD ?? '', mode: 'merge', 'python-version': bed.python, variant: 'debian' };
  const merged = await mergeJob({ ...mergeInputs, platforms, handover, latest: 'false' }, bed.env);
  fs.rmSync(handover, { recursive: true, force: true });
  return { load, cold, warm, jobs, merged };
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
