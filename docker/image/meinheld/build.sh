#!/bin/sh
# Builds the patched Meinheld wheel into folder $1, against the greenlet already installed:
# download the hash-pinned source release, apply our patch, compile without build isolation (so
# setup.py finds that greenlet's header). Run by the Dockerfile's build stage.
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
# --no-build-isolation: pip reads the sdist's metadata with the setuptools installed before (an isolated
# build would fetch setuptools again, and --no-binary must apply to Meinheld alone).
pip download --no-deps --no-binary meinheld --no-build-isolation --require-hashes -r "$here/source.txt" -d "$work"
tar -xzf "$work"/meinheld-1.0.2.tar.gz -C "$work"
cd "$work/meinheld-1.0.2"
patch -p1 --forward --batch <"$here/meinheld-1.0.2.patch"
pip wheel --no-deps --no-build-isolation --wheel-dir "$out" .
rm -rf "$work"
