// The images the action builds for the bench, through its own CLI (dist/cli.js): our image for the
// run and, in the classic suite, the checks of the action itself: the same build again (all cached),
// each variant's size over its base, and a code-only rebuild, timed by a docker wrapper.
import { buildWithAction, imageSize, measureCodeOnlyRebuild } from './action-build.mjs';
import { createDockerShim } from './docker-shim.mjs';
import { lastLine, run } from './exec.mjs';

/**
 * One build with the action: prints how it went and keeps the wrapper's timing for the report.
 * @param {import('./setup.mjs').Bench} bench
 * @param {string} what
 * @param {{ variant: string, image: string, python?: string, worker?: string, shim?: any }} args
 */
export async function actionBuild(bench, what, args) {
  const { repoRoot, app, options, testbed } = bench;
  const result = await buildWithAction({ repoRoot, cwd: repoRoot, app, python: options.python, testbed, ...args });
  bench.log(`  ${what}: ${result.ok ? `${(result.wallMs / 1000).toFixed(1)} s, probe ${result.cli.probe.seconds} s` : `FAILED: ${result.error}`}`);
  if (result.timing) bench.action.push({ what, timing: result.timing });
  return result;
}

/** Without our image there is nothing to measure: the run stops with the build's log. */
const cannotBuild = (built) => new Error(`the action could not build the benchmark image:\n${built.log.split('\n').slice(-25).join('\n')}`);

/**
 * Our image for the run, and what the classic suite's image checks found. The database suite
 * measures servers, not the action: one build of our image, no variants or rebuild check.
 * @param {import('./setup.mjs').Bench} bench
 */
export async function buildOurImages(bench) {
  bench.log('\n== Images (built with dist/cli.js)');
  let checks;
  if (bench.database) {
    const built = await actionBuild(bench, 'debian image, database app', { variant: 'debian', image: 'bench/ours-techempower' });
    if (!built.ok) throw cannotBuild(built);
    checks = { ours: built, oursAgain: built, images: [], rebuild: undefined };
  } else {
    checks = { ...(await withShim((shim) => buildVariants(bench, shim))), rebuild: await codeOnlyRebuild(bench) };
  }
  // The image bench/ours:latest points at now (each build gets a new ID: its created label changes).
  const image = (checks.oursAgain?.ok ? checks.oursAgain : checks.ours)?.cli?.imageId;
  if (!image) throw new Error('the action passed but its --json result names no image ID: is dist/ built from this checkout? run `npm run build`');
  return { ...checks, image };
}

/**
 * Runs `use` with a docker wrapper first on PATH, removed afterwards whatever happens.
 * @template T
 * @param {(shim: Awaited<ReturnType<typeof createDockerShim>>) => Promise<T>} use
 */
async function withShim(use) {
  const shim = await createDockerShim();
  try {
    return await use(shim);
  } finally {
    shim.dispose();
  }
}

/**
 * Our image built twice (the second time all cached), then each variant with its size over its base.
 * @param {import('./setup.mjs').Bench} bench
 */
async function buildVariants(bench, shim) {
  const ours = await actionBuild(bench, 'debian image', { variant: 'debian', image: 'bench/ours', shim });
  if (!ours.ok) throw cannotBuild(ours);
  const oursAgain = await actionBuild(bench, 'debian image, again (all cached)', { variant: 'debian', image: 'bench/ours', shim });
  const offline = bench.testbed.mode === 'offline';
  const images = [];
  for (const variant of offline ? ['debian', 'slim'] : ['debian', 'slim', 'alpine']) {
    const result = variant === 'debian' ? oursAgain : await actionBuild(bench, `${variant} image`, { variant, image: `bench/ours-${variant}`, shim });
    images.push(await variantRow(variant, result));
  }
  const [debianBase, slimBase] = ['debian', 'slim'].map((v) => images.find((i) => i.variant === v && i.ok)?.baseId);
  if (debianBase && debianBase === slimBase) {
    bench.notes.push(
      'images: the test bed’s `-slim` stand-in is the same image as its full one (both Debian minbase), so only “added MB” means anything here; on GitHub the real `python:X` and `python:X-slim` differ.',
    );
  }
  if (offline) {
    images.push({ variant: 'alpine', ok: false, reason: 'not buildable here (no Alpine base image offline; built on GitHub)' });
    bench.unavailable.push({ what: 'alpine variant', reason: 'no Alpine base image or mirror offline; the project’s GitHub workflow builds it' });
  }
  return { ours, oursAgain, images };
}

/** A variant's row of the images table: its size, its base's, and what the image adds. */
async function variantRow(variant, result) {
  if (!result.ok) return { variant, ok: false, reason: `build failed: ${lastLine(result.error)}` };
  const { size, baseImage } = result.cli;
  if (size === null || baseImage === null) return { variant, ok: false, reason: 'the action reported no image size or base image' };
  const baseSize = await imageSize(baseImage);
  const baseId = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', baseImage])).stdout.trim();
  return { variant, ok: true, baseImage, baseId, size, baseSize, addedBytes: size - baseSize };
}

/**
 * A rebuild after a code-only change: the pip layer must come from the cache.
 * @param {import('./setup.mjs').Bench} bench
 */
async function codeOnlyRebuild(bench) {
  bench.log('\n== Code-only rebuild');
  const { repoRoot, appDir, options, testbed } = bench;
  const rebuild = await withShim((shim) =>
    measureCodeOnlyRebuild({ repoRoot, appSource: appDir, python: options.python, testbed, shim, requirement: 'requests' }),
  );
  if (rebuild.ok) {
    bench.action.push({ what: 'code-only rebuild', timing: rebuild.timing });
    bench.log(`  ${(rebuild.timing.wallMs / 1000).toFixed(1)} s, pip layer ${rebuild.pipCached ? 'from cache' : 'RE-RUN'}`);
  } else bench.log(`  FAILED: ${rebuild.error}`);
  return rebuild;
}
