import { describe, expect, it } from 'vitest';
import { platformsReport } from '../../../bench/lib/platforms-report.mjs';

const platform = (name: string, emulated: boolean, buildSeconds: number, probeSeconds: number, probeTimeoutSeconds: number) => ({
  platform: name,
  emulated,
  imageId: `sha256:${name.length}`,
  buildSeconds,
  probeSeconds,
  probeTimeoutSeconds,
});

// Canned figures: the warm run names only amd64, so the arm64 row shows its missing warm cells.
const figures = {
  date: '2026-12-02',
  cores: 2,
  python: '3.11',
  platforms: 'linux/amd64,linux/arm64',
  loadBefore: '1.23',
  loadAfter: '3.45',
  load: { cold: '1.5', warm: '2.0', 'linux/amd64': '2.5', 'linux/arm64': '3.0', merge: '3.1' },
  cold: { seconds: 312.46, platforms: [platform('linux/amd64', false, 40.12, 1.234, 30), platform('linux/arm64', true, 180.56, 6.789, 60)] },
  warm: { seconds: 20.04, platforms: [platform('linux/amd64', false, 2.1, 1.1, 30)] },
  jobs: [
    { seconds: 44.33, platforms: [platform('linux/amd64', false, 30.1, 1.2, 30)] },
    { seconds: 188.1, platforms: [platform('linux/arm64', true, 170.2, 5.5, 60)] },
  ],
  merged: { seconds: 0.84 },
};

describe('platformsReport', () => {
  it('renders the measured figures as the exact report lines', () => {
    expect(platformsReport(figures).split('\n')).toEqual([
      '# One job for every platform, or one job per platform (2026-12-02)',
      '',
      "`npm run bench:platforms -- --python 3.11 --platforms linux/amd64,linux/arm64` on 2 cores (load average 1.23 before, 3.45 after); the demo app, built by the action (`node dist/cli.js`) and pushed to the test bed's registry. Seconds.",
      '',
      '## One job, every platform (`platforms`, the foreign one under QEMU)',
      '',
      "First with `--no-cache true`, then from the builder's cache. Build: both builds (base image and app layer) per platform; the probe is from `docker run` to the first passing answer.",
      '',
      '| Platform | Emulated | Build, cold | Build, warm | First probe, cold | First probe, warm | Probe timeout |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| linux/amd64 | no | 40.1 | 2.1 | 1.23 | 1.10 | 30 |',
      '| linux/arm64 | yes (QEMU) | 180.6 | - | 6.79 | - | 60 |',
      '',
      'Whole job: 312.5 s cold (load average 1.5 at its start), 20.0 s warm (2.0).',
      '',
      '## One job per platform (`mode: platform`), then the merge (`mode: merge`)',
      '',
      'Each platform job cold (`--no-cache true`): build, smoke test, push by digest with its test record. Here they ran one after the other on one engine, the arm64 one under QEMU because this machine has no arm64 CPU; on GitHub each runs at once on a runner of its own architecture.',
      '',
      '| Job | Emulated | Load average at start | Wall time | Build | First probe |',
      '| --- | --- | --- | --- | --- | --- |',
      '| platform job linux/amd64 | no | 2.5 | 44.3 | 30.1 | 1.20 |',
      '| platform job linux/arm64 | yes (QEMU, standing in for a native runner) | 3.0 | 188.1 | 170.2 | 5.50 |',
      '| merge | - | 3.1 | 0.8 | - | - |',
      '',
      // 44.33 + 188.1 = 232.43 s added up; split: the native job 44.33 s + the merge 0.84 s = 45.17 s; 232.43 / 45.17 = 5.15.
      'The same work in one job, one platform after the other, is about the platform jobs added up: 232.4 s. Split, the workflow waits for its slowest platform job, then the merge: on native runners, if the arm runner builds as fast as the amd64 one did here (44.3 s), about 45.2 s, 5.1 times less wall time; the merge itself takes 0.8 s. The one-job run above is the same path measured whole; compare it with these only at a similar load average.',
      '',
    ]);
  });

  it('names a platform-less build the engine, and a job with no load figure "?"', () => {
    const engineOnly = {
      ...figures,
      cold: { seconds: 10, platforms: [platform('', false, 5, 0.5, 30)] },
      load: { cold: '1.0', warm: '1.0', merge: '1.0' },
    };
    const lines = platformsReport(engineOnly).split('\n');
    expect(lines).toContain('| engine | no | 5.0 | 2.1 | 0.50 | 1.10 | 30 |');
    expect(lines).toContain('| platform job linux/amd64 | no | ? | 44.3 | 30.1 | 1.20 |');
  });
});
