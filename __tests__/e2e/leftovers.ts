/**
 * Runs after every e2e file (vitest setupFiles): whatever the tests of that file did, the action must
 * have left none of its smoke-test containers or builders behind. A failure here fails that file and
 * names what was left, so a leak is charged to the suite that made it, not to whichever suite looks next.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, expect } from 'vitest';
import { leftoverBuilders, leftoverSmokeContainers } from './run-action.js';

afterAll(() => {
  const left = [...leftoverSmokeContainers(), ...leftoverBuilders()];
  // Removed first, so one leak does not fail every later file as well.
  for (const name of left) execFileSync('docker', ['rm', '--force', '--volumes', name], { stdio: 'ignore' });
  expect(left, 'containers the action left behind in this file').toEqual([]);
});
