// The GitHub API calls give up on their own: a hung API falls back (run date: today) instead of holding the job.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @actions/github reads GITHUB_API_URL when it is first imported: the module comes after the variables.
let sources: typeof import('../../../src/adapters/sources.js');

const VARIABLES = ['GITHUB_ACTIONS', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID', 'GITHUB_API_URL'] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
let server: http.Server;
const asked: string[] = [];

beforeAll(async () => {
  // Accepts the request and never answers.
  server = http.createServer((request) => void asked.push(request.url ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_RUN_ID: '42',
    GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  sources = await import('../../../src/adapters/sources.js');
});

afterAll(async () => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('githubRunDate', () => {
  it('gives up on an API that never answers, and dates the tags today', async () => {
    const started = Date.now();
    const date = await sources.githubRunDate('', 'ghs_token', 300);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^\/repos\/acme\/web\/actions\/runs\//);
    expect(date.source).toBe('today');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('waits 15 s by default: longer than a slow API takes, shorter than a job can afford', () => {
    expect(sources.API_TIMEOUT_MS).toBe(15_000);
  });
});
