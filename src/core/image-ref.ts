// Docker image references: validation and the pieces the action needs (registry host, repository).
// Follows the distribution reference grammar closely enough to reject what `docker tag` would.

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const REPOSITORY_RE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const HOST_RE = new RegExp(`^${DOMAIN}$`);
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A repository without tag or digest, e.g. ghcr.io/acme/web or 127.0.0.1:5000/web. */
export function isValidRepository(value: string): boolean {
  return value.length <= 255 && REPOSITORY_RE.test(value);
}

/** A registry host, with an optional port: ghcr.io, 127.0.0.1:5000, [::1]:5000. */
export function isValidRegistryHost(value: string): boolean {
  return HOST_RE.test(value);
}

export function isValidTag(value: string): boolean {
  return TAG_RE.test(value);
}

/** A reference that may carry a tag or digest, e.g. python:3.12-slim or mirror.local/python@sha256:... */
export function isValidReference(value: string): boolean {
  const [name, digest] = splitOnce(value, '@');
  if (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest)) return false;
  const { repository, tag } = splitTag(name);
  return isValidRepository(repository) && (tag === undefined || isValidTag(tag));
}

/** The registry host a repository lives on, or undefined for Docker Hub. */
export function registryHost(repository: string): string | undefined {
  const slash = repository.indexOf('/');
  if (slash < 0) return undefined;
  const first = repository.slice(0, slash);
  // Docker's own rule: the first component is a host only if it looks like one.
  if (first.includes('.') || first.includes(':') || first === 'localhost') return first;
  return undefined;
}

/** Splits name:tag, minding that a registry host may carry a :port. */
export function splitTag(reference: string): { repository: string; tag?: string } {
  const lastSlash = reference.lastIndexOf('/');
  const colon = reference.indexOf(':', lastSlash + 1);
  if (colon < 0) return { repository: reference };
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}

function splitOnce(value: string, sep: string): [string, string | undefined] {
  const at = value.indexOf(sep);
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}
