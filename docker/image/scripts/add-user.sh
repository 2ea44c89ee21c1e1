#!/bin/sh
# The unprivileged user app (uid 1000, group app, gid 1000), for RUN_AS_USER=app (the workers switch to
# it) or `docker run --user app`. Its home is real because tools (Gunicorn's control socket among
# them) write under $HOME. Debian images have useradd; Alpine's busybox has addgroup and adduser.
set -eu
if command -v useradd >/dev/null; then
    useradd --uid 1000 --user-group --create-home app
else
    addgroup -g 1000 app
    adduser -D -u 1000 -G app app
fi
