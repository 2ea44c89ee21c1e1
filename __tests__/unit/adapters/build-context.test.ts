// The app's build context never carries a .git (a checkout's token lives in .git/config).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appBuildContext, holdsGit } from '../../../src/adapters/build-context.js';

let work: string;
let temp: string;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'build-context-app-'));
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'build-context-temp-'));
});
afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(temp, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  fs.writeFileSync(path.join(work, file), text);
}

describe('appBuildContext', () => {
  it('sends the app folder itself when it holds no .git', () => {
    write('main.py', 'app = None\n');
    const context = appBuildContext(work, temp);
    expect(context.dir).toBe(work);
    expect(context.withoutGit).toBe(false);
    context.dispose();
    expect(fs.existsSync(path.join(work, 'main.py'))).toBe(true);
  });

  it('sends a copy without any .git (folder or submodule file), keeping links, modes, .dockerignore and times', () => {
    write('main.py', 'app = None\n');
    write('.git/config', '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n');
    write('vendor/lib/.git', 'gitdir: ../../.git/modules/lib\n');
    write('vendor/lib/lib.py', 'x = 1\n');
    write('.dockerignore', 'notes/\n');
    write('prestart.sh', '#!/bin/sh\n');
    fs.chmodSync(path.join(work, 'prestart.sh'), 0o755);
    fs.symlinkSync('main.py', path.join(work, 'link.py'));
    const when = new Date('2024-01-02T03:04:05Z');
    fs.utimesSync(path.join(work, 'main.py'), when, when);
    expect(holdsGit(work)).toBe(true);

    const context = appBuildContext(work, temp);
    expect(path.dirname(context.dir)).toBe(temp);
    expect(context.withoutGit).toBe(true);
    expect(path.basename(context.dir)).toMatch(/^flask-gunicorn-action-context-/);
    const files = (fs.readdirSync(context.dir, { recursive: true }) as string[]).sort();
    expect(files).toEqual(['.dockerignore', 'link.py', 'main.py', 'prestart.sh', 'vendor', 'vendor/lib', 'vendor/lib/lib.py']);
    expect(fs.readlinkSync(path.join(context.dir, 'link.py'))).toBe('main.py');
    expect(fs.statSync(path.join(context.dir, 'prestart.sh')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(context.dir, 'main.py')).mtime).toEqual(when);
    context.dispose();
    expect(fs.existsSync(context.dir)).toBe(false);
    expect(fs.existsSync(path.join(work, '.git', 'config'))).toBe(true);
  });

  it('does not follow a link to look for .git', () => {
    fs.mkdirSync(path.join(temp, 'elsewhere', '.git'), { recursive: true });
    fs.symlinkSync(path.join(temp, 'elsewhere'), path.join(work, 'linked'));
    expect(holdsGit(work)).toBe(false);
  });
});
