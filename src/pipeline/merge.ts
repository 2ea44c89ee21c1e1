// The merge step (mode: merge): reads what the registry holds about each handed-over image, lets
// merge-check.ts judge the set, and only when it passes points every tag at one index over the
// tested images, dated tags first and `latest` last. Builds nothing and needs no Docker engine.
// When every platform job found its platform unchanged (rebuild: if-changed) and the version tag
// already names exactly those images, it pushes nothing and moves no tag.
import { checkMerge, heldIndex, type AcceptedMember, type HeldIndex, type MemberFacts, type MergeDecision } from '../core/merge-check.js';
import { readHandovers, type HandedOver } from '../adapters/handover.js';
import { summarizeFailure } from './report.js';
import type { PipelineDeps } from './pipeline.js';
import { imageRepository, OCI_INDEX, type RegistryClient } from '../adapters/registry-api.js';
import { configPlatform } from '../core/platforms.js';
import type { Reporter } from '../adapters/reporter.js';
import { InputError, parseSettings, type Environment, type Settings } from '../core/settings.js';
import { firstLine, versionRows } from '../core/summary.js';
import { computeTags, tagBase } from '../core/tags.js';
import { parseTestRecord, TEST_RECORD_TYPE, type TestRecord } from '../core/test-record.js';

export interface MergeResult {
  settings: Settings;
  /** The index's digest ('' when the push was skipped). */
  digest: string;
  /** Every reference now naming the index, in push order. */
  pushed: string[];
  members: AcceptedMember[];
}

/** A set the merge's checks accepted: its members, the index over them, and what the version tag held. */
type Accepted = Extract<MergeDecision, { ok: true }> & { held?: HeldIndex };

