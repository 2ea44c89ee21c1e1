import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectApp, type AppFolder } from '../../../src/adapters/app-folder.js';
import { InputError, parseSettings, redactUrl, type Environment, type Settings } from '../../../src/core/settings.js';

const ACTION_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const VERSIONS = '3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14';

// A workspace with the shapes of app folder the action accepts and rejects.
let workspace: string;
let env: Environment;

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-test-'));
  fs.mkdirSync(path.join(workspace, 'flat'));
  fs.writeFileSync(path.join(workspace, 'flat', 'main.py'), 'app = None\n');
  fs.mkdirSync(path.join(workspace, 'nested', 'app'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'nested', 'app', 'main.py'), 'app = None\n');
  fs.mkdirSync(path.join(workspace, 'empty'));
  fs.writeFileSync(path.join(workspace, 'a-file.txt'), 'not a folder\n');
  // A link inside the workspace to a folder outside it, and an app whose .dockerignore drops its requirements.
  fs.mkdirSync(path.join(os.tmpdir(), path.basename(workspace) + '-outside'));
  fs.writeFileSync(path.join(os.tmpdir(), path.basename(workspace) + '-outside', 'main.py'), 'app = None\n');
  fs.symlinkSync(path.join(os.tmpdir(), path.basename(workspace) + '-outside'), path.join(workspace, 'linked'));
  fs.mkdirSync(path.join(workspace, 'ignoring'));
  fs.writeFileSync(path.join(workspace, 'ignoring', 'main.py'), 'app = None\n');
  fs.writeFileSync(path.join(workspace, 'ignoring', 'requirements.txt'), 'flask\n');
  fs.writeFileSync(path.join(workspace, 'ignoring', '.dockerignore'), '*.md\n*.txt\n');
  env = { workspace, actionRoot: ACTION_ROOT, forkPullRequest: false, foreignCodeWithSecrets: false };
});

afterAll(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), path.basename(workspace) + '-outside'), { recursive: true, force: true });
});

// The app folder's facts are read from the real files above, as the pipeline reads them.
function parse(raw: Record<string, string>, overrides: Partial<Environment> = {}) {
  const environment = { ...env, ...overrides };
  return parseSettings({ 'python-version': '3.12', ...raw }, environment, inspectApp(environment.workspace, raw.app));
}

