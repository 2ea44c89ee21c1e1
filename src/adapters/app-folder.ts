// What the `app` input's folder holds, read from disk by the caller before parsing, so that
// settings.ts judges these facts without touching files itself (settings/app.ts holds the rules).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppFolder } from '../core/settings/types.js';

export type { AppFolder };

/** The facts about the app folder named by `app`; undefined when it is empty (the bundled demo app is used). */
export function inspectApp(workspace: string, app: string | undefined): AppFolder | undefined {
  const input = (app ?? '').trim();
  if (input === '') return undefined;
  const resolved = path.resolve(workspace, input);
  const folder = realPath(resolved);
  const ignoreFile = path.join(folder, '.dockerignore');
  return {
    input,
    resolved,
    realPath: folder,
    realWorkspace: realPath(workspace),
    isFolder: isDirectory(folder),
    hasMain: isFile(path.join(folder, 'main.py')),
    hasAppMain: isFile(path.join(folder, 'app', 'main.py')),
    hasRequirements: isFile(path.join(folder, 'requirements.txt')),
    dockerignore: isFile(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8') : undefined,
  };
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
