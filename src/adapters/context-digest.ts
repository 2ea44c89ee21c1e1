// Reads folders for the build fingerprint (fingerprint.ts): the digest of a build context as Docker
// sends it (the same .dockerignore rule as dockerignore.ts, links as links), and the action's version.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextFilter } from '../core/dockerignore.js';
import { filesDigest, sha256 } from '../core/fingerprint.js';

type Entry = Parameters<typeof filesDigest>[0][number];

/**
 * The digest of the files a build context sends: every file, link and folder under `dir` that its
 * .dockerignore keeps, with its content (a link's target) and whether it is executable, which COPY keeps.
 * `dockerignore` is that file's text when the caller has read it already ('' for none).
 */
export function contextDigest(dir: string, dockerignore = readDockerignore(dir)): string {
  const ignored = contextFilter(dockerignore);
  const entries: Entry[] = [];
  const walk = (relative: string): void => {
    for (const item of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = relative === '' ? item.name : `${relative}/${item.name}`;
      const full = path.join(dir, name);
      // A folder is walked even when excluded: a later `!` line may put a file inside it back.
      if (item.isDirectory()) {
        if (ignored(name) === undefined) entries.push({ path: `${name}/`, kind: 'file', digest: '' });
        walk(name);
        continue;
      }
      if (ignored(name) !== undefined) continue;
      if (item.isSymbolicLink()) entries.push({ path: name, kind: 'link', digest: sha256(fs.readlinkSync(full)) });
      else if (item.isFile())
        entries.push({ path: name, kind: (fs.statSync(full).mode & 0o111) !== 0 ? 'executable' : 'file', digest: sha256(fs.readFileSync(full)) });
    }
  };
  walk('');
  return filesDigest(entries);
}

function readDockerignore(dir: string): string {
  const ignoreFile = path.join(dir, '.dockerignore');
  return fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8') : '';
}

/**
 * The action's version: package.json's version and the digest of the bundle that runs (dist/), so
 * that any change to the action's code counts, whether or not the version was raised.
 */
export function actionVersion(actionRoot: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(actionRoot, 'package.json'), 'utf8')) as { version?: string };
  const dist = path.join(actionRoot, 'dist');
  const bundle = fs.existsSync(dist) ? contextDigest(dist) : 'no-bundle';
  return `${manifest.version ?? '0.0.0'}+${bundle}`;
}
