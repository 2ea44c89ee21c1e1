import { describe, expect, it } from 'vitest';
import { computeTags, type TagRequest } from '../../../src/core/tags.js';
import { allowedWorkers, defaultWorker, supportedVersions } from '../../../src/core/versions.js';

// The worker defaults to the version's own (docker/versions.json), which generated tags do not name.
const request = (overrides: Partial<TagRequest> = {}): TagRequest => ({
  pythonVersion: '3.12',
  variant: 'debian',
  worker: defaultWorker(overrides.pythonVersion ?? '3.12'),
  date: '2026-11-21',
  latest: true,
  extraTags: [],
  ...overrides,
});

describe('computeTags', () => {
  it('puts the dated tag first, the version tag next and latest last', () => {
    expect(computeTags(request())).toEqual(['python3.12-2026-11-21', 'python3.12', 'latest']);
  });

  it.each([
    ['debian', ['python3.11-2026-01-02', 'python3.11']],
    ['slim', ['python3.11-slim-2026-01-02', 'python3.11-slim']],
    ['alpine', ['python3.11-alpine-2026-01-02', 'python3.11-alpine']],
  ] as const)('names the %s variant in the tags', (variant, expected) => {
    expect(computeTags(request({ pythonVersion: '3.11', variant, date: '2026-01-02', latest: false }))).toEqual(expected);
  });

  it('puts extra tags between the version tag and latest, in the order given', () => {
    expect(computeTags(request({ variant: 'slim', extraTags: ['stable', 'v2', 'edge'] }))).toEqual([
      'python3.12-slim-2026-11-21',
      'python3.12-slim',
      'stable',
      'v2',
      'edge',
      'latest',
    ]);
  });

  it('leaves latest out when not asked for', () => {
    expect(computeTags(request({ latest: false, extraTags: ['stable'] }))).toEqual(['python3.12-2026-11-21', 'python3.12', 'stable']);
  });

  it('drops duplicates, keeping the first place', () => {
    expect(computeTags(request({ latest: false, extraTags: ['python3.12', 'stable', 'stable', 'python3.12-2026-11-21'] }))).toEqual([
      'python3.12-2026-11-21',
      'python3.12',
      'stable',
    ]);
  });

  // BUG-3 (src/core/tags.ts computeTags): with `tags: latest, stable` and latest true, the Set keeps the first
  // `latest`, so it is pushed before `stable` and a push failing on `stable` has already moved `latest`.
  it('keeps latest last when it is also given as an extra tag [BUG-3]', () => {
    expect(computeTags(request({ extraTags: ['latest', 'stable'] }))).toEqual(['python3.12-2026-11-21', 'python3.12', 'stable', 'latest']);
  });

  // A matrix over workers must not push different images to the same tags.
  it.each(supportedVersions())('leaves the default worker of Python %s (docker/versions.json) out of the tags', (pythonVersion) => {
    expect(computeTags(request({ pythonVersion, variant: 'slim', latest: false }))).toEqual([
      `python${pythonVersion}-slim-2026-11-21`,
      `python${pythonVersion}-slim`,
    ]);
  });

  it.each(
    supportedVersions().flatMap((version) =>
      allowedWorkers(version)
        .filter((worker) => worker !== defaultWorker(version))
        .map((worker) => [version, worker] as const),
    ),
  )('names the worker in every generated tag of Python %s when it is %s, not the default', (pythonVersion, worker) => {
    expect(computeTags(request({ pythonVersion, variant: 'alpine', worker, extraTags: ['stable'] }))).toEqual([
      `python${pythonVersion}-alpine-${worker}-2026-11-21`,
      `python${pythonVersion}-alpine-${worker}`,
      'stable',
      'latest',
    ]);
  });

  it('gives two workers of one version and variant no generated tag in common', () => {
    const [one, two] = allowedWorkers('3.12')
      .slice(0, 2)
      .map((worker) => computeTags(request({ worker, latest: false })));
    expect(one!.filter((tag) => two!.includes(tag))).toEqual([]);
  });

  // Same-day rebuilds and re-runs overwrite the dated tag; the immutable tag they never overwrite.
  it('leads with the immutable tag (date, run number, attempt) when asked, keeping dated first and latest last', () => {
    expect(computeTags(request({ variant: 'slim', extraTags: ['stable'], run: { number: '42', attempt: '2' } }))).toEqual([
      'python3.12-slim-2026-11-21-run42.2',
      'python3.12-slim-2026-11-21',
      'python3.12-slim',
      'stable',
      'latest',
    ]);
  });

  it('gives every run and every attempt its own immutable tag on the same day', () => {
    const first = (number: string, attempt: string) => computeTags(request({ run: { number, attempt } }))[0];
    expect(new Set([first('41', '1'), first('42', '1'), first('42', '2')]).size).toBe(3);
  });
});
