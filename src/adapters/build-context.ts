// The folder sent as the app layer's build context. A checkout's .git must never reach the image:
// actions/checkout writes the job's token into .git/config, and the history may hold files deleted
// for a reason, while `COPY . /app` would bake it all into a layer. When the app folder holds a
// .git (an app at the repository root, a submodule), the context is a copy without it; the user's
// .dockerignore travels with the copy and is honoured as before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRODUCT } from '../core/product.js';

export const CONTEXT_DIR_PREFIX = `${PRODUCT}-context-`;

export interface BuildContext {
  dir: string;
  /** Whether the app folder holds a .git, so that dir is a copy without it. */
  withoutGit: boolean;
  /** Removes the copy, if one was made. */
  dispose: () => void;
}

/** Whether a .git (folder or file) is anywhere under dir; links are not followed, as Docker does not follow them. */
export function holdsGit(dir: string): boolean {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') return true;
    if (entry.isDirectory() && holdsGit(path.join(dir, entry.name))) return true;
  }
  return false;
}

export function appBuildContext(appDir: string, tempRoot: string): BuildContext {
  if (!holdsGit(appDir)) return { dir: appDir, withoutGit: false, dispose: () => undefined };
  const dir = fs.mkdtempSync(path.join(tempRoot, CONTEXT_DIR_PREFIX));
  try {
    fs.cpSync(appDir, dir, {
      recursive: true,
      filter: (source) => path.basename(source) !== '.git',
      // Links stay links with their own targets, as Docker would send them; timestamps keep the layer cache.
      verbatimSymlinks: true,
      preserveTimestamps: true,
    });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not prepare the app's build context without .git (${(error as Error).message}).`, { cause: error });
  }
  return { dir, withoutGit: true, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
