// Pushes one tested image by digest only: no tag is made or moved. `docker push` needs a tag, so
// the image is written out with `docker save` and its config and layers uploaded through the
// registry API (registry-api.ts) under a manifest of our own. The config is uploaded as the engine
// has it, so the pushed image is the tested one, byte for byte in its config and layer contents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { Docker } from './docker.js';
import { configPlatform } from '../core/platforms.js';
import { OCI_MANIFEST, sha256Digest, type Descriptor, type RegistryClient } from './registry-api.js';

const gzip = promisify(zlib.gzip);
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const LAYER = 'application/vnd.oci.image.layer.v1.tar';

export interface UploadedImage {
  /** The manifest's descriptor: what the test record's subject and the merge's index name. */
  manifest: Descriptor;
  /** os/architecture[/variant] from the image's config. */
  platform: string;
  configDigest: string;
}

/** Saves `imageId` into `workDir` and uploads it; the tar file is removed after. */
export async function uploadImage(docker: Docker, client: RegistryClient, imageId: string, workDir: string): Promise<UploadedImage> {
  const file = path.join(workDir, 'image.tar');
  await docker.save(imageId, file);
  try {
    const archive = readTarIndex(file);
    const saved = JSON.parse(archive.read('manifest.json').toString('utf8')) as { Config: string; Layers: string[] }[];
    if (saved.length !== 1) throw new Error(`docker save wrote ${saved.length} images for ${imageId}; expected one.`);
    const config = archive.read(saved[0]!.Config);
    const configDigest = await client.putBlob(config);
    const layers: Descriptor[] = [];
    for (const layerPath of saved[0]!.Layers) layers.push(await uploadLayer(client, archive.read(layerPath)));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
        layers,
      }),
    );
    const { digest } = await client.putManifest(sha256Digest(manifest), OCI_MANIFEST, manifest);
    const platform = configPlatform(JSON.parse(config.toString('utf8')) as Record<string, unknown>);
    return { manifest: { mediaType: OCI_MANIFEST, digest, size: manifest.length }, platform, configDigest };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** A layer as saved: compressed ones (the containerd store keeps them so) go as they are, plain tars are gzipped. */
async function uploadLayer(client: RegistryClient, bytes: Buffer): Promise<Descriptor> {
  const zstd = bytes.length >= 4 && bytes.readUInt32LE(0) === 0xfd2fb528;
  const compressed = (bytes[0] === 0x1f && bytes[1] === 0x8b) || zstd;
  // Node's gzip writes no timestamp: the same layer always compresses to the same blob, so a retried job re-uploads nothing.
  const blob = compressed ? bytes : await gzip(bytes);
  const mediaType = `${LAYER}+${zstd ? 'zstd' : 'gzip'}`;
  const digest = await client.putBlob(blob);
  return { mediaType, digest, size: blob.length };
}

/**
 * The members of a tar file (docker save's output: ustar, and pax or GNU long names should a name
 * outgrow 100 characters), read on demand so that a large image is never held whole in memory.
 */
export function readTarIndex(file: string): { read: (name: string) => Buffer } {
  const fd = fs.openSync(file, 'r');
  const entries = new Map<string, { offset: number; size: number }>();
  const links = new Map<string, string>();
  try {
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(512);
    let offset = 0;
    let longName = '';
    while (offset + 512 <= size) {
      fs.readSync(fd, header, 0, 512, offset);
      if (header.every((byte) => byte === 0)) break;
      const field = (start: number, length: number): string => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
      const entrySize = parseInt(field(124, 12).trim() || '0', 8);
      const type = field(156, 1);
      const prefix = field(345, 155);
      const data = offset + 512;
      if (type === 'x' || type === 'L') {
        const text = readAt(fd, data, entrySize).toString('utf8');
        longName = type === 'L' ? text.replace(/\0.*$/s, '') : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? '');
      } else {
        const name = longName || (prefix !== '' ? `${prefix}/${field(0, 100)}` : field(0, 100));
        if (type === '0' || type === '' || type === '7') entries.set(name.replace(/^\.\//, ''), { offset: data, size: entrySize });
        // Docker saves a layer two images share once, and links the second name to it.
        if (type === '2') links.set(name.replace(/^\.\//, ''), path.posix.join(path.posix.dirname(name), field(157, 100)).replace(/^\.\//, ''));
        longName = '';
      }
      offset = data + Math.ceil(entrySize / 512) * 512;
    }
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  fs.closeSync(fd);
  return {
    read(name) {
      const wanted = name.replace(/^\.\//, '');
      const entry = entries.get(links.get(wanted) ?? wanted);
      if (!entry) throw new Error(`docker save wrote no ${name}.`);
      const handle = fs.openSync(file, 'r');
      try {
        return readAt(handle, entry.offset, entry.size);
      } finally {
        fs.closeSync(handle);
      }
    },
  };
}

function readAt(fd: number, offset: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let done = 0;
  while (done < size) done += fs.readSync(fd, buffer, done, size - done, offset + done);
  return buffer;
}
