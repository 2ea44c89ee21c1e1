/**
 * Runs the committed bundle the way a GitHub runner does: `node dist/index.js` with INPUT_*
 * variables and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, then `node dist/post.js`
 * with the saved state. Real engine, real registry, real HTTP: nothing here is faked.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { logLines, runnerCommands, type RunnerCommand } from '../runner-commands.js';
import { testbed } from './testbed.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The workflow run ID the tests pretend to be; it names every container they cause. Drawn per test
 * file, so that two test runs sharing one engine (two checkouts, or CI beside a developer) never
 * count each other's containers as their own leftovers.
 */
export const TEST_RUN_ID = String(4_240_000 + Math.floor(Math.random() * 10_000));

export interface ActionRun {
  exitCode: number;
  /** stdout and stderr of the main step as the runner would show it: `::add-mask::` commands are consumed, not shown. */
  log: string;
  /** Values the action asked the runner to mask. */
  masked: string[];
  /** Every workflow command a runner would obey in the main step's log (runner-commands.ts). */
  commands: RunnerCommand[];
  postLog: string;
  outputs: Record<string, string>;
  summary: string;
  seconds: number;
  /** What was left in the runner temp folder after both steps (the per-run Docker config lives there while pushing). */
  runnerTempLeft: string[];
}

/** Inputs every run needs on this test bed: where the base image and packages come from, and the network. */
export function testbedInputs(): Record<string, string> {
  const tb = testbed();
  return {
    'base-image': tb.basePrefix,
    'pip-index-url': tb.pipIndexUrl,
    network: tb.network,
  };
}

/**
 * A stand-in for the GitHub REST API on loopback, answering the calls the action makes (the workflow
 * run, for its start date; a pull request, for its head repository), so tests run as in a workflow
 * without leaving the machine.
 */
export interface FakeGitHubApi {
  url: string;
  /** Pull requests of acme/web by number: the head and base repositories the API gives (head null: deleted). */
  pulls: Record<number, { head: string | null; base: string }>;
  /** The run's created_at, which re-runs keep. */
  createdAt: string;
  /** The run's run_started_at, which GitHub resets on every re-run attempt; createdAt unless given. */
  runStartedAt: string;
  requests: string[];
  close: () => Promise<void>;
}

export async function startFakeGitHubApi(createdAt: string, runStartedAt = createdAt): Promise<FakeGitHubApi> {
  const requests: string[] = [];
  const api: FakeGitHubApi = { url: '', pulls: {}, createdAt, runStartedAt, requests, close: async () => undefined };
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url} auth=${request.headers.authorization ? 'yes' : 'no'}`);
    const pull = /^\/repos\/acme\/web\/pulls\/(\d+)$/.exec(request.url ?? '');
    const known = pull ? api.pulls[Number(pull[1])] : undefined;
    if (pull && known) {
      const repository = (name: string | null) => (name === null ? null : { full_name: name });
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ number: Number(pull[1]), head: { repo: repository(known.head) }, base: { repo: repository(known.base) } }));
      return;
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/.exec(request.url ?? '');
    if (!match) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: Number(match[3]), created_at: api.createdAt, run_started_at: api.runStartedAt }));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address() as AddressInfo;
  api.url = `http://127.0.0.1:${address.port}`;
  api.close = () => new Promise((resolveClose) => server.close(() => resolveClose()));
  return api;
}

/** The variables a GitHub runner sets for a push-triggered workflow job; the API points at the fake. */
export function workflowEnv(api: FakeGitHubApi): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: '0123abcd0123abcd0123abcd0123abcd0123abcd',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: TEST_RUN_ID,
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: api.url,
  };
}

