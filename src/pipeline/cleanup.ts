// Leaves nothing behind: no smoke-test container, no registry login, no config folder. The state it
// gets may be forged (a step's output can print `::save-state`), so it acts only on what the main
// step can have made, and says so when it ignores anything else.
import * as fs from 'node:fs';
import { isOwnBuilderName } from '../core/cache-builder.js';
import { Docker } from '../adapters/docker.js';
import { notOwnConfigDir } from '../adapters/docker-config.js';
import { isValidRegistryHost } from '../core/image-ref.js';
import { SMOKE_CONTAINER_PREFIX, SMOKE_LABEL } from '../core/plan.js';
import type { CleanupState } from '../adapters/state.js';

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

export async function cleanup(docker: Docker, state: CleanupState, warn: (message: string) => void): Promise<void> {
  if (state.container !== '') {
    await removeOwnContainer(docker, state.container, warn).catch((error: Error) => warn(`Could not remove ${state.container}: ${error.message}`));
  }
  // Before the config folder: the builder was made with it (the same buildx folder either way).
  if (state.builder) {
    if (isOwnBuilderName(state.builder))
      await docker.removeBuilder(state.builder).catch((error: Error) => warn(`Could not remove builder ${state.builder}: ${error.message}`));
    else warn(`Ignored the saved builder name "${state.builder}": not a builder the action makes.`);
  }
  // Already gone is the usual case: the main step removes its folder itself.
  if (state.dockerConfig !== '' && fs.existsSync(state.dockerConfig)) {
    const problem = notOwnConfigDir(state.dockerConfig);
    if (problem !== '') {
      warn(`Ignored the saved Docker config folder "${state.dockerConfig}": ${problem}; only the action's own folder is removed.`);
      return;
    }
    if (isValidRegistryHost(state.registry) || state.registry === '') await docker.logout(state.registry, state.dockerConfig).catch(() => undefined);
    fs.rmSync(state.dockerConfig, { recursive: true, force: true });
  }
}

/** Removes the container only if its name and label both say the action made it for one job. */
async function removeOwnContainer(docker: Docker, name: string, warn: (message: string) => void): Promise<void> {
  const jobId = name.startsWith(SMOKE_CONTAINER_PREFIX) ? name.slice(SMOKE_CONTAINER_PREFIX.length) : '';
  if (!JOB_ID.test(jobId)) {
    warn(`Ignored the saved container name "${name}": not a ${SMOKE_CONTAINER_PREFIX}* name the action gives its test container.`);
    return;
  }
  const labels = await docker.containerLabels(name);
  if (labels === undefined) return; // already removed
  if (labels[SMOKE_LABEL] !== jobId) {
    warn(`Left container "${name}" alone: it does not carry the label ${SMOKE_LABEL}=${jobId} the action gives its test container.`);
    return;
  }
  await docker.removeContainer(name);
}
