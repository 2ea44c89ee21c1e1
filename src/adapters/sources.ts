// Facts from the GitHub context: the run date (through the API) and the source labels.
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { PipelineDeps } from '../pipeline/pipeline.js';
import type { PullRequestApi } from '../core/pull-request.js';
import { resolveRunDate, type RunDate } from '../core/run-date.js';

/** How long one GitHub API call may take: a hung API must not hold the job (the caller falls back). */
export const API_TIMEOUT_MS = 15_000;

function bounded(timeoutMs = API_TIMEOUT_MS): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(timeoutMs) };
}

function inWorkflow(): boolean {
  return process.env.GITHUB_ACTIONS === 'true' && Boolean(process.env.GITHUB_REPOSITORY) && Boolean(process.env.GITHUB_RUN_ID);
}

export function githubSource(): PipelineDeps['source'] {
  // github.context.repo throws without GITHUB_REPOSITORY, so look only inside a workflow.
  if (!inWorkflow()) return { url: '', revision: '', runId: '', runAttempt: '', runNumber: '' };
  const { serverUrl, repo, sha, runId } = github.context;
  return {
    url: `${serverUrl}/${repo.owner}/${repo.repo}`,
    revision: sha ?? '',
    runId: String(runId),
    runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? '',
    runNumber: String(github.context.runNumber),
  };
}

export function githubRunDate(override: string, token: string, timeoutMs = API_TIMEOUT_MS): Promise<RunDate> {
  return resolveRunDate({
    override,
    ...(inWorkflow()
      ? { workflowRun: { owner: github.context.repo.owner, repo: github.context.repo.repo, runId: github.context.runId, token } }
      : {}),
    fetchRunCreatedAt: async (run) => {
      const octokit = github.getOctokit(run.token);
      const response = await octokit.rest.actions.getWorkflowRun({
        owner: run.owner,
        repo: run.repo,
        run_id: run.runId,
        request: bounded(timeoutMs),
      });
      return response.data.created_at;
    },
    now: () => new Date(),
    warn: (message) => core.warning(message),
  });
}

/**
 * The head and base repositories of a pull request of this repository, from the API (a comment's
 * payload does not name them). Bounded in time: a hung API must not hold the job.
 */
export function githubPullRequestApi(token: string): PullRequestApi {
  return {
    repositories: async (pullRequest) => {
      const octokit = github.getOctokit(token);
      const { owner, repo } = github.context.repo;
      const response = await octokit.rest.pulls.get({ owner, repo, pull_number: pullRequest, request: bounded() });
      return { head: response.data.head.repo?.full_name ?? null, base: response.data.base.repo.full_name };
    },
  };
}