export interface RunOptions {
  workspace?: string;
  env?: Record<string, string>;
  /** Polled while the main step runs; when it turns true the step is killed, as a cancelled job's is. */
  cancelWhen?: () => boolean;
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), state: join(dir, 'state') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: options.workspace ?? ROOT,
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  };
  // The engine the tests talk to is the engine the action must use.
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
    const value = process.env[name];
    if (value !== undefined && env[name] === undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const started = Date.now();
  const main = await node(join(ROOT, 'dist', 'index.js'), env, options.cancelWhen);
  const seconds = (Date.now() - started) / 1000;
  // As a runner does: outputs and state printed as commands count, and the files win over them.
  const commands = runnerCommands(logLines(main.output));
  const fromLog = (name: string): Record<string, string> =>
    Object.fromEntries(commands.filter((c) => c.name === name && c.properties.name).map((c) => [c.properties.name!, c.data]));
  const state = { ...fromLog('save-state'), ...parseFileCommands(readFileSync(files.state, 'utf8')) };
  const postEnv = { ...env };
  for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
  const post = await node(join(ROOT, 'dist', 'post.js'), postEnv);
  const masked = commands.filter((c) => c.name === 'add-mask').map((c) => c.data);
  const shown = main.output
    .split('\n')
    .filter((line) => !/^::add-mask::/.test(line))
    .join('\n');
  const result: ActionRun = {
    exitCode: main.code,
    log: shown,
    masked,
    commands,
    postLog: post.output,
    outputs: { ...fromLog('set-output'), ...parseFileCommands(readFileSync(files.output, 'utf8')) },
    summary: readFileSync(files.summary, 'utf8'),
    seconds,
    runnerTempLeft: readdirSync(runnerTemp),
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/**
 * Runs the post step alone with the given saved state, as a runner would after a main step that
 * saved it (or whose output forged it); RUNNER_TEMP is `runnerTemp`.
 */
export async function runPost(
  state: Record<string, string>,
  runnerTemp: string,
  env: Record<string, string> = {},
): Promise<{ exitCode: number; log: string }> {
  const postEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', RUNNER_TEMP: runnerTemp, ...env };
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT']) if (process.env[name] !== undefined) postEnv[name] = process.env[name]!;
  for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
  const post = await node(join(ROOT, 'dist', 'post.js'), postEnv);
  return { exitCode: post.code, log: post.output };
}

function node(script: string, env: Record<string, string>, cancelWhen?: () => boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Whole lines in the order they arrive, each stream buffered on its own, as a runner reads them.
    let output = '';
    const partial = { stdout: '', stderr: '' };
    const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = partial[stream] + chunk.toString();
      const end = text.lastIndexOf('\n') + 1;
      output += text.slice(0, end);
      partial[stream] = text.slice(end);
    };
    child.stdout.on('data', take('stdout'));
    child.stderr.on('data', take('stderr'));
    const poll = cancelWhen
      ? setInterval(() => {
          if (cancelWhen()) child.kill('SIGKILL');
        }, 200)
      : undefined;
    child.on('close', (code, signal) => {
      clearInterval(poll);
      for (const rest of [partial.stdout, partial.stderr]) if (rest !== '') output += `${rest}\n`;
      resolvePromise({ code: code ?? (signal ? 128 + 9 : 1), output });
    });
  });
}

/** Parses the runner's `name<<DELIMITER` file-command format (also plain `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      values[heredoc[1]!] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

/** Writes a small Flask app into a fresh folder under the workspace and returns its path relative to it. */
export function writeApp(workspace: string, files: Record<string, string>): string {
  const name = `app-${Math.random().toString(36).slice(2, 8)}`;
  for (const [file, text] of Object.entries(files)) {
    const path = join(workspace, name, file);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return name;
}

/**
 * Smoke-test containers (the action labels them) left by runs of these tests: their names carry
 * the run ID of workflowEnv(), so a demo or benchmark running beside the tests is not counted.
 */
export function leftoverSmokeContainers(): string[] {
  const out = execFileSync('docker', ['ps', '--all', '--filter', 'label=flask-gunicorn-action.smoke-test', '--format', '{{.Names}}'], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((name) => name.startsWith(`flask-gunicorn-action-smoke-${TEST_RUN_ID}-`));
}

/**
 * Containers of buildx builders the action made (its own names) in runs of these tests, by the same
 * run ID: a builder's container is buildx_buildkit_<builder name><node>.
 */
export function leftoverBuilders(): string[] {
  const out = execFileSync('docker', ['ps', '--all', '--format', '{{.Names}}'], { encoding: 'utf8' });
  return out.split('\n').filter((name) => name.startsWith(`buildx_buildkit_flask-gunicorn-action-cache-${TEST_RUN_ID}-`));
}

export function imageIdOf(reference: string): string | undefined {
  try {
    return execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', reference], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}
