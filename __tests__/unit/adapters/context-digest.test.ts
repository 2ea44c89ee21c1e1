import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextDigest } from '../../../src/adapters/context-digest.js';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-digest-'));
  fs.writeFileSync(path.join(dir, 'main.py'), 'app = None\n');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'draft\n');
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('contextDigest', () => {
  it("reads the folder's .dockerignore when not given one, and a given one is the same rule", () => {
    const plain = contextDigest(dir);
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'notes.txt\n');
    const read = contextDigest(dir);
    expect(read).not.toBe(plain);
    // The text the inputs' look at the app folder read: no second read, the same digest.
    expect(contextDigest(dir, 'notes.txt\n')).toBe(read);
    // A file ignored is not part of the digest, one kept is.
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed\n');
    expect(contextDigest(dir, 'notes.txt\n')).toBe(read);
    expect(contextDigest(dir, '')).not.toBe(plain);
  });
});
