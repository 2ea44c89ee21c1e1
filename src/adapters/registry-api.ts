// The registry's HTTP API (the OCI distribution spec), on Node's own fetch: what a platform job
// needs to push its tested image by digest with a test record beside it, and what the merge needs
// to read both back and point the tags at one index. Nothing else talks to a registry this way.
import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, sha256Digest, type Descriptor, type ManifestBody } from '../core/oci.js';
import { isTransientRegistryError, retry, type RetryOptions } from '../core/retry.js';

// What the rest of the code imports from here too; defined in oci.ts, which the pure checks share.
export { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, sha256Digest, type Descriptor, type ManifestBody } from '../core/oci.js';

/** A manifest as stored: its exact bytes (what the digest is of), parsed, and its media type. */
export interface StoredManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  body: ManifestBody;
}

const ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST].join(', ');

/** A refused or failed call, with its method, path and status, so retry.ts can tell a busy registry from a refusal. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface RegistryAccess {
  /** Registry host as in the image name ('' or docker.io: Docker Hub). */
  registry: string;
  username: string;
  password: string;
  retry?: Partial<RetryOptions>;
  log?: (message: string) => void;
}

/** The client for the repository of the image the settings name, logged in with their credentials. */
export function imageRepository(
  settings: { image: string; registry: string; username: string; password: string },
  log: (message: string) => void,
): RegistryClient {
  const { registry, username, password } = settings;
  return new RegistryClient(settings.image, { registry, username, password, log });
}

