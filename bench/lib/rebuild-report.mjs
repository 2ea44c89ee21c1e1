// The report of `npm run bench:rebuild` (Markdown), made from the measured figures alone: the date
// and the machine come in as values, so the same figures always give the same text (and a unit test
// can hold it to exact lines).

/**
 * @typedef {object} RebuildFigures
 * @property {string} date YYYY-MM-DD
 * @property {number} cores
 * @property {string} python
 * @property {number} rounds
 * @property {string} loadBefore the load average before the first push
 * @property {number} firstSeconds the first push (cold for this base), not in the table
 * @property {{ skipped: number[], always: number[], changed: number[] }} times each round's wall time, seconds
 * @property {import('../../src/cli-result.js').PhaseTiming[]} phases the last skipped run's phases (the CLI's own timings)
 */

/**
 * The middle value (the mean of the middle two for an even count); NaN for none.
 * @param {number[]} values
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** A table row's median, min and max cells: the machine is shared, so the spread is shown beside the median. */
const figure = (/** @type {number[]} */ values) =>
  `${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${Math.max(...values).toFixed(1)}`;

/**
 * The report, ending in a newline.
 * @param {RebuildFigures} f
 * @returns {string}
 */
export function rebuildReport(f) {
  const { times } = f;
  return [
    `# A skipped scheduled run against a warm-cache rebuild (${f.date})`,
    '',
    `\`npm run bench:rebuild -- --python ${f.python} --rounds ${f.rounds}\` on ${f.cores} cores (load average ${f.loadBefore} before): the demo app, pushed with \`node dist/cli.js --push true\` to the test bed's registry (with authentication) from a base image in that registry. Each round, on another \`--date\`: \`--rebuild if-changed\` with nothing changed (skipped: the base digest resolved, the fingerprint computed and compared with the image's labels in the registry; nothing built, tested or pushed), then \`--rebuild always\` (every layer from the engine's warm cache, the smoke test, the push of a new dated tag), then \`--rebuild if-changed\` with one input changed (another extra tag: the check, then the same work as \`always\`; the base build pinned to the digest it resolved). Wall time of the whole CLI run, seconds; the machine is shared, so compare rows of one run, not runs.`,
    '',
    '| Run | Median | Min | Max |',
    '| --- | --- | --- | --- |',
    `| Skipped (\`if-changed\`, unchanged) | ${figure(times.skipped)} |`,
    `| Warm-cache rebuild (\`always\`) | ${figure(times.always)} |`,
    `| Warm-cache rebuild (\`if-changed\`, one input changed) | ${figure(times.changed)} |`,
    '',
    `The skipped run took ${((median(times.skipped) / median(times.always)) * 100).toFixed(0)} % of the warm rebuild's time (medians). First push (cold for this base, not in the table): ${f.firstSeconds.toFixed(1)} s.`,
    '',
    "Phases of the last skipped run (the CLI's own timings):",
    '',
    '| Phase | Seconds |',
    '| --- | --- |',
    ...f.phases.map((phase) => `| ${phase.title} | ${phase.seconds.toFixed(2)} |`),
    '',
  ].join('\n');
}