/** The problems parseSettings reports; fails the test if it accepted the inputs. */
function problems(raw: Record<string, string>, overrides: Partial<Environment> = {}): string[] {
  try {
    parse(raw, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error(`parseSettings accepted ${JSON.stringify(raw)}`);
}

function onlyProblem(raw: Record<string, string>, overrides: Partial<Environment> = {}): string {
  const found = problems(raw, overrides);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('defaults', () => {
  it('needs only python-version, and builds the bundled demo app without pushing', () => {
    expect(parseSettings({ 'python-version': '3.12' }, env)).toEqual({
      pythonVersion: '3.12',
      variant: 'debian',
      appDir: path.join(ACTION_ROOT, 'docker', 'demo'),
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
      worker: 'meinheld',
      buildArgs: {},
      pull: false,
      noCache: false,
      rebuild: 'always',
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
      mode: 'build',
      handover: '',
      digests: [],
      githubToken: '',
      notices: [],
    });
  });

  it('trims surrounding whitespace from inputs', () => {
    const settings = parse({ 'python-version': ' 3.11\n', variant: ' slim ', 'github-token': ' ghs_x ' });
    expect([settings.pythonVersion, settings.variant, settings.githubToken]).toEqual(['3.11', 'slim', 'ghs_x']);
  });
});

describe('python-version', () => {
  it('is required, and the error lists the supported versions', () => {
    expect(onlyProblem({ 'python-version': '' })).toBe(`python-version: required; one of ${VERSIONS}.`);
  });

  it('rejects an unsupported version and names what is supported', () => {
    expect(onlyProblem({ 'python-version': '3.7' })).toBe(`python-version: "3.7" is not supported; use one of ${VERSIONS}.`);
  });

  it('rejects 3.1, what YAML makes of an unquoted 3.10', () => {
    expect(onlyProblem({ 'python-version': '3.1' })).toContain('"3.1" is not supported');
  });

  it('accepts a patch version as its minor version', () => {
    expect(parse({ 'python-version': '3.12.7' }).pythonVersion).toBe('3.12');
  });

  it('quotes the value as given when a patch version maps to an unsupported minor', () => {
    expect(onlyProblem({ 'python-version': '3.7.17' })).toContain('"3.7.17" is not supported');
  });

  it.each(['3', 'python3.12', '3.12-slim', 'latest'])('rejects %j', (value) => {
    expect(onlyProblem({ 'python-version': value })).toContain(`"${value}" is not supported`);
  });
});

describe('variant', () => {
  it.each([
    ['slim', 'slim'],
    ['ALPINE', 'alpine'],
    ['debian', 'debian'],
    ['', 'debian'],
  ])('accepts %j as %s', (value, expected) => {
    expect(parse({ variant: value }).variant).toBe(expected);
  });

  it('rejects an unknown variant and lists the known ones', () => {
    expect(onlyProblem({ variant: 'bookworm' })).toBe('variant: "bookworm" is not a variant; use one of debian, slim, alpine.');
  });
});

describe('worker', () => {
  it.each([
    ['3.8', 'meinheld'],
    ['3.9', 'meinheld'],
    ['3.10', 'meinheld'],
    ['3.14', 'meinheld'],
  ])('auto picks the version default on %s: %s', (version, worker) => {
    expect(parse({ 'python-version': version, worker: 'auto' }).worker).toBe(worker);
    expect(parse({ 'python-version': version }).worker).toBe(worker);
  });

  it.each([
    ['3.9', 'meinheld'],
    ['3.9', 'gthread'],
    ['3.12', 'gevent'],
    ['3.12', 'SYNC'],
  ])('accepts on %s the worker %s', (version, worker) => {
    expect(parse({ 'python-version': version, worker }).worker).toBe(worker.toLowerCase());
  });

  it.each(['3.8', '3.10', '3.11', '3.12', '3.13', '3.14'])('accepts meinheld on %s (the patched build runs on every version)', (version) => {
    expect(parse({ 'python-version': version, worker: 'meinheld' }).worker).toBe('meinheld');
  });

  it('rejects an unknown worker and lists the known ones', () => {
    expect(onlyProblem({ worker: 'uvicorn' })).toBe('worker: "uvicorn" is not a worker; use auto, meinheld, gthread, gevent, sync.');
  });

  it('reports only the version when the version is unsupported', () => {
    expect(problems({ 'python-version': '2.7', worker: 'meinheld' })).toEqual([`python-version: "2.7" is not supported; use one of ${VERSIONS}.`]);
  });
});

describe('app folder', () => {
  it('resolves a folder holding main.py against the workspace', () => {
    expect(parse({ app: 'flat' }).appDir).toBe(path.join(workspace, 'flat'));
  });

  it('accepts a folder holding app/main.py', () => {
    expect(parse({ app: './nested/' }).appDir).toBe(path.join(workspace, 'nested'));
  });

  it('resolves links before the workspace check: a link to a folder outside is refused, naming where it leads', () => {
    expect(onlyProblem({ app: 'linked' })).toBe(
      `app: "linked" points outside the workspace (${workspace}): it is a link to ${workspace}-outside; give a folder inside the repository.`,
    );
  });

  it('refuses an app whose .dockerignore leaves out requirements.txt, saying which line and the fix', () => {
    expect(onlyProblem({ app: 'ignoring' })).toBe(
      'app: "ignoring/.dockerignore" leaves requirements.txt out of the build (line "*.txt"), so the image could not install it; remove that line or add "!requirements.txt" after it.',
    );
  });

  it('accepts an absolute path inside the workspace', () => {
    expect(parse({ app: path.join(workspace, 'flat') }).appDir).toBe(path.join(workspace, 'flat'));
  });

  it('accepts a folder without an entry point when app-module is set', () => {
    const settings = parse({ app: 'empty', 'app-module': 'mypkg.wsgi:application' });
    expect(settings.appDir).toBe(path.join(workspace, 'empty'));
    expect(settings.appModule).toBe('mypkg.wsgi:application');
  });

  it('accepts an app-module naming a factory call', () => {
    expect(parse({ app: 'empty', 'app-module': 'web:create_app()' }).appModule).toBe('web:create_app()');
  });

  it('rejects a folder that does not exist, saying where it looked', () => {
    expect(onlyProblem({ app: 'missing' })).toBe(
      `app: "missing" is not a folder (looked at ${path.join(workspace, 'missing')}); give the folder that holds main.py or app/main.py.`,
    );
  });

  it('rejects a file given as the folder', () => {
    expect(onlyProblem({ app: 'a-file.txt' })).toContain('app: "a-file.txt" is not a folder');
  });

  it.each(['..', '../elsewhere', 'flat/../../elsewhere', '/etc', os.tmpdir()])('rejects %j as outside the workspace', (value) => {
    expect(onlyProblem({ app: value })).toBe(`app: "${value}" points outside the workspace (${workspace}); give a folder inside the repository.`);
  });

  it('rejects a folder with neither main.py nor app/main.py, pointing at app-module', () => {
    const problem = onlyProblem({ app: 'empty' });
    expect(problem).toContain('app: "empty" holds neither main.py nor app/main.py');
    expect(problem).toContain('set app-module');
  });

  it.each(['my app:app', 'pkg:app;rm', '1pkg:app', 'pkg:$(id)'])('rejects the app-module %j', (value) => {
    expect(onlyProblem({ app: 'flat', 'app-module': value })).toBe(
      `app-module: "${value}" is not a Python module path; use e.g. myapp.wsgi:application.`,
    );
  });

  // Parsing reads no files: the same facts give the same answer whether or not the folder exists.
  const facts = (overrides: Partial<AppFolder>): AppFolder => ({
    input: 'web',
    resolved: '/nowhere/web',
    realPath: '/nowhere/web',
    realWorkspace: '/nowhere',
    isFolder: true,
    hasMain: true,
    hasAppMain: false,
    hasRequirements: true,
    dockerignore: undefined,
    ...overrides,
  });
  const withFacts = (folder: AppFolder): Settings =>
    parseSettings({ 'python-version': '3.12', app: 'web' }, { ...env, workspace: '/nowhere' }, folder);

  it('judges the app folder by the facts the caller passes, not by the disk', () => {
    expect(withFacts(facts({})).appDir).toBe('/nowhere/web');
    expect(() => withFacts(facts({ dockerignore: 'requirements.txt\n' }))).toThrow(
      'app: "web/.dockerignore" leaves requirements.txt out of the build (line "requirements.txt"), so the image could not install it; remove that line or add "!requirements.txt" after it.',
    );
    expect(() => withFacts(facts({ realPath: '/elsewhere/web' }))).toThrow(
      'app: "web" points outside the workspace (/nowhere): it is a link to /elsewhere/web; give a folder inside the repository.',
    );
  });

  it("refuses, as the caller's mistake, facts missing or about another folder than the app input", () => {
    expect(() => parseSettings({ 'python-version': '3.12', app: 'web' }, env)).toThrow(/^parseSettings: pass inspectApp\(workspace, "web"\)/);
    expect(() => withFacts(facts({ input: 'api' }))).toThrow(/^parseSettings: pass inspectApp\(workspace, "web"\)/);
    expect(() => withFacts(facts({ input: 'api' }))).not.toThrow(InputError);
  });
});

describe('image', () => {
  it.each(['ghcr.io/acme/web', '127.0.0.1:5000/web', 'acme/web', 'web', 'localhost/x', 'registry.example.com/a/b-c_d.e'])(
    'accepts the repository %j',
    (image) => {
      expect(parse({ image }).image).toBe(image);
    },
  );

  it.each(['ghcr.io/acme/web:1.0', 'web:latest', 'acme/web@sha256:0123', 'localhost:5000'])('rejects %j as carrying a tag or digest', (image) => {
    expect(onlyProblem({ image })).toBe(
      `image: "${image}" carries a tag or digest; give the repository only (e.g. ghcr.io/acme/web) and use tags for extra tags.`,
    );
  });

  it.each(['ghcr.io/acme/web/', 'ghcr.io/acme//web', 'acme/-web', 'ghcr.io/Acme/-web'])('rejects the invalid repository %j', (image) => {
    expect(onlyProblem({ image })).toContain(`image: "${image}" is not a valid repository; use lowercase letters`);
  });

  // GitHub keeps the owner's capitals in github.repository, and every guide writes
  // image: ghcr.io/${{ github.repository }}.
  it.each([
    ['ghcr.io/Octo-Org/Web', 'ghcr.io/octo-org/web'],
    ['Octo-Org/web', 'octo-org/web'],
    ['127.0.0.1:5000/Acme/web', '127.0.0.1:5000/acme/web'],
  ])('lower-cases %j to %j with a notice saying so, and logs in to the lower-cased host', (image, lowered) => {
    const settings = parse({ image, push: 'true', username: 'u', password: 'p' });
    expect(settings.image).toBe(lowered);
    expect(settings.registry).toBe(lowered.includes('.') || lowered.includes(':') ? lowered.split('/')[0] : '');
    expect(settings.notices).toEqual([`image: "${image}" was lower-cased to "${lowered}": registries accept only lowercase repository names.`]);
  });

  it('gives no notice for a repository that is already lowercase', () => {
    expect(parse({ image: 'ghcr.io/acme/web' }).notices).toEqual([]);
  });
});

describe('push and credentials', () => {
  const push = { push: 'true', image: 'ghcr.io/acme/web', username: 'octocat', password: 'ghp_secret' };

  it('keeps push on with an image and credentials', () => {
    const settings = parse(push);
    expect([settings.push, settings.username, settings.password, settings.pushSkippedReason]).toEqual([true, 'octocat', 'ghp_secret', '']);
  });

  it('requires an image', () => {
    expect(onlyProblem({ ...push, image: '' })).toBe('image: required when push is true; e.g. ghcr.io/acme/web.');
  });

  it('requires a username', () => {
    expect(onlyProblem({ ...push, username: '' })).toContain('username: required when push is true');
  });

  it('requires a password', () => {
    expect(onlyProblem({ ...push, password: '' })).toContain('password: required when push is true');
  });

  it('keeps the password verbatim (not trimmed)', () => {
    expect(parse({ ...push, password: ' pass with spaces ' }).password).toBe(' pass with spaces ');
  });

  it('needs no credentials when not pushing', () => {
    expect(parse({ image: 'ghcr.io/acme/web', push: 'false' }).push).toBe(false);
  });

  it('turns push off on a fork pull request without credentials, and says why', () => {
    const settings = parse({ push: 'true', image: 'ghcr.io/acme/web' }, { forkPullRequest: true });
    expect(settings.push).toBe(false);
    expect(settings.pushSkippedReason).toBe('pull request from a fork: its token is read-only and secrets are withheld, so nothing is pushed');
  });

  it('turns push off on a fork pull request even with credentials given (the token there is read-only)', () => {
    const settings = parse(push, { forkPullRequest: true });
    expect(settings.push).toBe(false);
    expect(settings.pushSkippedReason).toMatch(/^pull request from a fork/);
  });

  it('turns push off when foreign code may run with secrets (pull_request_target, workflow_run), and says how to allow it', () => {
    const settings = parse(push, { foreignCodeWithSecrets: true });
    expect(settings.push).toBe(false);
    expect(settings.pushSkippedReason).toMatch(/pull request from another repository.*set trust-foreign-code: true/);
  });

  it('withholds the secrets from foreign code, on every foreign event, until trust-foreign-code: true', () => {
    const given = { ...push, 'pip-index-url': 'https://ci:pw@pypi.example.com/simple/', 'cache-to': 'type=local,dest=cache' };
    for (const origin of [
      { forkPullRequest: true },
      { foreignCodeWithSecrets: true, foreignCodeWhy: 'issue_comment on pull request #4 from mallory/web' },
    ]) {
      const settings = parse(given, origin);
      expect(settings.untrustedCode).not.toBe('');
      expect([settings.username, settings.password, settings.cacheTo]).toEqual(['', '', []]);
      expect(settings.notices.join('\n')).toMatch(
        /given no secret\. Withheld: the registry login.*the cache export.*pip-index-url from the app layer/,
      );
      const trusted = parse({ ...given, 'trust-foreign-code': 'true' }, origin);
      expect(trusted.untrustedCode).toBe('');
      expect(trusted.password).toBe(push.password);
    }
    expect(
      parse(given, { foreignCodeWithSecrets: true, foreignCodeWhy: 'issue_comment on pull request #4 from mallory/web' }).pushSkippedReason,
    ).toBe(
      'the event (issue_comment on pull request #4 from mallory/web) may have put that code in the workspace while secrets are present; set trust-foreign-code: true if the workflow vetted that code',
    );
    expect(parse(given).untrustedCode).toBe('');
  });

  it('pushes foreign code with secrets only when the workflow says trust-foreign-code: true', () => {
    expect(parse({ ...push, 'trust-foreign-code': 'true' }, { foreignCodeWithSecrets: true }).push).toBe(true);
    expect(parse({ ...push, 'trust-foreign-code': 'true' }, { forkPullRequest: true }).push).toBe(false);
    expect(onlyProblem({ 'trust-foreign-code': 'maybe' })).toBe('trust-foreign-code: "maybe" is not a boolean; use true or false.');
  });
});

describe('registry', () => {
  it.each([
    ['ghcr.io/acme/web', 'ghcr.io'],
    ['127.0.0.1:5000/web', '127.0.0.1:5000'],
    ['localhost/x', 'localhost'],
    ['registry.example.com/team/app', 'registry.example.com'],
    ['acme/web', ''],
    ['web', ''],
    ['', ''],
  ])('is derived from the image %j as %j', (image, registry) => {
    expect(parse({ image }).registry).toBe(registry);
  });

  it('takes an explicit registry over the image host', () => {
    expect(parse({ image: 'acme/web', registry: 'docker.io' }).registry).toBe('docker.io');
  });

  it.each(['https://ghcr.io', 'ghcr.io/acme', 'host:port'])('rejects the registry %j', (registry) => {
    expect(onlyProblem({ registry })).toBe(`registry: "${registry}" is not a registry host; use e.g. ghcr.io or 127.0.0.1:5000.`);
  });
});

describe('tags', () => {
  it('splits on commas and newlines, trimming and dropping blanks', () => {
    expect(parse({ tags: 'stable, v1.2\nprod\r\n\n , edge' }).extraTags).toEqual(['stable', 'v1.2', 'prod', 'edge']);
  });

  it.each(['a;b', '$(x)', 'a b', '-leading', '.leading', 'v1/2', 'x'.repeat(129), 'tag`id`'])('rejects %j', (tag) => {
    expect(onlyProblem({ tags: tag })).toBe(`tags: "${tag}" is not a valid tag; use up to 128 letters, digits, _ . - not starting with . or -.`);
  });

  it('reports each bad tag of a list and accepts the good ones', () => {
    const rejected = problems({ tags: 'ok\n$(x)\nfine;rm -rf /' }).map((p) => /^tags: "(.*)" is not a valid tag/.exec(p)?.[1]);
    expect(rejected).toEqual(['$(x)', 'fine;rm -rf /']);
  });

  it('accepts a tag of exactly 128 characters', () => {
    expect(parse({ tags: 'x'.repeat(128) }).extraTags).toEqual(['x'.repeat(128)]);
  });
});

describe('date', () => {
  it.each(['2026-11-21', '2024-02-29'])('accepts %s', (date) => {
    expect(parse({ date }).date).toBe(date);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-11-21T00:00:00Z', '21.11.2026', '2026-1-5'])('rejects %s', (date) => {
    expect(onlyProblem({ date })).toBe(`date: "${date}" is not a date; use YYYY-MM-DD, e.g. 2026-11-21.`);
  });
});

describe('base-image', () => {
  it.each([
    'mirror.example.com/library/',
    'mirror.gcr.io/',
    'flask-testbed/',
    'mirror.example.com/python:3.12-slim',
    'python:3.12',
    `mirror.example.com/python@sha256:${'a'.repeat(64)}`,
  ])('accepts %j', (baseImage) => {
    expect(parse({ 'base-image': baseImage }).baseImage).toBe(baseImage);
  });

  it.each(['not an image', 'Mirror.example.com/Library/', 'python:3.12 slim', 'python@sha256:short', '/'])('rejects %j', (baseImage) => {
    expect(onlyProblem({ 'base-image': baseImage })).toBe(
      `base-image: "${baseImage}" is neither a registry prefix ending in / (e.g. mirror.example.com/library/) nor an image reference (e.g. mirror.example.com/python:3.12-slim).`,
    );
  });

  // BUG-1 (src/core/settings.ts, base-image check, and src/core/image-ref.ts isValidRepository): a prefix that is
  // only a registry host with a port is rejected, though `127.0.0.1:5000/python:3.12` is a valid reference.
  it('accepts a prefix that is a registry host with a port [BUG-1]', () => {
    expect(parse({ 'base-image': '127.0.0.1:5000/' }).baseImage).toBe('127.0.0.1:5000/');
    expect(parse({ 'base-image': 'localhost:5000/' }).baseImage).toBe('localhost:5000/');
  });
});

describe('pip-index-url', () => {
  it.each(['https://pypi.example.com/simple/', 'http://127.0.0.1:8080/simple/'])('accepts %s', (url) => {
    expect(parse({ 'pip-index-url': url }).pipIndexUrl).toBe(url);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(onlyProblem({ 'pip-index-url': 'ftp://pypi.example.com/simple/' })).toBe(
      'pip-index-url: "ftp://pypi.example.com/simple/" is not an http(s) URL; use e.g. https://pypi.example.com/simple/.',
    );
  });

  it('rejects text that is not a URL', () => {
    expect(onlyProblem({ 'pip-index-url': 'pypi.example.com/simple' })).toContain('"pypi.example.com/simple" is not an http(s) URL');
  });

  it('never echoes credentials from a rejected URL', () => {
    const problem = onlyProblem({ 'pip-index-url': 'ftp://deploy:s3cr3t-token@pypi.example.com/simple/' });
    expect(problem).toContain('"ftp://***@pypi.example.com/simple/"');
    expect(problem).not.toContain('s3cr3t-token');
    expect(problem).not.toContain('deploy');
  });

  it('redactUrl hides user and password, and leaves URLs without credentials alone', () => {
    expect(redactUrl('https://user:pw@host/simple')).toBe('https://***@host/simple');
    expect(redactUrl('https://token@host/simple')).toBe('https://***@host/simple');
    expect(redactUrl('https://host/simple')).toBe('https://host/simple');
  });

  it('redactUrl hides a password holding / @ : or spaces, and works without a scheme', () => {
    expect(redactUrl('https://user:pa/ss@host/simple')).toBe('https://***@host/simple');
    expect(redactUrl('https://user:p@ss:w/rd@host/simple/')).toBe('https://***@host/simple/');
    expect(redactUrl('https://user:two words@host/')).toBe('https://***@host/');
    expect(redactUrl('user:secret@host/simple')).toBe('***@host/simple');
  });

  it('a password holding an unencoded / is refused without showing it', () => {
    const problem = onlyProblem({ 'pip-index-url': 'https://user:pa/ss@pypi.example.com/simple/' });
    expect(problem).toBe('pip-index-url: "https://***@pypi.example.com/simple/" is not an http(s) URL; use e.g. https://pypi.example.com/simple/.');
    expect(problem).not.toContain('pa/ss');
  });

  it('a broken % escape in the credentials is an input error, not a crash', () => {
    const problem = onlyProblem({ 'pip-index-url': 'https://user:50%off@pypi.example.com/simple/' });
    expect(problem).toBe(
      'pip-index-url: "https://***@pypi.example.com/simple/" has a broken % escape in its user or password; write a literal % as %25 (and / as %2F, @ as %40).',
    );
    expect(parse({ 'pip-index-url': 'https://user:50%25off@pypi.example.com/simple/' }).pipIndexUrl).toContain('50%25off');
  });
});

describe.each(['build-args', 'probe-env'] as const)('%s', (input) => {
  const field = input === 'build-args' ? 'buildArgs' : 'probeEnv';

  it('parses KEY=VALUE lines and keeps values verbatim', () => {
    const value = [
      'LOG_LEVEL=debug',
      'SEMI=a;b;c',
      'SUBST=$(rm -rf /)',
      `QUOTES="double" 'single'`,
      'EQUALS=x=y=z',
      '_under_score9=  padded  ',
      'EMPTY=',
    ].join('\n');
    expect(parse({ [input]: value })[field]).toEqual({
      LOG_LEVEL: 'debug',
      SEMI: 'a;b;c',
      SUBST: '$(rm -rf /)',
      QUOTES: `"double" 'single'`,
      EQUALS: 'x=y=z',
      EMPTY: '',
      _under_score9: '  padded  ',
    });
  });

  it('skips blank lines and # comments', () => {
    expect(parse({ [input]: '# a comment\n\nA=1\n   \n  # indented comment\nB=2' })[field]).toEqual({ A: '1', B: '2' });
  });

  it('lets a later line override an earlier one', () => {
    expect(parse({ [input]: 'A=1\nA=2' })[field]).toEqual({ A: '2' });
  });

  it.each(['NOEQUALS', '1X=1', 'A-B=1', 'A B=1', '=value', '$(x)=1'])('rejects %j', (line) => {
    expect(onlyProblem({ [input]: `GOOD=1\n${line}` })).toBe(
      `${input}: "${line}" is not KEY=VALUE with a KEY of letters, digits and _ (e.g. LOG_LEVEL=debug).`,
    );
  });
});

describe('builder', () => {
  it.each([
    ['', 'auto'],
    ['auto', 'auto'],
    ['buildx', 'buildx'],
    ['Classic', 'classic'],
  ])('accepts %j as %s', (value, expected) => {
    expect(parse({ builder: value }).builder).toBe(expected);
  });

  it.each([
    ['current', 'current'],
    ['builder-3f2a1c9e-6d1b-4f7a-9c3e-2b8f0a1d4e5c', { name: 'builder-3f2a1c9e-6d1b-4f7a-9c3e-2b8f0a1d4e5c' }],
    ['Shared_BuildKit', { name: 'Shared_BuildKit' }],
  ])('accepts %j, the current builder or one a step before made', (value, expected) => {
    expect(parse({ builder: value }).builder).toEqual(expected);
  });

  it('rejects what cannot be a builder name, naming the value and the choices', () => {
    expect(onlyProblem({ builder: '--builder=x' })).toBe(
      'builder: "--builder=x" is neither auto, buildx, classic, current nor a buildx builder name (letters, digits, _ . -, e.g. the name output of docker/setup-buildx-action).',
    );
  });
});

// The image honours BIND, so the probe must go where BIND says, or refuse it with words.
describe('BIND in probe-env', () => {
  it.each([
    ['0.0.0.0:8080', 'bridge'],
    ['[::]:8080', 'bridge'],
    ['127.0.0.1:8080', 'host'],
    ['', 'bridge'],
  ])('accepts BIND=%s on network %s', (bind, network) => {
    expect(parse({ 'probe-env': `BIND=${bind}`, network }).probeEnv.BIND).toBe(bind);
  });

  it('refuses a unix socket, which the probe cannot reach over HTTP', () => {
    expect(onlyProblem({ 'probe-env': 'BIND=unix:/tmp/app.sock' })).toBe(
      'probe-env: BIND="unix:/tmp/app.sock" makes the app listen on a socket the smoke test cannot reach over HTTP; give BIND=0.0.0.0:PORT (or PORT alone) in probe-env, and keep the socket for your own deployment.',
    );
  });

  it.each(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080'])('refuses the container loopback %s on network bridge, naming the fix', (bind) => {
    expect(onlyProblem({ 'probe-env': `BIND=${bind}` })).toBe(
      `probe-env: BIND="${bind}" listens on the container's own loopback, which a published port cannot reach on network bridge; use BIND=0.0.0.0:8080, or network host.`,
    );
  });

  it.each(['0.0.0.0', ':8080', '0.0.0.0:0', '0.0.0.0:http', '0.0.0.0:70000'])('refuses BIND=%s as the image would, before any build', (bind) => {
    expect(onlyProblem({ 'probe-env': `BIND=${bind}`, network: 'host' })).toBe(
      `probe-env: BIND="${bind}" is not HOST:PORT with a port from 1 to 65535, which the image requires; use e.g. BIND=0.0.0.0:8080 or BIND=[::]:8080.`,
    );
  });
});

describe('platforms', () => {
  it('is empty by default, and takes a list (parsing: platforms.test.ts)', () => {
    expect(parse({}).platforms).toEqual([]);
    expect(parse({ platforms: 'linux/amd64, linux/arm64' }).platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('names an unknown platform', () => {
    expect(onlyProblem({ platforms: 'linux/amd64,linux/sparc' })).toMatch(/^platforms: "linux\/sparc" is not a platform/);
  });

  it('is refused with builder: classic, which builds only for the engine', () => {
    expect(onlyProblem({ platforms: 'linux/arm64', builder: 'classic' })).toBe(
      "platforms: the classic builder builds only for the engine's own platform; use builder: auto or buildx, or leave platforms empty.",
    );
  });

  it('says whether probe-timeout was given, so emulated platforms stretch only the default', () => {
    expect([parse({}).probeTimeout, parse({}).probeTimeoutGiven]).toEqual([60, false]);
    expect([parse({ 'probe-timeout': '90' }).probeTimeout, parse({ 'probe-timeout': '90' }).probeTimeoutGiven]).toEqual([90, true]);
  });
});

describe('network', () => {
  it.each([
    ['', 'bridge'],
    ['bridge', 'bridge'],
    ['host', 'host'],
    ['HOST', 'host'],
  ])('accepts %j as %s', (value, expected) => {
    expect(parse({ network: value }).network).toBe(expected);
  });

  it('rejects another mode', () => {
    expect(onlyProblem({ network: 'none' })).toBe('network: "none" is not a network mode; use bridge or host.');
  });
});

describe('rebuild', () => {
  it.each([
    ['', 'always'],
    ['always', 'always'],
    ['if-changed', 'if-changed'],
    ['If-Changed', 'if-changed'],
  ])('accepts %j as %s', (value, expected) => {
    expect(parse({ rebuild: value, image: 'ghcr.io/acme/web' }).rebuild).toBe(expected);
  });

  it('rejects another mode', () => {
    expect(onlyProblem({ rebuild: 'weekly' })).toBe('rebuild: "weekly" is not a rebuild mode; use always or if-changed.');
  });

  it('refuses if-changed without an image to compare with', () => {
    expect(onlyProblem({ rebuild: 'if-changed' })).toBe(
      'rebuild: if-changed compares with the image the registry holds, and image is empty; give image (e.g. ghcr.io/acme/web), or use rebuild: always.',
    );
  });
});

describe('probe inputs', () => {
  it('keeps a probe path with a query string', () => {
    expect(parse({ 'probe-path': '/health?full=1' }).probePath).toBe('/health?full=1');
  });

  it.each(['health', '/a b', 'http://x/health', '/tab\there'])('rejects the probe path %j', (value) => {
    expect(onlyProblem({ 'probe-path': value })).toContain(`probe-path: "${value}" is not a URL path`);
  });

  it.each([
    ['100', 100],
    ['204', 204],
    ['599', 599],
  ])('accepts the probe status %s', (value, expected) => {
    expect(parse({ 'probe-status': value }).probeStatus).toBe(expected);
  });

  it.each(['99', '600', 'abc', '2OO', '-200', '200.0'])('rejects the probe status %j', (value) => {
    expect(onlyProblem({ 'probe-status': value })).toBe(`probe-status: "${value}" is not a whole number from 100 to 599.`);
  });

  it('keeps the probe body verbatim, spaces included', () => {
    expect(parse({ 'probe-body': ' ^Hello, .+!$ ' }).probeBody).toBe(' ^Hello, .+!$ ');
  });

  it.each(['(unclosed', '[a-', '*x'])('rejects the probe body %j as a regular expression, with the reason', (value) => {
    const problem = onlyProblem({ 'probe-body': value });
    expect(problem.startsWith(`probe-body: "${value}" is not a regular expression (Invalid regular expression: /${value}/`)).toBe(true);
  });

  it.each([
    ['1', 1],
    ['3600', 3600],
  ])('accepts the probe timeout %s', (value, expected) => {
    expect(parse({ 'probe-timeout': value }).probeTimeout).toBe(expected);
  });

  it.each(['0', '3601', '1.5', 'ten'])('rejects the probe timeout %j', (value) => {
    expect(onlyProblem({ 'probe-timeout': value })).toBe(`probe-timeout: "${value}" is not a whole number from 1 to 3600.`);
  });
});

describe('booleans', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['1', true],
    ['on', true],
    ['false', false],
    ['No', false],
    ['0', false],
    ['off', false],
  ])('reads %j as %s', (value, expected) => {
    const settings = parse({ latest: value, pull: value, 'no-cache': value });
    expect([settings.latest, settings.pull, settings.noCache]).toEqual([expected, expected, expected]);
  });

  it('rejects a push value that is not a boolean', () => {
    expect(onlyProblem({ push: 'maybe' })).toBe('push: "maybe" is not a boolean; use true or false.');
  });

  // BUG-2 (src/core/settings.ts, the return statement): latest, pull and no-cache are parsed after the
  // `if (problems.length > 0) throw` line, so a bad value is never reported and silently becomes the default.
  it.each(['latest', 'pull', 'no-cache'])('rejects a %s value that is not a boolean [BUG-2]', (name) => {
    expect(onlyProblem({ [name]: 'maybe' })).toBe(`${name}: "maybe" is not a boolean; use true or false.`);
  });
});

describe('several problems', () => {
  it('are reported together in one InputError', () => {
    let caught: unknown;
    try {
      parseSettings({ 'python-version': '', variant: 'bookworm', network: 'none', tags: 'a;b', 'probe-status': '42', push: 'true' }, env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const error = caught as InputError;
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'python-version',
      'variant',
      'image',
      'username',
      'password',
      'tags',
      'network',
      'probe-status',
    ]);
    expect(error.name).toBe('InputError');
    expect(error.message.split('\n')[0]).toBe('8 inputs need fixing:');
    expect(error.message).toContain('\n  - network: "none" is not a network mode; use bridge or host.');
  });

  it('use the problem itself as the message when there is one', () => {
    expect(() => parseSettings({ 'python-version': '3.12', network: 'none' }, env)).toThrow(
      /^network: "none" is not a network mode; use bridge or host\.$/,
    );
  });
});

describe('build secrets and the cache', () => {
  const env: Environment = { workspace: process.cwd(), actionRoot: process.cwd(), forkPullRequest: false, foreignCodeWithSecrets: false };
  const problems = (raw: Record<string, string>, environment: Environment = env): string[] => {
    try {
      parseSettings({ 'python-version': '3.12', ...raw }, environment);
      return [];
    } catch (error) {
      return (error as InputError).problems;
    }
  };

  it('refuses an index with credentials on the classic builder, without echoing them', () => {
    const found = problems({ 'pip-index-url': 'https://ci:s3cr3t@pypi.example.com/simple/', builder: 'classic' });
    expect(found).toEqual([
      'pip-index-url: "https://***@pypi.example.com/simple/" carries credentials, and builder: classic has no build secrets, so they would be written into the image history; use builder: auto or buildx, or an index that needs no credentials.',
    ]);
    expect(problems({ 'pip-index-url': 'https://ci:s3cr3t@pypi.example.com/simple/' })).toEqual([]);
    expect(problems({ 'pip-index-url': 'https://pypi.example.com/simple/', builder: 'classic' })).toEqual([]);
  });

  it("defaults to GitHub's cache only where the runner offers it, and takes none or the inputs over it", () => {
    const hosted = { ...env, githubCache: true };
    const scoped = parseSettings({ 'python-version': '3.12', variant: 'slim', worker: 'gthread' }, hosted);
    expect(scoped.cacheFrom).toEqual([{ type: 'gha', attrs: [['scope', 'flask-gunicorn-action-3.12-slim-gthread']] }]);
    expect(scoped.cacheGiven).toBe(false);
    // One named platform (a platform job): its own scope, so the amd64 and arm64 jobs keep their own caches.
    const arm = parseSettings({ 'python-version': '3.12', variant: 'slim', platforms: 'linux/arm64', mode: 'platform' }, hosted);
    expect(arm.cacheFrom).toEqual([{ type: 'gha', attrs: [['scope', 'flask-gunicorn-action-3.12-slim-meinheld-arm64']] }]);
    expect(parseSettings({ 'python-version': '3.12' }, env).cacheFrom).toEqual([]);
    const off = parseSettings({ 'python-version': '3.12', 'cache-from': 'none', 'cache-to': 'none' }, hosted);
    expect([off.cacheFrom, off.cacheTo, off.cacheGiven]).toEqual([[], [], true]);
    const given = parseSettings({ 'python-version': '3.12', 'cache-to': 'type=local,dest=c' }, hosted);
    expect(given.cacheTo).toEqual([{ type: 'local', attrs: [['dest', path.join(hosted.workspace, 'c')]] }]);
    expect(given.cacheFrom).toEqual([]);
  });

  it('refuses a cache with the classic builder, and a bad cache line with what is accepted', () => {
    expect(problems({ 'cache-from': 'type=local,src=c', builder: 'classic' })).toEqual([
      'cache-from / cache-to: the classic builder has no cache backends; use builder: auto or buildx, or leave both empty.',
    ]);
    expect(problems({ 'cache-to': 'type=s3,bucket=b' })[0]).toMatch(/^cache-to: "type=s3,bucket=b" has type "s3"; use one of/);
  });

  it('takes a local cache folder only in the workspace or RUNNER_TEMP, a relative one in the workspace', () => {
    const runnerTemp = path.join(os.tmpdir(), 'runner-temp-of-this-job');
    const placed = parse({ 'cache-from': `type=local,src=${runnerTemp}/cache`, 'cache-to': 'type=local,dest=.cache/flask' }, { runnerTemp });
    expect(placed.cacheFrom).toEqual([{ type: 'local', attrs: [['src', path.join(runnerTemp, 'cache')]] }]);
    expect(placed.cacheTo).toEqual([{ type: 'local', attrs: [['dest', path.join(workspace, '.cache', 'flask')]] }]);
    expect(onlyProblem({ 'cache-to': 'type=local,dest=/var/lib/other-job/cache' }, { runnerTemp })).toBe(
      `cache-to: the local cache folder "/var/lib/other-job/cache" lies outside the workspace (${workspace}) and RUNNER_TEMP (${runnerTemp}); put it in one of them (e.g. \${{ runner.temp }}/flask-build-cache, kept between runs by actions/cache), or use a registry cache.`,
    );
    // Climbing out with .. counts where it lands; a sibling whose name starts alike is outside.
    expect(onlyProblem({ 'cache-from': 'type=local,src=../elsewhere' })).toMatch(
      /^cache-from: the local cache folder "..\/elsewhere" lies outside the workspace/,
    );
    expect(onlyProblem({ 'cache-from': `type=local,src=${workspace}-sibling` })).toMatch(/lies outside the workspace/);
  });
});

describe('mode', () => {
  const push = { image: 'ghcr.io/acme/web', push: 'true', username: 'u', password: 'p' };
  const digest = `sha256:${'a'.repeat(64)}`;

  it('is build by default, and accepts platform and merge in any case', () => {
    expect(parse({}).mode).toBe('build');
    expect(parse({ mode: 'Platform' }).mode).toBe('platform');
    expect(parse({ ...push, mode: 'merge', platforms: 'linux/amd64,linux/arm64', handover: 'in' }).mode).toBe('merge');
  });

  it('refuses an unknown mode, naming the modes', () => {
    expect(onlyProblem({ mode: 'split' })).toBe('mode: "split" is not a mode; use build, platform, merge.');
  });

  it("platform: one platform per job (or none: the runner's own)", () => {
    expect(parse({ mode: 'platform', platforms: 'linux/arm64' }).platforms).toEqual(['linux/arm64']);
    expect(onlyProblem({ mode: 'platform', platforms: 'linux/amd64,linux/arm64' })).toMatch(
      /^mode: platform builds one platform per job, and platforms lists linux\/amd64, linux\/arm64/,
    );
  });

  it('rebuild: if-changed works in every mode (a platform job compares its own platform, the merge follows the hand-overs)', () => {
    expect(parse({ ...push, mode: 'platform', platforms: 'linux/arm64', rebuild: 'if-changed' })).toMatchObject({
      mode: 'platform',
      rebuild: 'if-changed',
    });
    expect(parse({ ...push, mode: 'platform', rebuild: 'if-changed' }).rebuild).toBe('if-changed');
    expect(parse({ ...push, mode: 'merge', platforms: 'linux/amd64', handover: 'in', rebuild: 'if-changed' })).toMatchObject({
      mode: 'merge',
      rebuild: 'if-changed',
    });
    expect(parse({ ...push, rebuild: 'if-changed' }).rebuild).toBe('if-changed');
  });

  it('merge: needs the platforms, push and the hand-over (a folder or digests)', () => {
    expect(problems({ mode: 'merge' })).toEqual([
      'platforms: mode: merge needs the platforms the platform jobs built (e.g. linux/amd64,linux/arm64): the merge refuses a set that lacks one.',
      'push: mode: merge points the tags at the tested images; set push: true (and give it the same image, username and password).',
      "handover: mode: merge needs the platform jobs' hand-over files (the folder actions/download-artifact wrote them to) or their digests in digests.",
    ]);
  });

  it('merge: reads digests as sha256:HEX or IMAGE@sha256:HEX of its own image', () => {
    const settings = parse({ ...push, mode: 'merge', platforms: 'linux/amd64', digests: `${digest}\nghcr.io/acme/web@sha256:${'b'.repeat(64)}` });
    expect(settings.digests).toEqual([digest, `sha256:${'b'.repeat(64)}`]);
    expect(onlyProblem({ ...push, mode: 'merge', platforms: 'linux/amd64', digests: 'sha256:abc' })).toMatch(
      /^digests: "sha256:abc" is not a digest/,
    );
    expect(onlyProblem({ ...push, mode: 'merge', platforms: 'linux/amd64', digests: `ghcr.io/acme/other@${digest}` })).toMatch(
      /names ghcr.io\/acme\/other, and this step merges ghcr.io\/acme\/web/,
    );
  });

  it('digests belong to the merge only', () => {
    expect(onlyProblem({ mode: 'platform', digests: digest })).toBe("digests: only mode: merge reads digests; this step's mode is platform.");
  });

  it("merge on a fork's pull request: skipped like any push, not an error", () => {
    const settings = parse({ ...push, mode: 'merge', platforms: 'linux/amd64', handover: 'in' }, { forkPullRequest: true });
    expect([settings.push, settings.pushSkippedReason !== '']).toEqual([false, true]);
  });
});
