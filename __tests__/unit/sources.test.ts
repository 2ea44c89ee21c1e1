/**
 * The run date as read from the GitHub API: a loopback stand-in for the API answers the one call the
 * action makes, with a re-run's `run_started_at` a day after the run's `created_at`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let server: http.Server;
const requests: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    // Attempt 2, re-run after midnight: GitHub reset run_started_at; created_at kept the first day.
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: 4242, run_attempt: 2, created_at: '2026-11-21T23:50:00Z', run_started_at: '2026-11-22T00:20:00Z' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  // @actions/github reads the context from the environment when first imported.
  vi.resetModules();
});

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await new Promise((resolve) => server.close(resolve));
});

describe('githubRunDate', () => {
  // Issue 16 item 2: re-running failed jobs after midnight must not push a second date for one run.
  it("dates tags by the run's creation, which re-runs keep, not by run_started_at", async () => {
    const { githubRunDate } = await import('../../src/sources.js');
    expect(await githubRunDate('', 'ghs_token')).toEqual({ date: '2026-11-21', source: 'workflow run' });
    expect(requests).toEqual(['GET /repos/acme/web/actions/runs/4242']);
  });
});

describe('githubSource', () => {
  it('carries the run number and attempt the immutable tag is made of', async () => {
    const { githubSource } = await import('../../src/sources.js');
    expect(githubSource()).toMatchObject({ runId: '4242', runNumber: '17', runAttempt: '2' });
  });
});
