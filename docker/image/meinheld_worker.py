"""The image's Gunicorn worker class for Meinheld: WORKER_CLASS=meinheld runs
meinheld_worker.MeinheldWorker.

Meinheld 1.0.2's own class (meinheld.gmeinheld.MeinheldWorker) was written for Gunicorn 19/20 and
breaks on the Gunicorn every image now has (23+):
- its __init__ runs in the master (Gunicorn builds each worker object there before forking) and
  replaces Logger.error for the whole process with a three-argument function, so the master's first
  "Worker (pid:N) was sent SIGKILL" line raises and the master dies with every worker;
- it reports liveness with fchmod (the file's ctime), while Gunicorn 22+ reads the mtime that
  Worker.notify() sets, so the master never noticed a stuck worker and TIMEOUT did nothing.
This class leaves Gunicorn's logger alone (Meinheld gets a small adapter instead) and beats with
Gunicorn's own notify(). It needs the image's patched Meinheld (set_graceful_timeout).
"""

import os

from gunicorn.workers.base import Worker
from meinheld import server


class _Atoms(dict):
    """Access-log atoms; anything the format asks for that Meinheld does not report is "-"."""

    def __missing__(self, key):
        return "-"


class ServerLog:
    """What Meinheld's C core calls: access(environ) after each response when the access log is on,
    and error(type, value, traceback) for an exception it caught. Both go to Gunicorn's logger."""

    def __init__(self, log, access_log_format):
        self.log = log
        self.access_log_format = access_log_format

    def access(self, environ):
        if "REQUEST_METHOD" not in environ:
            return  # Meinheld also reports connections that closed before sending a request
        msec = environ.get("REQUEST_TIME") or 0
        query = environ.get("QUERY_STRING", "")
        # Meinheld keeps no raw request line: rebuild it from the path and the query.
        target = environ.get("PATH_INFO", "-") + ("?" + query if query else "")
        atoms = _Atoms({
            "h": environ.get("REMOTE_ADDR", "-"),
            "l": "-",
            "u": "-",
            "t": "[%s]" % environ.get("LOCAL_TIME", "-"),
            "r": "%s %s %s" % (environ["REQUEST_METHOD"], target, environ.get("SERVER_PROTOCOL", "-")),
            "m": environ["REQUEST_METHOD"],
            "U": environ.get("PATH_INFO", "-"),
            "q": query,
            "H": environ.get("SERVER_PROTOCOL", "-"),
            "s": str(environ.get("STATUS_CODE", "-")),
            "B": str(environ.get("SEND_BYTES", 0)),
            "b": str(environ.get("SEND_BYTES") or "-"),
            "f": environ.get("HTTP_REFERER", "-"),
            "a": environ.get("HTTP_USER_AGENT", "-"),
            "T": str(msec // 1000),
            "D": str(msec * 1000),
            "M": str(msec),
            "L": "%.6f" % (msec / 1000.0),
            "p": "<%d>" % os.getpid(),
        })
        for key, value in environ.items():
            if key.startswith("HTTP_"):
                atoms["{%s}i" % key[5:].lower().replace("_", "-")] = value
        try:
            self.log.access_log.info(self.access_log_format, atoms)
        except Exception:
            self.log.exception("Failed to write to the access log")

    def error(self, exc_type, value, traceback):
        self.log.error("Error handling request", exc_info=(exc_type, value, traceback))


class MeinheldWorker(Worker):

    def init_process(self):
        # In the worker, after the fork: nothing here touches the master.
        log = ServerLog(self.log, self.cfg.access_log_format)
        server.set_access_logger(log if self.cfg.accesslog else None)
        server.set_error_logger(log)
        super().init_process()

    def watchdog(self):
        # Called by Meinheld's loop about once a second while it is not stuck in the app.
        self.notify()
        if self.ppid != os.getppid():
            self.log.info("Parent changed, shutting down: %s", self)
            server.stop(int(self.cfg.graceful_timeout))

    def run(self):
        server.set_keepalive(self.cfg.keepalive)
        server.set_picoev_max_fd(self.cfg.worker_connections)
        server.set_graceful_timeout(int(self.cfg.graceful_timeout))
        server.set_watchdog(self.watchdog)
        server.set_listen_socket([s.fileno() for s in self.sockets])
        self.notify()
        try:
            server.run(self.wsgi)
        except KeyboardInterrupt:
            pass

    # Meinheld's loop catches SIGTERM (graceful, GRACEFUL_TIMEOUT) and SIGINT itself. These run for
    # SIGQUIT (Gunicorn's quick stop) and when Gunicorn's Python handlers get a turn.
    def handle_quit(self, sig, frame):
        server.stop(0)

    def handle_exit(self, sig, frame):
        server.stop(int(self.cfg.graceful_timeout))
