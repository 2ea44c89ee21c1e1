"""The image's default Gunicorn configuration (/gunicorn_conf.py): everything comes from the environment.

The numbers are computed by the `autotune` module (the same code that validates the environment at
start-up), and the one line it prints says what was detected and chosen. Run
`python /gunicorn_conf.py` in the container to see the resolved settings as JSON.

Your own /app/gunicorn_conf.py can start from these values:

    from autotune import resolve
    settings = resolve()
    workers = settings["workers"] * 2
"""

import json
import os
import sys

import autotune

try:
    _settings = autotune.resolve()
except autotune.ConfigError as error:
    for line in error.messages:
        print("ERROR: " + line, file=sys.stderr)
    sys.exit(2)  # SystemExit passes through Gunicorn's config loader: no traceback, just the lines above

# Gunicorn settings (names are Gunicorn's; anything else in this module is ignored by Gunicorn).
bind = _settings["bind"]
workers = _settings["workers"]
threads = _settings["threads"]
worker_class = _settings["worker_class"]
loglevel = _settings["loglevel"]
timeout = _settings["timeout"]
graceful_timeout = _settings["graceful_timeout"]
keepalive = _settings["keepalive"]
accesslog = _settings["accesslog"]  # None: access log off
# An error log of None would still leak warnings through Python's last-resort handler; /dev/null is off.
errorlog = _settings["errorlog"] or "/dev/null"
# Worker heartbeats go to a file; on overlayfs that can stall, so use memory when the container has it.
if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
    worker_tmp_dir = "/dev/shm"

if __name__ == "__main__":
    print(json.dumps(_settings, indent=2, sort_keys=True))
else:
    print(autotune.summary(_settings), flush=True)
