// app-folder.ts reads the real files: what the app folder holds, links resolved, for settings to judge.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectApp } from '../../../src/adapters/app-folder.js';

let root: string;
let workspace: string;

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'app-folder-test-')));
  workspace = path.join(root, 'workspace');
  fs.mkdirSync(path.join(workspace, 'web', 'app'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'web', 'app', 'main.py'), 'app = None\n');
  fs.writeFileSync(path.join(workspace, 'web', 'requirements.txt'), 'flask\n');
  fs.writeFileSync(path.join(workspace, 'web', '.dockerignore'), '*.md\n');
  fs.mkdirSync(path.join(root, 'outside'));
  fs.writeFileSync(path.join(root, 'outside', 'main.py'), 'app = None\n');
  fs.symlinkSync(path.join(root, 'outside'), path.join(workspace, 'linked'));
  fs.writeFileSync(path.join(workspace, 'notes.txt'), 'not a folder\n');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('inspectApp', () => {
  it('has nothing to inspect for an empty input (the bundled demo app)', () => {
    expect(inspectApp(workspace, '')).toBeUndefined();
    expect(inspectApp(workspace, '  ')).toBeUndefined();
    expect(inspectApp(workspace, undefined)).toBeUndefined();
  });

  it('reads what the folder holds, the input trimmed as settings reads it', () => {
    expect(inspectApp(workspace, ' web\n')).toEqual({
      input: 'web',
      resolved: path.join(workspace, 'web'),
      realPath: path.join(workspace, 'web'),
      realWorkspace: workspace,
      isFolder: true,
      hasMain: false,
      hasAppMain: true,
      hasRequirements: true,
      dockerignore: '*.md\n',
    });
  });

  it('follows a link to where it leads, keeping the path as given beside it', () => {
    const linked = inspectApp(workspace, 'linked');
    expect([linked?.resolved, linked?.realPath, linked?.hasMain]).toEqual([path.join(workspace, 'linked'), path.join(root, 'outside'), true]);
  });

  it('reports a missing folder and a file as no folder, with nothing in them', () => {
    for (const input of ['missing', 'notes.txt']) {
      const facts = inspectApp(workspace, input);
      expect(facts?.realPath, input).toBe(path.join(workspace, input));
      expect([facts?.isFolder, facts?.hasMain, facts?.hasAppMain, facts?.hasRequirements, facts?.dockerignore], input).toEqual([
        false,
        false,
        false,
        false,
        undefined,
      ]);
    }
  });
});
