/**
 * GitHub's cache service on loopback, as far as buildx's `type=gha` backend uses it (the v1 REST API
 * under `_apis/artifactcache/`: look up, reserve, upload in ranges, commit, download), with entries
 * in memory. With the variables a hosted runner gives JavaScript actions pointing at it, the
 * hosted-runner default cache runs for real without leaving the machine, and the requests say what
 * the builder stored and read.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCacheService {
  url: string;
  /** `METHOD path` of each request, in order. */
  requests: string[];
  /** Keys of the committed entries. */
  keys: () => string[];
  /** ACTIONS_* variables of a GitHub-hosted runner whose cache service is this one. */
  runnerEnv: () => Record<string, string>;
  close: () => Promise<void>;
}

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A runtime token of the shape the backend reads (unverified): scopes it may read and write, a validity window. */
function runtimeToken(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const ac = JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]);
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ac, nbf: now - 60, exp: now + 3600 })}.${Buffer.from('not-signed').toString('base64url')}`;
}

export async function startFakeCacheService(): Promise<FakeCacheService> {
  const entries = new Map<string, Buffer>();
  const reserved = new Map<number, { key: string; parts: { offset: number; data: Buffer }[] }>();
  const requests: string[] = [];
  let nextId = 1;
  let base = '';

  const server = createServer((request, response) => {
    void body(request).then((data) => {
      const url = new URL(request.url ?? '/', base);
      requests.push(`${request.method} ${url.pathname}`);
      const json = (status: number, value: object): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      const api = '/_apis/artifactcache/';
      if (request.method === 'GET' && url.pathname === `${api}cache`) {
        // As GitHub's: each key in turn, an exact match first, else the newest entry it prefixes.
        for (const key of (url.searchParams.get('keys') ?? '').split(',')) {
          const found = entries.has(key) ? key : [...entries.keys()].reverse().find((k) => k.startsWith(key));
          if (found !== undefined)
            return json(200, { cacheKey: found, scope: 'refs/heads/main', archiveLocation: `${base}/blobs/${encodeURIComponent(found)}` });
        }
        return response.writeHead(204).end();
      }
      if (request.method === 'POST' && url.pathname === `${api}caches`) {
        const { key } = JSON.parse(data.toString()) as { key: string };
        if (entries.has(key) || [...reserved.values()].some((r) => r.key === key)) return json(409, { message: `Cache already exists: ${key}` });
        const id = nextId++;
        reserved.set(id, { key, parts: [] });
        return json(201, { cacheID: id });
      }
      const match = new RegExp(`^${api}caches/(\\d+)$`).exec(url.pathname);
      const entry = match ? reserved.get(Number(match[1])) : undefined;
      if (match && !entry) return json(404, { message: 'no such reservation' });
      if (request.method === 'PATCH' && entry) {
        const offset = Number(/^bytes (\d+)-/.exec(request.headers['content-range'] ?? '')?.[1] ?? NaN);
        if (Number.isNaN(offset)) return json(400, { message: 'Content-Range required' });
        entry.parts.push({ offset, data });
        return response.writeHead(204).end();
      }
      if (request.method === 'POST' && entry) {
        entries.delete(entry.key); // re-set below: the newest entry comes last
        entries.set(entry.key, Buffer.concat(entry.parts.sort((a, b) => a.offset - b.offset).map((part) => part.data)));
        reserved.delete(Number(match![1]));
        return response.writeHead(204).end();
      }
      const blob = /^\/blobs\/(.+)$/.exec(url.pathname);
      if (request.method === 'GET' && blob) {
        const content = entries.get(decodeURIComponent(blob[1]!));
        if (!content) return response.writeHead(404).end();
        const from = Number(/^bytes=(\d+)-/.exec(request.headers.range ?? '')?.[1] ?? 0);
        if (from === 0) return response.writeHead(200, { 'content-length': content.length }).end(content);
        return response
          .writeHead(206, { 'content-range': `bytes ${from}-${content.length - 1}/${content.length}`, 'content-length': content.length - from })
          .end(content.subarray(from));
      }
      return json(404, { message: `not part of the fake: ${request.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    requests,
    keys: () => [...entries.keys()],
    runnerEnv: () => ({ RUNNER_ENVIRONMENT: 'github-hosted', ACTIONS_RUNTIME_TOKEN: runtimeToken(), ACTIONS_CACHE_URL: `${base}/` }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
