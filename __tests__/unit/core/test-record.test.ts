import { describe, expect, it } from 'vitest';
import { sha256Digest } from '../../../src/adapters/registry-api.js';
import { parseTestRecord, testRecordArtifact, TEST_RECORD_TYPE, type TestRecord } from '../../../src/core/test-record.js';

const SUBJECT = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 900 };
const RECORD: TestRecord = {
  subject: SUBJECT.digest,
  platform: 'linux/arm64',
  pythonVersion: '3.12',
  variant: 'slim',
  worker: 'meinheld',
  baseImage: 'python:3.12-slim',
  date: '2026-11-30',
  runId: '42',
  runAttempt: '1',
  jobId: '42-1-abcd',
  job: 'image',
  imageId: 'sha256:id',
  probe: { path: '/', status: 200, seconds: 1.5, passed: true },
};

describe('the test record', () => {
  it('is an OCI 1.1 artifact whose subject is the tested image and whose one layer is the record', () => {
    const artifact = testRecordArtifact(RECORD, SUBJECT);
    const manifest = JSON.parse(artifact.manifest.toString()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: TEST_RECORD_TYPE,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest('{}'), size: 2 },
      layers: [{ mediaType: TEST_RECORD_TYPE, digest: sha256Digest(artifact.payload), size: artifact.payload.length }],
      subject: SUBJECT,
    });
    expect(artifact.descriptor).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha256Digest(artifact.manifest),
      size: artifact.manifest.length,
      artifactType: TEST_RECORD_TYPE,
    });
    expect(parseTestRecord(artifact.payload)).toEqual(RECORD);
  });

  it('reads nothing from a payload that is not one of ours', () => {
    expect(parseTestRecord(Buffer.from('not json'))).toBeUndefined();
    expect(parseTestRecord(Buffer.from('[]'))).toBeUndefined();
    expect(parseTestRecord(Buffer.from(JSON.stringify({ ...RECORD, probe: undefined })))).toBeUndefined();
    expect(parseTestRecord(Buffer.from(JSON.stringify({ ...RECORD, runId: 42 })))).toBeUndefined();
  });
});
