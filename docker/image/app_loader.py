"""The app as Gunicorn's workers load it when RUN_AS_USER is set: `gunicorn ... app_loader:app`.

With RUN_AS_USER the master stays root, so it runs with the app's folders off its path: start.sh
starts it with Python's isolated mode and Gunicorn's working folder elsewhere, and `startup_guards
run-as` moves PYTHONPATH aside, into APP_PATH_ENV. No module of /app (a sitecustomize.py, a json.py)
is then imported as root. Each worker, already switched to that user, imports this module, which
puts those folders back first on its path and in PYTHONPATH, enters /app (the image's working
folder), and loads APP_MODULE exactly as Gunicorn would (module:variable, or a factory call).
"""

import os
import sys

from gunicorn.util import import_app

APP_PATH_ENV = "FLASK_GUNICORN_ACTION_APP_PATH"
APP_DIR = "/app"


def enter_app(environ=os.environ, path=sys.path, chdir=os.chdir):
    """Gives the app back its PYTHONPATH, first on the path, and its working folder."""
    held = environ.pop(APP_PATH_ENV, None)
    if held is None:
        return  # not started by run-as: the path is as PYTHONPATH made it
    if held:
        environ["PYTHONPATH"] = held
    for entry in reversed([entry for entry in held.split(os.pathsep) if entry]):
        if entry in path:
            path.remove(entry)
        path.insert(0, entry)
    chdir(APP_DIR)


enter_app()
app = import_app(os.environ.get("APP_MODULE", "main:app"))
