// `npm run bench:platforms [-- --python 3.11 --platforms linux/amd64,linux/arm64]`: build time per
// platform. Runs the action's CLI twice with the platforms input, on an engine whose store
// holds multi-platform images (offline: the test bed's cache engine, TESTBED_CACHE_DOCKER_HOST):
// first with no-cache (every step built, the foreign platform's under QEMU), then again (from the
// builder's cache). Prints, from the CLI's --json result, each platform's build time, first probe
// and probe timeout, and writes them to bench/results/platforms.md (or --out FILE).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWithAction } from './lib/action-build.mjs';
import { run } from './lib/exec.mjs';
import { readTestbed, testbedVariables } from './lib/testbed.mjs';

/** @typedef {import('../src/cli-result.js').CliResult} CliResult */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run bench:platforms [-- --python X.Y] [--platforms P1,P2] [--out FILE]
Builds the demo app for each platform with the action (node dist/cli.js --platforms ...), cold (no-cache)
then warm, and prints each platform's build time, first probe and probe timeout.`;

/**
 * @param {string[]} argv
 * @returns {{ python: string, platforms: string, out: string, help: boolean }}
 */
function parseOptions(argv) {
  const options = { python: '', platforms: 'linux/amd64,linux/arm64', out: path.join(repoRoot, 'bench', 'results', 'platforms.md'), help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--python') options.python = value();
    else if (flag === '--platforms') options.platforms = value();
    else if (flag === '--out') options.out = path.resolve(value());
    else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  return options;
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

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const variables = await testbedVariables(repoRoot);
  const testbed = await readTestbed(repoRoot, (line) => console.log(`bench: ${line}`));
  const python = options.python || (variables.TESTBED_PYTHON_VERSIONS ?? '3.11').split(/\s+/)[0] || '3.11';
  // Offline, only the cache engine holds the stand-in base image for every platform.
  const engine = variables.TESTBED_CACHE_DOCKER_HOST ?? '';
  const env = { ...process.env, ...(engine !== '' ? { DOCKER_HOST: engine } : {}) };
  const common = { python, testbed, env, extraArgs: ['--platforms', options.platforms] };

  const loadBefore = os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(`bench: Python ${python}, ${options.platforms}, on ${engine || 'the default engine'}; load average ${loadBefore}`);
  const cold = await action({ ...common, extraArgs: [...common.extraArgs, '--no-cache', 'true'] });
  const warm = await action(common);
  const rows = cold.platforms.map((platform, index) => {
    const again = warm.platforms[index];
    return `| ${platform.platform || 'engine'} | ${platform.emulated ? 'yes (QEMU)' : 'no'} | ${platform.buildSeconds.toFixed(1)} | ${again?.buildSeconds.toFixed(1) ?? '-'} | ${platform.probeSeconds.toFixed(2)} | ${again?.probeSeconds.toFixed(2) ?? '-'} | ${platform.probeTimeoutSeconds} |`;
  });
  const report = [
    `# Build time per platform (${new Date().toISOString().slice(0, 10)})`,
    '',
    `\`npm run bench:platforms -- --python ${python} --platforms ${options.platforms}\` on ${os.cpus().length} cores (load average ${loadBefore} before); the demo app, built by the action (\`node dist/cli.js --platforms ...\`), first with \`--no-cache true\`, then from the builder's cache. Seconds; both builds (base image and app layer) per platform; the probe is from \`docker run\` to the first passing answer.`,
    '',
    '| Platform | Emulated | Build, cold | Build, warm | First probe, cold | First probe, warm | Probe timeout |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Whole run: ${cold.seconds.toFixed(0)} s cold, ${warm.seconds.toFixed(0)} s warm.`,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, report);
  console.log(`bench: wrote ${path.relative(repoRoot, options.out)}`);
  // The per-platform tags stay in the engine only as the bench's own names: remove them.
  for (const tag of cold.tags.concat(warm.tags)) await run('docker', ['image', 'rm', tag], { env });
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
