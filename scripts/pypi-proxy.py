#!/usr/bin/env python3
"""The test bed's package index: a caching proxy of pip's own index, on loopback.

Builds reach it as users reach a private mirror, through the action's pip index URL input
(http://127.0.0.1:PORT/simple/). It answers the simple API's project pages in HTML (what every pip,
old ones included, reads), with each file link pointed back at itself, so a build on the host network
never needs the machine's TLS setup or any address but loopback. Files are what the upstream index
publishes, byte for byte: pip checks each against the sha256 in its link, so a requirement pinned by
hash accepts only the published file.

    python3 scripts/pypi-proxy.py --port PORT --cache DIR [--upstream URL]

The upstream is --upstream, else pip's configured index-url, else pip's default index. Project pages
are fetched again after a few minutes; files (whose upstream addresses never change content) are kept
in DIR/files and served from there on every later run, so a warm test bed downloads nothing.
Standard library only: it runs on the host's Python before anything else is installed.
"""

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE_TTL = 600  # seconds a project page is reused before it is fetched again
TIMEOUT = 60  # seconds for one upstream request
# A project name as PEP 503 normalizes it (the proxy asks upstream for that form only).
PROJECT = re.compile(r"^/simple/([A-Za-z0-9._-]+)/?$")
HREF = re.compile(r'href="([^"]+)"')


def pip_default_index():
    """pip's configured index-url, else its built-in default: the index a plain `pip install` uses."""
    try:
        out = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, timeout=30
        ).stdout
        for line in out.splitlines():
            key, _, value = line.partition("=")
            if key.endswith(".index-url"):
                return value.strip().strip("'\"").split()[0]
        from pip._internal.models.index import PyPI  # pip's own constant, not a guess of ours

        return PyPI.simple_url
    except Exception as error:  # noqa: BLE001 - any failure here means: cannot tell
        sys.exit(f"pypi-proxy: cannot tell pip's index ({error}); pass --upstream URL")


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


class Proxy:
    def __init__(self, upstream, cache):
        self.upstream = upstream.rstrip("/") + "/"
        self.cache = cache
        self.pages = {}  # project -> (fetched at, html)
        self.hosts = set()  # hosts that file links pointed at: the only ones /files/ fetches from
        self.lock = threading.Lock()

    def page(self, project):
        """The project's page, its links rewritten to ../../files/HOST/PATH; None if upstream has no such project."""
        now = time.time()
        with self.lock:
            hit = self.pages.get(project)
        if hit and now - hit[0] < PAGE_TTL:
            return hit[1]
        url = self.upstream + project + "/"
        request = urllib.request.Request(url, headers={"Accept": "text/html", "User-Agent": "flask-testbed-pypi-proxy"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                text = response.read().decode("utf-8")
                final = response.geturl()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise
        linked = set()

        def rewrite(match):
            target = urllib.parse.urljoin(final, html.unescape(match.group(1)))
            parts = urllib.parse.urlsplit(target)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                return match.group(0)
            linked.add(parts.netloc)
            # Relative to the page (/simple/PROJECT/): whoever fronts this index (a proxy that adds
            # authentication, say) serves the files too, on the same address as the page.
            local = f"../../files/{parts.netloc}{parts.path}"
            if parts.fragment:
                local += "#" + parts.fragment
            return 'href="' + html.escape(local, quote=True) + '"'

        rewritten = HREF.sub(rewrite, text)
        with self.lock:
            self.hosts.update(linked)
            self.pages[project] = (now, rewritten)
        return rewritten

    def file(self, host, path):
        """The cached copy of https://HOST/PATH, fetched once; None if HOST was never linked."""
        if not host or "/" in host or ".." in path.split("/") or host.startswith("."):
            return None
        local = os.path.join(self.cache, "files", host, path.lstrip("/"))
        if os.path.isfile(local):
            return local
        with self.lock:
            known = host in self.hosts
        if not known:
            return None
        os.makedirs(os.path.dirname(local), exist_ok=True)
        request = urllib.request.Request(f"https://{host}{path}", headers={"User-Agent": "flask-testbed-pypi-proxy"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            # Into a temporary file beside it, then renamed: a reader never sees half a file.
            with tempfile.NamedTemporaryFile(dir=os.path.dirname(local), delete=False) as out:
                shutil.copyfileobj(response, out)
        os.replace(out.name, local)
        return local


def handler_for(proxy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - the http.server API
            self.answer(send_body=True)

        def do_HEAD(self):  # noqa: N802
            self.answer(send_body=False)

        def answer(self, send_body):
            path = urllib.parse.urlsplit(self.path).path
            try:
                if path in ("/", "/simple", "/simple/"):
                    return self.send(200, "text/html", b"<!DOCTYPE html><html><body></body></html>\n", send_body)
                match = PROJECT.match(path)
                if match:
                    project = normalize(match.group(1))
                    if project != match.group(1):
                        return self.redirect(f"/simple/{project}/")
                    page = proxy.page(project)
                    if page is None:
                        return self.send(404, "text/plain", b"no such project\n", send_body)
                    return self.send(200, "text/html; charset=utf-8", page.encode("utf-8"), send_body)
                if path.startswith("/files/"):
                    host, _, rest = path[len("/files/") :].partition("/")
                    local = proxy.file(host, "/" + rest)
                    if local is None:
                        return self.send(404, "text/plain", b"not a file this index linked to\n", send_body)
                    return self.send_file(local, send_body)
                return self.send(404, "text/plain", b"not found\n", send_body)
            except (urllib.error.URLError, OSError, TimeoutError) as error:
                self.log_message("upstream failed for %s: %s", path, error)
                return self.send(502, "text/plain", f"upstream failed: {error}\n".encode(), send_body)

        def send(self, code, kind, body, send_body):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def redirect(self, location):
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def send_file(self, local, send_body):
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(os.path.getsize(local)))
            self.end_headers()
            if send_body:
                with open(local, "rb") as source:
                    shutil.copyfileobj(source, self.wfile)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cache", required=True, help="folder for the files, kept between runs")
    parser.add_argument("--upstream", help="the index to proxy (default: the one pip uses)")
    args = parser.parse_args()
    proxy = Proxy(args.upstream or pip_default_index(), args.cache)
    os.makedirs(os.path.join(args.cache, "files"), exist_ok=True)
    # Loopback only: builds and tests reach it on the host network, nothing else may.
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(proxy))
    server.daemon_threads = True
    print(f"pypi-proxy: serving http://127.0.0.1:{args.port}/simple/ from {proxy.upstream}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
