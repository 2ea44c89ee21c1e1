/**
 * The attacks a security review found, each against the real action (dist/, as a runner runs it) and the real
 * image, on the real engine and registry. The harness reads the log as a runner does
 * (runner-commands.ts): any line whose trimmed start is `::` outside a stop-commands pair is a
 * command, and `::set-output` / `::save-state` printed in the log count, as a runner counts them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, CANARY_MARK, HOSTILE, LEAK_ABSENT, LEAK_FOUND, startAttackerFiles, startPrivateIndex, type PrivateIndex } from './private-index.js';
import { runAction, runPost, startFakeGitHubApi, testbedInputs, workflowEnv, writeApp, type ActionRun, type FakeGitHubApi } from './run-action.js';
import { e2eTarget, registryTags, testbed } from './testbed.js';

const target = e2eTarget();
let workspace: string;
let api: FakeGitHubApi;
let index: PrivateIndex;
/** A folder outside RUNNER_TEMP that forged state points the post step at. */
let victim: string;
/** A container the action did not make, named as if it had. */
const victimContainer = `flask-gunicorn-action-smoke-4242-1-${Math.random().toString(16).slice(2, 10)}`;
const SCRATCH_IMAGE = `flask-security-test/scratch:${process.pid}`;
const imagesMade: string[] = [];

/** What a hostile app or package prints: each line a command to a runner that reads it unfenced. */
function attack(): string {
  return [
    '::set-output name=digest::sha256:forged',
    `::save-state name=dockerConfig::${victim}`,
    `::save-state name=container::${victimContainer}`,
    '  ::add-mask::Successfully',
    '::error title=forged::forged by the app',
    '##[set-output name=image-id;]forged',
    '::stop-commands::guessed',
    '::guessed::',
    '::set-output name=tags::forged-after-a-guessed-token',
  ].join('\n');
}

// The commands the action itself issues; the runner obeys nothing else from its log.
const OWN_COMMANDS = new Set(['add-mask', 'group', 'endgroup', 'stop-commands', 'error', 'warning', 'notice', 'debug']);

function expectNoForgedCommand(run: ActionRun): void {
  const foreign = run.commands.filter(
    (c) =>
      !OWN_COMMANDS.has(c.name) ||
      c.properties.title === 'forged' ||
      (c.name === 'add-mask' && c.data === 'Successfully') ||
      (c.name === 'stop-commands' && !/^[0-9a-f]{32}$/.test(c.data)),
  );
  expect(foreign.map((c) => c.line)).toEqual([]);
  expect(run.outputs.digest ?? '').not.toBe('sha256:forged');
  expect(run.outputs['image-id'] ?? '').not.toBe('forged');
  expect(run.outputs.tags ?? '').not.toContain('forged');
  // The post step got no forged state, so it touched neither.
  expect(readFileSync(join(victim, 'precious'), 'utf8')).toBe('keep me\n');
  expect(containerExists(victimContainer)).toBe(true);
}

function containerExists(name: string): boolean {
  const out = execFileSync('docker', ['ps', '--all', '--filter', `name=^/${name}$`, '--format', '{{.Names}}'], { encoding: 'utf8' });
  return out.trim() === name;
}

function run(inputs: Record<string, string>, options: { workspace?: string; env?: Record<string, string> } = {}): Promise<ActionRun> {
  return runAction(
    { 'python-version': target.pythonVersion, variant: target.variant, 'github-token': 'fake', date: '2026-11-21', ...testbedInputs(), ...inputs },
    { workspace: options.workspace ?? workspace, env: { ...workflowEnv(api), ...options.env } },
  );
}

function remember(result: ActionRun): ActionRun {
  if (result.outputs['image-id']) imagesMade.push(result.outputs['image-id']);
  return result;
}

