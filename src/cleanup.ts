// Leaves nothing behind: no smoke-test container, no registry login, no config folder.
import * as fs from 'node:fs';
import { Docker } from './docker.js';
import type { CleanupState } from './state.js';

export async function cleanup(docker: Docker, state: CleanupState, log: (message: string) => void): Promise<void> {
  if (state.container !== '') {
    await docker.removeContainer(state.container).catch((error: Error) => log(`Could not remove ${state.container}: ${error.message}`));
  }
  if (state.dockerConfig !== '' && fs.existsSync(state.dockerConfig)) {
    await docker.logout(state.registry, state.dockerConfig).catch(() => undefined);
    fs.rmSync(state.dockerConfig, { recursive: true, force: true });
  }
}
