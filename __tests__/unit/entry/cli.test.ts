import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/entry/cli-flags.js';
import { InputError } from '../../../src/core/settings.js';

function problem(args: string[]): string {
  try {
    parseCommandLine(args);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`parseCommandLine accepted ${JSON.stringify(args)}`);
}

describe('the package index on the command line', () => {
  const secret = 'https://ci:s3cr3t@pypi.example.com/simple/';

  it('refuses a URL with a user or password as a flag, naming the variable and never the value', () => {
    for (const url of [secret, 'https://token@pypi.example.com/simple/']) {
      let message = '';
      try {
        parseCommandLine(['--python-version', '3.11', `--pip-index-url=${url}`]);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(
        '--pip-index-url: the URL carries a user or password, which the command line shows to ps and keeps in shell history; give it in the environment variable FLASK_GUNICORN_PIP_INDEX_URL instead.',
      );
    }
  });

  it('takes the URL from FLASK_GUNICORN_PIP_INDEX_URL, a flag without credentials as before, and not both', () => {
    expect(parseCommandLine(['--python-version', '3.11'], { FLASK_GUNICORN_PIP_INDEX_URL: secret }).inputs['pip-index-url']).toBe(secret);
    expect(parseCommandLine(['--pip-index-url', 'http://127.0.0.1:8080/simple/'], {}).inputs['pip-index-url']).toBe('http://127.0.0.1:8080/simple/');
    expect(parseCommandLine(['--python-version', '3.11'], {}).inputs['pip-index-url']).toBeUndefined();
    expect(() => parseCommandLine(['--pip-index-url', 'http://127.0.0.1:8080/simple/'], { FLASK_GUNICORN_PIP_INDEX_URL: secret })).toThrow(
      /both given/,
    );
  });
});

describe('parseCommandLine', () => {
  it('reads --name value pairs', () => {
    expect(parseCommandLine(['--python-version', '3.11', '--app', './web']).inputs).toEqual({ 'python-version': '3.11', app: './web' });
  });

  it('reads --name=value, keeping any further = and newlines in the value', () => {
    expect(parseCommandLine(['--build-args=A=1\nB=x=y', '--probe-body=^ok$', '--date=']).inputs).toEqual({
      'build-args': 'A=1\nB=x=y',
      'probe-body': '^ok$',
      date: '',
    });
  });

  it('takes a value that starts with dashes as given', () => {
    expect(parseCommandLine(['--tags', '--weird']).inputs).toEqual({ tags: '--weird' });
  });

  it('lets a later flag override an earlier one', () => {
    expect(parseCommandLine(['--variant', 'slim', '--variant=alpine']).inputs).toEqual({ variant: 'alpine' });
  });

  it('reads nothing from no flags', () => {
    expect(parseCommandLine([]).inputs).toEqual({});
  });

  it.each([['--colour', 'red'], ['--Python-Version', '3.12'], ['-p', '3.12'], ['3.12'], ['--']])(
    'rejects the unknown flag in %j with the usage',
    (...args) => {
      const message = problem(args);
      expect(message.split('\n')[0]).toBe(`${args[0]}: not a known flag.`);
      expect(message).toContain('Usage: node dist/cli.js');
      expect(message).toContain('--python-version --variant --app');
    },
  );

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

describe('parseCommandLine --json', () => {
  it('reads --json alone as the last line on stdout, and is no input', () => {
    expect(parseCommandLine(['--json', '--python-version', '3.11'])).toEqual({ inputs: { 'python-version': '3.11' }, json: { to: 'stdout' } });
  });

  it('reads --json=FILE as a file to write', () => {
    expect(parseCommandLine(['--python-version=3.11', '--json=/tmp/result.json']).json).toEqual({ to: 'file', path: '/tmp/result.json' });
  });

  it('has no json target without the flag', () => {
    expect(parseCommandLine(['--python-version', '3.11']).json).toBeUndefined();
  });

  it('leaves a value that reads "--json" to the flag before it', () => {
    expect(parseCommandLine(['--tags', '--json'])).toEqual({ inputs: { tags: '--json' } });
  });

  it('asks for a file name after --json=', () => {
    expect(problem(['--json='])).toBe('--json=: expected a file name after =, e.g. --json=result.json; --json alone prints the result on stdout.');
  });

  it('names --json in the usage', () => {
    expect(problem(['--jsn'])).toContain(
      '--json prints the result as one JSON object, the last line on stdout; --json=FILE writes it to FILE instead.',
    );
  });
});
