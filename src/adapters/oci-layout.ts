// The tested image as BuildKit wrote it with its attestations: an OCI layout folder whose one entry is an
// index over the image manifest and an attestation manifest per image (annotated with the digest of the
// image it describes). The engine's classic image store cannot hold that index, so the smoke test gets
// the image from the same folder (docker load reads the manifest.json written here), and the push
// copies the folder's manifests unchanged: the registry then holds the very manifest whose config the
// engine tested (an image ID is its config's digest).
import * as fs from 'node:fs';
import * as path from 'node:path';

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const ATTESTATION = 'attestation-manifest';

export interface LayoutImage {
  /** The image manifest's digest. */
  digest: string;
  /** os/arch[/variant] */
  platform: string;
  /** The config's digest: the image ID the engine gives it. */
  config: string;
  layers: string[];
}

export interface LayoutAttestation {
  /** The attestation manifest's digest. */
  digest: string;
  /** The image manifest it describes (vnd.docker.reference.digest). */
  subject: string;
}

export interface LayoutFacts {
  /** The digest of the layout's one entry: what a tag pointing at it resolves to. */
  digest: string;
  images: LayoutImage[];
  attestations: LayoutAttestation[];
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export class LayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayoutError';
  }
}

/** Reads a blob's JSON by digest: the folder's own, or a fake in unit tests. */
export type BlobReader = (digest: string) => unknown;

export function folderBlobs(dir: string): BlobReader {
  return (digest) => JSON.parse(fs.readFileSync(blobPath(dir, digest), 'utf8')) as unknown;
}

function blobPath(dir: string, digest: string): string {
  const [algorithm, hex] = digest.split(':');
  if (algorithm !== 'sha256' || !/^[a-f0-9]{64}$/.test(hex ?? '')) throw new LayoutError(`not a sha256 digest: ${digest}`);
  return path.join(dir, 'blobs', algorithm, hex!);
}

/** What a layout holds: its entry's digest, the images in it and their attestations. */
export function describeLayout(topIndex: unknown, blob: BlobReader): LayoutFacts {
  const entries = (topIndex as { manifests?: Descriptor[] }).manifests ?? [];
  if (entries.length !== 1) throw new LayoutError(`the OCI layout should hold one image, and holds ${entries.length}`);
  const entry = entries[0]!;
  const descriptors = INDEX_TYPES.includes(entry.mediaType ?? '') ? ((blob(entry.digest) as { manifests?: Descriptor[] }).manifests ?? []) : [entry];
  const images: LayoutImage[] = [];
  const attestations: LayoutAttestation[] = [];
  for (const descriptor of descriptors) {
    const annotations = descriptor.annotations ?? {};
    if (annotations['vnd.docker.reference.type'] === ATTESTATION) {
      attestations.push({ digest: descriptor.digest, subject: annotations['vnd.docker.reference.digest'] ?? '' });
      continue;
    }
    const manifest = blob(descriptor.digest) as { config: { digest: string }; layers: { digest: string }[] };
    const platform = descriptor.platform;
    images.push({
      digest: descriptor.digest,
      platform: platform ? [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/') : '',
      config: manifest.config.digest,
      layers: manifest.layers.map((layer) => layer.digest),
    });
  }
  if (images.length !== 1) throw new LayoutError(`the OCI layout's image should be of one platform, and has ${images.length}`);
  return { digest: entry.digest, images, attestations };
}

/** docker load's manifest.json for the layout's image, tagged `tag`; the blobs stay where they are. */
export function dockerArchiveManifest(image: LayoutImage, tag: string): string {
  const file = (digest: string): string => `blobs/${digest.replace(':', '/')}`;
  return JSON.stringify([{ Config: file(image.config), RepoTags: [tag], Layers: image.layers.map(file) }]);
}

export function readLayout(dir: string): LayoutFacts {
  const top = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as unknown;
  return describeLayout(top, folderBlobs(dir));
}
