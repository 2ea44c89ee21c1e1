import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionReporter,
  context,
  getOctokit,
  readEnvironment,
  readInputs,
  resolveRunDate,
  runPipeline
} from "./chunks/chunk-NG6DIZKZ.js";
import {
  Docker,
  actionState,
  setFailed,
  warning
} from "./chunks/chunk-LDO67KRJ.js";

// src/sources.ts
function inWorkflow() {
  return process.env.GITHUB_ACTIONS === "true" && Boolean(process.env.GITHUB_REPOSITORY) && Boolean(process.env.GITHUB_RUN_ID);
}
function githubSource() {
  if (!inWorkflow()) return { url: "", revision: "", runId: "", runAttempt: "", runNumber: "" };
  const { serverUrl, repo, sha, runId } = context;
  return {
    url: `${serverUrl}/${repo.owner}/${repo.repo}`,
    revision: sha ?? "",
    runId: String(runId),
    runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? "",
    runNumber: String(context.runNumber)
  };
}
function githubRunDate(override, token) {
  return resolveRunDate({
    override,
    ...inWorkflow() ? { workflowRun: { owner: context.repo.owner, repo: context.repo.repo, runId: context.runId, token } } : {},
    fetchRunCreatedAt: async (run) => {
      const octokit = getOctokit(run.token);
      const response = await octokit.rest.actions.getWorkflowRun({ owner: run.owner, repo: run.repo, run_id: run.runId });
      return response.data.created_at;
    },
    now: () => /* @__PURE__ */ new Date(),
    warn: (message) => warning(message)
  });
}

// src/main.ts
async function main() {
  try {
    await runPipeline(readInputs(), readEnvironment(), {
      docker: new Docker(),
      reporter: actionReporter,
      state: actionState,
      resolveDate: githubRunDate,
      source: githubSource()
    });
  } catch (error) {
    setFailed(error.message);
  }
}
await main();
