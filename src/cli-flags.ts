// Command-line flags → the same raw inputs the action reads from its runner.
import { INPUT_NAMES } from './input-helper.js';
import { InputError } from './settings.js';

export const USAGE = `Usage: node dist/cli.js --python-version 3.12 [--variant slim] [--app ./path] [--image repo --push true ...]
Every input of action.yml is a flag of the same name: ${INPUT_NAMES.map((name) => `--${name}`).join(' ')}
The password is read from the REGISTRY_PASSWORD environment variable, never from a flag.`;

export function parseFlags(argv: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !(INPUT_NAMES as readonly string[]).includes(match[1]!) || match[1] === 'password') {
      // Name the flag only: its value may be a secret typed in the wrong place.
      const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
      throw new InputError([`${name}: not a known flag.\n${USAGE}`]);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new InputError([`${arg}: needs a value.`]);
    raw[match[1]!] = value;
  }
  return raw;
}
