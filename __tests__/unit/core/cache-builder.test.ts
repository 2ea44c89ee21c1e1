import { describe, expect, it } from 'vitest';
import { cacheBuilderPlan, createBuilderArgs, isOwnBuilderName, needsOwnBuilder, ownBuilderName } from '../../../src/core/cache-builder.js';
import type { CacheSpec } from '../../../src/core/cache.js';

describe('the builder the action makes to export cache', () => {
  it("is needed only for the engine's own builder on the classic image store", () => {
    expect(needsOwnBuilder('docker', false)).toBe(true);
    expect(needsOwnBuilder('', false)).toBe(true);
    expect(needsOwnBuilder('docker', true)).toBe(false);
    expect(needsOwnBuilder('docker-container', false)).toBe(false);
    expect(needsOwnBuilder('remote', false)).toBe(false);
  });

  it('is a docker-container builder named per job, started at once, on the host network only when network: host was asked for', () => {
    expect(ownBuilderName('4242-1-abcd')).toBe('flask-gunicorn-action-cache-4242-1-abcd');
    expect(createBuilderArgs('flask-gunicorn-action-cache-j', 'host')).toEqual([
      'buildx',
      'create',
      '--name',
      'flask-gunicorn-action-cache-j',
      '--driver',
      'docker-container',
      '--driver-opt',
      'network=host',
      '--buildkitd-flags',
      '--allow-insecure-entitlement=network.host',
      '--bootstrap',
    ]);
    expect(createBuilderArgs('flask-gunicorn-action-cache-j', 'bridge')).toEqual([
      'buildx',
      'create',
      '--name',
      'flask-gunicorn-action-cache-j',
      '--driver',
      'docker-container',
      '--bootstrap',
    ]);
  });

  it('is recognised by its name only when the name is one the action gives', () => {
    expect(isOwnBuilderName(ownBuilderName('4242-1-abcd'))).toBe(true);
    for (const name of [
      'default',
      'flask-gunicorn-action-cache-',
      'flask-gunicorn-action-cache--x',
      'flask-gunicorn-action-cache-a b',
      'x-flask-gunicorn-action-cache-1',
    ])
      expect(isOwnBuilderName(name)).toBe(false);
  });
});

describe('cacheBuilderPlan: what writing the cache asks of the chosen builder', () => {
  const gha: CacheSpec[] = [{ type: 'gha', attrs: [['mode', 'max']] }];
  const inline: CacheSpec[] = [{ type: 'inline', attrs: [] }];
  const engine = { kind: 'buildx', name: 'default' } as const;
  const workflows = (driver: string) => ({ kind: 'buildx', name: 'ci', driver }) as const;

  it.each([
    // [the hosted-runner default or a given cache] x [classic store, containerd store]
    ['the default cache, classic store (Docker 28 on ubuntu-24.04)', false, false, 'make'],
    ['a given cache, classic store', true, false, 'make'],
    ['the default cache, containerd store', false, true, 'keep'],
    ['a given cache, containerd store', true, true, 'keep'],
  ])("on the engine's own builder: %s -> %s", (_name, given, containerd, action) => {
    expect(cacheBuilderPlan(engine, 'docker', containerd, { to: gha, given })).toEqual({ action });
  });

  it('needs nothing when no cache is written, only inline cache, or on the classic builder', () => {
    expect(cacheBuilderPlan(engine, 'docker', false, { to: [], given: false })).toEqual({ action: 'keep' });
    expect(cacheBuilderPlan(engine, 'docker', false, { to: inline, given: true })).toEqual({ action: 'keep' });
    expect(cacheBuilderPlan({ kind: 'classic', reason: 'x' }, '', false, { to: gha, given: false })).toEqual({ action: 'keep' });
  });

  it("keeps a workflow's builder that exports cache, and never replaces one that cannot", () => {
    for (const driver of ['docker-container', 'remote', 'kubernetes'])
      expect(cacheBuilderPlan(workflows(driver), driver, false, { to: gha, given: true })).toEqual({ action: 'keep' });
    expect(cacheBuilderPlan(workflows('docker'), 'docker', true, { to: gha, given: true })).toEqual({ action: 'keep' });
    expect(cacheBuilderPlan(workflows('docker'), 'docker', false, { to: gha, given: false })).toEqual({
      action: 'drop',
      reason:
        'builder ci (docker driver) is on an engine with the classic image store, which cannot export cache; name a docker-container builder to get the default cache',
    });
    expect(() => cacheBuilderPlan(workflows('docker'), 'docker', false, { to: gha, given: true })).toThrow(
      /^cache-to: builder ci \(docker driver\) .*cannot export cache\. Name a docker-container builder .*builder to auto.*cache-to: none\.$/,
    );
  });
});
