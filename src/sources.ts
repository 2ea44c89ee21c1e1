// Facts from the GitHub context: the run date (through the API) and the source labels.
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { PipelineDeps } from './pipeline.js';
import { resolveRunDate, type RunDate } from './run-date.js';

export function githubSource(): PipelineDeps['source'] {
  const { serverUrl, repo, sha, runId } = github.context;
  const inWorkflow = process.env.GITHUB_ACTIONS === 'true' && process.env.GITHUB_REPOSITORY !== undefined;
  return {
    url: inWorkflow ? `${serverUrl}/${repo.owner}/${repo.repo}` : '',
    revision: inWorkflow ? sha : '',
    runId: inWorkflow && runId ? String(runId) : '',
    runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? '',
  };
}

export function githubRunDate(override: string, token: string): Promise<RunDate> {
  const inWorkflow = process.env.GITHUB_ACTIONS === 'true' && Boolean(process.env.GITHUB_RUN_ID) && Boolean(process.env.GITHUB_REPOSITORY);
  return resolveRunDate({
    override,
    ...(inWorkflow
      ? { workflowRun: { owner: github.context.repo.owner, repo: github.context.repo.repo, runId: github.context.runId, token } }
      : {}),
    fetchRunStartedAt: async (run) => {
      const octokit = github.getOctokit(run.token);
      const response = await octokit.rest.actions.getWorkflowRun({ owner: run.owner, repo: run.repo, run_id: run.runId });
      return response.data.run_started_at ?? response.data.created_at;
    },
    now: () => new Date(),
    warn: (message) => core.warning(message),
  });
}
