// How the package index reaches pip. Any part of an index URL may be a credential (a user and
// password, or a token in its path or query, which nothing can tell from a path), so wherever
// BuildKit builds, the whole URL travels as the BuildKit secret `pip-config`: a pip.conf that the
// Dockerfiles mount at /etc/pip.conf for their pip steps only, in no layer, history entry or label,
// where a build argument is in all of `docker history`. The classic builder has no secrets: there
// the URL is a build argument, and one with a user or password is refused rather than leaked.
import type { Builder } from './builder.js';

export const PIP_SECRET_ID = 'pip-config';
/** The docker CLI reads the secret from this variable of its own environment: never a file, never an argument. */
export const PIP_SECRET_ENV = 'FLASK_GUNICORN_ACTION_PIP_CONFIG';
/** The RUN flag of every pip step (docker/Dockerfile carries the same text). */
export const PIP_SECRET_MOUNT = `--mount=type=secret,id=${PIP_SECRET_ID},target=/etc/pip.conf,required=false`;

export type PipIndex =
  /** PyPI: nothing to pass. */
  | { kind: 'default' }
  /** PIP_INDEX_URL (and PIP_TRUSTED_HOST for plain HTTP) as build arguments. */
  | { kind: 'build-args'; args: Record<string, string> }
  /** A pip.conf holding the URL, sent as the secret PIP_SECRET_ID. */
  | { kind: 'secret'; config: string };

export class PipIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipIndexError';
  }
}

/** Whether an (already validated) index URL carries a user or password. */
export function hasCredentials(url: string): boolean {
  if (url === '') return false;
  const parsed = new URL(url);
  return parsed.username !== '' || parsed.password !== '';
}

/** Whether the value is an http(s) URL, the only kind pip-index-url accepts. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * An index URL may carry credentials; never echo them back. Everything from the scheme's `//` to
 * the last `@` goes: a password may hold `/`, `@` or `:` (encoded or not), and redacting too much
 * is harmless where redacting too little is a leak.
 */
export function redactUrl(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  const slashes = value.indexOf('//');
  const from = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  return `${value.slice(0, from)}***${value.slice(at)}`;
}

/**
 * What of an index URL to mask in the log besides the URL itself. A token may sit in the path or the
 * query, and pip prints more than the index URL: the files it downloads, which a private index often
 * serves under the same root (`https://host/TOKEN/simple/` lists `https://host/TOKEN/files/...`). So:
 * the index's root (the URL up to its `simple` segment) when that root has a path of its own, and each
 * query value. Masking a part that is no secret only hides log text; leaving a token visible is a leak.
 */
export function indexMaskParts(url: URL): string[] {
  const parts: string[] = [];
  const path = url.pathname.replace(/\/simple\/?$/, '/');
  if (path !== '/') parts.push(`${url.origin}${path}`);
  for (const value of url.searchParams.values()) if (value !== '') parts.push(value);
  return parts;
}

/** The decoded user and password of a URL, or undefined when a `%` escape in them is broken. */
export function urlCredentials(url: URL): { username: string; password: string } | undefined {
  try {
    return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    return undefined;
  }
}

/** How the (already validated) URL reaches pip on this builder; requireSecretSupport refuses what must not. */
export function pipIndex(url: string, builder: Builder['kind']): PipIndex {
  if (url === '') return { kind: 'default' };
  const parsed = new URL(url);
  // pip refuses plain-HTTP indexes unless told the host is trusted; the user chose it, so trust it.
  const trustedHost = parsed.protocol === 'http:' ? parsed.hostname : '';
  if (builder === 'classic')
    return { kind: 'build-args', args: { PIP_INDEX_URL: url, ...(trustedHost !== '' ? { PIP_TRUSTED_HOST: trustedHost } : {}) } };
  // pip reads its config with RawConfigParser: a % escape in the password is kept for pip to decode.
  const lines = ['[global]', `index-url = ${url}`, ...(trustedHost !== '' ? [`trusted-host = ${trustedHost}`] : [])];
  return { kind: 'secret', config: `${lines.join('\n')}\n` };
}

/** Throws, saying what to do, when the index needs a secret the builder cannot pass. */
export function requireSecretSupport(url: string, builder: Builder): void {
  if (!hasCredentials(url) || builder.kind !== 'classic') return;
  throw new PipIndexError(
    `pip-index-url: the URL carries credentials, and the classic builder (${builder.reason}) has no build secrets, so they would be written into the image history. Build with buildx (builder: auto or buildx; on GitHub, docker/setup-buildx-action), or use an index that needs no credentials from the build.`,
  );
}

/**
 * docker/Dockerfile for the classic builder, which rejects RUN flags: the secret mounts go (with no
 * secret there is nothing to mount), every other line stays as written.
 */
export function withoutSecretMounts(dockerfile: string): string {
  return dockerfile.replace(/^(\s*RUN)\s+--mount=type=secret,\S+/gim, '$1');
}
