import { describe, expect, it } from 'vitest';
import { hasCredentials, PipIndexError, pipIndex, requireSecretSupport, withoutSecretMounts } from '../../src/pip-index.js';

describe('pipIndex', () => {
  it('passes nothing for PyPI', () => {
    expect(pipIndex('')).toEqual({ kind: 'default' });
  });

  it('passes an index without credentials as build arguments, trusting a plain-HTTP host', () => {
    expect(pipIndex('http://127.0.0.1:8080/simple/')).toEqual({
      kind: 'build-args',
      args: { PIP_INDEX_URL: 'http://127.0.0.1:8080/simple/', PIP_TRUSTED_HOST: '127.0.0.1' },
    });
    expect(pipIndex('https://pypi.example.com/simple/')).toEqual({ kind: 'build-args', args: { PIP_INDEX_URL: 'https://pypi.example.com/simple/' } });
  });

  it('turns an index with a user or a password into a pip.conf, the URL kept as written (pip decodes its escapes)', () => {
    expect(pipIndex('https://ci:t%40k%2Fen@pypi.example.com/simple/')).toEqual({
      kind: 'secret',
      config: '[global]\nindex-url = https://ci:t%40k%2Fen@pypi.example.com/simple/\n',
    });
    expect(pipIndex('http://token@10.0.0.1/simple/')).toEqual({
      kind: 'secret',
      config: '[global]\nindex-url = http://token@10.0.0.1/simple/\ntrusted-host = 10.0.0.1\n',
    });
  });

  it('says which URLs carry credentials', () => {
    expect(hasCredentials('')).toBe(false);
    expect(hasCredentials('https://pypi.example.com/simple/')).toBe(false);
    expect(hasCredentials('https://user@pypi.example.com/simple/')).toBe(true);
    expect(hasCredentials('https://:pw@pypi.example.com/simple/')).toBe(true);
  });
});

describe('requireSecretSupport', () => {
  const classic = { kind: 'classic', reason: 'no buildx plugin in this docker CLI' } as const;
  it('refuses a secret on the classic builder, naming the input, the reason and the fix', () => {
    expect(() => requireSecretSupport(pipIndex('https://u:p@x.example/simple/'), classic)).toThrow(PipIndexError);
    expect(() => requireSecretSupport(pipIndex('https://u:p@x.example/simple/'), classic)).toThrow(
      /^pip-index-url: the URL carries credentials, and the classic builder \(no buildx plugin in this docker CLI\) has no build secrets.*builder: auto or buildx/,
    );
  });

  it('accepts a secret on buildx, and anything without one on either builder', () => {
    expect(() => requireSecretSupport(pipIndex('https://u:p@x.example/simple/'), { kind: 'buildx', name: 'default' })).not.toThrow();
    expect(() => requireSecretSupport(pipIndex('https://x.example/simple/'), classic)).not.toThrow();
    expect(() => requireSecretSupport(pipIndex(''), classic)).not.toThrow();
  });
});

describe('withoutSecretMounts', () => {
  it('drops only the secret mount flags of RUN lines, keeping continuations and every other line', () => {
    const dockerfile = [
      'FROM python',
      '# RUN --mount=type=secret,id=x in a comment stays',
      'RUN --mount=type=secret,id=pip-config,target=/etc/pip.conf,required=false \\',
      '    set -eu; pip install flask',
      'run --mount=type=secret,id=pip-config,target=/etc/pip.conf pip install gunicorn',
      'RUN --mount=type=cache,target=/root/.cache pip install x',
      '',
    ].join('\n');
    expect(withoutSecretMounts(dockerfile)).toBe(
      [
        'FROM python',
        '# RUN --mount=type=secret,id=x in a comment stays',
        'RUN \\',
        '    set -eu; pip install flask',
        'run pip install gunicorn',
        'RUN --mount=type=cache,target=/root/.cache pip install x',
        '',
      ].join('\n'),
    );
  });
});
