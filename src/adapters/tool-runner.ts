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

export const realToolRunner: ToolRunner = async (tool, args, options = {}) => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, options.env ?? {});
  const fence = options.echo ? fencedStream() : undefined;
  try {
    return await exec.getExecOutput(tool, args, {
      ignoreReturnCode: true,
      silent: !options.echo,
      env,
      ...(fence ? { outStream: fence.stream } : {}),
      ...(options.input !== undefined ? { input: Buffer.from(options.input) } : {}),
    });
  } catch (error) {
    // exec throws when the program itself is missing: checked before any work, so rare here.
    throw new ToolError(`${tool} could not be run (${(error as Error).message}).`);
  } finally {
    fence?.close();
  }
};

/** Whether `tool` answers `tool ...versionArgs` (found on PATH and runs). */
export async function hasTool(run: ToolRunner, tool: string, versionArgs: string[]): Promise<boolean> {
  try {
    return (await run(tool, versionArgs)).exitCode === 0;
  } catch {
    return false;
  }
}
