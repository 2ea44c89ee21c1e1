import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  InputError,
  OCI_INDEX,
  RegistryClient,
  TEST_RECORD_TYPE,
  actionReporter,
  checkMerge,
  configPlatform,
  firstLine,
  githubRunDate,
  githubSource,
  heldIndex,
  parseSettings,
  parseTestRecord,
  readEnvironment,
  readHandovers,
  readInputs,
  runPipeline,
  summarizeFailure,
  versionRows
} from "./chunks/chunk-7WF2R6H6.js";
import {
  Docker,
  actionState,
  computeTags,
  setFailed,
  tagBase
} from "./chunks/chunk-4456YZLG.js";

// src/pipeline/merge.ts
var MergeRefused = class extends Error {
  constructor(problems) {
    super(`The merge refused the platform images and moved no tag:
${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.problems = problems;
    this.name = "MergeRefused";
  }
  problems;
};
async function runMerge(raw, env, deps) {
  const { reporter } = deps;
  if ((raw["password"] ?? "") !== "") reporter.setSecret(raw["password"]);
  const withoutApp = { ...raw, app: "" };
  const settings = await stage(reporter, "inputs", () => Promise.resolve().then(() => parseSettings(withoutApp, env, void 0)));
  if (settings.mode !== "merge") throw new Error(`runMerge: mode is ${settings.mode}`);
  for (const notice of settings.notices) reporter.notice(notice);
  if (!settings.push) {
    reporter.notice(`Merge skipped: ${settings.pushSkippedReason}.`);
    return { settings, digest: "", pushed: [], members: [] };
  }
  const client = new RegistryClient(settings.image, {
    registry: settings.registry,
    username: settings.username,
    password: settings.password,
    log: (message) => reporter.warning(message)
  });
  const runDate = await deps.resolveDate(settings.date, settings.githubToken);
  const decision = await stage(reporter, "checks", () => checkMembers(reporter, client, settings, { date: runDate.date, runId: deps.source.runId }));
  if (decision.unchanged) return reportUnchangedMerge(reporter, settings, decision);
  const tags = computeTags({
    pythonVersion: settings.pythonVersion,
    variant: settings.variant,
    worker: settings.worker,
    date: runDate.date,
    latest: settings.latest,
    extraTags: settings.extraTags,
    ...settings.immutableTag ? { run: { number: deps.source.runNumber, attempt: deps.source.runAttempt || "1" } } : {}
  });
  const { pushed, digest } = await pointTags(reporter, client, settings.image, tags, decision);
  reporter.setOutput("tags", pushed.join("\n"));
  reporter.setOutput("digest", digest);
  reporter.setOutput("rebuilt", "true");
  reporter.setOutput("platform-digests", decision.members.map((member) => `${member.platform}=${member.digest}`).join("\n"));
  await reporter.summary("Flask image: merged", [
    { label: "Image", value: settings.image },
    ...versionRows(settings),
    { label: "Tags", value: pushed.map((ref) => ref.slice(ref.lastIndexOf(":") + 1)).join(", ") },
    { label: "Index digest", value: digest },
    ...memberRows(decision.members)
  ]);
  return { settings, digest, pushed, members: decision.members };
}
async function reportUnchangedMerge(reporter, settings, decision) {
  const { reference, digest } = decision.held;
  const members = decision.members.map((member) => `${member.platform} ${member.digest}`).join(", ");
  reporter.notice(
    `Not merged: every platform job found its platform unchanged, and ${reference} (${digest}) already names exactly those images (${members}). Nothing was pushed; no tag moved.`
  );
  reporter.setOutput("rebuilt", "false");
  reporter.setOutput("tags", reference);
  reporter.setOutput("digest", digest);
  reporter.setOutput("platform-digests", decision.members.map((member) => `${member.platform}=${member.digest}`).join("\n"));
  await reporter.summary("Flask image: unchanged, not merged", [
    { label: "Image", value: reference },
    ...versionRows(settings),
    { label: "Index digest", value: digest },
    ...memberRows(decision.members),
    { label: "Pushed", value: "nothing (every platform unchanged: rebuild: if-changed)" }
  ]);
  return { settings, digest, pushed: [], members: decision.members };
}
async function checkMembers(reporter, client, settings, run) {
  const handed = readHandovers(settings.handover, settings.digests, settings.image);
  const facts = await reporter.group(
    `Read ${handed.members.length} platform images from ${settings.image}`,
    () => Promise.all(handed.members.map((member) => readFacts(client, member)))
  );
  const tag = tagBase(settings);
  const held = handed.members.some((member) => member.unchanged) ? heldIndex(`${settings.image}:${tag}`, await client.manifest(tag)) : void 0;
  const checked = checkMerge(
    {
      platforms: settings.platforms,
      pythonVersion: settings.pythonVersion,
      variant: settings.variant,
      worker: settings.worker,
      ...run,
      ...held ? { held } : {}
    },
    facts
  );
  const problems = [...handed.problems, ...checked.ok ? [] : checked.problems];
  if (problems.length > 0 || !checked.ok) throw new MergeRefused(problems);
  return { ...checked, ...held ? { held } : {} };
}
async function pointTags(reporter, client, image, tags, decision) {
  const pushed = [];
  let digest = "";
  await stage(
    reporter,
    "push",
    () => reporter.group(`Point ${tags.length} tags at one index over ${decision.members.length} platforms`, async () => {
      for (const tag of tags) {
        digest = (await client.putManifest(tag, OCI_INDEX, decision.index)).digest;
        pushed.push(`${image}:${tag}`);
        reporter.info(`${image}:${tag} \u2192 ${digest}`);
      }
    })
  ).catch((error) => {
    if (pushed.length > 0) reporter.setOutput("tags", pushed.join("\n"));
    throw error;
  });
  return { pushed, digest };
}
async function readFacts(client, member) {
  const facts = { ...member, platform: "", labels: {}, records: [] };
  const manifest = await client.manifest(member.digest);
  if (!manifest) return facts;
  facts.manifest = { mediaType: manifest.mediaType, size: manifest.bytes.length };
  if (manifest.body.config) {
    const config = JSON.parse((await client.blob(manifest.body.config.digest)).toString("utf8"));
    facts.platform = configPlatform(config);
    facts.labels = config.config?.Labels ?? {};
  }
  for (const referrer of await client.referrers(member.digest)) {
    if (referrer.artifactType !== TEST_RECORD_TYPE) continue;
    const record = await readRecord(client, referrer.digest, member.digest);
    if (record) facts.records.push(record);
  }
  return facts;
}
async function readRecord(client, digest, subject) {
  const artifact = await client.manifest(digest);
  if (!artifact || artifact.body.subject?.digest !== subject) return void 0;
  const layer = artifact.body.layers?.find((entry) => entry.mediaType === TEST_RECORD_TYPE);
  return layer ? parseTestRecord(await client.blob(layer.digest)) : void 0;
}
function memberRows(members) {
  return members.map(({ platform, digest, record, unchanged }) => {
    const job = record.job !== "" ? `job ${record.job} (${record.jobId})` : `job ${record.jobId}`;
    const tested = unchanged ? `unchanged, tested by ${job} of run ${record.runId || "outside a workflow"}` : `from ${job}`;
    return {
      label: `Platform ${platform}`,
      value: `${digest}, ${tested}, probe ${record.probe.path} \u2192 ${record.probe.status} in ${record.probe.seconds.toFixed(2)} s`
    };
  });
}
async function stage(reporter, name, task) {
  try {
    return await task();
  } catch (error) {
    const problems = error instanceof MergeRefused || error instanceof InputError ? error.problems : [firstLine(error.message)];
    await summarizeFailure(reporter, {
      title: "Flask image: merge failed",
      stage: name,
      label: "Problem",
      problems,
      facts: [],
      outcome: { label: "Tagged", value: name === "push" ? "partly (see the tags output); latest was not moved" : "nothing" }
    });
    throw error;
  }
}

// src/entry/main.ts
async function main() {
  try {
    const inputs = readInputs();
    const run = inputs["mode"]?.toLowerCase() === "merge" ? runMerge : runPipeline;
    await run(inputs, await readEnvironment(inputs["github-token"] ?? ""), {
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
