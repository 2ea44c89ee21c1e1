import { describe, expect, it } from 'vitest';
import { cacheFlags, cacheForBuilder, defaultCache, describeCache, parseCacheInput, specForBuild, type CacheSpec } from '../../../src/core/cache.js';

function parse(name: 'cache-from' | 'cache-to', value: string): { specs: ReturnType<typeof parseCacheInput>; problems: string[] } {
  const problems: string[] = [];
  return { specs: parseCacheInput(name, value, (message) => problems.push(message)), problems };
}

const gha: CacheSpec = {
  type: 'gha',
  attrs: [
    ['scope', 'web'],
    ['mode', 'max'],
  ],
};
const registry: CacheSpec = {
  type: 'registry',
  attrs: [
    ['ref', '127.0.0.1:5000/web:buildcache'],
    ['mode', 'max'],
  ],
};
const local: CacheSpec = { type: 'local', attrs: [['dest', '/tmp/cache/']] };

describe('parseCacheInput', () => {
  it('reads one backend per line in buildx syntax, in order', () => {
    const { specs, problems } = parse('cache-to', 'type=gha,scope=web,mode=max\n\n  type=registry,ref=127.0.0.1:5000/web:buildcache,mode=max  \n');
    expect(problems).toEqual([]);
    expect(specs).toEqual([gha, registry]);
  });

  it('is undefined when empty (the default applies) and "none" when turned off', () => {
    expect(parse('cache-from', ' \n').specs).toBeUndefined();
    expect(parse('cache-from', 'none').specs).toBe('none');
    expect(parse('cache-to', 'NONE').specs).toBe('none');
  });

  it('names the input, the line and what is accepted for each bad line', () => {
    expect(parse('cache-from', 'type=s3,bucket=x').problems).toEqual([
      'cache-from: "type=s3,bucket=x" has type "s3"; use one of type=gha, type=registry, type=local, type=inline.',
    ]);
    expect(parse('cache-from', 'ghcr.io/acme/web:cache').problems[0]).toMatch(/^cache-from: "ghcr.io\/acme\/web:cache" is not a list of key=value/);
    expect(parse('cache-to', 'type=registry,mode=max').problems).toEqual([
      'cache-to: "type=registry,mode=max" needs ref= (e.g. type=registry,ref=ghcr.io/acme/web:buildcache).',
    ]);
    expect(parse('cache-to', 'type=local,src=/tmp/c').problems[0]).toMatch(/needs dest=/);
    expect(parse('cache-from', 'type=local,dest=/tmp/c').problems[0]).toMatch(/needs src=/);
    expect(parse('cache-from', 'type=inline').problems[0]).toMatch(/type=inline is for cache-to/);
    expect(parse('cache-to', 'type=registry,ref="a,b"').problems[0]).toMatch(/quotes are not accepted/);
  });
});

describe('each build has its own part of the cache', () => {
  it('suffixes the gha scope, the registry tag and the local folder', () => {
    expect(specForBuild(gha, 'base')).toBe('type=gha,scope=web-base,mode=max');
    expect(specForBuild(registry, 'app')).toBe('type=registry,ref=127.0.0.1:5000/web:buildcache-app,mode=max');
    expect(specForBuild(local, 'base')).toBe('type=local,dest=/tmp/cache/base');
  });

  it('gives a gha cache without scope one per build, and a registry ref without tag latest-PART, a port not taken for a tag', () => {
    expect(specForBuild({ type: 'gha', attrs: [] }, 'app')).toBe('type=gha,scope=buildkit-app');
    expect(specForBuild({ type: 'registry', attrs: [['ref', '127.0.0.1:5000/web']] }, 'base')).toBe(
      'type=registry,ref=127.0.0.1:5000/web:latest-base',
    );
  });

  it('leaves inline alone', () => {
    expect(specForBuild({ type: 'inline', attrs: [] }, 'app')).toBe('type=inline');
  });

  it('makes --cache-from and --cache-to flags, one per backend', () => {
    expect(cacheFlags([registry], [gha], 'base')).toEqual([
      '--cache-from',
      'type=registry,ref=127.0.0.1:5000/web:buildcache-base,mode=max',
      '--cache-to',
      'type=gha,scope=web-base,mode=max',
    ]);
    expect(cacheFlags([], [], 'app')).toEqual([]);
  });
});

describe('defaultCache', () => {
  it('has a scope per platform for a job that builds one named platform (one platform per runner)', () => {
    expect(defaultCache('3.12', 'slim', 'meinheld', 'linux/arm64').from).toEqual([
      { type: 'gha', attrs: [['scope', 'flask-gunicorn-action-3.12-slim-meinheld-arm64']] },
    ]);
    expect(defaultCache('3.12', 'slim', 'meinheld', 'linux/arm/v7').from[0]!.attrs[0]![1]).toBe('flask-gunicorn-action-3.12-slim-meinheld-armv7');
  });

  it("is GitHub's cache scoped per Python version, variant and worker, written with mode=max", () => {
    expect(defaultCache('3.12', 'slim', 'meinheld')).toEqual({
      from: [{ type: 'gha', attrs: [['scope', 'flask-gunicorn-action-3.12-slim-meinheld']] }],
      to: [
        {
          type: 'gha',
          attrs: [
            ['scope', 'flask-gunicorn-action-3.12-slim-meinheld'],
            ['mode', 'max'],
          ],
        },
      ],
    });
  });
});

describe('cacheForBuilder', () => {
  const wanted = { from: [registry], to: [registry, { type: 'inline', attrs: [] } as CacheSpec] };
  it('keeps everything on buildx', () => {
    expect(cacheForBuilder(wanted, 'buildx')).toEqual({ from: wanted.from, to: wanted.to, dropped: '' });
  });

  it('uses no cache on the classic builder, and says so only when one was wanted', () => {
    expect(cacheForBuilder(wanted, 'classic')).toEqual({ from: [], to: [], dropped: 'the classic builder has no cache backends' });
    expect(cacheForBuilder({ from: [], to: [] }, 'classic').dropped).toBe('');
  });

  it('describes the cache in one line', () => {
    expect(describeCache({ from: [], to: [] })).toBe('none');
    expect(describeCache({ from: [gha], to: [] })).toBe('from type=gha,scope=web,mode=max; to -');
  });
});
