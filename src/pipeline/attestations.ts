// Provenance and SBOM on the very image that passed the smoke test. The app build writes the image with
// its attestations to an OCI layout folder (oci-layout.ts) instead of loading it; the engine gets the
// image from that folder for the smoke test; the push copies the folder's manifests unchanged with
// skopeo (`--preserve-digests`), so the pushed image manifest is the tested one and the attestation
// manifests beside it name its digest. Only the app build is attested: the image pushed is its result,
// and its provenance names the base image it was layered on by digest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuilderError, type Builder } from '../core/builder.js';
import type { Docker } from '../adapters/docker.js';
import { dockerArchiveManifest, readLayout, type LayoutFacts } from '../adapters/oci-layout.js';
import type { PushOptions, PushResult } from './push.js';
import { registryRetry } from './push.js';
import { retry } from '../core/retry.js';
import { hasTool, ToolError, type ToolRunner } from '../adapters/tool-runner.js';
import { registryHost } from '../core/image-ref.js';

/**
 * Loads the layout's image into the engine under `tag`, for the smoke test: docker load reads the
 * manifest.json written beside the layout's blobs, so its image ID is the pushed manifest's config digest.
 */
export async function loadLayout(docker: Docker, tools: ToolRunner, dir: string, tag: string): Promise<LayoutFacts> {
  const facts = readLayout(dir);
  fs.writeFileSync(path.join(dir, 'manifest.json'), dockerArchiveManifest(facts.images[0]!, tag));
  const archive = `${dir}.tar`;
  try {
    const packed = await tools('tar', ['-C', dir, '-cf', archive, 'manifest.json', 'blobs']);
    if (packed.exitCode !== 0) throw new ToolError(`Could not pack the tested image for docker load: ${packed.stderr.trim()}`);
    await docker.load(archive);
  } finally {
    fs.rmSync(archive, { force: true });
  }
  return facts;
}

/** Fails before any work when the builder is the classic one (`builder: auto` without buildx): it makes no attestations. */
export function requireAttestingBuilder(builder: Builder): void {
  if (builder.kind === 'buildx') return;
  throw new BuilderError(
    `attestations: only BuildKit makes them, and this run has the classic builder (${builder.reason}); install the buildx plugin (on GitHub, docker/setup-buildx-action), or set attestations: none.`,
  );
}

/** Fails before any work, saying how to get it, when skopeo (which pushes the layout) is missing. */
export async function requireSkopeo(tools: ToolRunner): Promise<void> {
  if (await hasTool(tools, 'skopeo', ['--version'])) return;
  throw new ToolError(
    "attestations: pushing the tested image with its attestations needs skopeo, which is not on PATH. GitHub's Ubuntu runners have it; elsewhere install it (apt-get install skopeo), or set attestations: none.",
  );
}

/**
 * skopeo's flags for a registry: docker's login file, and plain HTTP only for a registry on loopback
 * (as docker itself allows without configuration).
 */
export function skopeoDestFlags(ref: string, configDir: string): string[] {
  const host = registryHost(ref) ?? '';
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host);
  return [...(configDir !== '' ? ['--dest-authfile', path.join(configDir, 'config.json')] : []), ...(loopback ? ['--dest-tls-verify=false'] : [])];
}

/** Copies the layout, every manifest byte for byte, to `ref`; returns the digest the tag now names. */
export async function pushLayout(
  tools: ToolRunner,
  dir: string,
  ref: string,
  options: Pick<PushOptions, 'configDir' | 'log' | 'retry'>,
): Promise<string> {
  const facts = readLayout(dir);
  await retry(
    async () => {
      const copied = await tools(
        'skopeo',
        ['copy', '--all', '--preserve-digests', ...skopeoDestFlags(ref, options.configDir), `oci:${dir}`, `docker://${ref}`],
        {
          echo: true,
        },
      );
      if (copied.exitCode !== 0)
        throw new ToolError(`skopeo copy to ${ref} failed: ${(copied.stderr || copied.stdout).trim().split('\n').slice(-5).join('\n')}`);
    },
    registryRetry(`push ${ref}`, options.log, options.retry),
  );
  return facts.digest;
}

/** Pushes one platform's layout under each of its tags: the same digest every time. */
export async function pushAttested(
  tools: ToolRunner,
  dir: string,
  refs: string[],
  options: Pick<PushOptions, 'configDir' | 'log' | 'retry'>,
): Promise<PushResult> {
  const pushed: string[] = [];
  let digest = '';
  for (const ref of refs) {
    digest = await pushLayout(tools, dir, ref, options);
    pushed.push(ref);
  }
  return { digest, pushed };
}

/** The `attestations` output: one line per attestation manifest, `platform image-digest attestation-digest`. */
export function attestationLines(platforms: { facts: LayoutFacts }[]): string[] {
  return platforms.flatMap(({ facts }) =>
    facts.attestations.map((attestation) => {
      const image = facts.images.find((candidate) => candidate.digest === attestation.subject);
      return `${image?.platform ?? 'unknown'} ${attestation.subject} ${attestation.digest}`;
    }),
  );
}
