#!/bin/sh
# The build stage (Dockerfile stage "wheels"): checks PYTHON_VERSION and WORKER against versions.json
# before anything is installed, then, for Meinheld only, compiles greenlet and our patched Meinheld
# into wheels. Compilers are installed here, in the build stage, so they never reach the image.
#
#   sh build-wheels.sh PYTHON_VERSION WORKER OUT_DIR
#
# Expects the build stage's layout beside it: build_check.py, versions.json and meinheld/.
# OUT_DIR is created even when empty: the image stage copies it whatever the worker.
set -eu
python_version=$1
worker=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)

python "$here/build_check.py" "$here/versions.json" "$python_version" "$worker"
mkdir -p "$out"
if [ "$worker" != meinheld ]; then exit 0; fi

export PIP_ROOT_USER_ACTION=ignore PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Alpine has apk; slim images lack gcc and patch; the full Debian image has both already.
if command -v apk >/dev/null; then
    apk add --no-cache build-base linux-headers patch
elif ! command -v gcc >/dev/null || ! command -v patch >/dev/null; then
    apt-get update
    apt-get install -y --no-install-recommends gcc g++ libc6-dev patch
fi
# Meinheld compiles against the greenlet installed here, so that greenlet's wheel is the one the image
# gets (--ignore-installed: a distribution's own greenlet may sit in the base image).
pip wheel --wheel-dir "$out" -r "$here/meinheld/greenlet.txt"
pip install --no-index --no-deps --ignore-installed "$out"/greenlet-*.whl
pip install setuptools wheel
sh "$here/meinheld/build.sh" "$out"
