// What is attached to the pushed image: BuildKit's provenance and SBOM attestations, and a cosign
// signature. Each is opt-in (README "Provenance, SBOM and signatures" says why).
import type { BuilderSetting } from '../builder.js';
import { isValidReference } from '../image-ref.js';
import type { Settings } from './types.js';
import type { InputReader } from './input-reader.js';

export const ATTESTATION_KINDS = ['provenance', 'sbom'] as const;
export const PROVENANCE_MODES = ['min', 'max'] as const;
export const SIGN_MODES = ['none', 'keyless', 'key'] as const;
export type ProvenanceMode = (typeof PROVENANCE_MODES)[number];
export type SignMode = (typeof SIGN_MODES)[number];

export interface AttestationSettings {
  /** SLSA provenance of the app build, in this mode; '' for none. */
  provenance: ProvenanceMode | '';
  /** An SPDX SBOM of the image's root file system. */
  sbom: boolean;
  /** The SBOM generator image ('' for BuildKit's default, docker/buildkit-syft-scanner). */
  sbomGenerator: string;
}

export interface SigningSettings {
  /** none; keyless (Sigstore, with the workflow's OIDC token); key (a cosign private key). */
  mode: SignMode;
  /** The cosign private key (PEM) for mode key; '' otherwise. */
  key: string;
  /** Its password ('' for a key without one). */
  keyPassword: string;
}

type SupplyChainSettings = Pick<Settings, 'attestations' | 'signing'>;

export function parseSupplyChain(input: InputReader, builder: BuilderSetting): SupplyChainSettings {
  const kinds = input.list('attestations').map((kind) => kind.toLowerCase());
  const none = kinds.length === 1 && kinds[0] === 'none';
  for (const kind of none ? [] : kinds)
    if (!(ATTESTATION_KINDS as readonly string[]).includes(kind))
      input.fail(`attestations: "${kind}" is not an attestation; use provenance, sbom, both (provenance, sbom) or none.`);
  const given = input.get('provenance-mode').toLowerCase() || 'min';
  if (!(PROVENANCE_MODES as readonly string[]).includes(given))
    input.fail(
      `provenance-mode: "${input.get('provenance-mode')}" is not a mode; use min (no build arguments) or max (with them and the Dockerfile).`,
    );
  const mode: ProvenanceMode = given === 'max' ? 'max' : 'min';
  const sbomGenerator = input.get('sbom-generator');
  if (sbomGenerator !== '' && !isValidReference(sbomGenerator))
    input.fail(`sbom-generator: "${sbomGenerator}" is not an image reference; use e.g. docker/buildkit-syft-scanner:stable-1, or leave it empty.`);
  const attestations: AttestationSettings = {
    provenance: !none && kinds.includes('provenance') ? mode : '',
    sbom: !none && kinds.includes('sbom'),
    sbomGenerator,
  };
  if (builder === 'classic' && hasAttestations(attestations))
    input.fail(
      'attestations: the classic builder makes none; use builder: auto or buildx (on GitHub, docker/setup-buildx-action), or set attestations: none.',
    );
  return { attestations, signing: parseSigning(input) };
}

function parseSigning(input: InputReader): SigningSettings {
  const given = input.get('sign').toLowerCase() || 'none';
  const key = input.verbatim('cosign-key').trim();
  const keyPassword = input.verbatim('cosign-password');
  if (!(SIGN_MODES as readonly string[]).includes(given)) {
    input.fail(`sign: "${input.get('sign')}" is not a way to sign; use none, keyless (Sigstore, needs id-token: write) or key (with cosign-key).`);
    return { mode: 'none', key: '', keyPassword: '' };
  }
  const mode = given as SignMode;
  if (mode === 'key' && key === '')
    input.fail('cosign-key: required when sign is key; give the private key from `cosign generate-key-pair` as a secret.');
  if (mode !== 'key' && key !== '') input.fail(`cosign-key: given, but sign is ${mode}; set sign: key to sign with it.`);
  return { mode, key: mode === 'key' ? key : '', keyPassword: mode === 'key' ? keyPassword : '' };
}

export function hasAttestations(attestations: AttestationSettings): boolean {
  return attestations.provenance !== '' || attestations.sbom;
}
