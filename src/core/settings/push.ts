// Where the image goes: the repository, whether to push (and why a requested push is skipped), the
// registry to log in to and the credentials.
import { isValidRegistryHost, isValidRepository, registryHost } from '../image-ref.js';
import type { Environment, Settings } from './types.js';
import type { InputReader } from './input-reader.js';

type PushSettings = Pick<Settings, 'image' | 'push' | 'pushSkippedReason' | 'registry' | 'username' | 'password' | 'untrustedCode'>;
type Origin = Pick<Environment, 'forkPullRequest' | 'foreignCodeWithSecrets' | 'foreignCodeWhy'>;

export function parsePush(input: InputReader, env: Origin): PushSettings {
  const image = parseImage(input);
  const requested = input.bool('push', false);
  const trustForeignCode = input.bool('trust-foreign-code', false);
  const username = input.get('username');
  const password = input.verbatim('password');
  const pushSkippedReason = requested ? skipReason(env, trustForeignCode) : '';
  const push = requested && pushSkippedReason === '';
  if (requested && image === '') input.fail('image: required when push is true; e.g. ghcr.io/acme/web.');
  if (push) {
    if (username === '') input.fail('username: required when push is true (the registry user, e.g. ${{ github.actor }}).');
    if (password === '') input.fail('password: required when push is true (a token, e.g. ${{ secrets.GITHUB_TOKEN }}).');
  }
  const untrustedCode = trustForeignCode ? '' : foreignCode(env);
  return { image, push, pushSkippedReason, registry: parseRegistry(input, image), username, password, untrustedCode };
}

function parseImage(input: InputReader): string {
  let image = input.get('image');
  // `ghcr.io/${{ github.repository }}` keeps the owner's capitals, which registries refuse; as
  // docker/metadata-action does, lower-case it rather than fail the form every guide shows.
  if (image !== '' && image !== image.toLowerCase() && isValidRepository(image.toLowerCase())) {
    input.notice(`image: "${image}" was lower-cased to "${image.toLowerCase()}": registries accept only lowercase repository names.`);
    image = image.toLowerCase();
  }
  if (image === '') return image;
  if (/[:@]/.test(image.slice(image.lastIndexOf('/') + 1)))
    input.fail(`image: "${image}" carries a tag or digest; give the repository only (e.g. ghcr.io/acme/web) and use tags for extra tags.`);
  else if (!isValidRepository(image))
    input.fail(
      `image: "${image}" is not a valid repository; use lowercase letters, digits and . _ - separators, e.g. ghcr.io/acme/web or docker.io/acme/web.`,
    );
  return image;
}

/** Why the workspace may hold code from another repository, or '' when the event says it does not. */
function foreignCode(env: Origin): string {
  if (!env.forkPullRequest && !env.foreignCodeWithSecrets) return '';
  return env.foreignCodeWhy || (env.forkPullRequest ? 'pull_request from another repository' : 'a pull request from another repository');
}

/** Why a requested push is turned off on this event, or '' when it goes ahead. */
function skipReason(env: Origin, trustForeignCode: boolean): string {
  // A fork's pull request gets no secrets and a read-only GITHUB_TOKEN: build and test, never push.
  if (env.forkPullRequest) return 'pull request from a fork: its token is read-only and secrets are withheld, so nothing is pushed';
  // Secrets are present and the workspace may hold a stranger's code: pushing it is the workflow's call.
  if (env.foreignCodeWithSecrets && !trustForeignCode)
    return `the event (${foreignCode(env)}) may have put that code in the workspace while secrets are present; set trust-foreign-code: true if the workflow vetted that code`;
  return '';
}

/** The registry to log in to: as given, else the host in the image ('' for Docker Hub). */
function parseRegistry(input: InputReader, image: string): string {
  const registry = input.get('registry') || (image !== '' ? (registryHost(image) ?? '') : '');
  if (registry !== '' && !isValidRegistryHost(registry))
    input.fail(`registry: "${registry}" is not a registry host; use e.g. ghcr.io or 127.0.0.1:5000.`);
  return registry;
}
