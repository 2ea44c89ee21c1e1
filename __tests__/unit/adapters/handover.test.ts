import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHandovers, writeHandover, type Handover } from '../../../src/adapters/handover.js';

const IMAGE = 'ghcr.io/acme/web';
const DIGEST = `sha256:${'a'.repeat(64)}`;
let dir: string;

function handover(platform: string, overrides: Partial<Handover> = {}): Handover {
  return { image: IMAGE, platform, digest: DIGEST, jobId: '1-1-x', job: 'image', runId: '1', date: '2026-11-30', ...overrides };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hand-over files', () => {
  it('are written as ARCH.json and read back from the subfolders download-artifact makes', () => {
    const written = writeHandover(path.join(dir, 'out'), handover('linux/arm/v7'));
    expect(path.basename(written)).toBe('armv7.json');
    fs.mkdirSync(path.join(dir, 'in', 'handover-armv7'), { recursive: true });
    fs.copyFileSync(written, path.join(dir, 'in', 'handover-armv7', 'armv7.json'));
    expect(readHandovers(path.join(dir, 'in'), [], IMAGE)).toEqual({
      members: [{ source: path.join('handover-armv7', 'armv7.json'), digest: DIGEST, claimedPlatform: 'linux/arm/v7', unchanged: false }],
      problems: [],
    });
  });

  it('adds the digests input as members without a claimed platform', () => {
    expect(readHandovers('', [DIGEST], IMAGE).members).toEqual([{ source: 'digests line 1', digest: DIGEST, claimedPlatform: '', unchanged: false }]);
  });

  it('carry the claim of an unchanged platform (rebuild: if-changed), which only a file can make', () => {
    writeHandover(dir, handover('linux/amd64', { unchanged: true }));
    writeHandover(dir, handover('linux/arm64', { digest: `sha256:${'b'.repeat(64)}` }));
    expect(readHandovers(dir, [], IMAGE).members.map((member) => [member.claimedPlatform, member.unchanged])).toEqual([
      ['linux/amd64', true],
      ['linux/arm64', false],
    ]);
  });

  it('says what is wrong with a folder or a file, instead of guessing', () => {
    expect(readHandovers(path.join(dir, 'nope'), [], IMAGE).problems[0]).toMatch(/is not a folder/);
    expect(readHandovers(dir, [], IMAGE).problems[0]).toMatch(/holds no hand-over file/);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{');
    fs.writeFileSync(path.join(dir, 'other.json'), '{"name": "x"}');
    writeHandover(dir, handover('linux/amd64', { image: 'ghcr.io/acme/other' }));
    const { members, problems } = readHandovers(dir, [], IMAGE);
    expect(members).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^amd64.json: hands over an image of ghcr.io\/acme\/other, and this merge is for ghcr.io\/acme\/web\.$/),
      expect.stringMatching(/^broken.json: not a hand-over file \(/),
      'other.json: not a hand-over file of this action (no digest and platform).',
    ]);
  });
});
