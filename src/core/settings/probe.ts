// How the smoke test reaches and judges the app: the test container's environment, the network,
// the path, the status and body expected, and how long to wait.
import { bindProblem } from '../bind.js';
import type { Network, Settings } from './types.js';
import type { InputReader } from './input-reader.js';

type ProbeSettings = Pick<Settings, 'probeEnv' | 'network' | 'probePath' | 'probeStatus' | 'probeBody' | 'probeTimeout' | 'probeTimeoutGiven'>;

export function parseProbe(input: InputReader): ProbeSettings {
  const probeEnv = input.keyValues('probe-env');
  const network = parseNetwork(input);
  const bindTrouble = bindProblem(probeEnv, network);
  if (bindTrouble !== '') input.fail(bindTrouble);
  const probePath = input.get('probe-path') || '/';
  if (!/^\/[\x21-\x7e]*$/.test(probePath)) input.fail(`probe-path: "${probePath}" is not a URL path; start with / and use no spaces, e.g. /health.`);
  const probeStatus = input.int('probe-status', 200, 100, 599);
  const probeBody = parseProbeBody(input);
  const probeTimeout = input.int('probe-timeout', 60, 1, 3600);
  // Not given: the default, which an emulated platform stretches (platforms.ts).
  return { probeEnv, network, probePath, probeStatus, probeBody, probeTimeout, probeTimeoutGiven: input.get('probe-timeout') !== '' };
}

function parseNetwork(input: InputReader): Network {
  const value = input.get('network').toLowerCase() || 'bridge';
  if (value === 'bridge' || value === 'host') return value;
  input.fail(`network: "${input.get('network')}" is not a network mode; use bridge or host.`);
  return 'bridge';
}

/** A regular expression, kept verbatim: its leading or trailing spaces may matter. */
function parseProbeBody(input: InputReader): string {
  const probeBody = input.verbatim('probe-body');
  if (probeBody === '') return probeBody;
  try {
    new RegExp(probeBody);
  } catch (error) {
    input.fail(`probe-body: "${probeBody}" is not a regular expression (${(error as Error).message}).`);
  }
  return probeBody;
}
