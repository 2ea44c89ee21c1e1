import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionReporter,
  githubRunDate,
  githubSource,
  readEnvironment,
  readInputs,
  runPipeline
} from "./chunks/chunk-DXMYA36V.js";
import {
  Docker,
  actionState,
  setFailed
} from "./chunks/chunk-X26TPF7D.js";

// src/main.ts
async function main() {
  try {
    const inputs = readInputs();
    await runPipeline(inputs, await readEnvironment(inputs["github-token"] ?? ""), {
      docker: new Docker(),
      reporter: actionReporter,
      state: actionState,
      resolveDate: githubRunDate,
      source: githubSource()
    });
  } catch (error) {
    setFailed(error.message);
  }
}
await main();
