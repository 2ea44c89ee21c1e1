"""The benchmark's database app: the six TechEmpower tests in Flask, on PostgreSQL through psycopg 3.

Written for this bench from the tests' published requirements (routes, response shapes, the random
row ids, the fortune added at request time, escaping), the way a Flask user would write them: a small
pool of connections per process, opened on demand and kept (Meinheld runs one request at a time per
worker, so it holds one; gthread and Granian up to one per thread; gevent, whose threading.local is
per request, shares them as a pool should), psycopg's automatic server-side prepared statements,
Jinja2's autoescaping for the fortunes page. The database comes from DATABASE_URL; without it only the routes
that need no database answer, so the action's build probe on / passes with no database around.
"""
import os
import queue
import random
import threading
from contextlib import contextmanager

from flask import Flask, Response, jsonify, request

app = Flask(__name__)
app.json.sort_keys = False  # keep {"id", "randomNumber"} in the order the tests show

WORLD_ROWS = 10000
POOL_SIZE = 16  # connections per process at most: gthread's threads per worker
_idle = queue.LifoQueue()  # the most recently used connection first: its prepared statements are warm
_opened = 0
_opening = threading.Lock()


@contextmanager
def connection():
    """A connection of this process's pool for the request; autocommit, so reads hold no transaction open."""
    global _opened
    try:
        conn = _idle.get_nowait()
    except queue.Empty:
        with _opening:
            may_open = _opened < POOL_SIZE
            _opened += may_open
        conn = open_connection() if may_open else _idle.get()
    if conn.closed:
        conn = open_connection()
    try:
        yield conn
    finally:
        _idle.put(conn)


def open_connection():
    import psycopg  # imported here: the database-free routes work without it

    return psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)


def query_count():
    """The queries parameter as the tests define it: a whole number clamped to 1..500, else 1."""
    try:
        count = int(request.args.get("queries", "1"))
    except ValueError:
        return 1
    return min(max(count, 1), 500)


def random_id():
    return random.randint(1, WORLD_ROWS)


def read_world(cur, row_id):
    cur.execute("SELECT id, randomnumber FROM world WHERE id = %s", (row_id,))
    found = cur.fetchone()
    return {"id": found[0], "randomNumber": found[1]}


@app.route("/")
@app.route("/plaintext")
def plaintext():
    return "Hello, World!", 200, {"Content-Type": "text/plain"}


@app.route("/json")
def json_message():
    return jsonify(message="Hello, World!")


@app.route("/db")
def single_query():
    with connection() as conn, conn.cursor() as cur:
        return jsonify(read_world(cur, random_id()))


@app.route("/queries")
def multiple_queries():
    with connection() as conn, conn.cursor() as cur:
        return jsonify([read_world(cur, random_id()) for _ in range(query_count())])


FORTUNES_PAGE = """<!DOCTYPE html>
<html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>
{% for id, message in fortunes %}<tr><td>{{ id }}</td><td>{{ message }}</td></tr>
{% endfor %}</table></body></html>"""
# Compiled once, as Flask's render_template does for files (render_template_string would compile the
# page on every request); Flask's environment autoescapes templates without a file name.
FORTUNES_TEMPLATE = app.jinja_env.from_string(FORTUNES_PAGE)


@app.route("/fortunes")
def fortunes():
    with connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, message FROM fortune")
        rows = cur.fetchall()
    rows.append((0, "Added while the request ran: it must be sorted in like the rest."))
    rows.sort(key=lambda row: row[1])
    return FORTUNES_TEMPLATE.render(fortunes=rows), 200, {"Content-Type": "text/html; charset=utf-8"}


@app.route("/updates")
def updates():
    # Distinct ids, in order: two updates of one row in a batch, or two batches taking row locks in
    # opposite orders, would make concurrent requests wait on (or deadlock with) each other.
    ids = sorted(random.sample(range(1, WORLD_ROWS + 1), query_count()))
    with connection() as conn, conn.transaction(), conn.cursor() as cur:
        worlds = [read_world(cur, row_id) for row_id in ids]
        for world in worlds:
            world["randomNumber"] = random_id()
        cur.executemany("UPDATE world SET randomnumber = %s WHERE id = %s", [(w["randomNumber"], w["id"]) for w in worlds])
    return jsonify(worlds)


# The delivery check's two routes (bench/lib/delivery.mjs), the same bodies as bench/app serves, so
# every server's bytes are counted on this app too.
ONE_MB = b"x" * (1024 * 1024)
STREAM_CHUNK = b"y" * 16384
STREAM_CHUNKS = 1000


@app.route("/1mb")
def one_megabyte():
    return ONE_MB, 200, {"Content-Type": "application/octet-stream"}


@app.route("/stream")
def stream():
    def chunks():
        for _ in range(STREAM_CHUNKS):
            yield STREAM_CHUNK

    return Response(chunks(), 200, {"Content-Type": "application/octet-stream"})
