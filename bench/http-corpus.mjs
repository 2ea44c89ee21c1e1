// `node bench/http-corpus.mjs CORPUS_DIR --port PORT [--verbose]`: sends a peer server's own request
// files to a running server as raw bytes over loopback, one connection each, and counts how many
// invalid requests it refused and how many valid ones it served. CORPUS_DIR holds valid/ and
// invalid/ in Gunicorn's layout (tests/requests in its repository; keep it outside this one):
// NAME.http is the request, NAME.py what Gunicorn's parser expects. Files whose .py sets a
// configuration (cfg.set: the proxy protocol, small limits) test a non-default Gunicorn setting and
// are left out. The server must run an app that answers every method and path with 200
// (bench/app-any), so any other status is the server's own refusal.
//
//   refused (invalid): no answer below 400 (an error status, or closed without an answer)
//   served (valid):    exactly as many answers as the file has requests (its .py lists them; a
//                      server closes after a request that ends the connection, and Gunicorn's test
//                      expects no more), every one below 400
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeRequestFile, exchangeRaw, requestFiles } from './lib/raw-requests.mjs';

const USAGE = 'usage: node bench/http-corpus.mjs CORPUS_DIR --port PORT [--verbose]';
const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = Number(portAt >= 0 ? args[portAt + 1] : NaN);
  const corpus = args.find((a, i) => !a.startsWith('--') && i !== portAt + 1);
  if (!corpus || !Number.isInteger(port) || port <= 0) throw new Error(USAGE);
  for (const sub of ['valid', 'invalid']) {
    if (!fs.existsSync(path.join(corpus, sub))) {
      throw new Error(`${corpus} has no ${sub}/ folder (expected Gunicorn's tests/requests layout). ${USAGE}`);
    }
  }
  const verbose = args.includes('--verbose');
  const counts = {};
  for (const kind of ['invalid', 'valid']) {
    const files = requestFiles(path.join(corpus, kind)).filter((r) => !/cfg\.set\(/.test(r.spec));
    let good = 0;
    for (const r of files) {
      const { statuses, ended } = await exchangeRaw(port, decodeRequestFile(fs.readFileSync(r.file, 'latin1')));
      const expected = Math.max(1, (r.spec.match(/"method"/g) ?? []).length);
      const ok = kind === 'invalid' ? statuses.every((s) => s >= 400) : statuses.length === expected && statuses.every((s) => s < 400);
      if (ok) good++;
      if (!ok || verbose) log(`${ok ? 'ok  ' : 'MISS'} ${kind}/${r.name}: ${statuses.length ? statuses.join(', ') : 'no answer'} (${ended})`);
    }
    counts[kind] = `${good} of ${files.length}`;
  }
  log(`invalid refused: ${counts.invalid}`);
  log(`valid served: ${counts.valid}`);
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
});