/** A merge that found the set wanting: every problem, and no tag moved. */
export class MergeRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`The merge refused the platform images and moved no tag:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'MergeRefused';
  }
}

export async function runMerge(
  raw: Record<string, string>,
  env: Environment,
  deps: Pick<PipelineDeps, 'reporter' | 'resolveDate' | 'source'>,
): Promise<MergeResult> {
  const { reporter } = deps;
  if ((raw['password'] ?? '') !== '') reporter.setSecret(raw['password']!);
  // The merge builds nothing: an app input copied from the platform jobs' step is not looked for (no folder facts).
  const withoutApp = { ...raw, app: '' };
  const settings = await stage(reporter, 'inputs', () => Promise.resolve().then(() => parseSettings(withoutApp, env, undefined)));
  if (settings.mode !== 'merge') throw new Error(`runMerge: mode is ${settings.mode}`);
  for (const notice of settings.notices) reporter.notice(notice);
  if (!settings.push) {
    reporter.notice(`Merge skipped: ${settings.pushSkippedReason}.`);
    return { settings, digest: '', pushed: [], members: [] };
  }
  const client = imageRepository(settings, (message) => reporter.warning(message));
  const runDate = await deps.resolveDate(settings.date, settings.githubToken);
  const decision = await stage(reporter, 'checks', () => checkMembers(reporter, client, settings, { date: runDate.date, runId: deps.source.runId }));
  if (decision.unchanged) return reportUnchangedMerge(reporter, settings, decision);
  const tags = computeTags({
    pythonVersion: settings.pythonVersion,
    variant: settings.variant,
    worker: settings.worker,
    date: runDate.date,
    latest: settings.latest,
    extraTags: settings.extraTags,
    ...(settings.immutableTag ? { run: { number: deps.source.runNumber, attempt: deps.source.runAttempt || '1' } } : {}),
  });
  const { pushed, digest } = await pointTags(reporter, client, settings.image, tags, decision);
  reporter.setOutput('tags', pushed.join('\n'));
  reporter.setOutput('digest', digest);
  reporter.setOutput('rebuilt', 'true');
  reporter.setOutput('platform-digests', decision.members.map((member) => `${member.platform}=${member.digest}`).join('\n'));
  await reporter.summary('Flask image: merged', [
    { label: 'Image', value: settings.image },
    ...versionRows(settings),
    { label: 'Tags', value: pushed.map((ref) => ref.slice(ref.lastIndexOf(':') + 1)).join(', ') },
    { label: 'Index digest', value: digest },
    ...memberRows(decision.members),
  ]);
  return { settings, digest, pushed, members: decision.members };
}

/** Every platform unchanged, and the version tag names exactly those images: nothing pushed, no tag moved. */
async function reportUnchangedMerge(reporter: Reporter, settings: Settings, decision: Accepted): Promise<MergeResult> {
  const { reference, digest } = decision.held!;
  const members = decision.members.map((member) => `${member.platform} ${member.digest}`).join(', ');
  reporter.notice(
    `Not merged: every platform job found its platform unchanged, and ${reference} (${digest}) already names exactly those images (${members}). Nothing was pushed; no tag moved.`,
  );
  reporter.setOutput('rebuilt', 'false');
  reporter.setOutput('tags', reference);
  reporter.setOutput('digest', digest);
  reporter.setOutput('platform-digests', decision.members.map((member) => `${member.platform}=${member.digest}`).join('\n'));
  await reporter.summary('Flask image: unchanged, not merged', [
    { label: 'Image', value: reference },
    ...versionRows(settings),
    { label: 'Index digest', value: digest },
    ...memberRows(decision.members),
    { label: 'Pushed', value: 'nothing (every platform unchanged: rebuild: if-changed)' },
  ]);
  return { settings, digest, pushed: [], members: decision.members };
}

/** Reads every handed-over image from the registry and judges the set; refuses it with every problem found. */
async function checkMembers(reporter: Reporter, client: RegistryClient, settings: Settings, run: { date: string; runId: string }): Promise<Accepted> {
  const handed = readHandovers(settings.handover, settings.digests, settings.image);
  const facts = await reporter.group(`Read ${handed.members.length} platform images from ${settings.image}`, () =>
    Promise.all(handed.members.map((member) => readFacts(client, member))),
  );
  // An unchanged platform must still be what the version tag names: read it as it is now, not as its job saw it.
  const tag = tagBase(settings);
  const held = handed.members.some((member) => member.unchanged) ? heldIndex(`${settings.image}:${tag}`, await client.manifest(tag)) : undefined;
  const checked = checkMerge(
    {
      platforms: settings.platforms,
      pythonVersion: settings.pythonVersion,
      variant: settings.variant,
      worker: settings.worker,
      ...run,
      ...(held ? { held } : {}),
    },
    facts,
  );
  const problems = [...handed.problems, ...(checked.ok ? [] : checked.problems)];
  if (problems.length > 0 || !checked.ok) throw new MergeRefused(problems);
  return { ...checked, ...(held ? { held } : {}) };
}

/** Points each tag at the index, in order; on a failure the tags output names those already moved. */
async function pointTags(
  reporter: Reporter,
  client: RegistryClient,
  image: string,
  tags: string[],
  decision: Accepted,
): Promise<{ pushed: string[]; digest: string }> {
  const pushed: string[] = [];
  let digest = '';
  await stage(reporter, 'push', () =>
    reporter.group(`Point ${tags.length} tags at one index over ${decision.members.length} platforms`, async () => {
      for (const tag of tags) {
        // The same members give the same bytes: a retried merge writes the index it wrote before.
        digest = (await client.putManifest(tag, OCI_INDEX, decision.index)).digest;
        pushed.push(`${image}:${tag}`);
        reporter.info(`${image}:${tag} → ${digest}`);
      }
    }),
  ).catch((error: Error) => {
    if (pushed.length > 0) reporter.setOutput('tags', pushed.join('\n'));
    throw error;
  });
  return { pushed, digest };
}

/** What the registry holds about one handed-over digest: its manifest, config and test records. */
async function readFacts(client: RegistryClient, member: HandedOver['members'][number]): Promise<MemberFacts> {
  const facts: MemberFacts = { ...member, platform: '', labels: {}, records: [] };
  const manifest = await client.manifest(member.digest);
  if (!manifest) return facts;
  facts.manifest = { mediaType: manifest.mediaType, size: manifest.bytes.length };
  if (manifest.body.config) {
    const config = JSON.parse((await client.blob(manifest.body.config.digest)).toString('utf8')) as {
      os?: string;
      architecture?: string;
      variant?: string;
      config?: { Labels?: Record<string, string> | null };
    };
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

/** A test record's payload, when the referrer is ours and really about `subject`. */
async function readRecord(client: RegistryClient, digest: string, subject: string): Promise<TestRecord | undefined> {
  const artifact = await client.manifest(digest);
  if (!artifact || artifact.body.subject?.digest !== subject) return undefined;
  const layer = artifact.body.layers?.find((entry) => entry.mediaType === TEST_RECORD_TYPE);
  return layer ? parseTestRecord(await client.blob(layer.digest)) : undefined;
}

/** A summary row per platform: its image, the job that tested it, and whether it was carried over unchanged. */
function memberRows(members: AcceptedMember[]): { label: string; value: string }[] {
  return members.map(({ platform, digest, record, unchanged }) => {
    const job = record.job !== '' ? `job ${record.job} (${record.jobId})` : `job ${record.jobId}`;
    const tested = unchanged ? `unchanged, tested by ${job} of run ${record.runId || 'outside a workflow'}` : `from ${job}`;
    return {
      label: `Platform ${platform}`,
      value: `${digest}, ${tested}, probe ${record.probe.path} → ${record.probe.status} in ${record.probe.seconds.toFixed(2)} s`,
    };
  });
}

/** Runs one stage; a failure there fills the job summary with what failed and why, and that nothing was tagged. */
async function stage<T>(reporter: Reporter, name: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    const problems = error instanceof MergeRefused || error instanceof InputError ? error.problems : [firstLine((error as Error).message)];
    await summarizeFailure(reporter, {
      title: 'Flask image: merge failed',
      stage: name,
      label: 'Problem',
      problems,
      facts: [],
      outcome: { label: 'Tagged', value: name === 'push' ? 'partly (see the tags output); latest was not moved' : 'nothing' },
    });
    throw error;
  }
}
