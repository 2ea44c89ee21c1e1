// A platform job's push (mode: platform): its one tested image goes to the registry by digest only,
// no tag moves; a test record is attached to that digest as a referrer; a hand-over file and the
// outputs tell the merge job where to look. The merge (merge.ts) tags the set. With rebuild:
// if-changed, a job whose platform is unchanged pushes nothing and hands over, as unchanged, the
// image the version tag's index already names for it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Docker } from '../adapters/docker.js';
import { configRoot } from '../adapters/docker-config.js';
import { writeHandover } from '../adapters/handover.js';
import { uploadImage } from '../adapters/image-upload.js';
import type { Plan } from '../core/plan.js';
import { PRODUCT } from '../core/product.js';
import type { PushResult } from './push.js';
import { imageRepository, OCI_MANIFEST, type RegistryClient } from '../adapters/registry-api.js';
import type { Reporter } from '../adapters/reporter.js';
import type { Settings } from '../core/settings.js';
import type { SmokeTestResult } from './smoke-test.js';
import { testRecordArtifact, type TestRecord } from '../core/test-record.js';
import { canonicalPlatform } from '../core/platforms.js';
import type { RebuildCheck, UnchangedPlatform } from './rebuild.js';

/** The pushed image's manifest, as the test record's subject. */
type UploadedManifest = Parameters<typeof testRecordArtifact>[1];

/** What the platform job knows of its run, beyond the settings and the tested image. */
export interface PlatformJobRun {
  date: string;
  jobId: string;
  runId: string;
  runAttempt: string;
}

export interface HandedOverImage extends PushResult {
  platform: string;
  handoverFile: string;
}

export async function handOverTested(
  docker: Docker,
  reporter: Reporter,
  settings: Settings,
  tested: { plan: Plan; imageId: string; probe: SmokeTestResult },
  run: PlatformJobRun,
): Promise<HandedOverImage> {
  const { plan, imageId, probe } = tested;
  const client = imageRepository(settings, (message) => reporter.warning(message));
  const workDir = fs.mkdtempSync(path.join(configRoot(), `${PRODUCT}-upload-`));
  try {
    const uploaded = await reporter.group(`Push the tested image by digest to ${settings.image} (no tag)`, async () => {
      const image = await uploadImage(docker, client, imageId, workDir);
      reporter.info(`${settings.image}@${image.manifest.digest} (${image.platform}), config ${image.configDigest}.`);
      return image;
    });
    if (plan.target.platform !== '' && plan.target.platform !== uploaded.platform)
      throw new Error(`The image built for ${plan.target.platform} says it is for ${uploaded.platform}; nothing was handed over.`);
    const record: TestRecord = {
      subject: uploaded.manifest.digest,
      platform: uploaded.platform,
      pythonVersion: settings.pythonVersion,
      variant: settings.variant,
      worker: settings.worker,
      baseImage: plan.baseImage,
      date: run.date,
      runId: run.runId,
      runAttempt: run.runAttempt,
      jobId: run.jobId,
      job: process.env.GITHUB_JOB ?? '',
      imageId,
      probe: { path: plan.probe.path, status: probe.status, seconds: probe.seconds, passed: true },
    };
    await attachRecord(reporter, client, record, uploaded.manifest);
    const handoverFile = writeHandover(settings.handover || path.join(configRoot(), `${PRODUCT}-handover`), {
      image: settings.image,
      platform: uploaded.platform,
      digest: uploaded.manifest.digest,
      jobId: run.jobId,
      job: record.job,
      runId: run.runId,
      date: run.date,
    });
    reporter.setOutput('platform', uploaded.platform);
    reporter.setOutput('handover-file', handoverFile);
    return { digest: uploaded.manifest.digest, pushed: [`${settings.image}@${uploaded.manifest.digest}`], platform: uploaded.platform, handoverFile };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Hands over the platform the fingerprint check found unchanged: the digest its entry in the held
 * index has. No image, no test record: the merge finds the record the building run attached.
 */
export function handOverUnchanged(reporter: Reporter, settings: Settings, check: RebuildCheck, run: PlatformJobRun): UnchangedPlatform {
  const platform = canonicalPlatform(check.platforms[0]!);
  const digest = check.heldDigests[0]!;
  const handoverFile = writeHandover(settings.handover || path.join(configRoot(), `${PRODUCT}-handover`), {
    image: settings.image,
    platform,
    digest,
    jobId: run.jobId,
    job: process.env.GITHUB_JOB ?? '',
    runId: run.runId,
    date: run.date,
    unchanged: true,
  });
  reporter.setOutput('platform', platform);
  reporter.setOutput('handover-file', handoverFile);
  return { platform, digest, handoverFile };
}

/** Attaches the test record to the pushed image as a referrer. */
async function attachRecord(reporter: Reporter, client: RegistryClient, record: TestRecord, manifest: UploadedManifest): Promise<void> {
  await reporter.group(`Attach the test record to ${manifest.digest.slice(0, 19)}`, async () => {
    const artifact = testRecordArtifact(record, manifest);
    await client.putBlob(artifact.config);
    await client.putBlob(artifact.payload);
    const stored = await client.putManifest(artifact.descriptor.digest, OCI_MANIFEST, artifact.manifest);
    // A registry without the referrers API keeps no list itself: the index under the fallback tag is it.
    if (!stored.subjectNoted) await client.addToReferrersTag(manifest.digest, artifact.descriptor);
    reporter.info(`Test record ${artifact.descriptor.digest} (${stored.subjectNoted ? 'referrers API' : 'referrers tag'}).`);
  });
}
