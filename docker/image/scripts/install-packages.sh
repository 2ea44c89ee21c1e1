#!/bin/sh
# The image stage's packages: the wheels the build stage compiled (Meinheld and the greenlet it was
# compiled against), exactly those builds, then Flask, Gunicorn and the worker's packages from the
# index. Packages the base image already has are accepted as they are.
#
#   sh install-packages.sh WORKER
#
# Expects beside it: wheels/ (empty unless WORKER=meinheld), requirements.txt, constraints.txt and,
# for a worker that needs packages of its own, requirements-WORKER.txt.
set -eu
worker=$1
here=$(cd "$(dirname "$0")" && pwd)

export PIP_ROOT_USER_ACTION=ignore PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# --ignore-installed: a distribution's own greenlet may sit in the base image.
if ls "$here"/wheels/*.whl >/dev/null 2>&1; then
    pip install --no-index --no-deps --ignore-installed "$here"/wheels/*.whl
fi
if [ -f "$here/requirements-$worker.txt" ]; then
    pip install -r "$here/requirements.txt" -r "$here/requirements-$worker.txt" -c "$here/constraints.txt"
else
    pip install -r "$here/requirements.txt" -c "$here/constraints.txt"
fi
