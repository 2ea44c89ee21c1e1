// What code from another repository is given: the decision alone, on settings as parseSettings makes them.
import { describe, expect, it } from 'vitest';
import { appLayerGetsIndex, withholdFromUntrustedCode } from '../../../src/core/foreign-code.js';
import { makeSettings } from '../fixtures.js';

const WHY = 'pull_request_target for a pull request from another repository';
const everything = {
  username: 'ci',
  password: 'registry-pass',
  pipIndexUrl: 'https://ci:index-pass@pypi.example.com/simple/',
  cacheFrom: [{ type: 'registry' as const, attrs: [['ref', 'ghcr.io/acme/web:cache'] as [string, string]] }],
  cacheTo: [{ type: 'registry' as const, attrs: [['ref', 'ghcr.io/acme/web:cache'] as [string, string], ['mode', 'max'] as [string, string]] }],
};

describe('withholdFromUntrustedCode', () => {
  it("leaves the repository's own code everything", () => {
    const settings = makeSettings(everything);
    expect(withholdFromUntrustedCode(settings)).toBe(settings);
    expect(appLayerGetsIndex(settings)).toBe(true);
  });

  it('withholds the login, the cache export and the app layer index from untrusted code, and says what and why', () => {
    const settings = withholdFromUntrustedCode(makeSettings({ ...everything, untrustedCode: WHY }));
    expect(settings.username).toBe('');
    expect(settings.password).toBe('');
    expect(settings.cacheTo).toEqual([]);
    // Reading a cache writes nothing your trusted runs read; the base build keeps the index.
    expect(settings.cacheFrom).toEqual(everything.cacheFrom);
    expect(settings.pipIndexUrl).toBe(everything.pipIndexUrl);
    expect(appLayerGetsIndex(settings)).toBe(false);
    expect(settings.notices).toHaveLength(1);
    const notice = settings.notices[0]!;
    expect(notice).toContain(`(${WHY})`);
    expect(notice).toContain('the registry login');
    expect(notice).toContain('the cache export (cache-to: type=registry,ref=ghcr.io/acme/web:cache,mode=max)');
    expect(notice).toContain("pip-index-url from the app layer, where the pull request's requirements.txt installs");
    expect(notice).toContain('Set trust-foreign-code: true only in a workflow that vetted that code.');
    // The notice names what was withheld, never its value.
    expect(notice).not.toMatch(/registry-pass|index-pass/);
  });

  it('names only what was given', () => {
    const settings = withholdFromUntrustedCode(makeSettings({ untrustedCode: WHY, cacheTo: everything.cacheTo }));
    expect(settings.notices[0]).toContain('the cache export');
    expect(settings.notices[0]).not.toMatch(/registry login|pip-index-url/);
    const nothing = makeSettings({ untrustedCode: WHY });
    expect(withholdFromUntrustedCode(nothing).notices).toEqual([]);
    expect(appLayerGetsIndex(nothing)).toBe(false);
  });
});
