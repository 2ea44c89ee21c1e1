// A cosign signature on the pushed digest (never a tag: a tag can be moved after signing). Keyless on
// GitHub: cosign takes the job's OIDC token (the workflow grants `id-token: write`) and Sigstore's
// public-good services record the signature; elsewhere with a key the workflow holds as a secret. cosign
// comes from the workflow (sigstore/cosign-installer), found on PATH.
import type { ExecResult } from '../adapters/docker.js';
import { registryHost } from '../core/image-ref.js';
import { registryRetry, type PushOptions } from './push.js';
import { retry } from '../core/retry.js';
import type { SigningSettings } from '../core/settings/supply-chain.js';
import { hasTool, ToolError, type ToolRunner } from '../adapters/tool-runner.js';

/** cosign reads the key and its password from these variables of its own environment: never an argument. */
export const COSIGN_KEY_ENV = 'COSIGN_PRIVATE_KEY';
export const COSIGN_PASSWORD_ENV = 'COSIGN_PASSWORD';

/** Fails before any work, saying what is missing, when the signing asked for cannot happen. */
export async function requireSigning(tools: ToolRunner, signing: SigningSettings, env: NodeJS.ProcessEnv): Promise<void> {
  if (signing.mode === 'none') return;
  if (!(await hasTool(tools, 'cosign', ['version'])))
    throw new ToolError(
      `sign: ${signing.mode} needs cosign, which is not on PATH; add sigstore/cosign-installer before this step, or set sign: none.`,
    );
  if (signing.mode === 'keyless' && !env.ACTIONS_ID_TOKEN_REQUEST_URL)
    throw new ToolError(
      "sign: keyless needs the job's OIDC token, and this job has none; grant it with `permissions: id-token: write` (GitHub Actions only), or sign with a key (sign: key and cosign-key).",
    );
}

/** The `cosign sign` arguments for a digest reference. */
export function signArgs(signing: SigningSettings, digestRef: string): string[] {
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(registryHost(digestRef) ?? '');
  return [
    'sign',
    '--yes',
    ...(signing.mode === 'key' ? ['--key', `env://${COSIGN_KEY_ENV}`] : []),
    // A registry on loopback speaks plain HTTP (as docker allows it); nowhere else.
    ...(loopback ? ['--allow-insecure-registry', '--allow-http-registry'] : []),
    // A key-signed signature is not sent to Sigstore's public log: the key's owner is the trust root.
    ...(signing.mode === 'key' ? ['--tlog-upload=false'] : []),
    digestRef,
  ];
}

/** Signs `repository@digest`; returns where cosign put the signature (`cosign triangulate`), or '' if it cannot say. */
export async function signDigest(
  tools: ToolRunner,
  signing: SigningSettings,
  repository: string,
  digest: string,
  options: Pick<PushOptions, 'configDir' | 'log' | 'retry'>,
): Promise<string> {
  const ref = `${repository}@${digest}`;
  const env: Record<string, string> = {
    ...(options.configDir !== '' ? { DOCKER_CONFIG: options.configDir } : {}),
    ...(signing.mode === 'key' ? { [COSIGN_KEY_ENV]: signing.key, [COSIGN_PASSWORD_ENV]: signing.keyPassword } : {}),
  };
  await retry(
    async () => {
      const signed: ExecResult = await tools('cosign', signArgs(signing, ref), { env, echo: true });
      if (signed.exitCode !== 0) throw new ToolError(`cosign sign ${ref} failed: ${lastLines(signed.stderr || signed.stdout)}`);
    },
    registryRetry(`sign ${ref}`, options.log, options.retry),
  );
  const located = await tools(
    'cosign',
    ['triangulate', ...(signArgs(signing, ref).includes('--allow-insecure-registry') ? ['--allow-insecure-registry'] : []), ref],
    {
      env,
    },
  );
  return located.exitCode === 0 ? located.stdout.trim() : '';
}

function lastLines(text: string): string {
  return text.trimEnd().split('\n').slice(-5).join('\n');
}
