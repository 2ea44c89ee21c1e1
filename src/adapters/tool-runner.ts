// The adapter for the programs besides docker that attestations and signing run (skopeo, cosign, tar):
// argument arrays, never a shell string. Unit tests replace it; end-to-end tests use the real one.
import * as exec from '@actions/exec';
import type { ExecResult, RunOptions } from './docker.js';
import { fencedStream } from '../core/untrusted-text.js';

export type ToolRunner = (tool: string, args: string[], options?: RunOptions) => Promise<ExecResult>;

export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/**
 * Runs `program` with `args` (docker, skopeo, cosign, tar), in the runner's environment plus
 * `options.env`. Echoed output is the build's, pip's and the registry's: fenced, so the runner obeys no
 * command in it (exec writes stderr to the same stream, so one fence covers both, in order). exec
 * throws when the program itself is missing: `missing` turns that into the caller's error.
 */
export async function runProgram(program: string, args: string[], options: RunOptions, missing: (why: string) => Error): Promise<ExecResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, options.env ?? {});
  const fence = options.echo ? fencedStream() : undefined;
  try {
    return await exec.getExecOutput(program, args, {
      ignoreReturnCode: true,
      silent: !options.echo,
      env,
      ...(fence ? { outStream: fence.stream } : {}),
      ...(options.input !== undefined ? { input: Buffer.from(options.input) } : {}),
    });
  } catch (error) {
    throw missing((error as Error).message);
  } finally {
    fence?.close();
  }
}

// Checked before any work (hasTool), so a missing program is rare here.
export const realToolRunner: ToolRunner = (tool, args, options = {}) =>
  runProgram(tool, args, options, (why) => new ToolError(`${tool} could not be run (${why}).`));

/** Whether `tool` answers `tool ...versionArgs` (found on PATH and runs). */
export async function hasTool(run: ToolRunner, tool: string, versionArgs: string[]): Promise<boolean> {
  try {
    return (await run(tool, versionArgs)).exitCode === 0;
  } catch {
    return false;
  }
}
