/**
 * rebuild: if-changed: what the registry's answers mean (held image, base digest per platform), why
 * a run rebuilds, and the pipeline's skipped run. Docker is scripted; the folders hashed are real.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { contextDigest } from '../../../src/adapters/context-digest.js';
import { Docker, type ExecResult, type Runner } from '../../../src/adapters/docker.js';
import { fingerprintLabels, type Fingerprint } from '../../../src/core/fingerprint.js';
import { runPipeline } from '../../../src/pipeline/pipeline.js';
import { checkRebuild, heldImage, platformDigest, rebuildReasons, type HeldImage } from '../../../src/pipeline/rebuild.js';
import type { Reporter, SummaryRow } from '../../../src/adapters/reporter.js';
import { makePlan } from '../../../src/core/plan.js';
import { parseSettings } from '../../../src/core/settings.js';
import { memoryState } from '../../../src/adapters/state.js';

const ACTION_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const digest = (char: string): string => `sha256:${char.repeat(64)}`;
const REF = '127.0.0.1:5000/web:python3.12';
const fingerprint: Fingerprint = {
  base: `python:3.12@${digest('a')}`,
  app: digest('b'),
  docker: digest('c'),
  inputs: digest('d'),
  action: `0.1.0+${digest('e')}`,
};
const single = (labels: Record<string, string>): HeldImage => ({
  kind: 'image',
  digest: digest('9'),
  multiPlatform: false,
  labels: { 'linux/amd64': labels },
  digests: { 'linux/amd64': digest('9') },
});

describe('rebuildReasons', () => {
  it('finds none when the held image records the same fingerprint', () => {
    expect(rebuildReasons(REF, single(fingerprintLabels(fingerprint)), ['linux/amd64'], [fingerprint], 'image')).toEqual([]);
  });

  it('rebuilds a missing tag and a registry it cannot read, saying so', () => {
    expect(rebuildReasons(REF, { kind: 'missing' }, ['linux/amd64'], [fingerprint], 'image')).toEqual([`${REF} is not in the registry`]);
    expect(rebuildReasons(REF, { kind: 'unreadable', why: 'denied' }, ['linux/amd64'], [fingerprint], 'image')).toEqual([
      `${REF} could not be read from the registry (denied)`,
    ]);
  });

  it('names each changed part', () => {
    const held = single(fingerprintLabels({ ...fingerprint, app: digest('7'), action: `0.0.9+${digest('e')}` }));
    expect(rebuildReasons(REF, held, ['linux/amd64'], [fingerprint], 'image')).toEqual([
      'the app folder (app): sha256:777777777777 → sha256:bbbbbbbbbbbb',
      "the action's version (action): 0.0.9+sha256:eeeeeeeeeeee → 0.1.0+sha256:eeeeeeeeeeee",
    ]);
  });

  it('rebuilds when the held image is of another kind or another platform', () => {
    const index: HeldImage = {
      kind: 'image',
      digest: digest('9'),
      multiPlatform: true,
      labels: { 'linux/amd64': fingerprintLabels(fingerprint) },
      digests: { 'linux/amd64': digest('1') },
    };
    expect(rebuildReasons(REF, index, ['linux/amd64'], [fingerprint], 'image')).toEqual([
      `${REF} is a multi-platform image, and this run builds one`,
    ]);
    expect(rebuildReasons(REF, single(fingerprintLabels(fingerprint)), ['linux/arm64'], [fingerprint], 'image')).toEqual([
      `${REF} holds no image for linux/arm64`,
    ]);
  });

  it('compares each platform with its own image in an index', () => {
    const arm = { ...fingerprint, base: `python:3.12@${digest('f')}` };
    const index: HeldImage = {
      kind: 'image',
      digest: digest('9'),
      multiPlatform: true,
      labels: { 'linux/amd64': fingerprintLabels(fingerprint), 'linux/arm64/v8': fingerprintLabels(arm) },
      digests: { 'linux/amd64': digest('1'), 'linux/arm64/v8': digest('2') },
    };
    const platforms = ['linux/amd64', 'linux/arm64'];
    expect(rebuildReasons(REF, index, platforms, [fingerprint, arm], 'index')).toEqual([]);
    const newArm = { ...arm, base: `python:3.12@${digest('0')}` };
    expect(rebuildReasons(REF, index, platforms, [fingerprint, newArm], 'index')).toEqual([
      'linux/arm64: the base image (base): python:3.12@sha256:ffffffffffff → python:3.12@sha256:000000000000',
    ]);
    // A platform dropped from the run would leave the index naming an image this run does not build.
    expect(rebuildReasons(REF, index, ['linux/amd64', 'linux/s390x'], [fingerprint, fingerprint], 'index')).toEqual([
      `${REF} also holds linux/arm64/v8, which this run does not build`,
      `linux/s390x: ${REF} holds no image for linux/s390x`,
    ]);
  });
});

describe('rebuildReasons in a platform job (one platform, compared with its entry in the index a merge made)', () => {
  const arm = { ...fingerprint, base: `python:3.12@${digest('f')}` };
  const index: HeldImage = {
    kind: 'image',
    digest: digest('9'),
    multiPlatform: true,
    labels: { 'linux/amd64': fingerprintLabels(fingerprint), 'linux/arm64': fingerprintLabels({ ...arm, app: digest('7') }) },
    digests: { 'linux/amd64': digest('1'), 'linux/arm64': digest('2') },
  };

  it("finds none when its platform's entry has the same fingerprint, whatever the other platforms hold", () => {
    expect(rebuildReasons(REF, index, ['linux/amd64'], [fingerprint], 'index-entry')).toEqual([]);
  });

  it('names the changed parts of its own platform only, without a platform prefix', () => {
    expect(rebuildReasons(REF, index, ['linux/arm64'], [arm], 'index-entry')).toEqual([
      'the app folder (app): sha256:777777777777 → sha256:bbbbbbbbbbbb',
    ]);
  });

  it('rebuilds when the index lacks its platform, or the tag holds a single image (no merge made it)', () => {
    expect(rebuildReasons(REF, index, ['linux/s390x'], [fingerprint], 'index-entry')).toEqual([`${REF} holds no image for linux/s390x`]);
    expect(rebuildReasons(REF, single(fingerprintLabels(fingerprint)), ['linux/amd64'], [fingerprint], 'index-entry')).toEqual([
      `${REF} is a single-platform image, and a platform job compares with its platform's image in the index a merge made`,
    ]);
  });
});

describe('what the registry answers', () => {
  it('reads a single image: its digest and labels under its platform', () => {
    const held = heldImage({ digest: digest('9') }, { os: 'linux', architecture: 'amd64', config: { Labels: { a: 'b' } } });
    expect(held).toEqual({
      kind: 'image',
      digest: digest('9'),
      multiPlatform: false,
      labels: { 'linux/amd64': { a: 'b' } },
      digests: { 'linux/amd64': digest('9') },
    });
  });

  it("reads an index: each platform's labels and digest, attestations left out, an image without labels as none", () => {
    const held = heldImage(
      {
        digest: digest('9'),
        manifests: [
          { digest: digest('1'), platform: { os: 'linux', architecture: 'amd64' } },
          { digest: digest('2'), platform: { os: 'linux', architecture: 'arm64' } },
          { digest: digest('3'), platform: { os: 'unknown', architecture: 'unknown' } },
        ],
      },
      { 'linux/amd64': { config: { Labels: { a: 'b' } } }, 'linux/arm64': { config: { Labels: null } }, 'unknown/unknown': {} },
    );
    expect(held).toEqual({
      kind: 'image',
      digest: digest('9'),
      multiPlatform: true,
      labels: { 'linux/amd64': { a: 'b' }, 'linux/arm64': {} },
      digests: { 'linux/amd64': digest('1'), 'linux/arm64': digest('2') },
    });
  });

  it("picks the base image's manifest for each platform, or the one of a single image", () => {
    const index = {
      digest: digest('9'),
      manifests: [
        { digest: digest('1'), platform: { os: 'linux', architecture: 'amd64' } },
        { digest: digest('2'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { digest: digest('3'), platform: { os: 'unknown', architecture: 'unknown' } },
      ],
    };
    expect(platformDigest(index, 'linux/amd64')).toBe(digest('1'));
    expect(platformDigest(index, 'linux/arm64')).toBe(digest('2'));
    expect(() => platformDigest(index, 'linux/s390x')).toThrow('it holds no image for linux/s390x');
    expect(platformDigest({ digest: digest('4') }, 'linux/arm64')).toBe(digest('4'));
  });
});

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'context-digest-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('contextDigest', () => {
  it('covers what the build context sends: a kept file changes it, a file .dockerignore leaves out does not', () => {
    const dir = folder({ '.dockerignore': 'notes.txt\n', 'main.py': 'one', 'notes.txt': 'a' });
    const before = contextDigest(dir);
    writeFileSync(join(dir, 'notes.txt'), 'b');
    expect(contextDigest(dir)).toBe(before);
    writeFileSync(join(dir, 'main.py'), 'two');
    expect(contextDigest(dir)).not.toBe(before);
  });

  it('changes with the executable bit, which COPY keeps', () => {
    const dir = folder({ 'prestart.sh': 'echo hi' });
    const before = contextDigest(dir);
    chmodSync(join(dir, 'prestart.sh'), 0o755);
    expect(contextDigest(dir)).not.toBe(before);
  });
});

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });

/** Each platform's labels in an index under the version tag (amd64's image is digest 1, arm64's digest 2). */
type HeldIndexLabels = { index: Record<'linux/amd64' | 'linux/arm64', Record<string, string>> };

