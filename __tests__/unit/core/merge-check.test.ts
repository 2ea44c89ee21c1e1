import { describe, expect, it } from 'vitest';
import { checkMerge, heldIndex, indexOf, platformObject, type MemberFacts, type MergeExpectation } from '../../../src/core/merge-check.js';
import type { TestRecord } from '../../../src/core/test-record.js';

const EXPECTED: MergeExpectation = {
  platforms: ['linux/amd64', 'linux/arm64'],
  pythonVersion: '3.12',
  variant: 'slim',
  worker: 'meinheld',
  date: '2026-11-30',
  runId: '42',
};
const DIGEST = { 'linux/amd64': `sha256:${'a'.repeat(64)}`, 'linux/arm64': `sha256:${'b'.repeat(64)}` } as Record<string, string>;
const LABELS = {
  'flask-gunicorn-action.python-version': '3.12',
  'flask-gunicorn-action.variant': 'slim',
  'flask-gunicorn-action.worker': 'meinheld',
  'org.opencontainers.image.base.name': 'python:3.12-slim',
};

function record(platform: string, overrides: Partial<TestRecord> = {}): TestRecord {
  return {
    subject: DIGEST[platform] ?? `sha256:${'c'.repeat(64)}`,
    platform,
    pythonVersion: '3.12',
    variant: 'slim',
    worker: 'meinheld',
    baseImage: 'python:3.12-slim',
    date: '2026-11-30',
    runId: '42',
    runAttempt: '1',
    jobId: `42-1-${platform.split('/')[1]}`,
    job: 'image',
    imageId: 'sha256:id',
    probe: { path: '/', status: 200, seconds: 0.5, passed: true },
    ...overrides,
  };
}

function member(platform: string, overrides: Partial<MemberFacts> = {}): MemberFacts {
  const digest = overrides.digest ?? DIGEST[platform]!;
  return {
    source: `${platform.split('/')[1]}.json`,
    digest,
    claimedPlatform: platform,
    manifest: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1234 },
    platform,
    labels: LABELS,
    records: [record(platform, { subject: digest })],
    unchanged: false,
    ...overrides,
  };
}

function problems(members: MemberFacts[], expected = EXPECTED): string[] {
  const decision = checkMerge(expected, members);
  return decision.ok ? [] : decision.problems;
}

