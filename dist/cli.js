import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  INPUT_NAMES,
  InputError,
  consoleReporter,
  readEnvironment,
  resolveRunDate,
  runPipeline
} from "./chunks/chunk-7ILVYKKP.js";
import {
  Docker,
  cleanup,
  describeBuilder,
  fence,
  hasCredentials,
  isHttpUrl,
  memoryState
} from "./chunks/chunk-OWX66KIZ.js";

// src/entry/cli.ts
import * as fs from "node:fs";

// src/entry/cli-result.ts
var toSeconds = (ms) => Math.round(ms) / 1e3;
function timeGroups(reporter, phases, now = () => performance.now()) {
  return {
    ...reporter,
    async group(title, task) {
      const started = now();
      try {
        return await reporter.group(title, task);
      } finally {
        phases.push({ title, seconds: toSeconds(now() - started) });
      }
    }
  };
}
function cliResult(outcome, outputs, phases, seconds) {
  const text = (name) => outputs[name] ? outputs[name] : null;
  const number = (name) => outputs[name] ? Number(outputs[name]) : null;
  const result = "result" in outcome ? outcome.result : void 0;
  return {
    ok: result !== void 0,
    error: "error" in outcome ? outcome.error.message : null,
    imageId: text("image-id"),
    tags: (outputs.tags ?? "").split("\n").filter((tag) => tag !== ""),
    digest: text("digest"),
    size: number("image-size"),
    probe: { url: result?.probe?.url ?? null, status: number("probe-status"), seconds: number("probe-seconds") },
    python: result?.settings.pythonVersion ?? null,
    variant: result?.settings.variant ?? null,
    worker: result?.settings.worker ?? null,
    baseImage: result?.plan.baseImage ?? null,
    builder: result ? describeBuilder(result.plan.builder) : null,
    platforms: (result?.platforms ?? []).map((built) => ({
      platform: built.plan.target.platform,
      emulated: built.plan.target.emulated,
      imageId: built.imageId,
      buildSeconds: toSeconds(built.buildSeconds * 1e3),
      probeSeconds: toSeconds(built.probe.seconds * 1e3),
      probeTimeoutSeconds: built.plan.probe.timeoutSeconds
    })),
    phases,
    seconds
  };
}

// src/entry/cli-flags.ts
var INDEX_URL_ENV = "FLASK_GUNICORN_PIP_INDEX_URL";
var USAGE = `Usage: node dist/cli.js --python-version 3.12 [--variant slim] [--app ./path] [--image repo --push true ...] [--json | --json=FILE]
Every input of action.yml is a flag of the same name: ${INPUT_NAMES.map((name) => `--${name}`).join(" ")}
The password is read from the REGISTRY_PASSWORD environment variable, never from a flag.
An index URL with a user, password or token is read from FLASK_GUNICORN_PIP_INDEX_URL (--pip-index-url refuses a user or password).
--json prints the result as one JSON object, the last line on stdout; --json=FILE writes it to FILE instead.`;
function parseCommandLine(argv, environment = {}) {
  const inputs = {};
  let json;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") {
      json = { to: "stdout" };
      continue;
    }
    if (arg.startsWith("--json=")) {
      const file = arg.slice("--json=".length);
      if (file === "")
        throw new InputError(["--json=: expected a file name after =, e.g. --json=result.json; --json alone prints the result on stdout."]);
      json = { to: "file", path: file };
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !INPUT_NAMES.includes(match[1]) || match[1] === "password") {
      const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
      throw new InputError([`${name}: not a known flag.
${USAGE}`]);
    }
    const value = match[2] ?? argv[++i];
    if (value === void 0) throw new InputError([`${arg}: needs a value.`]);
    inputs[match[1]] = value;
  }
  indexFromEnvironment(inputs, environment[INDEX_URL_ENV] ?? "");
  return json ? { inputs, json } : { inputs };
}
function indexFromEnvironment(inputs, fromEnvironment) {
  const flag = inputs["pip-index-url"] ?? "";
  if (isHttpUrl(flag) && hasCredentials(flag))
    throw new InputError([
      `--pip-index-url: the URL carries a user or password, which the command line shows to ps and keeps in shell history; give it in the environment variable ${INDEX_URL_ENV} instead.`
    ]);
  if (flag !== "" && fromEnvironment !== "")
    throw new InputError([`--pip-index-url and ${INDEX_URL_ENV} are both given; give the index once (the variable, when its URL carries a token).`]);
  if (fromEnvironment !== "") inputs["pip-index-url"] = fromEnvironment;
}

// src/entry/cli.ts
async function main() {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  const phases = [];
  const reporter = timeGroups(consoleReporter(), phases);
  const state = memoryState();
  const docker = new Docker();
  const started = performance.now();
  let json;
  let outcome;
  try {
    const commandLine = parseCommandLine(process.argv.slice(2), process.env);
    json = commandLine.json;
    const raw = { ...commandLine.inputs, password: process.env.REGISTRY_PASSWORD ?? "" };
    if (commandLine.inputs["mode"]?.toLowerCase() === "merge")
      throw new Error(
        "--mode merge: the merge checks a workflow run's platform jobs and runs as a step of that workflow; on this machine, --mode platform pushes one platform by digest, and --mode build joins several platforms itself."
      );
    const result = await runPipeline(
      raw,
      { ...await readEnvironment(), forkPullRequest: false, foreignCodeWithSecrets: false, foreignCodeWhy: "" },
      {
        docker,
        reporter,
        state,
        resolveDate: (override) => resolveRunDate({ override, fetchRunCreatedAt: () => Promise.resolve(""), now: () => /* @__PURE__ */ new Date(), warn: reporter.warning }),
        source: { url: "", revision: "", runId: "", runAttempt: "", runNumber: "" }
      }
    );
    process.stdout.write("\n== Outputs\n");
    for (const [name, value] of Object.entries(reporter.outputs)) process.stdout.write(`${name}=${value.replace(/\n/g, " ")}
`);
    outcome = { result };
  } catch (error) {
    process.stderr.write(`
${fence(`error: ${error.message}`)}
`);
    outcome = { error };
  } finally {
    await cleanup(docker, state.load(), reporter.warning);
  }
  const written = json ? writeResult(json, JSON.stringify(cliResult(outcome, reporter.outputs, phases, toSeconds(performance.now() - started)))) : true;
  return "result" in outcome && written ? 0 : 1;
}
function writeResult(target, line) {
  if (target.to === "stdout") {
    process.stdout.write(`${line}
`);
    return true;
  }
  try {
    fs.writeFileSync(target.path, `${line}
`);
    return true;
  } catch (error) {
    process.stderr.write(
      `--json=${target.path}: could not write the result (${error.message}); give a file in a folder that exists and is writable.
`
    );
    return false;
  }
}
process.exitCode = await main();
