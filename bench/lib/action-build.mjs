// Builds benchmark images with the action's own code path (dist/cli.js), the way a user's workflow
// would, and measures the action itself: its time beyond the docker commands, how soon its probe
// sees the app, image sizes, and whether a code-only rebuild reuses the dependency layer.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './exec.mjs';
import { nowMs } from './first-response.mjs';

/** @typedef {import('../../src/entry/cli-result.js').CliResult} CliResult the CLI's --json object: the bench's contract with the action */
/** @typedef {import('./testbed.mjs').Testbed} Testbed */
/** @typedef {ReturnType<typeof splitTiming>} Timing */
/**
 * @typedef {object} BuildOptions
 * @property {string} repoRoot
 * @property {string} cwd the workspace the app folder is inside
 * @property {string} app
 * @property {string} python
 * @property {string} variant
 * @property {string} [worker]
 * @property {string} image
 * @property {Testbed} testbed
 * @property {import('./docker-shim.mjs').DockerShim} [shim]
 * @property {string[]} [extraArgs] more flags for the CLI (e.g. --platforms, --no-cache)
 * @property {NodeJS.ProcessEnv} [env] the CLI's environment without a shim (e.g. DOCKER_HOST for another engine)
 * @property {number} [timeoutMs] how long one run may take before it is killed (default 15 minutes)
 */
/**
 * A build that passed, with its result, or one that did not, with why.
 * @typedef {{ ok: true, code: number, wallMs: number, log: string, error: '', cli: CliResult, timing: Timing | undefined }
 *   | { ok: false, code: number, wallMs: number, log: string, error: string, cli: CliResult | null, timing: Timing | undefined }} ActionBuild
 */

/**
 * Runs `node dist/cli.js` once. cwd is the workspace the app folder must be inside.
 * Returns { ok, code, wallMs, log, error, cli, timing }: cli is the CLI's own result object (its
 * --json: image ID, size, probe, base image), null if it wrote none; timing (when a shim is given)
 * splits the wall time into docker commands, waiting for the app, probe lag and the action's own work.
 */
/**
 * @param {BuildOptions} options
 * @returns {Promise<ActionBuild>}
 */