describe('checkMerge', () => {
  it('accepts one tested image per platform, in the order of platforms, and makes the index over them', () => {
    const decision = checkMerge(EXPECTED, [member('linux/arm64'), member('linux/amd64')]);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.members.map((m) => [m.platform, m.digest])).toEqual([
      ['linux/amd64', DIGEST['linux/amd64']],
      ['linux/arm64', DIGEST['linux/arm64']],
    ]);
    expect(JSON.parse(decision.index.toString())).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: DIGEST['linux/amd64'],
          size: 1234,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: DIGEST['linux/arm64'],
          size: 1234,
          platform: { os: 'linux', architecture: 'arm64' },
        },
      ],
    });
  });

  it('gives the same index bytes for the same members, whatever order they came in (a retried merge moves nothing)', () => {
    const first = checkMerge(EXPECTED, [member('linux/amd64'), member('linux/arm64')]);
    const second = checkMerge(EXPECTED, [member('linux/arm64'), member('linux/amd64')]);
    expect(first.ok && second.ok && first.index.equals(second.index)).toBe(true);
  });

  it('accepts a digest given without a claimed platform (the digests input)', () => {
    expect(problems([member('linux/amd64', { claimedPlatform: '' }), member('linux/arm64', { claimedPlatform: '' })])).toEqual([]);
  });

  it('refuses a missing platform: a job that failed or never ran', () => {
    expect(problems([member('linux/amd64')])).toEqual([
      'linux/arm64: no platform job handed over an image for it (did its job fail, or not run?); the merge needs every platform of linux/amd64, linux/arm64.',
    ]);
    expect(problems([])).toHaveLength(2);
  });

  it('refuses a platform handed over twice, with two images', () => {
    const other = `sha256:${'d'.repeat(64)}`;
    const extra = member('linux/amd64', { source: 'amd64-again.json', digest: other });
    expect(problems([member('linux/amd64'), extra, member('linux/arm64')])).toEqual([
      'linux/amd64 was handed over 2 times (amd64.json, amd64-again.json): one image per platform; remove the extra.',
    ]);
  });

  it('refuses the same digest handed over twice', () => {
    const again = member('linux/amd64', { source: 'copy.json' });
    expect(problems([member('linux/amd64'), again, member('linux/arm64')])).toEqual([
      `${DIGEST['linux/amd64']} was handed over more than once (amd64.json, copy.json): each platform job hands over one image.`,
    ]);
  });

  it('refuses a platform that is not one of the platforms input', () => {
    const s390x = member('linux/s390x', {
      digest: `sha256:${'e'.repeat(64)}`,
      records: [record('linux/s390x', { subject: `sha256:${'e'.repeat(64)}` })],
    });
    expect(problems([member('linux/amd64'), member('linux/arm64'), s390x])).toEqual([
      'linux/s390x (s390x.json) is not one of the platforms to merge (linux/amd64, linux/arm64); add it to platforms or leave it out.',
    ]);
  });

  it('refuses a digest the registry does not have, and still counts its claimed platform as handed over', () => {
    const gone = member('linux/arm64', { manifest: undefined, platform: '', labels: {}, records: [] });
    expect(problems([member('linux/amd64'), gone])).toEqual([
      `arm64.json: ${DIGEST['linux/arm64']} is not in the repository: the platform job did not push it there (or it was deleted).`,
    ]);
  });

  it('refuses an index, and a manifest that is no image', () => {
    const list = member('linux/arm64', {
      manifest: { mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', size: 9 },
      platform: '',
    });
    expect(problems([member('linux/amd64'), list])[0]).toMatch(/is an index, not one platform's image/);
    const artifact = member('linux/arm64', { platform: '' });
    expect(problems([member('linux/amd64'), artifact])[0]).toMatch(/is not a container image/);
  });

  it('refuses an image whose platform is not the one claimed', () => {
    const liar = member('linux/arm64', { platform: 'linux/amd64' });
    expect(problems([member('linux/amd64'), liar])).toContain(
      `arm64.json: claims linux/arm64, but ${DIGEST['linux/arm64']} is an image for linux/amd64.`,
    );
  });

  it("refuses an image without this action's labels: not built by a platform job", () => {
    const foreign = member('linux/arm64', { labels: { 'org.opencontainers.image.title': 'x' } });
    expect(problems([member('linux/amd64'), foreign])[0]).toMatch(/carries none of this action's labels/);
  });

  it.each([
    ['flask-gunicorn-action.python-version', '3.11', 'Python 3.11, the merge is for 3.12'],
    ['flask-gunicorn-action.variant', 'debian', 'variant debian, the merge is for slim'],
    ['flask-gunicorn-action.worker', 'gthread', 'worker gthread, the merge is for meinheld'],
  ])('refuses an image labelled %s=%s', (label, value, said) => {
    const off = member('linux/arm64', { labels: { ...LABELS, [label]: value } });
    expect(problems([member('linux/amd64'), off])[0]).toContain(`was built with ${said}.`);
  });

  it('refuses an untested image: no record, a failed one, or one about another digest', () => {
    const message = /has no passing test record: no platform job smoke-tested it/;
    expect(problems([member('linux/amd64'), member('linux/arm64', { records: [] })])[0]).toMatch(message);
    const failed = record('linux/arm64', { probe: { path: '/', status: 500, seconds: 1, passed: false } });
    expect(problems([member('linux/amd64'), member('linux/arm64', { records: [failed] })])[0]).toMatch(message);
    const elsewhere = record('linux/arm64', { subject: `sha256:${'f'.repeat(64)}` });
    expect(problems([member('linux/amd64'), member('linux/arm64', { records: [elsewhere] })])[0]).toMatch(message);
  });

  it('refuses an image tested in another workflow run, naming both runs', () => {
    const old = member('linux/arm64', { records: [record('linux/arm64', { runId: '41' })] });
    expect(problems([member('linux/amd64'), old])).toEqual([
      `arm64.json: ${DIGEST['linux/arm64']} (linux/arm64) was tested in another workflow run (41), not this one (42).`,
    ]);
  });

  it("accepts an image with several records when one of them is this run's and agrees", () => {
    const records = [record('linux/arm64', { runId: '41' }), record('linux/arm64', { date: '2026-11-29' }), record('linux/arm64')];
    expect(problems([member('linux/amd64'), member('linux/arm64', { records })])).toEqual([]);
  });

  it.each([
    [{ platform: 'linux/amd64' }, 'says linux/amd64, the image is linux/arm64'],
    [{ pythonVersion: '3.13' }, 'says Python 3.13, the merge is for 3.12'],
    [{ variant: 'debian' }, 'says variant debian, the merge is for slim'],
    [{ worker: 'gevent' }, 'says worker gevent, the merge is for meinheld'],
    [{ date: '2026-12-01' }, 'has the run date 2026-12-01, the merge 2026-11-30'],
    [{ baseImage: 'mirror/python:3.12-slim' }, "says base image mirror/python:3.12-slim, the image's label python:3.12-slim"],
  ] as [Partial<TestRecord>, string][])('refuses a record that disagrees: %j', (change, said) => {
    const off = member('linux/arm64', { records: [record('linux/arm64', change)] });
    expect(problems([member('linux/amd64'), off])[0]).toContain(`its test record ${said}`);
  });

  it('refuses members built from different base images', () => {
    const labels = { ...LABELS, 'org.opencontainers.image.base.name': 'mirror/python:3.12-slim' };
    const other = member('linux/arm64', { labels, records: [record('linux/arm64', { baseImage: 'mirror/python:3.12-slim' })] });
    expect(problems([member('linux/amd64'), other])).toEqual([
      'the images were built from different base images (linux/amd64: python:3.12-slim, linux/arm64: mirror/python:3.12-slim); give every platform job the same base-image.',
    ]);
  });

  it('lists every problem at once', () => {
    const untested = member('linux/amd64', { records: [] });
    expect(problems([untested])).toHaveLength(2);
  });

  it('outside a workflow, matches records made outside one', () => {
    const local = { ...EXPECTED, runId: '' };
    const members = ['linux/amd64', 'linux/arm64'].map((p) => member(p, { records: [record(p, { runId: '' })] }));
    expect(problems(members, local)).toEqual([]);
    expect(problems([member('linux/amd64'), member('linux/arm64')], local)[0]).toMatch(
      /another workflow run \(42\), not this one \(outside a workflow\)/,
    );
  });
});

describe('checkMerge with unchanged platforms (rebuild: if-changed)', () => {
  const REFERENCE = 'ghcr.io/acme/web:python3.12-slim';
  const INDEX = `sha256:${'9'.repeat(64)}`;
  /** The version tag as the last merge left it: both platforms' images. */
  const HELD = { reference: REFERENCE, digest: INDEX, platforms: { ...DIGEST } };
  const withHeld = { ...EXPECTED, held: HELD };
  /** A platform its job found unchanged: tested, and dated, by the run that built it. */
  const unchanged = (platform: string, overrides: Partial<MemberFacts> = {}): MemberFacts =>
    member(platform, { unchanged: true, records: [record(platform, { runId: '17', date: '2026-11-23' })], ...overrides });

  it('moves nothing when every platform is unchanged and the version tag names exactly those images', () => {
    const decision = checkMerge(withHeld, [unchanged('linux/amd64'), unchanged('linux/arm64')]);
    expect(decision).toMatchObject({ ok: true, unchanged: true });
    if (decision.ok)
      expect(decision.members.map((m) => [m.platform, m.digest, m.unchanged])).toEqual([
        ['linux/amd64', DIGEST['linux/amd64'], true],
        ['linux/arm64', DIGEST['linux/arm64'], true],
      ]);
  });

  it("joins a new platform image with an unchanged one's image from the index, and moves the tags", () => {
    const decision = checkMerge(withHeld, [
      member('linux/amd64', { digest: `sha256:${'c'.repeat(64)}`, records: [record('linux/amd64', { subject: `sha256:${'c'.repeat(64)}` })] }),
      unchanged('linux/arm64'),
    ]);
    expect(decision).toMatchObject({ ok: true, unchanged: false });
    if (!decision.ok) return;
    const index = JSON.parse(decision.index.toString()) as { manifests: { digest: string }[] };
    expect(index.manifests.map((entry) => entry.digest)).toEqual([`sha256:${'c'.repeat(64)}`, DIGEST['linux/arm64']]);
  });

  it('still moves the tags when the index under the version tag also names another platform', () => {
    const held = { ...HELD, platforms: { ...DIGEST, 'linux/arm/v7': `sha256:${'7'.repeat(64)}` } };
    expect(checkMerge({ ...EXPECTED, held }, [unchanged('linux/amd64'), unchanged('linux/arm64')])).toMatchObject({ ok: true, unchanged: false });
  });

  it('refuses an unchanged platform whose image the version tag no longer names, saying what to do', () => {
    const moved = { ...HELD, platforms: { ...DIGEST, 'linux/arm64': `sha256:${'8'.repeat(64)}` } };
    expect(problems([unchanged('linux/amd64'), unchanged('linux/arm64')], { ...EXPECTED, held: moved })).toEqual([
      `arm64.json: says linux/arm64 is unchanged at ${DIGEST['linux/arm64']}, but ${REFERENCE} now names sha256:${'8'.repeat(64)} for it: the image its job compared with is gone; re-run the platform jobs with rebuild: always.`,
    ]);
    const gone = { reference: REFERENCE, digest: '', platforms: {} };
    expect(problems([unchanged('linux/amd64'), member('linux/arm64')], { ...EXPECTED, held: gone })).toEqual([
      `amd64.json: says linux/amd64 is unchanged at ${DIGEST['linux/amd64']}, but ${REFERENCE} is not in the registry: the image its job compared with is gone; re-run the platform jobs with rebuild: always.`,
    ]);
  });

  it('still asks the registry for a passing test record of the unchanged image, from any run', () => {
    expect(problems([unchanged('linux/amd64'), unchanged('linux/arm64', { records: [] })], withHeld)[0]).toMatch(/has no passing test record/);
    const otherPython = record('linux/arm64', { runId: '17', pythonVersion: '3.11' });
    expect(problems([unchanged('linux/amd64'), unchanged('linux/arm64', { records: [otherPython] })], withHeld)[0]).toContain(
      'its test record says Python 3.11, the merge is for 3.12',
    );
  });

  it('never takes an image from another run as new: only the hand-over of an unchanged platform may', () => {
    const old = member('linux/arm64', { records: [record('linux/arm64', { runId: '17', date: '2026-11-23' })] });
    expect(problems([member('linux/amd64'), old], withHeld)[0]).toMatch(/was tested in another workflow run \(17\), not this one \(42\)/);
  });
});

describe('the index under the version tag, as the merge reads it', () => {
  it("names each platform's image, arm64/v8 as the platforms input does, and leaves attestations out", () => {
    const manifests = [
      { mediaType: 'm', size: 1, digest: DIGEST['linux/amd64']!, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: 'm', size: 1, digest: DIGEST['linux/arm64']!, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: 'm', size: 1, digest: `sha256:${'0'.repeat(64)}`, platform: { os: 'unknown', architecture: 'unknown' } },
    ];
    expect(heldIndex('r:t', { digest: 'sha256:x', body: { manifests } })).toEqual({ reference: 'r:t', digest: 'sha256:x', platforms: DIGEST });
  });

  it('names no platform for a missing tag or a single image', () => {
    expect(heldIndex('r:t', undefined)).toEqual({ reference: 'r:t', digest: '', platforms: {} });
    expect(heldIndex('r:t', { digest: 'sha256:x', body: {} })).toEqual({ reference: 'r:t', digest: 'sha256:x', platforms: {} });
  });
});

describe('platforms in the index', () => {
  it('writes a platform as the index spells it', () => {
    expect(platformObject('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(platformObject('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
  });

  it('an index of no members is still an index', () => {
    expect(JSON.parse(indexOf([]).toString())).toEqual({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
  });
});
