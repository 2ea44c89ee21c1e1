import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DOCKER_LIST,
  InputError,
  OCI_INDEX,
  TEST_RECORD_TYPE,
  actionReporter,
  firstLine,
  githubRunDate,
  githubSource,
  imageRepository,
  parseSettings,
  parseTestRecord,
  readEnvironment,
  readHandovers,
  readInputs,
  runPipeline,
  summarizeFailure,
  versionRows
} from "./chunks/chunk-7ILVYKKP.js";
import {
  Docker,
  actionState,
  computeTags,
  configPlatform,
  productLabel,
  setFailed,
  tagBase
} from "./chunks/chunk-OWX66KIZ.js";

// src/core/merge-check.ts
var LABELS = { pythonVersion: productLabel("python-version"), variant: productLabel("variant"), worker: productLabel("worker") };
var BASE_LABEL = "org.opencontainers.image.base.name";
function checkMerge(expected, members) {
  const problems = [];
  const accepted = [];
  for (const member of members) {
    const result = checkMember(expected, member);
    if (typeof result === "string") problems.push(`${member.source}: ${result}`);
    else accepted.push(result);
  }
  problems.push(...setProblems(expected, members, accepted));
  if (problems.length > 0) return { ok: false, problems };
  const ordered = expected.platforms.map((platform) => accepted.find((member) => member.platform === platform));
  return { ok: true, members: ordered, index: indexOf(ordered), unchanged: holdsExactly(expected.held, ordered) };
}
function holdsExactly(held, members) {
  if (held === void 0 || !members.every((member) => member.unchanged)) return false;
  return Object.keys(held.platforms).length === members.length && members.every((member) => held.platforms[member.platform] === member.digest);
}
function heldIndex(reference, stored) {
  const platforms = {};
  for (const entry of stored?.body.manifests ?? []) {
    const platform = entry.platform ? configPlatform(entry.platform) : "";
    if (platform !== "" && !platform.startsWith("unknown/")) platforms[platform] = entry.digest;
  }
  return { reference, digest: stored?.digest ?? "", platforms };
}
function checkMember(expected, member) {
  const { digest } = member;
  if (member.unchanged) {
    const moved = movedProblem(expected.held, member);
    if (moved !== "") return moved;
  }
  if (!member.manifest) return `${digest} is not in the repository: the platform job did not push it there (or it was deleted).`;
  if (member.manifest.mediaType === OCI_INDEX || member.manifest.mediaType === DOCKER_LIST)
    return `${digest} is an index, not one platform's image: hand over the digest a platform job gave.`;
  if (member.platform === "") return `${digest} is not a container image (its config names no platform).`;
  if (member.claimedPlatform !== "" && member.claimedPlatform !== member.platform)
    return `claims ${member.claimedPlatform}, but ${digest} is an image for ${member.platform}.`;
  const label = (key) => member.labels[LABELS[key]];
  if (label("pythonVersion") === void 0 || label("worker") === void 0)
    return `${digest} (${member.platform}) carries none of this action's labels: it was not built by a platform job of this action.`;
  for (const key of ["pythonVersion", "variant", "worker"])
    if (label(key) !== expected[key])
      return `${digest} (${member.platform}) was built with ${describe(key)} ${label(key) ?? "(none)"}, the merge is for ${expected[key]}.`;
  const passed = member.records.filter((record2) => record2.probe.passed && record2.subject === digest);
  if (passed.length === 0)
    return `${digest} (${member.platform}) has no passing test record: no platform job smoke-tested it (an image pushed by hand, or a job whose test failed).`;
  const ours = member.unchanged ? passed : passed.filter((record2) => record2.runId === expected.runId);
  if (ours.length === 0)
    return `${digest} (${member.platform}) was tested in another workflow run (${passed.map((record2) => record2.runId || "outside a workflow").join(", ")}), not this one (${expected.runId || "outside a workflow"}).`;
  const record = ours.find((candidate) => matchProblem(expected, member, candidate) === "") ?? ours[0];
  const problem = matchProblem(expected, member, record);
  if (problem !== "") return `${digest} (${member.platform}): its test record ${problem}.`;
  return { platform: member.platform, digest, mediaType: member.manifest.mediaType, size: member.manifest.size, record, unchanged: member.unchanged };
}
function movedProblem(held, member) {
  const platform = member.platform || member.claimedPlatform;
  const now = held?.platforms[platform];
  if (now === member.digest) return "";
  const holds = held === void 0 || held.digest === "" ? "is not in the registry" : now ? `now names ${now} for it` : "names no image for it";
  return `says ${platform} is unchanged at ${member.digest}, but ${held?.reference ?? "the version tag"} ${holds}: the image its job compared with is gone; re-run the platform jobs with rebuild: always.`;
}
function matchProblem(expected, member, record) {
  if (record.platform !== member.platform) return `says ${record.platform}, the image is ${member.platform}`;
  for (const key of ["pythonVersion", "variant", "worker"])
    if (record[key] !== expected[key]) return `says ${describe(key)} ${record[key]}, the merge is for ${expected[key]}`;
  if (!member.unchanged && record.date !== expected.date)
    return `has the run date ${record.date}, the merge ${expected.date}: give both jobs the same date input, or neither (the run's creation date)`;
  const base = member.labels[BASE_LABEL];
  if (base !== void 0 && base !== record.baseImage) return `says base image ${record.baseImage}, the image's label ${base}`;
  return "";
}
function setProblems(expected, members, accepted) {
  const problems = [];
  const sourcesOf = (pick, value) => members.filter((member) => pick(member) === value).map((member) => member.source);
  for (const digest of unique(members.map((member) => member.digest)))
    if (sourcesOf((member) => member.digest, digest).length > 1)
      problems.push(
        `${digest} was handed over more than once (${sourcesOf((member) => member.digest, digest).join(", ")}): each platform job hands over one image.`
      );
  const platformOf = (member) => member.platform || member.claimedPlatform;
  for (const platform of unique(members.map(platformOf).filter((platform2) => platform2 !== ""))) {
    const sources = sourcesOf(platformOf, platform);
    const digests = unique(members.filter((member) => platformOf(member) === platform).map((member) => member.digest));
    if (digests.length > 1)
      problems.push(`${platform} was handed over ${sources.length} times (${sources.join(", ")}): one image per platform; remove the extra.`);
    if (!expected.platforms.includes(platform))
      problems.push(
        `${platform} (${sources.join(", ")}) is not one of the platforms to merge (${expected.platforms.join(", ")}); add it to platforms or leave it out.`
      );
  }
  for (const platform of expected.platforms)
    if (!members.some((member) => platformOf(member) === platform))
      problems.push(
        `${platform}: no platform job handed over an image for it (did its job fail, or not run?); the merge needs every platform of ${expected.platforms.join(", ")}.`
      );
  const bases = unique(accepted.map((member) => member.record.baseImage));
  if (bases.length > 1)
    problems.push(
      `the images were built from different base images (${accepted.map((member) => `${member.platform}: ${member.record.baseImage}`).join(", ")}); give every platform job the same base-image.`
    );
  return problems;
}
function indexOf(members) {
  const manifests = members.map((member) => ({
    mediaType: member.mediaType,
    digest: member.digest,
    size: member.size,
    platform: platformObject(member.platform)
  }));
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
}
function platformObject(platform) {
  const [os = "", architecture = "", variant] = platform.split("/");
  return { os, architecture, ...variant ? { variant } : {} };
}
function describe(key) {
  return key === "pythonVersion" ? "Python" : key;
}
function unique(values) {
  return [...new Set(values)];
}

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
  const client = imageRepository(settings, (message) => reporter.warning(message));
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
