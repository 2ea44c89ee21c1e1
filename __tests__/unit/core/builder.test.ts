import { describe, expect, it } from 'vitest';
import {
  BuilderError,
  buildCommand,
  buildEnv,
  chooseBuilder,
  describeBuilder,
  hasOwnImageStore,
  isValidBuilderName,
} from '../../../src/core/builder.js';

describe('chooseBuilder', () => {
  it('auto: buildx on the engine builder when the CLI has the plugin', () => {
    expect(chooseBuilder('auto', 'default')).toEqual({ kind: 'buildx', name: 'default' });
  });

  it('auto: falls back to the classic builder without the plugin, and says so', () => {
    const builder = chooseBuilder('auto', '');
    expect(builder).toEqual({ kind: 'classic', reason: 'no buildx plugin in this docker CLI' });
    expect(describeBuilder(builder)).toBe('classic (no buildx plugin in this docker CLI)');
  });

  it('classic: the classic builder even when buildx is there', () => {
    const builder = chooseBuilder('classic', 'default');
    expect(builder).toEqual({ kind: 'classic', reason: 'builder: classic' });
    expect(describeBuilder(builder)).toBe('classic (builder: classic)');
  });

  it('buildx: buildx when present', () => {
    expect(describeBuilder(chooseBuilder('buildx', 'desktop-linux'))).toBe('buildx (builder desktop-linux)');
  });

  it('buildx: fails without the plugin, naming the input, the value and both fixes', () => {
    expect(() => chooseBuilder('buildx', '')).toThrow(BuilderError);
    expect(() => chooseBuilder('buildx', '')).toThrow(
      /^builder: "buildx" was asked for, but `docker buildx version` fails: .*docker\/setup-buildx-action.*set builder to auto/,
    );
  });
});

describe("chooseBuilder: the workflow's own builder", () => {
  it('a named builder is used with its driver, whatever the driver', () => {
    for (const driver of ['docker-container', 'remote', 'kubernetes']) {
      const builder = chooseBuilder({ name: 'builder-1' }, 'default', { name: 'builder-1', driver });
      expect(builder).toEqual({ kind: 'buildx', name: 'builder-1', driver });
      expect(describeBuilder(builder)).toBe(`buildx (builder builder-1, ${driver}, the workflow's)`);
      expect(hasOwnImageStore(builder)).toBe(true);
    }
  });

  it("current is the builder buildx says is in use; when that is the engine's own, it is auto's builder", () => {
    expect(chooseBuilder('current', 'default', { name: 'shared', driver: 'remote' })).toEqual({ kind: 'buildx', name: 'shared', driver: 'remote' });
    const engine = chooseBuilder('current', 'default', { name: 'default', driver: 'docker' });
    expect(engine).toEqual({ kind: 'buildx', name: 'default' });
    expect(hasOwnImageStore(engine)).toBe(false);
  });

  it('a docker-driver builder of another name shares the engine image store', () => {
    const builder = chooseBuilder({ name: 'desktop-linux' }, 'default', { name: 'desktop-linux', driver: 'docker' });
    expect(builder).toEqual({ kind: 'buildx', name: 'desktop-linux', driver: 'docker' });
    expect(hasOwnImageStore(builder)).toBe(false);
  });

  it('fails when buildx does not know the name, or there is no current builder, saying what to give', () => {
    expect(() => chooseBuilder({ name: 'builder-gone' }, 'default', undefined)).toThrow(
      /^builder: "builder-gone" is not a builder this docker CLI knows \(`docker buildx ls` lists them\); .*name output.*current.*auto\.$/,
    );
    expect(() => chooseBuilder('current', 'default', undefined)).toThrow(
      /^builder: "current" was asked for, but `docker buildx inspect` names no current builder/,
    );
  });

  it('fails without the buildx plugin, naming the value asked for', () => {
    expect(() => chooseBuilder({ name: 'builder-1' }, '', undefined)).toThrow(
      /^builder: "builder-1" was asked for, but `docker buildx version` fails/,
    );
    expect(() => chooseBuilder('current', '', undefined)).toThrow(/^builder: "current" was asked for/);
  });

  it('accepts the names buildx and setup-buildx give, nothing that could be an option or a path', () => {
    for (const name of ['builder-3f2a1c9e-6d1b-4f7a-9c3e-2b8f0a1d4e5c', 'mybuilder', 'ci_builder.2']) expect(isValidBuilderName(name)).toBe(true);
    for (const name of ['', '-x', '--builder=x', 'a b', 'a/b', '../x', 'x'.repeat(129)]) expect(isValidBuilderName(name)).toBe(false);
  });
});

describe('hasOwnImageStore', () => {
  it("is true for the action's own builder and the workflow's non-docker ones, false for the engine's and the classic builder", () => {
    expect(hasOwnImageStore({ kind: 'buildx', name: 'flask-gunicorn-action-cache-1', own: 'attestations' })).toBe(true);
    expect(hasOwnImageStore({ kind: 'buildx', name: 'default' })).toBe(false);
    expect(hasOwnImageStore({ kind: 'classic', reason: 'builder: classic' })).toBe(false);
  });
});

describe("describeBuilder of the action's own builder", () => {
  it('says what the action made it for: the cache, or the image with its attestations', () => {
    expect(describeBuilder({ kind: 'buildx', name: 'b1', own: 'cache' })).toBe('buildx (builder b1, docker-container, made to export the cache)');
    expect(describeBuilder({ kind: 'buildx', name: 'b1', own: 'attestations' })).toBe(
      'buildx (builder b1, docker-container, made to write the image with its attestations)',
    );
  });
});

describe('buildCommand and buildEnv', () => {
  it('buildx builds on the named builder and loads the image into the engine', () => {
    const builder = { kind: 'buildx', name: 'default' } as const;
    expect(buildCommand(builder)).toEqual(['buildx', 'build', '--builder', 'default', '--load']);
    expect(buildEnv(builder)).toEqual({});
  });

  it('classic removes failed steps and turns BuildKit off', () => {
    const builder = { kind: 'classic', reason: 'builder: classic' } as const;
    expect(buildCommand(builder)).toEqual(['build', '--force-rm']);
    expect(buildEnv(builder)).toEqual({ DOCKER_BUILDKIT: '0' });
  });
});
