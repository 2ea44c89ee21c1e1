import { describe, expect, it } from 'vitest';
import {
  configPlatform,
  parsePlatforms,
  platformSlug,
  probeTimeout,
  samePlatform,
  targets,
  unsupportedPlatforms,
} from '../../../src/core/platforms.js';

function parse(value: string): { platforms: string[]; problems: string[] } {
  const problems: string[] = [];
  const platforms = parsePlatforms(value, (message) => problems.push(message));
  return { platforms, problems };
}

describe('the platforms input', () => {
  it('is empty by default: the engine builds for its own platform', () => {
    expect(parse('')).toEqual({ platforms: [], problems: [] });
  });

  it('takes a comma- or newline-separated list, lower-cased, each platform once (arm64/v8 is arm64)', () => {
    expect(parse('linux/amd64, Linux/ARM64\nlinux/arm64/v8\n\nlinux/arm/v7')).toEqual({
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      problems: [],
    });
  });

  it('names each platform it does not know and lists the ones it does', () => {
    const { platforms, problems } = parse('linux/amd64,windows/amd64,arm64');
    expect(platforms).toEqual(['linux/amd64']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"windows/amd64" is not a platform');
    expect(problems[1]).toContain('"arm64"');
    expect(problems[1]).toContain('linux/amd64, linux/arm64, linux/arm/v7');
  });
});

describe('targets', () => {
  it('without platforms: one build for the engine, no flag, not emulated', () => {
    expect(targets([], 'linux/amd64')).toEqual([{ platform: '', emulated: false, slug: '' }]);
  });

  it("builds the engine's own platform first, then the emulated ones, each named by its architecture", () => {
    expect(targets(['linux/arm64', 'linux/amd64', 'linux/arm/v7'], 'linux/amd64')).toEqual([
      { platform: 'linux/amd64', emulated: false, slug: 'amd64' },
      { platform: 'linux/arm64', emulated: true, slug: 'arm64' },
      { platform: 'linux/arm/v7', emulated: true, slug: 'armv7' },
    ]);
  });

  it('one platform: built with its flag, but pushed as it is (no platform tag, no index)', () => {
    expect(targets(['linux/arm64'], 'linux/arm64')).toEqual([{ platform: 'linux/arm64', emulated: false, slug: '' }]);
    expect(targets(['linux/arm64'], 'linux/amd64')).toEqual([{ platform: 'linux/arm64', emulated: true, slug: '' }]);
  });

  it('slugs join the parts after the OS', () => {
    expect(['linux/amd64', 'linux/arm/v6', 'linux/386'].map(platformSlug)).toEqual(['amd64', 'armv6', '386']);
  });
});

describe('what the builder can build', () => {
  const listed = ['linux/amd64', 'linux/amd64/v2', 'linux/386'];

  it('refuses a platform that no emulator is registered for', () => {
    expect(unsupportedPlatforms(['linux/amd64', 'linux/arm64'], listed)).toEqual(['linux/arm64']);
  });

  it('matches arm64/v8 to arm64', () => {
    expect(unsupportedPlatforms(['linux/arm64'], ['linux/amd64', 'linux/arm64/v8'])).toEqual([]);
  });

  it('refuses nothing when buildx lists no platforms (it did not say)', () => {
    expect(unsupportedPlatforms(['linux/arm64'], [])).toEqual([]);
  });
});

describe('the probe timeout', () => {
  it('is stretched under emulation only when it was not given', () => {
    const emulated = { platform: 'linux/arm64', emulated: true, slug: 'arm64' };
    const native = { platform: 'linux/amd64', emulated: false, slug: 'amd64' };
    expect(probeTimeout(emulated, 60, false)).toBe(180);
    expect(probeTimeout(emulated, 20, true)).toBe(20);
    expect(probeTimeout(native, 60, false)).toBe(60);
  });
});

describe('configPlatform and samePlatform', () => {
  it('reads the platform an image config or an index entry names, arm64/v8 as buildx and the platforms input name it', () => {
    expect(configPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64');
    expect(configPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
    expect(configPlatform({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
    expect(configPlatform({})).toBe('');
    expect(configPlatform({ os: 'linux' })).toBe('');
  });

  it('takes arm64/v8 for arm64 and a builder amd64/v2 for amd64, and nothing else for the same', () => {
    expect(samePlatform('linux/arm64/v8', 'linux/arm64')).toBe(true);
    expect(samePlatform('linux/amd64', 'linux/amd64/v2')).toBe(true);
    expect(samePlatform('linux/arm/v7', 'linux/arm64')).toBe(false);
    expect(samePlatform('', 'linux/amd64')).toBe(false);
  });
});