/** The two answers imagetools gives for the version tag: a single amd64 image with `labels`, or an index. */
function heldAnswers(held: Record<string, string> | HeldIndexLabels, format: string): unknown {
  if (!('index' in held))
    return format === '{{json .Manifest}}' ? { digest: digest('9') } : { os: 'linux', architecture: 'amd64', config: { Labels: held } };
  if (format !== '{{json .Manifest}}')
    return Object.fromEntries(Object.entries(held.index).map(([platform, labels]) => [platform, { config: { Labels: labels } }]));
  return {
    digest: digest('9'),
    manifests: [
      { digest: digest('1'), platform: { os: 'linux', architecture: 'amd64' } },
      { digest: digest('2'), platform: { os: 'linux', architecture: 'arm64' } },
    ],
  };
}

/** A Docker whose registry holds `held` under the version tag, and python:3.12 as one amd64 image. */
function registryDocker(held: Record<string, string> | HeldIndexLabels | 'missing') {
  const calls: string[][] = [];
  const runner: Runner = async (args) => {
    calls.push(args);
    if (args[0] === 'version') return ok(args.includes('{{.Server.Os}}/{{.Server.Arch}}') ? 'linux/amd64\n' : '24.0.0\n');
    if (args[0] === 'buildx' && args[1] === 'version') return { exitCode: 1, stdout: '', stderr: 'not a docker command' };
    if (args[0] === 'buildx' && args[1] === 'imagetools') {
      const [ref, , format] = args.slice(3);
      if (ref === 'python:3.12') return ok(JSON.stringify({ digest: digest('a') }));
      if (held === 'missing') return { exitCode: 1, stdout: '', stderr: `ERROR: ${ref}: not found` };
      return ok(JSON.stringify(heldAnswers(held, format!)));
    }
    return ok();
  };
  return { docker: new Docker(runner), calls };
}

