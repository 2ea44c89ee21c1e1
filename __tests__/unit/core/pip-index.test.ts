import { describe, expect, it } from 'vitest';
import { hasCredentials, indexMaskParts, PipIndexError, pipIndex, requireSecretSupport, withoutSecretMounts } from '../../../src/core/pip-index.js';

describe('pipIndex', () => {
  it('passes nothing for PyPI, on either builder', () => {
    expect(pipIndex('', 'buildx')).toEqual({ kind: 'default' });
    expect(pipIndex('', 'classic')).toEqual({ kind: 'default' });
  });

  it('on buildx, sends every index as the pip.conf secret, also one without a user: a token may sit in the path or query', () => {
    expect(pipIndex('https://pypi.example.com/t0ken/simple/', 'buildx')).toEqual({
      kind: 'secret',
      config: '[global]\nindex-url = https://pypi.example.com/t0ken/simple/\n',
    });
    expect(pipIndex('http://127.0.0.1:8080/simple/?key=abc', 'buildx')).toEqual({
      kind: 'secret',
      config: '[global]\nindex-url = http://127.0.0.1:8080/simple/?key=abc\ntrusted-host = 127.0.0.1\n',
    });
  });

  it('on buildx, keeps a user and password as written in the pip.conf (pip decodes its escapes)', () => {
    expect(pipIndex('https://ci:t%40k%2Fen@pypi.example.com/simple/', 'buildx')).toEqual({
      kind: 'secret',
      config: '[global]\nindex-url = https://ci:t%40k%2Fen@pypi.example.com/simple/\n',
    });
    expect(pipIndex('http://token@10.0.0.1/simple/', 'buildx')).toEqual({
      kind: 'secret',
      config: '[global]\nindex-url = http://token@10.0.0.1/simple/\ntrusted-host = 10.0.0.1\n',
    });
  });

  it('on the classic builder, which has no secrets, passes the URL as build arguments, trusting a plain-HTTP host', () => {
    expect(pipIndex('http://127.0.0.1:8080/simple/', 'classic')).toEqual({
      kind: 'build-args',
      args: { PIP_INDEX_URL: 'http://127.0.0.1:8080/simple/', PIP_TRUSTED_HOST: '127.0.0.1' },
    });
    expect(pipIndex('https://pypi.example.com/simple/', 'classic')).toEqual({
      kind: 'build-args',
      args: { PIP_INDEX_URL: 'https://pypi.example.com/simple/' },
    });
  });

  it('says which URLs carry a user or password', () => {
    expect(hasCredentials('')).toBe(false);
    expect(hasCredentials('https://pypi.example.com/simple/')).toBe(false);
    expect(hasCredentials('https://user@pypi.example.com/simple/')).toBe(true);
    expect(hasCredentials('https://:pw@pypi.example.com/simple/')).toBe(true);
  });
});

describe('requireSecretSupport', () => {
  const classic = { kind: 'classic', reason: 'no buildx plugin in this docker CLI' } as const;
  it('refuses a user or password on the classic builder, naming the input, the reason and the fix', () => {
    expect(() => requireSecretSupport('https://u:p@x.example/simple/', classic)).toThrow(PipIndexError);
    expect(() => requireSecretSupport('https://u:p@x.example/simple/', classic)).toThrow(
      /^pip-index-url: the URL carries credentials, and the classic builder \(no buildx plugin in this docker CLI\) has no build secrets.*builder: auto or buildx/,
    );
  });

  it('accepts credentials on buildx, and a URL without a user or password on either builder', () => {
    expect(() => requireSecretSupport('https://u:p@x.example/simple/', { kind: 'buildx', name: 'default' })).not.toThrow();
    expect(() => requireSecretSupport('https://x.example/simple/', classic)).not.toThrow();
    expect(() => requireSecretSupport('', classic)).not.toThrow();
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

describe('indexMaskParts', () => {
  it('masks the root a token in the path puts under every file pip downloads', () => {
    expect(indexMaskParts(new URL('https://pkgs.example.com/tok3n/simple/'))).toEqual(['https://pkgs.example.com/tok3n/']);
    expect(indexMaskParts(new URL('https://pkgs.example.com/tok3n/simple'))).toEqual(['https://pkgs.example.com/tok3n/']);
    expect(indexMaskParts(new URL('https://pkgs.example.com/repository/pypi/'))).toEqual(['https://pkgs.example.com/repository/pypi/']);
  });

  it('masks each query value, and nothing more for a plain index at the root', () => {
    expect(indexMaskParts(new URL('https://pkgs.example.com/simple/?token=abc&x='))).toEqual(['abc']);
    expect(indexMaskParts(new URL('https://pypi.example.org/simple/'))).toEqual([]);
  });
});
