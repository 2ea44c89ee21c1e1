import { describe, expect, it } from 'vitest';
import { makePlan, type Plan, type RunContext } from '../../../src/core/plan.js';
import type { Settings } from '../../../src/core/settings.js';
import {
  buildRows,
  describeAttestations,
  failureRows,
  firstLine,
  passedRows,
  platformRow,
  versionRows,
  type SummaryRow,
  type TestedImage,
} from '../../../src/core/summary.js';
import { makeSettings } from '../fixtures.js';

const BUNDLED = 'FROM ${PYTHON_BASE_IMAGE}\nRUN pip install flask\n';

function settings(overrides: Partial<Settings> = {}): Settings {
  return makeSettings({ variant: 'slim', appDir: '/srv/app', ...overrides });
}

function plan(overrides: Partial<RunContext> = {}, settingsOverrides: Partial<Settings> = {}): Plan {
  return makePlan(settings(settingsOverrides), {
    date: '2026-11-21',
    created: '2026-11-21T10:00:00.000Z',
    sourceUrl: '',
    revision: '',
    jobId: 'job1',
    target: { platform: '', emulated: false, slug: '' },
    builder: { kind: 'classic', reason: 'no buildx plugin in this docker CLI' },
    hostPort: 0,
    hasRequirements: false,
    actionRoot: '/opt/action',
    appContext: '/srv/app',
    bundledDockerfile: BUNDLED,
    cache: { from: [], to: [] },
    baseLayout: '',
    ...overrides,
  });
}

function tested(image: Plan, imageId = 'sha256:' + 'a'.repeat(64)): TestedImage {
  return { plan: image, imageId, probe: { url: 'http://127.0.0.1:8080/', status: 200, seconds: 1.234 }, buildSeconds: 41.6 };
}

const value = (rows: SummaryRow[], label: string): string | undefined => rows.find((row) => row.label === label)?.value;

describe('firstLine', () => {
  it('keeps a message to its first line, and an empty one empty', () => {
    expect(firstLine('docker build failed\nstep 3/7: exit 1')).toBe('docker build failed');
    expect(firstLine('')).toBe('');
  });
});

describe('versionRows and buildRows', () => {
  it('open with Python, variant and worker; buildRows adds base image, builder and cache', () => {
    const given = settings({ pythonVersion: '3.11' });
    expect(versionRows(given).map((row) => row.label)).toEqual(['Python', 'Variant', 'Worker']);
    expect(value(versionRows(given), 'Python')).toBe('3.11');
    const rows = buildRows(given, plan());
    expect(rows.map((row) => row.label)).toEqual(['Python', 'Variant', 'Worker', 'Base image', 'Builder', 'Cache']);
    expect(value(rows, 'Builder')).toBe('classic (no buildx plugin in this docker CLI)');
    expect(value(rows, 'Cache')).toBe('none');
  });
});

describe('platformRow', () => {
  it('names the platform, image, size, build and probe times, and the probe timeout under emulation', () => {
    const arm = plan({ target: { platform: 'linux/arm64', emulated: true, slug: 'linux-arm64' } });
    const row = platformRow(tested(arm, 'sha256:abc'), 123_456_789);
    expect(row.label).toBe('Platform linux/arm64');
    expect(row.value).toBe(
      `sha256:abc, 123.5 MB, built in 42 s, http://127.0.0.1:8080/ → 200 in 1.23 s, emulated (probe timeout ${arm.probe.timeoutSeconds} s)`,
    );
  });

  it('leaves the size out when it is not known', () => {
    expect(platformRow(tested(plan(), 'sha256:abc')).value).toBe('sha256:abc, built in 42 s, http://127.0.0.1:8080/ → 200 in 1.23 s');
  });
});

describe('failureRows', () => {
  it('says where, why (one row per problem), what the run knew, and what the registry got, in that order', () => {
    const rows = failureRows({
      title: 'Flask image: failed',
      stage: 'inputs',
      label: 'Problem',
      problems: ['python-version: 2.7 is not supported', 'worker: nope is not a worker'],
      facts: [{ label: 'Python', value: '3.12' }],
      outcome: { label: 'Pushed', value: 'nothing' },
    });
    expect(rows).toEqual([
      { label: 'Failed at', value: 'inputs' },
      { label: 'Problem', value: 'python-version: 2.7 is not supported' },
      { label: 'Problem', value: 'worker: nope is not a worker' },
      { label: 'Python', value: '3.12' },
      { label: 'Pushed', value: 'nothing' },
    ]);
  });

  it("takes the merge's own outcome row", () => {
    const rows = failureRows({
      title: 'Flask image: merge failed',
      stage: 'push',
      label: 'Problem',
      problems: ['denied'],
      facts: [],
      outcome: { label: 'Tagged', value: 'partly' },
    });
    expect(rows.at(-1)).toEqual({ label: 'Tagged', value: 'partly' });
  });
});

describe('passedRows', () => {
  const run = { tags: ['web:3.12'], reasons: ['no image under web:3.12'], attached: [], signature: '', sizes: [50_000_000] };

  it('one platform: image ID, size and probe rows; nothing pushed says why', () => {
    const rows = passedRows(settings({ image: 'web' }), [tested(plan())], run);
    expect(value(rows, 'Image')).toBe('web');
    expect(value(rows, 'Pushed')).toBe('no (push: false)');
    expect(value(rows, 'Digest')).toBe('-');
    expect(value(rows, 'Size')).toBe('50.0 MB');
    expect(value(rows, 'Probe')).toBe('http://127.0.0.1:8080/ → 200 in 1.23 s');
    expect(value(rows, 'Attestations')).toBe('none');
    expect(value(rows, 'Signature')).toBe('none');
    expect(value(passedRows(settings({ pushSkippedReason: 'a pull request' }), [tested(plan())], run), 'Pushed')).toBe('skipped: a pull request');
  });

  it('several platforms: one row each instead of the single image rows; a push names its tags, digest and signature', () => {
    const amd = plan({ target: { platform: 'linux/amd64', emulated: false, slug: 'linux-amd64' } });
    const arm = plan({ target: { platform: 'linux/arm64', emulated: false, slug: 'linux-arm64' } });
    const signed = settings({ signing: { ...settings().signing, mode: 'keyless' } });
    const rows = passedRows(signed, [tested(amd), tested(arm)], {
      ...run,
      push: { pushed: ['r/web:3.12', 'r/web:latest'], digest: 'sha256:d' },
      signature: 'r/web:sha256-d.sig',
      sizes: [undefined, 2e6],
    });
    expect(value(rows, 'Pushed')).toBe('yes, 2 tags');
    expect(value(rows, 'Digest')).toBe('sha256:d');
    expect(value(rows, 'Signature')).toBe('cosign (keyless) of sha256:d at r/web:sha256-d.sig');
    expect(value(rows, 'Image ID')).toBeUndefined();
    expect(rows.filter((row) => row.label.startsWith('Platform ')).map((row) => row.label)).toEqual(['Platform linux/amd64', 'Platform linux/arm64']);
    expect(value(rows, 'Platform linux/arm64')).toContain(', 2.0 MB,');
  });
});

describe('describeAttestations', () => {
  it('names provenance with its mode and the SBOM', () => {
    expect(describeAttestations({ attestations: { provenance: 'max', sbom: true, sbomGenerator: '' } })).toBe(
      'provenance (mode max) and SBOM (SPDX)',
    );
    expect(describeAttestations({ attestations: { provenance: '', sbom: true, sbomGenerator: '' } })).toBe('SBOM (SPDX)');
  });
});
