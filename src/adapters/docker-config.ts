// The per-run Docker config folder that holds the registry login while pushing: the only
// credential source of `docker login` and `docker push`, and the only folder the post step removes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PRODUCT } from '../core/product.js';

/** Every folder the action makes for a login starts with this; the post step removes nothing else. */
export const CONFIG_DIR_PREFIX = `${PRODUCT}-docker-config-`;

/**
 * The Docker CLI falls back to the machine's credential helper (docker-credential-pass or
 * -secretservice, when on PATH) for a config that names no credentials at all, and the token would
 * then outlive this folder in the machine's keyring. A config that already lists a registry keeps
 * the CLI on this file; `.invalid` is a name reserved never to resolve.
 */
export const ISOLATED_CONFIG = { auths: { [`${PRODUCT}.invalid`]: {} } };

/** RUNNER_TEMP on a runner (emptied after each job), the system temp folder elsewhere. */
export function configRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || os.tmpdir();
}

/** The Docker config folder the user's docker CLI reads: its plugins (buildx) and buildx's builders live there. */
export function userDockerConfig(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/**
 * A fresh folder, readable by this user only, whose config keeps every credential in it. Builds run
 * with it too (so base images are pulled logged in): it names the user's plugin folder, where buildx
 * usually is, as an extra one to search.
 */
export function createDockerConfigDir(root: string = configRoot(), env: NodeJS.ProcessEnv = process.env): string {
  const dir = fs.mkdtempSync(path.join(root, CONFIG_DIR_PREFIX));
  const config = { ...ISOLATED_CONFIG, cliPluginsExtraDirs: [path.join(userDockerConfig(env), 'cli-plugins')] };
  fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return dir;
}

/**
 * Environment for docker commands that use the per-run login: buildx keeps its builders where it
 * would without it (BUILDX_CONFIG), so a builder is found, and removed, the same either way.
 */
export function loginEnv(configDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { DOCKER_CONFIG: configDir, BUILDX_CONFIG: env.BUILDX_CONFIG || path.join(userDockerConfig(env), 'buildx') };
}

/**
 * Why `dir` (read back from saved state, which a step's output can forge) is not a folder this
 * action made, or '' when it is one: a real folder, not a link, directly inside `root`, named with
 * the action's prefix.
 */
export function notOwnConfigDir(dir: string, root: string = configRoot()): string {
  if (!path.isAbsolute(dir)) return 'not an absolute path';
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return 'it does not exist';
  }
  if (stat.isSymbolicLink() || !stat.isDirectory()) return 'not a folder (a link or a file)';
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return `the temp folder ${root} does not exist`;
  }
  const real = fs.realpathSync(dir);
  if (path.dirname(real) !== realRoot || !path.basename(real).startsWith(CONFIG_DIR_PREFIX))
    return `not a ${CONFIG_DIR_PREFIX}* folder directly inside ${root}`;
  return '';
}
