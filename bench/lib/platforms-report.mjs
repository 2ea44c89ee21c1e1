// The report of `npm run bench:platforms` (Markdown), made from the measured figures alone: the
// date, the machine and the loads come in as values, so the same figures always give the same text
// (and a unit test can hold it to exact lines).

/**
 * What the report reads of a job's CLI result: its wall time and each platform it built.
 * @typedef {Pick<import('../../src/cli-result.js').CliResult, 'seconds' | 'platforms'>} JobFigures
 */

/**
 * @typedef {object} PlatformsFigures
 * @property {string} date YYYY-MM-DD
 * @property {number} cores
 * @property {string} python
 * @property {string} platforms the `--platforms` list as given (P1,P2)
 * @property {string} loadBefore the load average before the first run
 * @property {string | undefined} loadAfter the load average after the merge
 * @property {Record<string, string>} load the load average at each run's start: cold, warm, merge and one per platform
 * @property {JobFigures} cold the one job for every platform, --no-cache
 * @property {JobFigures} warm the same job again, from the builder's cache
 * @property {JobFigures[]} jobs one platform job per platform (mode: platform), cold
 * @property {{ seconds: number }} merged the merge job (mode: merge)
 */

/**
 * One row per platform of the one job: its cold and warm build and first probe.
 * @param {JobFigures} cold
 * @param {JobFigures} warm
 */
function oneJobRows(cold, warm) {
  return cold.platforms.map((platform, index) => {
    const again = warm.platforms[index];
    return `| ${platform.platform || 'engine'} | ${platform.emulated ? 'yes (QEMU)' : 'no'} | ${platform.buildSeconds.toFixed(1)} | ${again?.buildSeconds.toFixed(1) ?? '-'} | ${platform.probeSeconds.toFixed(2)} | ${again?.probeSeconds.toFixed(2) ?? '-'} | ${platform.probeTimeoutSeconds} |`;
  });
}

/**
 * One row per platform job, with the load it started under.
 * @param {JobFigures[]} jobs
 * @param {Record<string, string>} load
 */
function platformJobRows(jobs, load) {
  return jobs.map((job) => {
    const built = job.platforms[0];
    return `| platform job ${built?.platform} | ${built?.emulated ? 'yes (QEMU, standing in for a native runner)' : 'no'} | ${load[built?.platform ?? ''] ?? '?'} | ${job.seconds.toFixed(1)} | ${built?.buildSeconds.toFixed(1)} | ${built?.probeSeconds.toFixed(2)} |`;
  });
}

/**
 * What the split saves: the platform jobs added up (the same work in one job) against the slowest
 * native platform job plus the merge (a workflow on native runners). Here the foreign platform ran
 * under QEMU, so the native job's time stands in for what a native runner of that architecture would take.
 * @param {JobFigures[]} jobs
 * @param {number} mergeSeconds
 */
function splitSentence(jobs, mergeSeconds) {
  const native = jobs.filter((job) => !job.platforms[0]?.emulated);
  const nativeSeconds = Math.max(...native.map((job) => job.seconds));
  const sum = jobs.reduce((total, job) => total + job.seconds, 0);
  const split = nativeSeconds + mergeSeconds;
  return `The same work in one job, one platform after the other, is about the platform jobs added up: ${sum.toFixed(1)} s. Split, the workflow waits for its slowest platform job, then the merge: on native runners, if the arm runner builds as fast as the amd64 one did here (${nativeSeconds.toFixed(1)} s), about ${split.toFixed(1)} s, ${(sum / split).toFixed(1)} times less wall time; the merge itself takes ${mergeSeconds.toFixed(1)} s. The one-job run above is the same path measured whole; compare it with these only at a similar load average.`;
}

/**
 * The report, ending in a newline.
 * @param {PlatformsFigures} f
 * @returns {string}
 */
export function platformsReport(f) {
  return [
    `# One job for every platform, or one job per platform (${f.date})`,
    '',
    `\`npm run bench:platforms -- --python ${f.python} --platforms ${f.platforms}\` on ${f.cores} cores (load average ${f.loadBefore} before, ${f.loadAfter} after); the demo app, built by the action (\`node dist/cli.js\`) and pushed to the test bed's registry. Seconds.`,
    '',
    '## One job, every platform (`platforms`, the foreign one under QEMU)',
    '',
    "First with `--no-cache true`, then from the builder's cache. Build: both builds (base image and app layer) per platform; the probe is from `docker run` to the first passing answer.",
    '',
    '| Platform | Emulated | Build, cold | Build, warm | First probe, cold | First probe, warm | Probe timeout |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...oneJobRows(f.cold, f.warm),
    '',
    `Whole job: ${f.cold.seconds.toFixed(1)} s cold (load average ${f.load.cold} at its start), ${f.warm.seconds.toFixed(1)} s warm (${f.load.warm}).`,
    '',
    '## One job per platform (`mode: platform`), then the merge (`mode: merge`)',
    '',
    'Each platform job cold (`--no-cache true`): build, smoke test, push by digest with its test record. Here they ran one after the other on one engine, the arm64 one under QEMU because this machine has no arm64 CPU; on GitHub each runs at once on a runner of its own architecture.',
    '',
    '| Job | Emulated | Load average at start | Wall time | Build | First probe |',
    '| --- | --- | --- | --- | --- | --- |',
    ...platformJobRows(f.jobs, f.load),
    `| merge | - | ${f.load.merge} | ${f.merged.seconds.toFixed(1)} | - | - |`,
    '',
    splitSentence(f.jobs, f.merged.seconds),
    '',
  ].join('\n');
}