const flaskApp = (body: string, status = 200, atImport = '') =>
  `import sys\nfrom flask import Flask\n${atImport}app = Flask(__name__)\n@app.route("/")\ndef index():\n    return ${body}, ${status}\n`;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'security-'));
  victim = mkdtempSync(join(tmpdir(), 'security-victim-'));
  writeFileSync(join(victim, 'precious'), 'keep me\n');
  api = await startFakeGitHubApi('2026-11-21T08:00:00Z');
  index = await startPrivateIndex(attack());
  // An image with no files is enough for containers that are only ever created, never started.
  const scratch = spawn('docker', ['import', '-', SCRATCH_IMAGE], { stdio: ['pipe', 'ignore', 'inherit'] });
  scratch.stdin.end(execFileSync('tar', ['-c', '--files-from', '/dev/null']));
  await new Promise((resolve) => scratch.on('close', resolve));
  execFileSync('docker', ['create', '--name', victimContainer, '--network', 'none', SCRATCH_IMAGE, '/none'], { stdio: 'ignore' });
});

afterAll(async () => {
  execFileSync('docker', ['rm', '--force', victimContainer], { stdio: 'ignore' });
  execFileSync('docker', ['image', 'rm', '--force', SCRATCH_IMAGE, ...imagesMade], { stdio: 'ignore' });
  rmSync(workspace, { recursive: true, force: true });
  rmSync(victim, { recursive: true, force: true });
  await index?.close();
  await api?.close();
});

describe('untrusted text is data', () => {
  it('build output: a package whose setup.py prints workflow commands forges nothing', async () => {
    const app = writeApp(workspace, { 'main.py': flaskApp('"ok"'), 'requirements.txt': `${HOSTILE}==1.0\n` });
    const result = remember(await run({ app, 'pip-index-url': index.url }));
    expect(result.exitCode, result.log).toBe(1);
    // The premise: the forged lines did reach the log from pip's output. BuildKit prefixes each line
    // (`#7 0.49 ::set-output ...`), which hides the `::` form, but not the `##[...]` form, which a
    // runner finds anywhere in a line; the classic builder prints both bare.
    expect(result.log).toContain('##[set-output name=image-id;]forged');
    expect(result.log).toMatch(/Layering the app failed/);
    expectNoForgedCommand(result);
  });

  it('container logs and probe body: an app printing workflow commands forges nothing', async () => {
    const print = `for stream in (sys.stdout, sys.stderr):\n    stream.write(${JSON.stringify(`${attack()}\n`)})\n    stream.flush()\n`;
    const app = writeApp(workspace, { 'main.py': flaskApp(JSON.stringify(attack()), 500, print) });
    const result = remember(await run({ app, 'probe-timeout': '20' }));
    expect(result.exitCode, result.log).toBe(1);
    expect(result.log).toContain('Why the smoke test failed');
    expect(result.log).toMatch(/^\s*HTTP 500/m);
    expect(result.log.match(/^\s*::set-output name=digest::sha256:forged$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expectNoForgedCommand(result);
  });
});

describe('the post step acts only on its own things', () => {
  it('ignores forged state with a warning, and still removes what the action made', async () => {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'security-runner-temp-'));
    try {
      const inside = join(runnerTemp, 'checkout');
      mkdirSync(inside);
      const link = join(runnerTemp, 'flask-gunicorn-action-docker-config-link');
      symlinkSync(victim, link);
      for (const dockerConfig of [victim, inside, link, `${runnerTemp}/../${victim.split('/').pop()}`]) {
        const post = await runPost({ dockerConfig, container: victimContainer, registry: '' }, runnerTemp);
        expect(post.exitCode, post.log).toBe(0);
        expect(post.log).toMatch(/::warning::Ignored the saved Docker config folder/);
        expect(post.log).toMatch(/::warning::Left container .* does not carry the label flask-gunicorn-action\.smoke-test/);
      }
      expect(existsSync(inside)).toBe(true);
      expect(readFileSync(join(victim, 'precious'), 'utf8')).toBe('keep me\n');
      expect(containerExists(victimContainer)).toBe(true);

      // What the action itself makes is removed as before.
      const own = mkdtempSync(join(runnerTemp, 'flask-gunicorn-action-docker-config-'));
      const jobId = `4242-1-${Math.random().toString(16).slice(2, 10)}`;
      execFileSync(
        'docker',
        [
          'create',
          '--name',
          `flask-gunicorn-action-smoke-${jobId}`,
          '--label',
          `flask-gunicorn-action.smoke-test=${jobId}`,
          '--network',
          'none',
          SCRATCH_IMAGE,
          '/none',
        ],
        { stdio: 'ignore' },
      );
      const post = await runPost({ dockerConfig: own, container: `flask-gunicorn-action-smoke-${jobId}`, registry: testbed().registry }, runnerTemp);
      expect(post.log).not.toMatch(/::warning::/);
      expect(existsSync(own)).toBe(false);
      expect(containerExists(`flask-gunicorn-action-smoke-${jobId}`)).toBe(false);
    } finally {
      rmSync(runnerTemp, { recursive: true, force: true });
    }
  });
});

