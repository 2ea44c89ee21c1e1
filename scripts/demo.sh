#!/usr/bin/env bash
# Runs the action's main job on the bundled demo app with the local Docker engine: build, layer,
# smoke-test; no push. On a machine without internet it first brings up the test bed (stand-in
# base images and a local package index) and points the build at it, as a user points at a mirror.
#
#   npm run demo                                  # Python 3.11, debian variant
#   PYTHON_VERSION=3.13 VARIANT=slim npm run demo
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/testbed.sh up >&2
eval "$(bash scripts/testbed.sh env)"

args=(--python-version "${PYTHON_VERSION:-3.11}" --variant "${VARIANT:-debian}" --network "${TESTBED_NETWORK:-bridge}")
if [ -n "${TESTBED_BASE_PREFIX:-}" ]; then args+=(--base-image "$TESTBED_BASE_PREFIX"); fi
if [ -n "${TESTBED_PIP_INDEX_URL:-}" ]; then args+=(--pip-index-url "$TESTBED_PIP_INDEX_URL"); fi

exec node dist/cli.js "${args[@]}" "$@"
