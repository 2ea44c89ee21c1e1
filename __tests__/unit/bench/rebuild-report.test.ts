import { describe, expect, it } from 'vitest';
import { median, rebuildReport } from '../../../bench/lib/rebuild-report.mjs';

const figures = {
  date: '2026-12-02',
  cores: 2,
  python: '3.11',
  rounds: 3,
  loadBefore: '1.23',
  firstSeconds: 95.432,
  times: { skipped: [1.23, 0.98, 1.5], always: [20.1, 18.7, 25.06], changed: [21.3, 19.9, 22.0] },
  phases: [
    { title: 'Resolve base', seconds: 0.456 },
    { title: 'Compare', seconds: 0.1234 },
  ],
};

describe('median', () => {
  it('takes the middle value, the mean of the middle two for an even count, NaN for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('rebuildReport', () => {
  it('renders the measured figures as the exact report lines', () => {
    expect(rebuildReport(figures).split('\n')).toEqual([
      '# A skipped scheduled run against a warm-cache rebuild (2026-12-02)',
      '',
      "`npm run bench:rebuild -- --python 3.11 --rounds 3` on 2 cores (load average 1.23 before): the demo app, pushed with `node dist/cli.js --push true` to the test bed's registry (with authentication) from a base image in that registry. Each round, on another `--date`: `--rebuild if-changed` with nothing changed (skipped: the base digest resolved, the fingerprint computed and compared with the image's labels in the registry; nothing built, tested or pushed), then `--rebuild always` (every layer from the engine's warm cache, the smoke test, the push of a new dated tag), then `--rebuild if-changed` with one input changed (another extra tag: the check, then the same work as `always`; the base build pinned to the digest it resolved). Wall time of the whole CLI run, seconds; the machine is shared, so compare rows of one run, not runs.",
      '',
      '| Run | Median | Min | Max |',
      '| --- | --- | --- | --- |',
      '| Skipped (`if-changed`, unchanged) | 1.2 | 1.0 | 1.5 |',
      '| Warm-cache rebuild (`always`) | 20.1 | 18.7 | 25.1 |',
      '| Warm-cache rebuild (`if-changed`, one input changed) | 21.3 | 19.9 | 22.0 |',
      '',
      // 1.23 / 20.1 = 6.1 %.
      "The skipped run took 6 % of the warm rebuild's time (medians). First push (cold for this base, not in the table): 95.4 s.",
      '',
      "Phases of the last skipped run (the CLI's own timings):",
      '',
      '| Phase | Seconds |',
      '| --- | --- |',
      '| Resolve base | 0.46 |',
      '| Compare | 0.12 |',
      '',
    ]);
  });

  it('compares medians of an even number of rounds, and keeps the phase table with no skipped run', () => {
    const lines = rebuildReport({ ...figures, rounds: 2, times: { skipped: [1, 2], always: [3, 4], changed: [5, 6] }, phases: [] }).split('\n');
    // 1.5 / 3.5 = 42.9 %.
    expect(lines).toContain(
      "The skipped run took 43 % of the warm rebuild's time (medians). First push (cold for this base, not in the table): 95.4 s.",
    );
    expect(lines).toContain('| Skipped (`if-changed`, unchanged) | 1.5 | 1.0 | 2.0 |');
    expect(lines.slice(-3)).toEqual(['| Phase | Seconds |', '| --- | --- |', '']);
  });
});
