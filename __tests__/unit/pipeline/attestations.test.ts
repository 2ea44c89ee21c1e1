import { describe, expect, it } from 'vitest';
import { attestFlags, layoutOutput } from '../../../src/core/attest-flags.js';
import { attestationLines, skopeoDestFlags } from '../../../src/pipeline/attestations.js';
import { describeLayout, dockerArchiveManifest, LayoutError } from '../../../src/adapters/oci-layout.js';

const digest = (c: string): string => `sha256:${c.repeat(64)}`;
const INDEX = digest('a');
const IMAGE = digest('b');
const ATTESTATION = digest('c');
const blobs: Record<string, unknown> = {
  [INDEX]: {
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: IMAGE, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: ATTESTATION,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': IMAGE },
      },
    ],
  },
  [IMAGE]: { config: { digest: digest('d') }, layers: [{ digest: digest('e') }, { digest: digest('f') }] },
};
const top = { manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: INDEX }] };
const read = (d: string): unknown => blobs[d];

describe('an attested OCI layout', () => {
  it('names its entry, its one image (platform, config, layers) and the attestation that names that image', () => {
    expect(describeLayout(top, read)).toEqual({
      digest: INDEX,
      images: [{ digest: IMAGE, platform: 'linux/arm64/v8', config: digest('d'), layers: [digest('e'), digest('f')] }],
      attestations: [{ digest: ATTESTATION, subject: IMAGE }],
    });
  });

  it('refuses a layout of several entries or several images, saying how many', () => {
    expect(() => describeLayout({ manifests: [] }, read)).toThrow(new LayoutError('the OCI layout should hold one image, and holds 0'));
    const two = { manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: 'sha256:x' }] };
    const entries = { manifests: [(blobs[INDEX] as { manifests: unknown[] }).manifests[0], (blobs[INDEX] as { manifests: unknown[] }).manifests[0]] };
    expect(() => describeLayout(two, (d) => (d === 'sha256:x' ? entries : read(d)))).toThrow(/of one platform, and has 2/);
  });

  it("gives docker load the image's config and layers from the layout's blobs, under the tag", () => {
    const facts = describeLayout(top, read);
    expect(JSON.parse(dockerArchiveManifest(facts.images[0]!, 'app:t'))).toEqual([
      { Config: `blobs/sha256/${'d'.repeat(64)}`, RepoTags: ['app:t'], Layers: [`blobs/sha256/${'e'.repeat(64)}`, `blobs/sha256/${'f'.repeat(64)}`] },
    ]);
  });

  it('lists each attestation with its platform and image for the output', () => {
    expect(attestationLines([{ facts: describeLayout(top, read) }])).toEqual([`linux/arm64/v8 ${IMAGE} ${ATTESTATION}`]);
  });
});

describe('build and push flags', () => {
  it('asks BuildKit for what was chosen, and says no to default provenance', () => {
    expect(attestFlags({ provenance: 'max', sbom: true, sbomGenerator: 'mirror.example.com/scanner:1' })).toEqual([
      '--attest',
      'type=provenance,mode=max',
      '--attest',
      'type=sbom,generator=mirror.example.com/scanner:1',
    ]);
    expect(attestFlags({ provenance: '', sbom: true, sbomGenerator: '' })).toEqual(['--provenance=false', '--attest', 'type=sbom']);
    expect(layoutOutput('/tmp/l')).toEqual(['--output', 'type=oci,dest=/tmp/l,tar=false']);
  });

  it('gives skopeo the login file, and plain HTTP only for a registry on loopback', () => {
    expect(skopeoDestFlags('127.0.0.1:5000/web:1', '/cfg')).toEqual(['--dest-authfile', '/cfg/config.json', '--dest-tls-verify=false']);
    expect(skopeoDestFlags('localhost:5000/web:1', '')).toEqual(['--dest-tls-verify=false']);
    expect(skopeoDestFlags('ghcr.io/acme/web:1', '/cfg')).toEqual(['--dest-authfile', '/cfg/config.json']);
    expect(skopeoDestFlags('127.0.0.1.example.com/web:1', '/cfg')).toEqual(['--dest-authfile', '/cfg/config.json']);
  });
});
