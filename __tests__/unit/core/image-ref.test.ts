import { describe, expect, it } from 'vitest';
import { isValidReference, isValidRepository, isValidTag, registryHost, splitTag } from '../../../src/core/image-ref.js';

describe('isValidRepository', () => {
  it.each([
    'web',
    'acme/web',
    'ghcr.io/acme/web',
    '127.0.0.1:5000/web',
    'localhost/x',
    'localhost:5000/team/app',
    '[::1]:5000/web',
    'registry.example.com/a/b.c/d_e/f__g/h--i',
    'MIRROR.example.com/python',
  ])('accepts %j', (value) => {
    expect(isValidRepository(value)).toBe(true);
  });

  it.each([
    '',
    'Web',
    'acme/Web',
    'acme/web:1',
    'acme/web@sha256:abc',
    'acme//web',
    'acme/web/',
    '/web',
    'acme/-web',
    'acme/web-',
    'acme/web_',
    'acme/we___b',
    'a b',
    'web;rm',
    '$(x)/web',
  ])('rejects %j', (value) => {
    expect(isValidRepository(value)).toBe(false);
  });

  it('rejects names longer than 255 characters', () => {
    expect(isValidRepository(`a/${'b'.repeat(253)}`)).toBe(true);
    expect(isValidRepository(`a/${'b'.repeat(254)}`)).toBe(false);
  });
});

describe('isValidTag', () => {
  it.each(['latest', 'python3.12-slim-2026-11-21', 'v1.2.3', '_x', 'A', 'x'.repeat(128)])('accepts %j', (value) => {
    expect(isValidTag(value)).toBe(true);
  });

  it.each(['', '.x', '-x', 'a;b', '$(x)', 'a b', 'a/b', 'a:b', 'x'.repeat(129), 'ä'])('rejects %j', (value) => {
    expect(isValidTag(value)).toBe(false);
  });
});

describe('isValidReference', () => {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

  it.each([
    'python',
    'python:3.12-slim',
    'mirror.example.com/python:3.12',
    '127.0.0.1:5000/python:3.12',
    '127.0.0.1:5000/python',
    `python@${digest}`,
    `python:3.12@${digest}`,
  ])('accepts %j', (value) => {
    expect(isValidReference(value)).toBe(true);
  });

  it.each([
    'python:',
    'python:.bad',
    'Python:3.12',
    'python@sha256:abc',
    `python@sha512:${'0'.repeat(64)}`,
    `python@${digest.toUpperCase()}`,
    'python:3.12 slim',
    'not an image',
  ])('rejects %j', (value) => {
    expect(isValidReference(value)).toBe(false);
  });
});

describe('registryHost', () => {
  it.each([
    ['ghcr.io/acme/web', 'ghcr.io'],
    ['127.0.0.1:5000/web', '127.0.0.1:5000'],
    ['localhost/x', 'localhost'],
    ['registry:5000/x', 'registry:5000'],
    ['docker.io/acme/web', 'docker.io'],
    ['acme/web', undefined],
    ['web', undefined],
    ['library/python', undefined],
  ])('of %j is %j', (repository, host) => {
    expect(registryHost(repository)).toBe(host);
  });
});

describe('splitTag', () => {
  it.each([
    ['python:3.12', { repository: 'python', tag: '3.12' }],
    ['python', { repository: 'python' }],
    ['127.0.0.1:5000/web', { repository: '127.0.0.1:5000/web' }],
    ['127.0.0.1:5000/web:v1', { repository: '127.0.0.1:5000/web', tag: 'v1' }],
    ['ghcr.io/acme/web:', { repository: 'ghcr.io/acme/web', tag: '' }],
  ])('splits %j', (reference, expected) => {
    expect(splitTag(reference)).toEqual(expected);
  });
});
