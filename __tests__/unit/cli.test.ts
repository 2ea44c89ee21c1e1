import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src/cli-flags.js';
import { InputError } from '../../src/settings.js';

function problem(args: string[]): string {
  try {
    parseFlags(args);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`parseFlags accepted ${JSON.stringify(args)}`);
}

describe('parseFlags', () => {
  it('reads --name value pairs', () => {
    expect(parseFlags(['--python-version', '3.11', '--app', './web'])).toEqual({ 'python-version': '3.11', app: './web' });
  });

  it('reads --name=value, keeping any further = and newlines in the value', () => {
    expect(parseFlags(['--build-args=A=1\nB=x=y', '--probe-body=^ok$', '--date='])).toEqual({
      'build-args': 'A=1\nB=x=y',
      'probe-body': '^ok$',
      date: '',
    });
  });

  it('takes a value that starts with dashes as given', () => {
    expect(parseFlags(['--tags', '--weird'])).toEqual({ tags: '--weird' });
  });

  it('lets a later flag override an earlier one', () => {
    expect(parseFlags(['--variant', 'slim', '--variant=alpine'])).toEqual({ variant: 'alpine' });
  });

  it('reads nothing from no flags', () => {
    expect(parseFlags([])).toEqual({});
  });

  it.each([['--colour', 'red'], ['--Python-Version', '3.12'], ['-p', '3.12'], ['3.12'], ['--']])('rejects the unknown flag in %j with the usage', (...args) => {
    const message = problem(args);
    expect(message.split('\n')[0]).toBe(`${args[0]}: not a known flag.`);
    expect(message).toContain('Usage: node dist/cli.js');
    expect(message).toContain('--python-version --variant --app');
  });

  it.each([['--password', 'hunter2'], ['--password=hunter2']])('refuses the password as a flag: %j', (...args) => {
    const message = problem(args);
    expect(message.split('\n')[0]).toBe('--password: not a known flag.');
    expect(message).toContain('The password is read from the REGISTRY_PASSWORD environment variable, never from a flag.');
  });

  it('does not echo a password given as --password=... [BUG-5]', () => {
    expect(problem(['--password=hunter2'])).not.toContain('hunter2');
  });

  it('asks for the value of a last flag given without one', () => {
    expect(problem(['--python-version', '3.12', '--image'])).toBe('--image: needs a value.');
  });
});
