// Inputs → validated settings. Pure: no Docker, no network, no files (the app folder's facts come
// in from app-folder.ts); every problem is found before any work starts, and each error names the
// input, the value and what is accepted. Each concern's rules live in settings/, one module each.
import type { AppFolder, Environment, Settings } from './settings/types.js';
import { parseApp } from './settings/app.js';
import { parseBuild } from './settings/build.js';
import { InputReader } from './settings/input-reader.js';
import { parseMode } from './settings/mode.js';
import { parseProbe } from './settings/probe.js';
import { parsePush } from './settings/push.js';
import { parseSupplyChain } from './settings/supply-chain.js';
import { parseTags } from './settings/tags.js';
import { parseVersion } from './settings/version.js';
import { withholdFromUntrustedCode } from './foreign-code.js';

// Kept importable from here, where callers have always found them.
export type { AppFolder, Environment, Network, Settings } from './settings/types.js';
export { redactUrl, urlCredentials } from './pip-index.js';

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs need fixing:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InputError';
  }
}

/**
 * Reads every input, concern by concern, and throws one InputError listing every problem found.
 * `app` holds the facts about the `app` input's folder: inspectApp(env.workspace, raw.app).
 */
export function parseSettings(raw: Record<string, string | undefined>, env: Environment, app?: AppFolder): Settings {
  const input = new InputReader(raw);
  const version = parseVersion(input);
  const build = parseBuild(input, env, version);
  const rest = {
    ...version,
    ...parseApp(input, app, env),
    ...parsePush(input, env),
    ...parseTags(input),
    ...build,
    ...parseSupplyChain(input, build.builder),
    ...parseProbe(input),
    githubToken: input.get('github-token'),
    notices: input.notices,
  };
  // The mode's rules look at the platforms and the push, read above.
  const settings: Settings = { ...rest, ...parseMode(input, rest) };
  if (input.problems.length > 0) throw new InputError(input.problems);
  return withholdFromUntrustedCode(settings);
}
