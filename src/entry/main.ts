// The action's main step: read the inputs, run the pipeline, report failure honestly.
import * as core from '@actions/core';
import { Docker } from '../adapters/docker.js';
import { readEnvironment, readInputs } from '../adapters/input-helper.js';
import { runMerge } from '../pipeline/merge.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { actionReporter } from '../adapters/reporter.js';
import { githubRunDate, githubSource } from '../adapters/sources.js';
import { actionState } from '../adapters/state.js';

async function main(): Promise<void> {
  try {
    const inputs = readInputs();
    // The merge builds nothing: it reads the registry and tags (merge.ts); every other mode builds.
    const run = inputs['mode']?.toLowerCase() === 'merge' ? runMerge : runPipeline;
    await run(inputs, await readEnvironment(inputs['github-token'] ?? ''), {
      docker: new Docker(),
      reporter: actionReporter,
      state: actionState,
      resolveDate: githubRunDate,
      source: githubSource(),
    });
  } catch (error) {
    core.setFailed((error as Error).message);
  }
}

await main();
