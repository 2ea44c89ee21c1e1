// Command-line entry: the same pipeline on the local Docker, with inputs given as flags
// (--python-version 3.11 --app ./web). Cleans up before exiting, as the post step would.
import { cleanup } from './cleanup.js';
import { Docker } from './docker.js';
import { parseFlags, USAGE } from './cli-flags.js';
import { readEnvironment } from './input-helper.js';
import { runPipeline } from './pipeline.js';
import { consoleReporter } from './reporter.js';
import { fence } from './untrusted-text.js';
import { resolveRunDate } from './run-date.js';
import { memoryState } from './state.js';

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const reporter = consoleReporter();
  const state = memoryState();
  const docker = new Docker();
  try {
    const raw = parseFlags(process.argv.slice(2));
    raw.password = process.env.REGISTRY_PASSWORD ?? '';
    await runPipeline(raw, { ...readEnvironment(), forkPullRequest: false, foreignCodeWithSecrets: false }, {
      docker,
      reporter,
      state,
      resolveDate: (override) =>
        resolveRunDate({ override, fetchRunCreatedAt: async () => '', now: () => new Date(), warn: reporter.warning }),
      source: { url: '', revision: '', runId: '', runAttempt: '', runNumber: '' },
    });
    process.stdout.write('\n== Outputs\n');
    for (const [name, value] of Object.entries(reporter.outputs)) process.stdout.write(`${name}=${value.replace(/\n/g, ' ')}\n`);
    return 0;
  } catch (error) {
    // The message may quote the engine or the build: fenced, like every text the action did not write.
    process.stderr.write(`\n${fence(`error: ${(error as Error).message}`)}\n`);
    return 1;
  } finally {
    await cleanup(docker, state.load(), reporter.warning);
  }
}

process.exitCode = await main();
