// The test record: what a platform job attaches in the registry to the image it tested and pushed,
// as an OCI 1.1 referrer (a small manifest whose subject is that image), so the merge can check in
// the registry itself, not in a file a job handed over, that every image it tags passed its smoke
// test in this run. Pure: the payload, the referrer's manifest, and reading a payload back.
import { OCI_MANIFEST, sha256Digest, type Descriptor } from './oci.js';
import { PRODUCT } from './product.js';

/** Our referrers' artifact type: a merge lists only these. */
export const TEST_RECORD_TYPE = `application/vnd.${PRODUCT}.test-record.v1+json`;
/** The empty config an artifact manifest carries (the OCI image spec's empty descriptor). */
const EMPTY_CONFIG = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest('{}'), size: 2 };

/** The facts of one passed smoke test, about one pushed image. */
export interface TestRecord {
  /** The tested image's manifest digest (the referrer's subject). */
  subject: string;
  /** os/architecture[/variant], as the image's config says. */
  platform: string;
  pythonVersion: string;
  variant: string;
  worker: string;
  /** The base image reference the build was FROM. */
  baseImage: string;
  /** The dated tags' date (YYYY-MM-DD): the workflow run's creation date. */
  date: string;
  /** The workflow run ('' outside one) and attempt, and the action's job ID (unique per job). */
  runId: string;
  runAttempt: string;
  jobId: string;
  /** The workflow's job name (GITHUB_JOB), for the merge's summary. */
  job: string;
  /** The engine's image ID of the tested image. */
  imageId: string;
  probe: { path: string; status: number; seconds: number; passed: boolean };
}

/** The blobs and manifest of a referrer that carries `record` about `subject`. */
export function testRecordArtifact(
  record: TestRecord,
  subject: Descriptor,
): { payload: Buffer; config: Buffer; manifest: Buffer; descriptor: Descriptor } {
  const payload = Buffer.from(JSON.stringify(record));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: TEST_RECORD_TYPE,
      config: EMPTY_CONFIG,
      layers: [{ mediaType: TEST_RECORD_TYPE, digest: sha256Digest(payload), size: payload.length }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations: { 'org.opencontainers.image.created': new Date().toISOString() },
    }),
  );
  return {
    payload,
    config: Buffer.from('{}'),
    manifest,
    // How the referrers list names it (the fallback tag's index included).
    descriptor: { mediaType: OCI_MANIFEST, digest: sha256Digest(manifest), size: manifest.length, artifactType: TEST_RECORD_TYPE },
  };
}

/** A record read back from the registry; undefined for a payload that is not one (another tool's, or damaged). */
export function parseTestRecord(bytes: Buffer): TestRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<TestRecord>;
  const strings = ['subject', 'platform', 'pythonVersion', 'variant', 'worker', 'baseImage', 'date', 'runId', 'jobId'] as const;
  if (!strings.every((key) => typeof record[key] === 'string')) return undefined;
  if (typeof record.probe !== 'object' || record.probe === null || typeof record.probe.passed !== 'boolean') return undefined;
  return { runAttempt: '', job: '', imageId: '', ...record } as TestRecord;
}
