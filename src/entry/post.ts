// The action's post step: runs even when the job failed or was cancelled, and removes
// the smoke-test container and the registry login the main step may have left.
import * as core from '@actions/core';
import { cleanup } from '../pipeline/cleanup.js';
import { Docker } from '../adapters/docker.js';
import { actionState } from '../adapters/state.js';

try {
  await cleanup(new Docker(), actionState.load(), (message) => core.warning(message));
} catch (error) {
  core.warning(`Cleanup incomplete: ${(error as Error).message}`);
}