export async function buildWithAction({
  repoRoot,
  cwd,
  app,
  python,
  variant,
  worker,
  image,
  testbed,
  shim,
  extraArgs = [],
  env = process.env,
  timeoutMs = 900_000,
}) {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first.`);
  const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-result-'));
  const resultFile = path.join(resultDir, 'result.json');
  // Always an --image: the action then removes its per-job app tag itself, leaving only the bench's tags.
  const args = [cli, '--python-version', python, '--variant', variant, '--app', app, '--image', image, `--json=${resultFile}`];
  if (worker) args.push('--worker', worker);
  if (testbed.basePrefix) args.push('--base-image', testbed.basePrefix);
  if (testbed.pipIndexUrl) args.push('--pip-index-url', testbed.pipIndexUrl);
  if (testbed.network) args.push('--network', testbed.network);
  args.push(...extraArgs);
  shim?.reset();
  const started = nowMs();
  let result;
  /** @type {CliResult | null} */
  let cliResult;
  try {
    result = await run(process.execPath, args, { cwd, env: shim ? shim.env : env, timeoutMs });
    cliResult = readCliResult(resultFile);
  } finally {
    fs.rmSync(resultDir, { recursive: true, force: true });
  }
  const wallMs = nowMs() - started;
  const log = `${result.stdout}${result.stderr}`;
  const timing = shim && cliResult ? splitTiming(wallMs, shim.read(), cliResult.probe.seconds ?? NaN) : undefined;
  const common = { code: result.code, wallMs, log, timing };
  if (result.code === 0 && cliResult?.ok === true) return { ok: true, ...common, error: '', cli: cliResult };
  const error =
    cliResult?.error ??
    `${lastLines(result.stderr || result.stdout, 6)}\n(dist/cli.js wrote no --json result: is dist/ built from this checkout? run \`npm run build\`)`;
  return { ok: false, ...common, error, cli: cliResult };
}

/**
 * The object `dist/cli.js --json=FILE` wrote (src/entry/cli-result.ts), or null when it wrote none.
 * @param {string} file
 * @returns {CliResult | null}
 */
export function readCliResult(file) {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Where the CLI's wall time went. docker: sum of the docker commands (they run one after the other).
 * appStart: from the end of `docker run` to the first moment the app answered the tight poller (the
 * app's own start-up, not the action's). probeLag: from that moment to when the action's probe passed
 * (the action's probe-seconds counts from just before `docker run`). ownWork: everything else.
 */
/**
 * @param {number} wallMs
 * @param {import('./docker-shim.mjs').ShimLog} shimLog
 * @param {number} probeSeconds
 */
export function splitTiming(wallMs, shimLog, probeSeconds) {
  const dockerMs = shimLog.commands.reduce((sum, command) => sum + command.ms, 0);
  const runCommand = shimLog.commands.find((command) => command.subcommand === 'run');
  let appStartMs = 0;
  let probeLagMs = NaN;
  if (runCommand && shimLog.firstOk) {
    appStartMs = Math.max(0, shimLog.firstOk.atMs - runCommand.endMs);
    // The action's clock started a moment before the shim's: this slightly overstates the lag.
    probeLagMs = runCommand.startMs + probeSeconds * 1000 - shimLog.firstOk.atMs;
  }
  const lag = Number.isFinite(probeLagMs) ? Math.max(0, probeLagMs) : 0;
  return {
    wallMs,
    dockerMs,
    dockerCommands: shimLog.commands.length,
    buildMs: shimLog.commands.filter((c) => c.subcommand === 'build' || c.subcommand === 'buildx').reduce((s, c) => s + c.ms, 0),
    appStartMs,
    probeLagMs,
    ownWorkMs: wallMs - dockerMs - appStartMs - lag,
  };
}

/** @param {string} reference */
export async function imageSize(reference) {
  const result = await run('docker', ['image', 'inspect', '--format', '{{.Size}}', reference]);
  return result.code === 0 ? Number(result.stdout.trim()) : NaN;
}

/** Is PACKAGE on the package index the images install from? Asked from inside an image we built. */
export async function onPackageIndex(image, pkg, testbed) {
  const env = testbed.pipIndexUrl ? ['--env', `PIP_INDEX_URL=${testbed.pipIndexUrl}`] : [];
  const result = await run(
    'docker',
    ['run', '--rm', '--network', 'host', ...env, image, 'pip', 'index', 'versions', '--disable-pip-version-check', pkg],
    { timeoutMs: 120_000 },
  );
  return { available: result.code === 0, detail: lastLines(result.stdout || result.stderr, 1) };
}

/**
 * The rebuild check: an app with a requirements.txt is built once, then only main.py changes and it
 * is built again with timings. Passes when the pip layer came from the cache.
 * @param {Omit<BuildOptions, 'cwd' | 'app' | 'variant' | 'image' | 'shim'> & { appSource: string, requirement: string, shim: import('./docker-shim.mjs').DockerShim }} options
 * @returns {Promise<{ ok: false, error: string } | { ok: true, firstWallMs: number, pipStepFound: boolean, pipCached: boolean, pipStepLog: string, timing: Timing }>}
 */
export async function measureCodeOnlyRebuild({ repoRoot, appSource, python, testbed, shim, requirement }) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'flask-bench-rebuild-'));
  try {
    const app = path.join(workspace, 'app');
    fs.cpSync(appSource, app, { recursive: true });
    fs.writeFileSync(path.join(app, 'requirements.txt'), `${requirement}\n`);
    const common = { repoRoot, cwd: workspace, app: 'app', python, variant: 'debian', image: 'bench/rebuild', testbed };
    const first = await buildWithAction(common);
    if (!first.ok) return { ok: false, error: `first build failed: ${first.error}` };
    fs.appendFileSync(path.join(app, 'main.py'), `\n# code-only change for the rebuild check: ${new Date().toISOString()}\n`);
    const second = await buildWithAction({ ...common, shim });
    if (!second.ok) return { ok: false, error: `rebuild failed: ${second.error}` };
    // Built with the shim and passed, so it was timed.
    const timing = /** @type {Timing} */ (second.timing);
    return { ok: true, firstWallMs: first.wallMs, ...rebuildEvidence(second.log), timing };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * From a build log: did the app layer's pip step come from the cache (classic builder or BuildKit)?
 * @param {string} log
 */
export function rebuildEvidence(log) {
  const lines = log.split('\n');
  // The step may carry mounts before the command (the pip index reaches pip as a build secret).
  const step = lines.findIndex((line) => /RUN (--mount=\S+ )*python -m pip install .*app-requirements\.txt/.test(line));
  if (step < 0) return { pipStepFound: false, pipCached: false, pipStepLog: '' };
  const window = lines.slice(step, step + 3).join('\n');
  return {
    pipStepFound: true,
    pipCached: /Using cache|CACHED/.test(window),
    pipStepLog: window.trim(),
  };
}

export async function removeImages(references) {
  for (const reference of references) await run('docker', ['image', 'rm', '--no-prune', reference]);
}

function lastLines(text, count) {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
