import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTarIndex } from '../../../src/adapters/image-upload.js';

let dir: string;
const LONG = `blobs/sha256/${'d'.repeat(64)}/${'n'.repeat(60)}`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-test-'));
  const root = path.join(dir, 'root');
  fs.mkdirSync(path.join(root, path.dirname(LONG)), { recursive: true });
  fs.writeFileSync(path.join(root, 'manifest.json'), '[{"Config":"c.json"}]');
  fs.writeFileSync(path.join(root, LONG), 'long name');
  // A size that is not a multiple of 512, then a link to it, as docker save writes a shared layer.
  fs.mkdirSync(path.join(root, 'layer2'));
  fs.writeFileSync(path.join(root, 'layer1.tar'), Buffer.alloc(1300, 7));
  fs.symlinkSync('../layer1.tar', path.join(root, 'layer2', 'layer.tar'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readTarIndex', () => {
  it.each(['gnu', 'pax', 'ustar'])('reads members of a %s archive by name, long names and links included', (format) => {
    const file = path.join(dir, `${format}.tar`);
    const members = format === 'ustar' ? ['manifest.json', 'layer1.tar', 'layer2'] : ['manifest.json', 'layer1.tar', 'layer2', 'blobs'];
    execFileSync('tar', [`--format=${format}`, '-cf', file, '-C', path.join(dir, 'root'), ...members]);
    const archive = readTarIndex(file);
    expect(archive.read('manifest.json').toString()).toBe('[{"Config":"c.json"}]');
    expect(archive.read('./layer1.tar')).toEqual(Buffer.alloc(1300, 7));
    expect(archive.read('layer2/layer.tar')).toEqual(Buffer.alloc(1300, 7));
    if (format !== 'ustar') expect(archive.read(LONG).toString()).toBe('long name');
    expect(() => archive.read('missing.json')).toThrow('docker save wrote no missing.json.');
  });
});
