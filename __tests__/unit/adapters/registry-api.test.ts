// The registry adapter against a small registry on loopback: the calls and logins it makes. The
// real registry (the test bed's) is exercised end to end in __tests__/e2e/native-platforms.test.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OCI_INDEX,
  OCI_MANIFEST,
  RegistryClient,
  referrersTag,
  registryBaseUrl,
  repositoryPath,
  sha256Digest,
} from '../../../src/adapters/registry-api.js';

interface FakeRegistry {
  host: string;
  requests: string[];
  manifests: Map<string, { type: string; bytes: Buffer }>;
  blobs: Map<string, Buffer>;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A registry that wants `auth` (basic or a bearer token from its own /token), with or without the referrers API. */
async function fakeRegistry(auth: 'basic' | 'bearer', referrersApi: boolean): Promise<FakeRegistry> {
  const registry: FakeRegistry = { host: '', requests: [], manifests: new Map(), blobs: new Map() };
  const basic = `Basic ${Buffer.from('user:secret').toString('base64')}`;
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      registry.requests.push(`${request.method} ${url.pathname}${url.search} ${request.headers.authorization?.split(' ')[0] ?? '-'}`);
      if (url.pathname === '/token') {
        if (request.headers.authorization !== basic) return response.writeHead(401).end();
        return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `t-${url.searchParams.get('scope')}` }));
      }
      const wanted = auth === 'basic' ? basic : 'Bearer t-repository:acme/web:pull,push';
      if (request.headers.authorization !== wanted) {
        const challenge = auth === 'basic' ? 'Basic realm="r"' : `Bearer realm="http://${registry.host}/token",service="fake"`;
        return response.writeHead(401, { 'www-authenticate': challenge }).end();
      }
      const body = Buffer.concat(chunks);
      const path = url.pathname.replace('/v2/acme/web/', '');
      const [kind, reference = ''] = path.split(/\/(.*)/s);
      if (kind === 'blobs' && reference === 'uploads/' && request.method === 'POST')
        return response.writeHead(202, { location: `/v2/acme/web/blobs/uploads/u1?state=x` }).end();
      if (kind === 'blobs' && reference.startsWith('uploads/') && request.method === 'PUT') {
        registry.blobs.set(url.searchParams.get('digest')!, body);
        return response.writeHead(201).end();
      }
      if (kind === 'blobs') {
        const blob = registry.blobs.get(reference);
        return blob ? response.writeHead(200).end(request.method === 'HEAD' ? undefined : blob) : response.writeHead(404).end();
      }
      if (kind === 'manifests' && request.method === 'PUT') {
        registry.manifests.set(reference, { type: request.headers['content-type']!, bytes: body });
        const subject = (JSON.parse(body.toString()) as { subject?: { digest: string } }).subject;
        return response.writeHead(201, referrersApi && subject ? { 'oci-subject': subject.digest } : {}).end();
      }
      if (kind === 'manifests') {
        const manifest = registry.manifests.get(reference);
        return manifest ? response.writeHead(200, { 'content-type': manifest.type }).end(manifest.bytes) : response.writeHead(404).end();
      }
      if (kind === 'referrers' && referrersApi) {
        const manifests = [...registry.manifests.entries()]
          .map(([digest, manifest]) => ({
            digest,
            body: JSON.parse(manifest.bytes.toString()) as { subject?: { digest: string }; artifactType?: string },
          }))
          .filter((entry) => entry.body.subject?.digest === reference)
          .map((entry) => ({ mediaType: OCI_MANIFEST, digest: entry.digest, size: 1, artifactType: entry.body.artifactType }));
        return response.writeHead(200, { 'content-type': OCI_INDEX }).end(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  registry.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return registry;
}

function client(registry: FakeRegistry, password = 'secret'): RegistryClient {
  return new RegistryClient(`${registry.host}/acme/web`, { registry: registry.host, username: 'user', password, retry: { attempts: 1 } });
}

describe('RegistryClient', () => {
  it.each(['basic', 'bearer'] as const)('logs in as a %s challenge asks, once, and uploads a blob only when the registry lacks it', async (auth) => {
    const registry = await fakeRegistry(auth, false);
    const api = client(registry);
    const digest = await api.putBlob(Buffer.from('layer'));
    expect(digest).toBe(sha256Digest('layer'));
    expect(registry.blobs.get(digest)?.toString()).toBe('layer');
    await api.putBlob(Buffer.from('layer'));
    expect(registry.requests.filter((line) => line.startsWith('POST'))).toHaveLength(1);
    expect(registry.requests.filter((line) => line.startsWith('GET /token'))).toHaveLength(auth === 'bearer' ? 1 : 0);
    expect(await api.blob(digest)).toEqual(Buffer.from('layer'));
  });

  it.each(['basic', 'bearer'] as const)('logs in once for calls made at the same time (%s)', async (auth) => {
    const registry = await fakeRegistry(auth, false);
    const api = client(registry);
    const blobs = ['a', 'b', 'c', 'd'].map((text) => Buffer.from(text));
    expect(await Promise.all(blobs.map((blob) => api.putBlob(blob)))).toEqual(blobs.map((blob) => sha256Digest(blob)));
  });

  it('says which call was refused when the password is wrong, and does not retry it', async () => {
    const registry = await fakeRegistry('basic', false);
    await expect(client(registry, 'wrong').putBlob(Buffer.from('x'))).rejects.toThrow(/^HEAD acme\/web\/blobs\/sha256:[a-f0-9]{64}: HTTP 401/);
    expect(registry.requests).toHaveLength(2);
  });

  it('checks a manifest fetched by digest against its bytes', async () => {
    const registry = await fakeRegistry('basic', false);
    const bytes = Buffer.from('{"schemaVersion":2}');
    registry.manifests.set(sha256Digest('other'), { type: OCI_MANIFEST, bytes });
    await expect(client(registry).manifest(sha256Digest('other'))).rejects.toThrow(/sent a manifest whose digest is/);
    expect(await client(registry).manifest('missing')).toBeUndefined();
  });

  it('without the referrers API, keeps and reads the referrers in the fallback tag', async () => {
    const registry = await fakeRegistry('basic', false);
    const api = client(registry);
    const subject = sha256Digest('image');
    const referrer = Buffer.from(JSON.stringify({ schemaVersion: 2, artifactType: 'x', subject: { digest: subject } }));
    const stored = await api.putManifest(sha256Digest(referrer), OCI_MANIFEST, referrer);
    expect(stored.subjectNoted).toBe(false);
    const descriptor = { mediaType: OCI_MANIFEST, digest: stored.digest, size: referrer.length, artifactType: 'x' };
    await api.addToReferrersTag(subject, descriptor);
    await api.addToReferrersTag(subject, descriptor);
    expect(referrersTag(subject)).toBe(subject.replace('sha256:', 'sha256-'));
    expect(await api.referrers(subject)).toEqual([descriptor]);
  });

  it('with the referrers API, reads the list the registry keeps', async () => {
    const registry = await fakeRegistry('bearer', true);
    const api = client(registry);
    const subject = sha256Digest('image');
    const referrer = Buffer.from(JSON.stringify({ schemaVersion: 2, artifactType: 'x', subject: { digest: subject } }));
    expect((await api.putManifest(sha256Digest(referrer), OCI_MANIFEST, referrer)).subjectNoted).toBe(true);
    expect((await api.referrers(subject)).map((entry) => entry.digest)).toEqual([sha256Digest(referrer)]);
    expect(registry.manifests.has(referrersTag(subject))).toBe(false);
  });
});

describe('logins', () => {
  it('never sends the password in the clear to a token service on another machine', async () => {
    server = createServer((_request, response) => {
      response.writeHead(401, { 'www-authenticate': 'Bearer realm="http://auth.example.com/token",service="x"' }).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = new RegistryClient(`${host}/acme/web`, { registry: host, username: 'user', password: 'secret', retry: { attempts: 1 } });
    await expect(api.manifest('latest')).rejects.toThrow(/sends logins to http:\/\/auth.example.com, which is not https; refused/);
  });
});

describe('addresses', () => {
  it('uses plain http for loopback only, and Docker Hub by its API host', () => {
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('')).toBe('https://registry-1.docker.io');
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
  });

  it('names the repository without its host, Docker Hub official names under library/', () => {
    expect(repositoryPath('ghcr.io/acme/web', 'ghcr.io')).toBe('acme/web');
    expect(repositoryPath('127.0.0.1:5000/web', '127.0.0.1:5000')).toBe('web');
    expect(repositoryPath('acme/web', '')).toBe('acme/web');
    expect(repositoryPath('docker.io/web', 'docker.io')).toBe('library/web');
  });
});
