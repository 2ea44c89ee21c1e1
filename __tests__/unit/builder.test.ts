import { describe, expect, it } from 'vitest';
import { BuilderError, buildCommand, buildEnv, chooseBuilder, describeBuilder } from '../../src/builder.js';

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
