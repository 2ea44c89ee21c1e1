// Command-line entry: the same pipeline on the local Docker, with inputs given as flags
// (--python-version 3.11 --app ./web). Cleans up before exiting, as the post step would.
import * as fs from 'node:fs';
import { cleanup } from '../pipeline/cleanup.js';
import { cliResult, timeGroups, toSeconds, type PhaseTiming } from './cli-result.js';
import { Docker } from '../adapters/docker.js';
import { parseCommandLine, USAGE, type JsonTarget } from './cli-flags.js';
import { readEnvironment } from '../adapters/input-helper.js';
import { runPipeline, type PipelineResult } from '../pipeline/pipeline.js';
import { consoleReporter } from '../adapters/reporter.js';
import { fence } from '../core/untrusted-text.js';
import { resolveRunDate } from '../core/run-date.js';
import { memoryState } from '../adapters/state.js';

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const phases: PhaseTiming[] = [];
  const reporter = timeGroups(consoleReporter(), phases);
  const state = memoryState();
  const docker = new Docker();
  const started = performance.now();
  let json: JsonTarget | undefined;
  let outcome: { result: PipelineResult } | { error: Error };
  try {
    const commandLine = parseCommandLine(process.argv.slice(2), process.env);
    json = commandLine.json;
    const raw = { ...commandLine.inputs, password: process.env.REGISTRY_PASSWORD ?? '' };
    if (commandLine.inputs['mode']?.toLowerCase() === 'merge')
      throw new Error(
        "--mode merge: the merge checks a workflow run's platform jobs and runs as a step of that workflow; on this machine, --mode platform pushes one platform by digest, and --mode build joins several platforms itself.",
      );
    const result = await runPipeline(
      raw,
      { ...(await readEnvironment()), forkPullRequest: false, foreignCodeWithSecrets: false, foreignCodeWhy: '' },
      {
        docker,
        reporter,
        state,
        resolveDate: (override) =>
          resolveRunDate({ override, fetchRunCreatedAt: () => Promise.resolve(''), now: () => new Date(), warn: reporter.warning }),
        source: { url: '', revision: '', runId: '', runAttempt: '', runNumber: '' },
      },
    );
    process.stdout.write('\n== Outputs\n');
    for (const [name, value] of Object.entries(reporter.outputs)) process.stdout.write(`${name}=${value.replace(/\n/g, ' ')}\n`);
    outcome = { result };
  } catch (error) {
    // The message may quote the engine or the build: fenced, like every text the action did not write.
    process.stderr.write(`\n${fence(`error: ${(error as Error).message}`)}\n`);
    outcome = { error: error as Error };
  } finally {
    await cleanup(docker, state.load(), reporter.warning);
  }
  // After the cleanup, which may still log: on stdout, the result is the very last line.
  const written = json
    ? writeResult(json, JSON.stringify(cliResult(outcome, reporter.outputs, phases, toSeconds(performance.now() - started))))
    : true;
  return 'result' in outcome && written ? 0 : 1;
}

function writeResult(target: JsonTarget, line: string): boolean {
  if (target.to === 'stdout') {
    process.stdout.write(`${line}\n`);
    return true;
  }
  try {
    fs.writeFileSync(target.path, `${line}\n`);
    return true;
  } catch (error) {
    process.stderr.write(
      `--json=${target.path}: could not write the result (${(error as Error).message}); give a file in a folder that exists and is writable.\n`,
    );
    return false;
  }
}

process.exitCode = await main();