function recordingReporter() {
  const record = { notices: [] as string[], outputs: {} as Record<string, string>, summaries: [] as { title: string; rows: SummaryRow[] }[] };
  const reporter: Reporter = {
    group: (_title, task) => task(),
    info: () => undefined,
    notice: (message) => record.notices.push(message),
    warning: () => undefined,
    details: () => undefined,
    setOutput: (name, value) => {
      record.outputs[name] = value;
    },
    setSecret: () => undefined,
    summary: async (title, rows) => {
      record.summaries.push({ title, rows });
    },
  };
  return { reporter, record };
}

describe('a run with rebuild: if-changed', () => {
  const env = { workspace: ACTION_ROOT, actionRoot: ACTION_ROOT, forkPullRequest: false, foreignCodeWithSecrets: false };
  const raw = {
    'python-version': '3.12',
    image: '127.0.0.1:5000/web',
    push: 'true',
    username: 'ci',
    password: 'pw',
    rebuild: 'if-changed',
    'probe-timeout': '1',
  };
  const deps = (docker: Docker, reporter: Reporter) => ({
    docker,
    reporter,
    state: memoryState(),
    resolveDate: async () => ({ date: '2026-12-02', source: 'input' as const }),
    source: { url: '', revision: '', runId: '', runAttempt: '', runNumber: '' },
  });

  /** The labels a run with these inputs gives its image, from the check itself (the tag is not in the registry yet). */
  async function wantedLabels(inputs: Record<string, string> = raw): Promise<Record<string, string>> {
    const { docker } = registryDocker('missing');
    const settings = parseSettings(inputs, env);
    const plan = makePlan(settings, {
      date: '2026-12-02',
      created: '',
      sourceUrl: '',
      revision: '',
      jobId: 'j',
      builder: { kind: 'classic', reason: '' },
      target: { platform: '', emulated: false, slug: '' },
      hostPort: 0,
      hasRequirements: false,
      actionRoot: ACTION_ROOT,
      appContext: settings.appDir,
      bundledDockerfile: '',
      cache: { from: [], to: [] },
      baseLayout: '',
    });
    const check = await checkRebuild(docker, settings, [plan], { actionRoot: ACTION_ROOT, appContext: settings.appDir, env: {} });
    expect(check.rebuild).toBe(true);
    expect(check.reasons).toEqual(['127.0.0.1:5000/web:python3.12 is not in the registry']);
    return fingerprintLabels(check.fingerprints[0]!);
  }

  it('skips build, test and push when the registry image has the same fingerprint, and says what it compared', async () => {
    const labels = await wantedLabels();
    const { docker, calls } = registryDocker(labels);
    const { reporter, record } = recordingReporter();
    const result = await runPipeline(raw, env, deps(docker, reporter));
    expect(result.rebuild.rebuild).toBe(false);
    expect(calls.filter((args) => ['build', 'push', 'run', 'tag'].includes(args[0]!))).toEqual([]);
    expect(record.outputs).toMatchObject({ rebuilt: 'false', 'rebuild-reasons': '', digest: digest('9'), tags: '127.0.0.1:5000/web:python3.12' });
    expect(record.notices.at(-1)).toContain(
      `Not rebuilt: 127.0.0.1:5000/web:python3.12 (${digest('9')}) was built from the same fingerprint (base python:3.12@sha256:aaaaaaaaaaaa`,
    );
    expect(record.summaries.at(-1)?.title).toBe('Flask image: unchanged, not rebuilt');
  });

  it('builds when one part differs, pinned to the base digest it resolved', async () => {
    const labels = await wantedLabels();
    const { docker, calls } = registryDocker({ ...labels, 'flask-gunicorn-action.fingerprint.docker': digest('7') });
    const { reporter } = recordingReporter();
    // The scripted engine runs no app, so the smoke test fails: after the builds this test is about.
    await expect(runPipeline(raw, env, deps(docker, reporter))).rejects.toThrow();
    const build = calls.find((args) => args[0] === 'build' && args.includes(`PYTHON_BASE_IMAGE=python:3.12@${digest('a')}`));
    expect(build).toBeDefined();
  });

  describe('in a platform job (mode: platform)', () => {
    let handover: string;
    beforeEach(() => {
      handover = mkdtempSync(join(tmpdir(), 'rebuild-handover-'));
      made.push(handover);
    });
    const platformRaw = (): Record<string, string> => ({ ...raw, mode: 'platform', handover });

    it("hands over its platform's image in the index as unchanged when its fingerprint is the same, building and pushing nothing", async () => {
      const labels = await wantedLabels(platformRaw());
      // The other platform's entry differs: that is its own job's to compare.
      const { docker, calls } = registryDocker({
        index: { 'linux/amd64': labels, 'linux/arm64': { ...labels, 'flask-gunicorn-action.fingerprint.app': digest('7') } },
      });
      const { reporter, record } = recordingReporter();
      const result = await runPipeline(platformRaw(), env, deps(docker, reporter));
      expect(result.rebuild.rebuild).toBe(false);
      expect(calls.filter((args) => ['build', 'push', 'run', 'tag'].includes(args[0]!))).toEqual([]);
      expect(record.outputs).toMatchObject({
        rebuilt: 'false',
        'rebuild-reasons': '',
        platform: 'linux/amd64',
        digest: digest('1'),
        tags: `127.0.0.1:5000/web@${digest('1')}`,
        'handover-file': join(handover, 'amd64.json'),
      });
      expect(JSON.parse(readFileSync(join(handover, 'amd64.json'), 'utf8'))).toMatchObject({
        image: '127.0.0.1:5000/web',
        platform: 'linux/amd64',
        digest: digest('1'),
        date: '2026-12-02',
        unchanged: true,
      });
      expect(record.notices.at(-1)).toContain(
        `Not rebuilt: linux/amd64 of 127.0.0.1:5000/web:python3.12 (${digest('9')}), ${digest('1')}, was built`,
      );
      expect(record.notices.at(-1)).toContain('the hand-over tells the merge this platform is unchanged');
    });

    it('builds when its own entry differs, and hands nothing over as unchanged', async () => {
      const labels = await wantedLabels(platformRaw());
      const { docker, calls } = registryDocker({
        index: { 'linux/amd64': { ...labels, 'flask-gunicorn-action.fingerprint.app': digest('7') }, 'linux/arm64': labels },
      });
      const { reporter } = recordingReporter();
      // The scripted engine runs no app, so the smoke test fails: after the build this test is about.
      await expect(runPipeline(platformRaw(), env, deps(docker, reporter))).rejects.toThrow();
      expect(calls.some((args) => args[0] === 'build')).toBe(true);
      expect(readdirSync(handover)).toEqual([]);
    });
  });
});
