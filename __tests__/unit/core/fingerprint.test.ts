/** The build fingerprint's pure rules: its labels, the inputs part, and which parts count as changed. */
import { describe, expect, it } from 'vitest';
import {
  basePart,
  changedParts,
  describeChange,
  describeParts,
  filesDigest,
  fingerprintLabels,
  inputsPart,
  readFingerprint,
  UNRESOLVED_BASE,
  type Fingerprint,
} from '../../../src/core/fingerprint.js';
import { makeSettings } from '../fixtures.js';

const digest = (char: string): string => `sha256:${char.repeat(64)}`;
const fingerprint: Fingerprint = {
  base: `python:3.12-slim@${digest('a')}`,
  app: digest('b'),
  docker: digest('c'),
  inputs: digest('d'),
  action: `0.1.0+${digest('e')}`,
};

describe('labels', () => {
  it('records one label per part under the product name, and reads them back', () => {
    const labels = fingerprintLabels(fingerprint);
    expect(Object.keys(labels)).toEqual([
      'flask-gunicorn-action.fingerprint.base',
      'flask-gunicorn-action.fingerprint.app',
      'flask-gunicorn-action.fingerprint.docker',
      'flask-gunicorn-action.fingerprint.inputs',
      'flask-gunicorn-action.fingerprint.action',
    ]);
    expect(readFingerprint({ ...labels, 'org.opencontainers.image.created': 'now' })).toEqual(fingerprint);
  });

  it('reads a part the labels lack as empty', () => {
    expect(readFingerprint({})).toEqual({ base: '', app: '', docker: '', inputs: '', action: '' });
  });

  it('names the base by reference and digest, or unresolved without a digest', () => {
    expect(basePart('python:3.12-slim', digest('a'))).toBe(`python:3.12-slim@${digest('a')}`);
    expect(basePart('python:3.12-slim', '')).toBe(UNRESOLVED_BASE);
  });
});

describe('changedParts', () => {
  it('finds nothing changed when every part is the same', () => {
    expect(changedParts(fingerprint, { ...fingerprint })).toEqual([]);
  });

  it.each(['base', 'app', 'docker', 'inputs', 'action'] as const)('finds the %s part changed, alone', (part) => {
    const wanted = { ...fingerprint, [part]: `${fingerprint[part]}x` };
    expect(changedParts(fingerprint, wanted)).toEqual([{ part, held: fingerprint[part], wanted: wanted[part] }]);
  });

  it('counts an unresolved base as changed, even when the held image records unresolved too', () => {
    const unresolved = { ...fingerprint, base: UNRESOLVED_BASE };
    expect(changedParts(unresolved, unresolved).map((change) => change.part)).toEqual(['base']);
    expect(changedParts(fingerprint, unresolved).map((change) => change.part)).toEqual(['base']);
  });

  it('counts every part as changed on an image built without a fingerprint', () => {
    expect(changedParts(readFingerprint({}), fingerprint)).toHaveLength(5);
  });

  it('says which part changed with both values, digests shortened', () => {
    const [change] = changedParts(fingerprint, { ...fingerprint, base: `python:3.12-slim@${digest('f')}` });
    expect(describeChange(change!)).toBe('the base image (base): python:3.12-slim@sha256:aaaaaaaaaaaa → python:3.12-slim@sha256:ffffffffffff');
    const [missing] = changedParts(readFingerprint({}), fingerprint);
    expect(describeChange(missing!)).toBe('the base image (base): none recorded → python:3.12-slim@sha256:aaaaaaaaaaaa');
  });

  it('lists every part compared for the notice of a skipped run', () => {
    expect(describeParts(fingerprint)).toBe(
      'base python:3.12-slim@sha256:aaaaaaaaaaaa, app sha256:bbbbbbbbbbbb, docker sha256:cccccccccccc, inputs sha256:dddddddddddd, action 0.1.0+sha256:eeeeeeeeeeee',
    );
  });
});

describe('inputsPart', () => {
  const settings = makeSettings({ buildArgs: { B: '2', A: '1' } });

  it('is the same for the same inputs, whatever the order of the build arguments', () => {
    expect(inputsPart(settings, '')).toBe(inputsPart(makeSettings({ buildArgs: { A: '1', B: '2' } }), ''));
  });

  it.each([
    ['python-version', { pythonVersion: '3.11' }],
    ['variant', { variant: 'slim' as const }],
    ['worker', { worker: 'gthread' as const }],
    ['base-image', { baseImage: 'mirror.example.com/library/' }],
    ['build-args', { buildArgs: { A: '1', B: '3' } }],
    ['app-module', { appModule: 'web:app' }],
    ['tags', { extraTags: ['stable'] }],
    ['latest', { latest: false }],
    ['immutable-tag', { immutableTag: true }],
  ])('changes with %s', (_name, overrides) => {
    expect(inputsPart(makeSettings({ buildArgs: { A: '1', B: '2' }, ...overrides }), '')).not.toBe(inputsPart(settings, ''));
  });

  it('changes with the platform', () => {
    expect(inputsPart(settings, 'linux/arm64')).not.toBe(inputsPart(settings, 'linux/amd64'));
  });

  it('does not change with what changes every run, nor with the package index (which may hold a token)', () => {
    const other = makeSettings({
      buildArgs: { A: '1', B: '2' },
      date: '2030-01-01',
      pipIndexUrl: 'https://u:t@pypi.example.com/simple/',
      probePath: '/health',
    });
    expect(inputsPart(other, '')).toBe(inputsPart(settings, ''));
  });
});

describe('filesDigest', () => {
  const files = [
    { path: 'b.py', kind: 'file' as const, digest: digest('1') },
    { path: 'a.py', kind: 'file' as const, digest: digest('2') },
  ];

  it('does not depend on the order the files were read in', () => {
    expect(filesDigest(files)).toBe(filesDigest([...files].reverse()));
  });

  it('changes with a file content, a name or the executable bit', () => {
    const base = filesDigest(files);
    expect(filesDigest([files[0]!, { ...files[1]!, digest: digest('3') }])).not.toBe(base);
    expect(filesDigest([files[0]!, { ...files[1]!, path: 'c.py' }])).not.toBe(base);
    expect(filesDigest([files[0]!, { ...files[1]!, kind: 'executable' }])).not.toBe(base);
  });
});
