/**
 * The app the reliability tests layer on the image (files for buildApp): large streamed and whole
 * responses of a known pattern, an upload that answers with the length and SHA-256 of what it read,
 * slow requests that log when they begin, a /smuggled canary that counts its hits, and /whoami.
 */
import { PATTERN_PY } from './raw-http.js';

export const RELIABILITY_APP: Record<string, string> = {
  'main.py': `
import hashlib
import os
import time

from flask import Flask, Response, request

app = Flask(__name__)
${PATTERN_PY}

@app.route("/")
def index():
    return "ok"


@app.route("/stream")
def stream():
    """MB megabytes of the pattern from a generator (no Content-Length: chunked on HTTP/1.1)."""
    blocks = int(float(request.args.get("mb", "16")) * 16)
    tag = request.args.get("id", "-")

    def generate():
        t0 = time.monotonic()
        for i in range(blocks):
            yield block(i)
        # The last block was handed over only once the ones before it were sent: how long this took
        # shows whether the client's pace held the server back.
        print("stream %s done after %.2f s" % (tag, time.monotonic() - t0), flush=True)

    return Response(generate(), mimetype="application/octet-stream")


@app.route("/blob")
def blob():
    """MB megabytes of the pattern as one body with a Content-Length."""
    blocks = int(float(request.args.get("mb", "8")) * 16)
    return Response(b"".join(block(i) for i in range(blocks)), mimetype="application/octet-stream")


@app.route("/upload", methods=["POST"])
def upload():
    digest, length = hashlib.sha256(), 0
    while True:
        chunk = request.stream.read(BLOCK)
        if not chunk:
            break
        digest.update(chunk)
        length += len(chunk)
    return {"length": length, "sha256": digest.hexdigest()}


@app.route("/slow")
def slow():
    seconds = float(request.args.get("seconds", "1"))
    tag = request.args.get("id", "-")
    print("begin %s" % tag, flush=True)
    time.sleep(seconds)
    return "slept %g id %s" % (seconds, tag)


@app.route("/smuggled", methods=["GET", "POST"])
def smuggled():
    """Reached only by a request hidden inside another one."""
    with open("/tmp/smuggled.log", "a") as f:
        f.write("hit\\n")
    return "SMUGGLED"


@app.route("/smuggled-count")
def smuggled_count():
    try:
        with open("/tmp/smuggled.log") as f:
            return str(len(f.readlines()))
    except OSError:
        return "0"


@app.route("/whoami")
def whoami():
    return {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups(),
            "app_writable": os.access("/app", os.W_OK), "tmp_writable": os.access("/tmp", os.W_OK)}
`,
  'prestart.sh': 'echo "prestart: ran as uid $(id -u)"\n',
};
