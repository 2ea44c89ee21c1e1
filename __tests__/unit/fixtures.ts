/** Shared test data: a complete Settings object with plain defaults, for tests of later stages. */
import type { Settings } from '../../src/settings.js';
import { defaultWorker } from '../../src/versions.js';

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
    untrustedCode: '',
    attestations: { provenance: '', sbom: false, sbomGenerator: '' },
    signing: { mode: 'none', key: '', keyPassword: '' },
    latest: true,
    immutableTag: false,
    extraTags: [],
    date: '',
    baseImage: '',
    pipIndexUrl: '',
    // The version's default worker, which generated tags leave unnamed (docker/versions.json decides which).
    worker: defaultWorker(overrides.pythonVersion ?? '3.12'),
    buildArgs: {},
    pull: false,
    noCache: false,
    builder: 'auto',
    cacheFrom: [],
    cacheTo: [],
    cacheGiven: false,
    platforms: [],
    network: 'bridge',
    probePath: '/',
    probeStatus: 200,
    probeBody: '',
    probeTimeout: 60,
    probeTimeoutGiven: false,
    probeEnv: {},
    githubToken: '',
    notices: [],
    ...overrides,
  };
}
