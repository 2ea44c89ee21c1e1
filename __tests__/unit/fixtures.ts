/** Shared test data: a complete Settings object with plain defaults, for tests of later stages. */
import type { Settings } from '../../src/settings.js';

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    pythonVersion: '3.12',
    variant: 'debian',
    appDir: '/work/app',
    appModule: '',
    image: '',
    push: false,
    pushSkippedReason: '',
    registry: '',
    username: '',
    password: '',
    latest: true,
    extraTags: [],
    date: '',
    baseImage: '',
    pipIndexUrl: '',
    worker: 'gthread',
    buildArgs: {},
    pull: false,
    noCache: false,
    builder: 'auto',
    network: 'bridge',
    probePath: '/',
    probeStatus: 200,
    probeBody: '',
    probeTimeout: 60,
    probeEnv: {},
    githubToken: '',
    ...overrides,
  };
}