/** The API's base URL for a host: plain http for loopback only, as Docker itself allows without configuration. */
export function registryBaseUrl(registry: string): string {
  const host = registry === '' || registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
  const bare = host.replace(/:\d+$/, '');
  const loopback = bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '[::1]';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/** The repository's path in the API: the image name without its host (Docker Hub's one-part names under library/). */
export function repositoryPath(image: string, registry: string): string {
  const name =
    registry !== '' && image.startsWith(`${registry}/`) ? image.slice(registry.length + 1) : image.replace(/^(docker\.io|index\.docker\.io)\//, '');
  return (registry === '' || registry.endsWith('docker.io')) && !name.includes('/') ? `library/${name}` : name;
}

/**
 * One repository of one registry, logged in as the access says: basic auth where the registry asks
 * for it, or a bearer token from the realm its challenge names (ghcr.io, Docker Hub), asked for once
 * per scope and kept for the run.
 */
export class RegistryClient {
  private readonly base: string;
  private readonly repo: string;
  private authorization = '';

  constructor(
    image: string,
    private readonly access: RegistryAccess,
  ) {
    this.base = registryBaseUrl(access.registry);
    this.repo = repositoryPath(image, access.registry);
  }

  /** A manifest by tag or digest; undefined when the registry has none. Its digest is checked against its bytes when asked by digest. */
  async manifest(reference: string): Promise<StoredManifest | undefined> {
    const response = await this.call('GET', `manifests/${reference}`, { headers: { Accept: ACCEPT }, allow: [404] });
    if (response.status === 404) return undefined;
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = sha256Digest(bytes);
    if (reference.startsWith('sha256:') && digest !== reference)
      throw new RegistryError(`${this.repo}@${reference}: the registry sent a manifest whose digest is ${digest}.`, 0);
    const body = JSON.parse(bytes.toString('utf8')) as ManifestBody;
    return { digest, bytes, body, mediaType: body.mediaType ?? response.headers.get('content-type') ?? '' };
  }

  /** A blob's bytes, checked against its digest. */
  async blob(digest: string): Promise<Buffer> {
    const response = await this.call('GET', `blobs/${digest}`, {});
    const bytes = Buffer.from(await response.arrayBuffer());
    if (sha256Digest(bytes) !== digest) throw new RegistryError(`${this.repo}: blob ${digest} came back with other content.`, 0);
    return bytes;
  }

  async hasBlob(digest: string): Promise<boolean> {
    return (await this.call('HEAD', `blobs/${digest}`, { allow: [404] })).status !== 404;
  }

  /** Uploads a blob in one request (POST, then PUT with the digest), unless the registry has it already. */
  async putBlob(bytes: Buffer, digest = sha256Digest(bytes)): Promise<string> {
    if (await this.hasBlob(digest)) return digest;
    const started = await this.call('POST', 'blobs/uploads/', { allow: [202] });
    const location = started.headers.get('location');
    if (!location) throw new RegistryError(`${this.repo}: the registry started an upload without a Location.`, started.status);
    const url = new URL(location, this.base);
    url.searchParams.set('digest', digest);
    await this.call('PUT', url.toString(), { body: bytes, headers: { 'Content-Type': 'application/octet-stream' }, allow: [201] });
    return digest;
  }

  /**
   * Stores a manifest under a tag or its digest; returns its digest and whether the registry took
   * note of its subject (the OCI-Subject header: the registry keeps the referrers list itself).
   */
  async putManifest(reference: string, mediaType: string, bytes: Buffer): Promise<{ digest: string; subjectNoted: boolean }> {
    const response = await this.call('PUT', `manifests/${reference}`, { body: bytes, headers: { 'Content-Type': mediaType }, allow: [201] });
    return { digest: sha256Digest(bytes), subjectNoted: response.headers.has('oci-subject') };
  }

  /**
   * The referrers of a digest: the referrers API where the registry has it, else the index under the
   * fallback tag (sha256-HEX) that clients keep for registries without it. [] when there are none.
   */
  async referrers(digest: string): Promise<Descriptor[]> {
    const api = await this.call('GET', `referrers/${digest}`, { headers: { Accept: OCI_INDEX }, allow: [404, 400, 405] });
    if (api.status === 200 && (api.headers.get('content-type') ?? '').includes(OCI_INDEX))
      return ((await api.json()) as ManifestBody).manifests ?? [];
    return (await this.manifest(referrersTag(digest)))?.body.manifests ?? [];
  }

  /** Adds a referrer to the fallback tag's index (for registries without the referrers API); one already listed is kept once. */
  async addToReferrersTag(subject: string, referrer: Descriptor): Promise<void> {
    const tag = referrersTag(subject);
    const current = (await this.manifest(tag))?.body.manifests ?? [];
    const manifests = [...current.filter((entry) => entry.digest !== referrer.digest), referrer];
    await this.putManifest(tag, OCI_INDEX, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })));
  }

  private async call(
    method: string,
    pathOrUrl: string,
    options: { headers?: Record<string, string>; body?: Buffer; allow?: number[] },
  ): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.base}/v2/${this.repo}/${pathOrUrl}`;
    const what = `${method} ${this.repo}/${pathOrUrl.startsWith('http') ? 'blobs/uploads' : pathOrUrl}`;
    const attempt = async (): Promise<Response> => {
      const sentWith = this.authorization;
      let response = await this.send(method, url, options);
      if (response.status === 401 && (await this.answerChallenge(response, sentWith))) response = await this.send(method, url, options);
      if (response.ok || (options.allow ?? []).includes(response.status)) return response;
      const text = (await response.text().catch(() => '')).slice(0, 300);
      throw new RegistryError(`${what}: HTTP ${response.status} ${text.trim()}`, response.status);
    };
    return retry(attempt, {
      attempts: 4,
      initialDelayMs: 1000,
      maxDelayMs: 8000,
      isTransient: (error) => (error instanceof RegistryError ? error.status >= 500 || error.status === 429 : isTransientRegistryError(error)),
      onRetry: (error, n, delay) => this.access.log?.(`${what}: attempt ${n} failed (${(error as Error).message}); retrying in ${delay / 1000} s`),
      ...this.access.retry,
    });
  }

  private send(method: string, url: string, options: { headers?: Record<string, string>; body?: Buffer }): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.authorization !== '') headers.Authorization = this.authorization;
    return fetch(url, {
      method,
      headers,
      ...(options.body ? { body: new Uint8Array(options.body.buffer as ArrayBuffer, options.body.byteOffset, options.body.length) } : {}),
      redirect: 'follow',
      signal: AbortSignal.timeout(300_000),
    });
  }

  /**
   * Logs in as a 401's challenge asks: basic auth, or a token from its realm. False when there is
   * nothing more to try. `sentWith` is what the refused call carried: a call made at the same time
   * may have logged in since, and then the call is simply tried again with that.
   */
  private async answerChallenge(response: Response, sentWith: string): Promise<boolean> {
    await response.arrayBuffer().catch(() => undefined);
    if (this.authorization !== sentWith) return true;
    const challenge = response.headers.get('www-authenticate') ?? '';
    const basic = `Basic ${Buffer.from(`${this.access.username}:${this.access.password}`).toString('base64')}`;
    if (/^basic/i.test(challenge)) {
      if (sentWith === basic || this.access.username === '') return false;
      this.authorization = basic;
      return true;
    }
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
    if (!/^bearer/i.test(challenge) || !params.realm) return false;
    const tokenUrl = new URL(params.realm);
    // The password goes to the realm: never in the clear to another machine.
    if (tokenUrl.protocol !== 'https:' && !registryBaseUrl(tokenUrl.host).startsWith('http:'))
      throw new RegistryError(
        `Log in to ${this.access.registry || 'docker.io'}: the registry sends logins to ${tokenUrl.origin}, which is not https; refused.`,
        401,
      );
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    // Ask for push too: one token then serves both the reads and the writes of this repository.
    tokenUrl.searchParams.set('scope', `repository:${this.repo}:pull,push`);
    const tokenResponse = await fetch(tokenUrl, {
      headers: this.access.username !== '' ? { Authorization: basic } : {},
      signal: AbortSignal.timeout(60_000),
    });
    if (!tokenResponse.ok)
      throw new RegistryError(
        `Log in to ${this.access.registry || 'docker.io'}: HTTP ${tokenResponse.status} from the token service.`,
        tokenResponse.status,
      );
    const body = (await tokenResponse.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token ?? '';
    if (token === '' || sentWith === `Bearer ${token}`) return false;
    this.authorization = `Bearer ${token}`;
    return true;
  }
}

/** The tag that stands in for the referrers API: sha256:HEX → sha256-HEX. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}