describe('what reaches the image', () => {
  it('a checkout at the app root: neither .git (with its token) nor what .dockerignore lists is in any layer', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'security-checkout-'));
    try {
      const token = `ghs_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
      const ignored = `ignored-${Math.random().toString(36).slice(2)}`;
      const kept = `kept-${Math.random().toString(36).slice(2)}`;
      mkdirSync(join(checkout, '.git'));
      writeFileSync(
        join(checkout, '.git', 'config'),
        `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}\n# ${token}\n`,
      );
      writeFileSync(join(checkout, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      mkdirSync(join(checkout, 'notes'));
      writeFileSync(join(checkout, 'notes', 'todo.txt'), `${ignored}\n`);
      writeFileSync(join(checkout, '.dockerignore'), 'notes/\n');
      writeFileSync(join(checkout, 'main.py'), flaskApp(JSON.stringify(kept)));
      const result = remember(await run({ app: '.', 'probe-body': kept }, { workspace: checkout }));
      expect(result.exitCode, result.log).toBe(0);
      expect(result.runnerTempLeft).toEqual([]);
      expect(readFileSync(join(checkout, '.git', 'config'), 'utf8')).toContain(token);

      const saved = execFileSync('docker', ['image', 'save', result.outputs['image-id']!], { maxBuffer: 2 ** 31 - 1 });
      expect(saved.includes(kept)).toBe(true); // the search finds what is there
      expect(saved.includes(token)).toBe(false);
      expect(saved.includes(Buffer.from(`x-access-token:${token}`).toString('base64'))).toBe(false);
      expect(saved.includes(ignored)).toBe(false);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('an app folder that is a link out of the workspace is refused before any build', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'security-outside-'));
    try {
      writeFileSync(join(outside, 'main.py'), flaskApp('"outside"'));
      symlinkSync(outside, join(workspace, 'linked-app'));
      const result = await run({ app: 'linked-app' });
      expect(result.exitCode).toBe(1);
      expect(result.log).toContain(`app: "linked-app" points outside the workspace (${workspace}): it is a link to ${outside}`);
      expect(result.log).not.toContain('[command]');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('the app layer installs requirements from pip-index-url too (no dependency confusion); the login uses no machine credential helper', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'security-helpers-'));
    const calls = join(bin, 'calls');
    try {
      // The helpers the Docker CLI falls back to when a config names no credentials store.
      for (const helper of ['docker-credential-secretservice', 'docker-credential-pass']) {
        writeFileSync(
          join(bin, helper),
          `#!/bin/sh\ninput=$(cat)\nprintf '%s %s\\n' "$1" "$input" >> ${calls}\ncase "$1" in list) echo '{}';; get) echo 'credentials not found in native keychain'; exit 1;; esac\n`,
        );
        chmodSync(join(bin, helper), 0o755);
      }
      const app = writeApp(workspace, {
        'main.py': `import flask_action_canary\n${flaskApp('flask_action_canary.MARK')}`,
        // A line unique to this run: the index reaches pip as a build secret, which is no part of BuildKit's
        // cache key, so an earlier run's layer (same requirements, another index) would otherwise be reused.
        'requirements.txt': `# ${Math.random().toString(36).slice(2, 10)}\n${CANARY}==1.0\n`,
      });
      const repository = `security/canary-${Math.random().toString(36).slice(2, 8)}`;
      const tb = testbed();
      const result = remember(
        await run(
          {
            app,
            'pip-index-url': index.url,
            'probe-body': CANARY_MARK,
            image: `${tb.registry}/${repository}`,
            push: 'true',
            username: tb.user,
            password: tb.password,
          },
          { env: { PATH: `${bin}:${process.env.PATH ?? ''}` } },
        ),
      );
      expect(result.exitCode, result.log).toBe(0);
      expect(index.requests).toContain(`/simple/${CANARY}/`);
      expect(await registryTags(repository)).toContain('latest');
      const helperCalls = existsSync(calls) ? readFileSync(calls, 'utf8') : '';
      expect(helperCalls).not.toMatch(/^(store|erase) /m);
      expect(helperCalls).not.toContain(tb.password);
      expectNoForgedCommand(result);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('the probe and the start-up check', () => {
  it('a backtracking probe-body pattern cannot hold the job past probe-timeout', async () => {
    const app = writeApp(workspace, { 'main.py': flaskApp(JSON.stringify(`${'a'.repeat(40)}!`)) });
    const started = Date.now();
    const result = remember(await run({ app, 'probe-body': '^(a+)+$', 'probe-timeout': '5' }));
    expect(result.exitCode, result.log).toBe(1);
    expect(result.log).toMatch(/did not finish in the time left and was stopped: the pattern backtracks/);
    // Today's build is cached; the match alone would take hours on the action's thread.
    expect(Date.now() - started).toBeLessThan(150_000);
  });

  it('with RUN_AS_USER, the app package is imported only by the workers, never as root by the master', async () => {
    const app = writeApp(workspace, {
      'app/__init__.py': 'import os\nwith open("/tmp/imported-by", "a") as f:\n    f.write("uid=%d\\n" % os.getuid())\n',
      'app/main.py': flaskApp('open("/tmp/imported-by").read()'),
    });
    const result = remember(await run({ app, 'probe-env': 'RUN_AS_USER=app', 'probe-body': '^(uid=1000\\n)+$', 'probe-timeout': '60' }));
    expect(result.exitCode, result.log).toBe(0);
    expect(result.outputs['probe-status']).toBe('200');
  });

  it("with RUN_AS_USER, the app's sitecustomize.py runs in no root process (start-up check, master); the workers keep /app as path and folder", async () => {
    const app = writeApp(workspace, {
      'sitecustomize.py':
        'import os\nwith open("/tmp/sitecustomize-ran", "a") as f:\n    f.write("uid=%d\\n" % os.getuid())\nprint("sitecustomize uid=%d" % os.getuid(), flush=True)\n',
      'main.py': flaskApp(
        '(open("/tmp/sitecustomize-ran").read() if os.path.exists("/tmp/sitecustomize-ran") else "none\\n") + "cwd=%s pythonpath=%s uid=%d" % (os.getcwd(), os.environ.get("PYTHONPATH"), os.getuid())',
        200,
        'import os\n',
      ),
    });
    // What the workers answer: nothing ran as root before them (no line, or the workers' own), and the
    // app sees its folder and path as always. A root process that imported it would leave uid=0.
    const result = remember(
      await run({
        app,
        'probe-env': 'RUN_AS_USER=app',
        'probe-body': '^(none\\n|(uid=1000\\n)+)cwd=/app pythonpath=/app uid=1000$',
        'probe-timeout': '60',
      }),
    );
    expect(result.exitCode, result.log).toBe(0);
  });
});

/** An event payload file, as the runner writes it for GITHUB_EVENT_PATH. */
function eventEnv(name: string, payload: object): Record<string, string> {
  const file = join(workspace, `event-${Math.random().toString(36).slice(2, 8)}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file };
}

const FOREIGN_PULL_REQUEST = {
  pull_request: { number: 9, head: { repo: { full_name: 'mallory/web' } }, base: { repo: { full_name: 'acme/web' } } },
  repository: { full_name: 'acme/web' },
};

describe('code from another repository gets no secret', () => {
  const INDEX_USER = 'ci-reader';
  const INDEX_PASSWORD = `idx${Math.random().toString(36).slice(2, 12)}`;
  const reversed = (text: string) => [...text].reverse().join('');
  let privateIndex: PrivateIndex;
  let attacker: Awaited<ReturnType<typeof startAttackerFiles>>;
  let indexUrl: string;

  beforeAll(async () => {
    privateIndex = await startPrivateIndex(attack(), { user: INDEX_USER, password: INDEX_PASSWORD });
    attacker = await startAttackerFiles();
    indexUrl = privateIndex.url.replace('http://', `http://${INDEX_USER}:${INDEX_PASSWORD}@`);
  });

  afterAll(async () => {
    await privateIndex?.close();
    await attacker?.close();
  });

  it("pull_request_target: the pull request's requirement cannot read the index, nothing is logged in, exported or pushed, and the log says what was withheld and why", async () => {
    const app = writeApp(workspace, { 'main.py': flaskApp('"ok"'), 'requirements.txt': `${attacker.requirement}\n` });
    const repository = `security/foreign-${Math.random().toString(36).slice(2, 8)}`;
    const tb = testbed();
    const result = remember(
      await run(
        {
          app,
          'pip-index-url': indexUrl,
          image: `${tb.registry}/${repository}`,
          push: 'true',
          username: tb.user,
          password: tb.password,
          'cache-to': 'type=local,dest=foreign-cache,mode=max',
        },
        { env: eventEnv('pull_request_target', FOREIGN_PULL_REQUEST) },
      ),
    );
    // The premise: the attacker's code ran in the app layer, and found nothing.
    expect(result.log).toContain(LEAK_ABSENT);
    expect(result.log).not.toContain(LEAK_FOUND);
    expect(result.log).not.toContain(INDEX_PASSWORD);
    expect(result.log).not.toContain(reversed(INDEX_PASSWORD));
    expect(result.log).toMatch(/ENV-REVERSED:\s*$/m);
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain('Layering the app failed');
    // The base build, which runs only the action's own files, still used the index, logged in (401 without).
    expect(result.log).toContain(
      'The workspace may hold code from another repository (pull_request_target for a pull request from another repository), which runs in the app build and the test container, so it is given no secret. Withheld: the registry login',
    );
    expect(result.log).toMatch(
      /Withheld: .*the cache export \(cache-to: type=local,dest=\S*foreign-cache,mode=max\); pip-index-url from the app layer/,
    );
    expect(result.log).toMatch(/Push skipped: the event \(pull_request_target for a pull request from another repository\)/);
    expect(result.log).not.toMatch(/Log in to|Make builder/);
    expect(existsSync(join(workspace, 'foreign-cache'))).toBe(false);
    expect(await registryTags(repository)).toEqual([]);
    expectNoForgedCommand(result);
  });

  it('the same with trust-foreign-code: the requirement reads the index URL and its password (so the test above can fail)', async () => {
    const app = writeApp(workspace, { 'main.py': flaskApp('"ok"'), 'requirements.txt': `${attacker.requirement}\n` });
    const result = remember(
      await run({ app, 'pip-index-url': indexUrl, 'trust-foreign-code': 'true' }, { env: eventEnv('pull_request_target', FOREIGN_PULL_REQUEST) }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain(LEAK_FOUND);
    expect(result.log).toContain(reversed(INDEX_PASSWORD));
    expect(result.log).not.toContain('given no secret');
  });
});

describe('a comment on a pull request (issue_comment) pushes only what the API shows is the repository own code', () => {
  const comment = (number: number) =>
    eventEnv('issue_comment', {
      action: 'created',
      comment: { body: '/build' },
      issue: { number, pull_request: { url: `https://api.github.com/repos/acme/web/pulls/${number}` } },
      repository: { full_name: 'acme/web' },
    });

  async function commentRun(number: number, inputs: Record<string, string> = {}): Promise<{ result: ActionRun; tags: string[] }> {
    const tb = testbed();
    const repository = `security/comment-${Math.random().toString(36).slice(2, 8)}`;
    const result = remember(
      await run(
        {
          app: commentApp,
          image: `${tb.registry}/${repository}`,
          push: 'true',
          username: tb.user,
          password: tb.password,
          latest: 'false',
          ...inputs,
        },
        { env: comment(number) },
      ),
    );
    return { result, tags: await registryTags(repository) };
  }
  let commentApp: string;

  beforeAll(() => {
    commentApp = writeApp(workspace, { 'main.py': flaskApp('"built on a comment"') });
    api.pulls[5] = { head: 'mallory/web', base: 'acme/web' };
    api.pulls[6] = { head: 'acme/web', base: 'acme/web' };
  });

  it('from another repository: built and tested, not pushed, no login, and the log says why', async () => {
    const { result, tags } = await commentRun(5);
    expect(result.exitCode, result.log).toBe(0);
    expect(api.requests).toContain('GET /repos/acme/web/pulls/5 auth=yes');
    expect(result.log).toContain(
      'Push skipped: the event (issue_comment on pull request #5 from mallory/web) may have put that code in the workspace',
    );
    expect(result.log).toContain('Withheld: the registry login');
    expect(result.log).not.toContain('Log in to');
    expect(tags).toEqual([]);
  });

  it('from this repository, as the API says: pushed (so the test above can fail)', async () => {
    const { result, tags } = await commentRun(6);
    expect(result.exitCode, result.log).toBe(0);
    expect(api.requests).toContain('GET /repos/acme/web/pulls/6 auth=yes');
    expect(result.log).not.toContain('Push skipped');
    expect(tags.length).toBeGreaterThan(0);
  });

  it('without a token to ask the API: not pushed, with a notice that says the head repository could not be verified', async () => {
    const { result, tags } = await commentRun(6, { 'github-token': '' });
    expect(result.exitCode, result.log).toBe(0);
    expect(result.log).toContain(
      'Push skipped: the event (issue_comment on pull request #6, whose head repository could not be verified (github-token is empty, so the GitHub API cannot be asked))',
    );
    expect(tags).toEqual([]);
  });
});

describe('inputs that would reach too far are refused before any work', () => {
  it('a local cache folder outside the workspace and RUNNER_TEMP', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'security-cache-outside-'));
    try {
      const result = await run({ 'cache-to': `type=local,dest=${outside}` });
      expect(result.exitCode).toBe(1);
      expect(result.log).toContain(`cache-to: the local cache folder "${outside}" lies outside the workspace (${workspace}) and RUNNER_TEMP`);
      expect(result.log).not.toContain('[command]');
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('the job summary is text', () => {
  it('a .dockerignore line carrying a tag is quoted as text, never as an element', async () => {
    const app = writeApp(workspace, {
      'main.py': flaskApp('"ok"'),
      'requirements.txt': 'flask\n',
      '.dockerignore': 'requirements.tx[t<img src=x onerror=alert(document.domain)>]\n',
    });
    const result = await run({ app });
    expect(result.exitCode).toBe(1);
    // The premise: the summary quotes the line.
    expect(result.summary).toContain('requirements.tx[t&#60;img src=x onerror=alert(document.domain)&#62;]');
    expect(result.summary).not.toContain('<img');
  });
});
