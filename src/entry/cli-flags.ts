// Command-line flags → the same raw inputs the action reads from its runner, plus the command
// line's own --json (where the machine-readable result goes: see cli-result.ts).
import { INPUT_NAMES } from '../adapters/input-helper.js';
import { hasCredentials, isHttpUrl } from '../core/pip-index.js';
import { InputError } from '../core/settings.js';

/** Where the command line takes a package index that carries a token: the environment, like the password. */
export const INDEX_URL_ENV = 'FLASK_GUNICORN_PIP_INDEX_URL';

export const USAGE = `Usage: node dist/cli.js --python-version 3.12 [--variant slim] [--app ./path] [--image repo --push true ...] [--json | --json=FILE]
Every input of action.yml is a flag of the same name: ${INPUT_NAMES.map((name) => `--${name}`).join(' ')}
The password is read from the REGISTRY_PASSWORD environment variable, never from a flag.
An index URL with a user, password or token is read from FLASK_GUNICORN_PIP_INDEX_URL (--pip-index-url refuses a user or password).
--json prints the result as one JSON object, the last line on stdout; --json=FILE writes it to FILE instead.`;

/** Where --json sends the result object: stdout (as its last line) or a file. */
export type JsonTarget = { to: 'stdout' } | { to: 'file'; path: string };

export interface CommandLine {
  /** The action's inputs, by input name. */
  inputs: Record<string, string>;
  /** Set when --json was given. */
  json?: JsonTarget;
}

/**
 * `environment` is where secrets come from (process.env): a command line is seen by `ps` and kept in
 * shell history, so an index URL with credentials is refused there and taken from INDEX_URL_ENV.
 */
export function parseCommandLine(argv: string[], environment: Record<string, string | undefined> = {}): CommandLine {
  const inputs: Record<string, string> = {};
  let json: JsonTarget | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // --json takes no separate value, so `--json --image repo` keeps --image a flag.
    if (arg === '--json') {
      json = { to: 'stdout' };
      continue;
    }
    if (arg.startsWith('--json=')) {
      const file = arg.slice('--json='.length);
      if (file === '')
        throw new InputError(['--json=: expected a file name after =, e.g. --json=result.json; --json alone prints the result on stdout.']);
      json = { to: 'file', path: file };
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !(INPUT_NAMES as readonly string[]).includes(match[1]!) || match[1] === 'password') {
      // Name the flag only: its value may be a secret typed in the wrong place.
      const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
      throw new InputError([`${name}: not a known flag.\n${USAGE}`]);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new InputError([`${arg}: needs a value.`]);
    inputs[match[1]!] = value;
  }
  indexFromEnvironment(inputs, environment[INDEX_URL_ENV] ?? '');
  return json ? { inputs, json } : { inputs };
}

function indexFromEnvironment(inputs: Record<string, string>, fromEnvironment: string): void {
  const flag = inputs['pip-index-url'] ?? '';
  // Named, never quoted: the value is the secret typed in the wrong place.
  if (isHttpUrl(flag) && hasCredentials(flag))
    throw new InputError([
      `--pip-index-url: the URL carries a user or password, which the command line shows to ps and keeps in shell history; give it in the environment variable ${INDEX_URL_ENV} instead.`,
    ]);
  if (flag !== '' && fromEnvironment !== '')
    throw new InputError([`--pip-index-url and ${INDEX_URL_ENV} are both given; give the index once (the variable, when its URL carries a token).`]);
  if (fromEnvironment !== '') inputs['pip-index-url'] = fromEnvironment;
}
