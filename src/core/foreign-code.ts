// What code from another repository is given: nothing secret. When the workspace may hold a foreign
// pull request's code (settings.untrustedCode says why), that code runs in the app build (its
// requirements.txt, each package's setup.py) and in the test container, so everything those steps
// could read or use is withheld, and the log says what and why:
// - the registry login: base images and a registry cache are read anonymously, nothing is pushed;
// - the cache export: the pull request's layers must not land in a cache your trusted runs read;
// - the package index, from the app layer: pip.conf (the URL, a token in it included) is mounted in
//   the base build only, which runs the action's own files; the app layer's pip uses its default.
// trust-foreign-code: true (a workflow that vetted the code) gives everything back.
import { describeCache } from './cache.js';
import type { Settings } from './settings.js';

export function withholdFromUntrustedCode(settings: Settings): Settings {
  if (settings.untrustedCode === '') return settings;
  const withheld: string[] = [];
  if (settings.username !== '' || settings.password !== '')
    withheld.push(`the registry login (username and password: base images and caches are pulled anonymously)`);
  if (settings.cacheTo.length > 0)
    withheld.push(`the cache export (cache-to: ${describeCache({ from: [], to: settings.cacheTo }).replace(/^from -; to /, '')})`);
  if (settings.pipIndexUrl !== '')
    withheld.push(
      "pip-index-url from the app layer, where the pull request's requirements.txt installs (pip uses PyPI there; the base image, built from the action's own files only, still uses your index)",
    );
  if (withheld.length === 0) return settings;
  const notice = `The workspace may hold code from another repository (${settings.untrustedCode}), which runs in the app build and the test container, so it is given no secret. Withheld: ${withheld.join('; ')}. Set trust-foreign-code: true only in a workflow that vetted that code.`;
  return { ...settings, username: '', password: '', cacheTo: [], notices: [...settings.notices, notice] };
}

/** Whether the app layer may use the package index: only for code the repository trusts. */
export function appLayerGetsIndex(settings: Pick<Settings, 'untrustedCode'>): boolean {
  return settings.untrustedCode === '';
}
