// What the post step needs to clean up when the main step failed or the job was cancelled.
import * as core from '@actions/core';

export interface CleanupState {
  /** The smoke-test container, removed if still there. */
  container: string;
  /** Per-run Docker config folder holding the registry login; logged out of and deleted. */
  dockerConfig: string;
  registry: string;
  /** A buildx builder the action made to export cache (cache-builder.ts); removed. */
  builder?: string;
}

export interface StateStore {
  save(state: Partial<CleanupState>): void;
  load(): CleanupState;
}

/** Across the main and post steps of an action, through the runner's state file. */
export const actionState: StateStore = {
  save(state) {
    for (const [key, value] of Object.entries(state)) core.saveState(key, value);
  },
  load() {
    return {
      container: core.getState('container'),
      dockerConfig: core.getState('dockerConfig'),
      registry: core.getState('registry'),
      builder: core.getState('builder'),
    };
  },
};

/** Within one process (the command-line entry cleans up before it exits). */
export function memoryState(): StateStore {
  const state: CleanupState = { container: '', dockerConfig: '', registry: '', builder: '' };
  return {
    save(update) {
      Object.assign(state, update);
    },
    load() {
      return { ...state };
    },
  };
}
