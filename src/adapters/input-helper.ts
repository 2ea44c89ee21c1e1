// Reads the action's inputs and the facts about where it runs. Parsing and validation
// live in settings.ts, which is pure; this module only gathers.
import * as core from '@actions/core';
import * as github from '@actions/github';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeOrigin, verifyCommentedPullRequest, type Payload } from '../core/pull-request.js';
import { githubPullRequestApi } from './sources.js';
import type { Environment } from '../core/settings.js';

/** Every input of action.yml; the command-line entry offers the same names as flags. */
export const INPUT_NAMES = [
  'python-version',
  'variant',
  'app',
  'app-module',
  'image',
  'push',
  'registry',
  'username',
  'password',
  'latest',
  'immutable-tag',
  'tags',
  'date',
  'base-image',
  'pip-index-url',
  'worker',
  'build-args',
  'pull',
  'no-cache',
  'rebuild',
  'builder',
  'cache-from',
  'cache-to',
  'platforms',
  'attestations',
  'provenance-mode',
  'sbom-generator',
  'sign',
  'cosign-key',
  'cosign-password',
  'network',
  'probe-path',
  'probe-status',
  'probe-body',
  'probe-timeout',
  'probe-env',
  'github-token',
  'trust-foreign-code',
  'mode',
  'handover',
  'digests',
] as const;

export function readInputs(): Record<string, string> {
  const raw: Record<string, string> = {};
  // probe-body is a regular expression, whose leading or trailing spaces may matter.
  for (const name of INPUT_NAMES)
    raw[name] = core.getInput(name, { trimWhitespace: name !== 'probe-body' && name !== 'password' && name !== 'cosign-password' });
  return raw;
}

/** The action's own folder, the nearest one above this module that holds action.yml (from src/, dist/ or dist/chunks/). */
export function actionRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'action.yml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('action.yml not found above the running script; is the action checked out whole?');
    dir = parent;
  }
  return dir;
}

/**
 * Where the action runs. `token` (the github-token input) lets a comment on a pull request be checked
 * through the API: without it, such a comment's pull request counts as foreign (pull-request.ts).
 */
export async function readEnvironment(token = ''): Promise<Environment> {
  const unverified = codeOrigin(github.context.eventName ?? '', github.context.payload as Payload);
  const origin = await verifyCommentedPullRequest(unverified, token !== '' ? githubPullRequestApi(token) : undefined);
  return {
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    actionRoot: actionRoot(),
    forkPullRequest: origin.foreignPullRequest,
    foreignCodeWithSecrets: origin.foreignCodeWithSecrets,
    foreignCodeWhy: origin.why,
    ...(process.env.RUNNER_TEMP ? { runnerTemp: process.env.RUNNER_TEMP } : {}),
    // buildx's gha backend needs the runtime token and cache URL the runner gives JavaScript actions.
    githubCache:
      process.env.RUNNER_ENVIRONMENT === 'github-hosted' &&
      !!process.env.ACTIONS_RUNTIME_TOKEN &&
      !!(process.env.ACTIONS_RESULTS_URL || process.env.ACTIONS_CACHE_URL),
  };
}
