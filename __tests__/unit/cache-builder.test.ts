import { describe, expect, it } from 'vitest';
import { createBuilderArgs, isOwnBuilderName, needsOwnBuilder, ownBuilderName } from '../../src/cache-builder.js';

describe('the builder the action makes to export cache', () => {
  it("is needed only for the engine's own builder on the classic image store", () => {
    expect(needsOwnBuilder('docker', false)).toBe(true);
    expect(needsOwnBuilder('', false)).toBe(true);
    expect(needsOwnBuilder('docker', true)).toBe(false);
    expect(needsOwnBuilder('docker-container', false)).toBe(false);
    expect(needsOwnBuilder('remote', false)).toBe(false);
  });

  it('is a docker-container builder on the host network, named per job, started at once', () => {
    expect(ownBuilderName('4242-1-abcd')).toBe('flask-gunicorn-action-cache-4242-1-abcd');
    expect(createBuilderArgs('flask-gunicorn-action-cache-j')).toEqual([
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
