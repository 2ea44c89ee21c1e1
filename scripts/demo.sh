#!/usr/bin/env bash
# Runs the action's main job on the bundled demo app with the local Docker engine: build, layer,
# smoke-test; no push. Where there is no Docker Hub it first brings up the part of the test bed a build
# needs (`testbed.sh up --demo`: the engine, buildx, one stand-in base image and the package index; no
# registry) and points the build at it, as a user points at a mirror.
#
#   npm run demo                                  # Python 3.11, debian variant
#   PYTHON_VERSION=3.13 VARIANT=slim npm run demo
set -euo pipefail
cd "$(dirname "$0")/.."

python_version=${PYTHON_VERSION:-3.11}
TESTBED_PYTHON_VERSIONS=$python_version bash scripts/testbed.sh up --demo >&2
eval "$(bash scripts/testbed.sh env)"

args=(--python-version "$python_version" --variant "${VARIANT:-debian}" --network "${TESTBED_NETWORK:-bridge}")
if [ -n "${TESTBED_BASE_PREFIX:-}" ]; then args+=(--base-image "$TESTBED_BASE_PREFIX"); fi
if [ -n "${TESTBED_PIP_INDEX_URL:-}" ]; then args+=(--pip-index-url "$TESTBED_PIP_INDEX_URL"); fi

exec node dist/cli.js "${args[@]}" "$@"
