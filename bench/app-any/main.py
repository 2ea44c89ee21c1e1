"""Answers every method on every path with 200 and what it read, for bench/http-corpus.mjs and
scripts/fuzz-meinheld.sh: a request the server lets through reaches this app and gets 200, so
any other status came from the server's own parser."""


def app(environ, start_response):
    body = environ["wsgi.input"].read()
    out = ("%s %s %d\n" % (environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""), len(body))).encode("latin-1")
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(out)))])
    return [out]
