import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  INPUT_NAMES,
  InputError,
  consoleReporter,
  readEnvironment,
  resolveRunDate,
  runPipeline
} from "./chunks/chunk-HR5Y7Q6J.js";
import {
  Docker,
  cleanup,
  fence,
  memoryState
} from "./chunks/chunk-DQLRF4BP.js";

// src/cli-flags.ts
var USAGE = `Usage: node dist/cli.js --python-version 3.12 [--variant slim] [--app ./path] [--image repo --push true ...]
Every input of action.yml is a flag of the same name: ${INPUT_NAMES.map((name) => `--${name}`).join(" ")}
The password is read from the REGISTRY_PASSWORD environment variable, never from a flag.`;
function parseFlags(argv) {
  const raw = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !INPUT_NAMES.includes(match[1]) || match[1] === "password") {
      const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
      throw new InputError([`${name}: not a known flag.
${USAGE}`]);
    }
    const value = match[2] ?? argv[++i];
    if (value === void 0) throw new InputError([`${arg}: needs a value.`]);
    raw[match[1]] = value;
  }
  return raw;
}

// src/cli.ts
async function main() {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  const reporter = consoleReporter();
  const state = memoryState();
  const docker = new Docker();
  try {
    const raw = parseFlags(process.argv.slice(2));
    raw.password = process.env.REGISTRY_PASSWORD ?? "";
    await runPipeline(raw, { ...readEnvironment(), forkPullRequest: false, foreignCodeWithSecrets: false }, {
      docker,
      reporter,
      state,
      resolveDate: (override) => resolveRunDate({ override, fetchRunCreatedAt: async () => "", now: () => /* @__PURE__ */ new Date(), warn: reporter.warning }),
      source: { url: "", revision: "", runId: "", runAttempt: "", runNumber: "" }
    });
    process.stdout.write("\n== Outputs\n");
    for (const [name, value] of Object.entries(reporter.outputs)) process.stdout.write(`${name}=${value.replace(/\n/g, " ")}
`);
    return 0;
  } catch (error) {
    process.stderr.write(`
${fence(`error: ${error.message}`)}
`);
    return 1;
  } finally {
    await cleanup(docker, state.load(), reporter.warning);
  }
}
process.exitCode = await main();
