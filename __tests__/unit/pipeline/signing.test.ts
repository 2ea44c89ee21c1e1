import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../src/core/settings.js';
import { requireSigning, signArgs } from '../../../src/pipeline/signing.js';
import type { ToolRunner } from '../../../src/adapters/tool-runner.js';

import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const env = { workspace: ROOT, actionRoot: ROOT, forkPullRequest: false, foreignCodeWithSecrets: false };

describe('signing', () => {
  it('signs a digest with the key from the environment, plain HTTP only on loopback, no public log for a key', () => {
    const key = { mode: 'key' as const, key: 'PEM', keyPassword: '' };
    expect(signArgs(key, '127.0.0.1:5000/web@sha256:1')).toEqual([
      'sign',
      '--yes',
      '--key',
      'env://COSIGN_PRIVATE_KEY',
      '--allow-insecure-registry',
      '--allow-http-registry',
      '--tlog-upload=false',
      '127.0.0.1:5000/web@sha256:1',
    ]);
    expect(signArgs({ mode: 'keyless', key: '', keyPassword: '' }, 'ghcr.io/acme/web@sha256:1')).toEqual([
      'sign',
      '--yes',
      'ghcr.io/acme/web@sha256:1',
    ]);
  });

  it('fails before any work without cosign, or keyless without the OIDC token', async () => {
    const missing: ToolRunner = () => Promise.reject(new Error('ENOENT'));
    const present: ToolRunner = () => Promise.resolve({ exitCode: 0, stdout: 'v2', stderr: '' });
    await expect(requireSigning(missing, { mode: 'key', key: 'k', keyPassword: '' }, {})).rejects.toThrow(
      /needs cosign, which is not on PATH; add sigstore\/cosign-installer/,
    );
    await expect(requireSigning(present, { mode: 'keyless', key: '', keyPassword: '' }, {})).rejects.toThrow(/id-token: write/);
    await expect(
      requireSigning(present, { mode: 'keyless', key: '', keyPassword: '' }, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }),
    ).resolves.toBeUndefined();
    await expect(requireSigning(missing, { mode: 'none', key: '', keyPassword: '' }, {})).resolves.toBeUndefined();
  });
});

describe('the attestations and sign inputs', () => {
  const parse = (raw: Record<string, string>) => parseSettings({ 'python-version': '3.12', ...raw }, env);

  it('are off by default, provenance min when asked without a mode', () => {
    expect(parse({}).attestations).toEqual({ provenance: '', sbom: false, sbomGenerator: '' });
    expect(parse({ attestations: 'provenance' }).attestations.provenance).toBe('min');
    expect(parse({ attestations: 'Provenance, SBOM', 'provenance-mode': 'max' }).attestations).toEqual({
      provenance: 'max',
      sbom: true,
      sbomGenerator: '',
    });
    expect(parse({ attestations: 'none' }).signing).toEqual({ mode: 'none', key: '', keyPassword: '' });
  });

  it('refuse what they do not know, a key without sign: key, sign: key without a key, and the classic builder', () => {
    expect(() => parse({ attestations: 'slsa' })).toThrow(/attestations: "slsa" is not an attestation/);
    expect(() => parse({ 'provenance-mode': 'full' })).toThrow(/provenance-mode: "full" is not a mode/);
    expect(() => parse({ sign: 'gpg' })).toThrow(/sign: "gpg" is not a way to sign/);
    expect(() => parse({ sign: 'key' })).toThrow(/cosign-key: required when sign is key/);
    expect(() => parse({ 'cosign-key': 'PEM' })).toThrow(/cosign-key: given, but sign is none/);
    expect(() => parse({ attestations: 'sbom', builder: 'classic' })).toThrow(/the classic builder makes none/);
    expect(() => parse({ attestations: 'sbom', 'sbom-generator': 'Not A Ref' })).toThrow(/sbom-generator: "Not A Ref" is not an image reference/);
  });
});
