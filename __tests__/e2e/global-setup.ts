/**
 * Runs once before the e2e suite: the test bed must be up, or the suite fails here with what is
 * missing and how to start it. Never skips: an e2e run without its test bed is a failure, not a pass.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadTestbedEnv, registryAuth, registryTags, registryUrl, testbed } from './testbed.js';

const run = promisify(execFile);
const HOW = 'Start the test bed with: bash scripts/testbed.sh up  (or run everything with: npm test)';

async function httpStatus(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return res.status;
  } catch (e) {
    return (e as Error).message;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const { values, missing, source } = loadTestbedEnv();
  if (missing.length > 0) {
    throw new Error(`e2e: the test bed is not up: ${missing.join(', ')} missing from the environment and from ${source}. ${HOW}`);
  }

  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 30_000 });
  } catch (e) {
    throw new Error(`e2e: no Docker engine answers 'docker info' (${(e as Error).message.trim()}). ${HOW}`, { cause: e });
  }

  const tb = testbed();
  // Cheap liveness checks, so a stale env file (test bed stopped since) fails here, not mid-test.
  const reg = await httpStatus(`http://${tb.registry}/v2/`);
  if (reg !== 401) {
    throw new Error(`e2e: registry ${tb.registry} (TESTBED_REGISTRY) answered ${reg}, expected 401. ${HOW}`);
  }
  if (tb.mode === 'offline') {
    const pip = await httpStatus(`${tb.pipIndexUrl}flask/`);
    if (pip !== 200) {
      throw new Error(`e2e: package index ${tb.pipIndexUrl} (TESTBED_PIP_INDEX_URL) answered ${pip}. ${HOW}`);
    }
  }

  // Hand the values to the test workers too (they inherit the environment).
  for (const [k, v] of Object.entries(values)) process.env[k] = v;

  // At the end, say what the suite pushed, as the registry itself lists it (not as the tests believe).
  const before = await registryContents();
  return async () => {
    const after = await registryContents();
    let images = 0;
    let tags = 0;
    for (const [repo, repoTags] of after) {
      const fresh = repoTags.filter((tag) => !(before.get(repo) ?? []).includes(tag));
      if (fresh.length > 0) images++;
      tags += fresh.length;
    }
    console.log(`e2e: the registry at ${tb.registry} confirms ${tags} tags in ${images} repositories pushed by this run`);
  };
}

/** Every repository of the test bed's registry with its tags (GET /v2/_catalog, then tags/list). */
async function registryContents(): Promise<Map<string, string[]>> {
  const contents = new Map<string, string[]>();
  // The catalog comes in pages of at most 1000 names; `last` asks for the next one.
  for (let last = ''; ;) {
    const page = await fetch(registryUrl(`/v2/_catalog?n=1000${last ? `&last=${encodeURIComponent(last)}` : ''}`), {
      headers: { Authorization: registryAuth() },
    });
    if (!page.ok) throw new Error(`e2e: GET /v2/_catalog answered ${page.status}`);
    const repositories = ((await page.json()) as { repositories: string[] | null }).repositories ?? [];
    for (const repo of repositories) contents.set(repo, await registryTags(repo));
    if (repositories.length < 1000) return contents;
    last = repositories.at(-1)!;
  }
}
