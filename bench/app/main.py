"""The benchmark's Flask app: one route per kind of load (the same code for every server)."""
import time

from flask import Flask, Response, jsonify

app = Flask(__name__)

ONE_MB = b"x" * (1024 * 1024)
ITEMS = [{"id": i, "name": "item %d" % i, "price": i * 1.25, "tags": ["a", "b"]} for i in range(10)]


@app.route("/")
def plaintext():
    return "Hello, World!", 200, {"Content-Type": "text/plain"}


@app.route("/json")
def json_response():
    return jsonify(items=ITEMS, count=len(ITEMS))


@app.route("/io")
def io_wait():
    time.sleep(0.01)  # stands in for a 10 ms database or API call
    return "waited 10 ms", 200, {"Content-Type": "text/plain"}


@app.route("/1mb")
def one_megabyte():
    return ONE_MB, 200, {"Content-Type": "application/octet-stream"}


STREAM_CHUNK = b"y" * 16384
STREAM_CHUNKS = 1000  # 16,384,000 bytes, sent chunked (no Content-Length), as in the no-byte-lost streaming test


@app.route("/stream")
def stream():
    def chunks():
        for _ in range(STREAM_CHUNKS):
            yield STREAM_CHUNK

    return Response(chunks(), 200, {"Content-Type": "application/octet-stream"})
