// Command-line flags → the same raw inputs the action reads from its runner, plus the command
// line's own --json (where the machine-readable result goes: see cli-result.ts).
import { INPUT_NAMES } from './input-helper.js';
import { InputError } from './settings.js';

export const USAGE = `Usage: node dist/cli.js --python-version 3.12 [--variant slim] [--app ./path] [--image repo --push true ...] [--json | --json=FILE]
Every input of action.yml is a flag of the same name: ${INPUT_NAMES.map((name) => `--${name}`).join(' ')}
The password is read from the REGISTRY_PASSWORD environment variable, never from a flag.
--json prints the result as one JSON object, the last line on stdout; --json=FILE writes it to FILE instead.`;

/** Where --json sends the result object: stdout (as its last line) or a file. */
export type JsonTarget = { to: 'stdout' } | { to: 'file'; path: string };

export interface CommandLine {
  /** The action's inputs, by input name. */
  inputs: Record<string, string>;
  /** Set when --json was given. */
  json?: JsonTarget;
}

export function parseCommandLine(argv: string[]): CommandLine {
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
  return json ? { inputs, json } : { inputs };
}
