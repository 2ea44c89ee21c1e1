#! /usr/bin/env sh
# The image's CMD: pick the app and the config, run the prestart script, check the environment,
# then replace this shell with Gunicorn so it is PID 1 and `docker stop` (SIGTERM) is a graceful stop.
set -e

# The app: app.main if the app is a package in /app/app, else /app/main.py (the demo or yours).
if [ -f /app/app/main.py ]; then
    DEFAULT_MODULE_NAME=app.main
else
    DEFAULT_MODULE_NAME=main
fi
MODULE_NAME=${MODULE_NAME:-$DEFAULT_MODULE_NAME}
VARIABLE_NAME=${VARIABLE_NAME:-app}
APP_MODULE=${APP_MODULE:-"$MODULE_NAME:$VARIABLE_NAME"}
export MODULE_NAME VARIABLE_NAME APP_MODULE

# The config: the app's own if it has one, else the bundled one that auto-tunes from the environment.
if [ -f /app/gunicorn_conf.py ]; then
    DEFAULT_GUNICORN_CONF=/app/gunicorn_conf.py
elif [ -f /app/app/gunicorn_conf.py ]; then
    DEFAULT_GUNICORN_CONF=/app/app/gunicorn_conf.py
else
    DEFAULT_GUNICORN_CONF=/gunicorn_conf.py
fi
GUNICORN_CONF=${GUNICORN_CONF:-$DEFAULT_GUNICORN_CONF}
export GUNICORN_CONF

# Sourced, as in the images this one replaces, so the script can export variables for the server.
PRE_START_PATH=${PRE_START_PATH:-/app/prestart.sh}
echo "Checking for script in $PRE_START_PATH"
if [ -f "$PRE_START_PATH" ]; then
    echo "Running script $PRE_START_PATH"
    # shellcheck disable=SC1090 # the app's own script, known only at run time
    . "$PRE_START_PATH"
else
    echo "There is no script $PRE_START_PATH"
fi

# After prestart, which may have changed the environment: one clear line per bad value, exit 2.
# Isolated (-I): neither PYTHONPATH nor the working folder /app is on its path, so no module of the
# app (a sitecustomize.py, a json.py) runs in it as root.
python -I -m startup_guards check

# RUN_AS_USER (e.g. app): the master stays root, to bind the port (80 too), and the workers, which run
# the app, switch to that user. startup_guards adds --user and --group on the command line, so an app's
# own gunicorn_conf.py keeps them, and first drops root's extra groups, which Gunicorn would pass on.
# The root part runs with the app's folders off its path: Python isolated, PYTHONPATH moved aside by
# run-as, Gunicorn's working folder (which it puts on its path) the image's own, root-owned one; each
# worker loads the app through app_loader, which gives the path and /app back to it.
RUN_AS_USER=${RUN_AS_USER:-}
if [ -n "$RUN_AS_USER" ]; then
    exec python -I -m startup_guards run-as gunicorn --chdir /usr/local/share/flask-gunicorn-action --config "$GUNICORN_CONF" app_loader:app
fi
exec gunicorn --config "$GUNICORN_CONF" "$APP_MODULE"
