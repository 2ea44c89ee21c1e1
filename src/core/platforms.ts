// The `platforms` input: which platforms the image is built for. Each is built, layered and
// smoke-tested on its own (a foreign one under QEMU), and only when all passed are they pushed,
// joined into one multi-platform image (pipeline.ts, build.ts, push.ts).

/** The Linux platforms the official python images are published for, as buildx names them. */
export const KNOWN_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
];

/** What one build targets: '' is the engine's own platform, with no --platform flag (the default). */
export interface Target {
  platform: string;
  /** Runs under emulation (not the engine's own architecture): the probe gets longer by default. */
  emulated: boolean;
  /** Names this platform's image among several (`arm64`, `armv7`); '' for a single-platform run. */
  slug: string;
}

/** How much longer the default probe timeout is for an emulated platform: QEMU runs Python several times slower. */
export const EMULATED_PROBE_FACTOR = 3;

/**
 * Parses the input: platforms one per line or comma-separated. Reports each unknown one through
 * `fail`; returns the normalised, de-duplicated list ([] when the input is empty).
 */
export function parsePlatforms(value: string, fail: (message: string) => void): string[] {
  const platforms: string[] = [];
  for (const item of value.split(/[\n,]/).map((entry) => entry.trim().toLowerCase())) {
    if (item === '') continue;
    // One name per platform, so a list cannot hold the same platform twice.
    const platform = canonicalPlatform(item);
    if (!KNOWN_PLATFORMS.includes(platform)) {
      fail(
        `platforms: "${item}" is not a platform the python base images are built for; use one or more of ${KNOWN_PLATFORMS.join(', ')} (e.g. linux/amd64,linux/arm64).`,
      );
      continue;
    }
    if (!platforms.includes(platform)) platforms.push(platform);
  }
  return platforms;
}

/**
 * The builds of a run, the engine's own platform first (a failure shows sooner there than under
 * emulation). No platforms asked for: one build for the engine's platform, without a flag.
 */
export function targets(platforms: string[], enginePlatform: string): Target[] {
  if (platforms.length === 0) return [{ platform: '', emulated: false, slug: '' }];
  const many = platforms.length > 1;
  const list = platforms.map((platform) => ({
    platform,
    emulated: !samePlatform(platform, enginePlatform),
    slug: many ? platformSlug(platform) : '',
  }));
  return [...list.filter((target) => !target.emulated), ...list.filter((target) => target.emulated)];
}

/** linux/arm/v7 → armv7: the part of a tag that names one platform's image. */
export function platformSlug(platform: string): string {
  return platform.split('/').slice(1).join('');
}

/**
 * The platforms a builder cannot build, given what `docker buildx inspect` lists for it (QEMU's
 * registered ones included). An empty listing means the builder did not say: nothing is refused then.
 */
export function unsupportedPlatforms(wanted: string[], listed: string[]): string[] {
  if (listed.length === 0) return [];
  return wanted.filter((platform) => !listed.some((entry) => samePlatform(platform, entry)));
}

/** The probe timeout for a target: the given one, or the default stretched under emulation. */
export function probeTimeout(target: Target, seconds: number, given: boolean): number {
  return target.emulated && !given ? seconds * EMULATED_PROBE_FACTOR : seconds;
}

/** buildx writes arm64 also as arm64/v8, and so may an image config or an index: one platform, one name. */
export function canonicalPlatform(platform: string): string {
  return platform === 'linux/arm64/v8' ? 'linux/arm64' : platform;
}

/** The platform an image config names: os/architecture[/variant]; '' without os and architecture. */
export function configPlatform(config: { os?: unknown; architecture?: unknown; variant?: unknown }): string {
  if (typeof config.os !== 'string' || typeof config.architecture !== 'string') return '';
  const platform = `${config.os}/${config.architecture}${typeof config.variant === 'string' && config.variant !== '' ? `/${config.variant}` : ''}`;
  // Named as the platforms input and the index name it.
  return canonicalPlatform(platform);
}

/** Same platform by canonicalPlatform; linux/amd64 also matches a builder's linux/amd64/v2. */
export function samePlatform(a: string, b: string): boolean {
  const norm = (p: string): string => canonicalPlatform(p).replace(/^linux\/amd64\/v\d$/, 'linux/amd64');
  return norm(a) === norm(b);
}
