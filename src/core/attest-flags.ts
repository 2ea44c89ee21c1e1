// The build flags of an attested app build: the attestations BuildKit attaches and the OCI layout it
// writes them to (attestations.ts loads, tests and pushes that layout). Pure: the plan reads them.
import type { AttestationSettings } from './settings/supply-chain.js';

/** BuildKit's flags for the attestations asked for (the build's output flags are plan.ts's). */
export function attestFlags(attestations: AttestationSettings): string[] {
  const generator = attestations.sbomGenerator !== '' ? `,generator=${attestations.sbomGenerator}` : '';
  return [
    // BuildKit adds min provenance by default on some builders: it is said either way.
    ...(attestations.provenance !== '' ? ['--attest', `type=provenance,mode=${attestations.provenance}`] : ['--provenance=false']),
    ...(attestations.sbom ? ['--attest', `type=sbom${generator}`] : []),
  ];
}

/** The output flag of an attested app build: the OCI layout folder, unpacked (the push and the load read it). */
export function layoutOutput(dir: string): string[] {
  return ['--output', `type=oci,dest=${dir},tar=false`];
}
