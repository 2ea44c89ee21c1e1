import { describe, expect, it } from 'vitest';
import { computeTags, type TagRequest } from '../../src/tags.js';

const request = (overrides: Partial<TagRequest> = {}): TagRequest => ({
  pythonVersion: '3.12',
  variant: 'debian',
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

  // BUG-3 (src/tags.ts computeTags): with `tags: latest, stable` and latest true, the Set keeps the first
  // `latest`, so it is pushed before `stable` and a push failing on `stable` has already moved `latest`.
  it('keeps latest last when it is also given as an extra tag [BUG-3]', () => {
    expect(computeTags(request({ extraTags: ['latest', 'stable'] }))).toEqual(['python3.12-2026-11-21', 'python3.12', 'stable', 'latest']);
  });
});
