#!/bin/sh
# Builds the patched Meinheld wheel into folder $1, against the greenlet already installed:
# download the hash-pinned source release, apply our patch series (patches/*.patch, one file per
# defect, in the order of their numbers), compile without build isolation (so setup.py finds that
# greenlet's header). Run by the Dockerfile's build stage.
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
# --no-build-isolation: pip reads the sdist's metadata with the setuptools installed before (an isolated
# build would fetch setuptools again, and --no-binary must apply to Meinheld alone).
pip download --no-deps --no-binary meinheld --no-build-isolation --require-hashes -r "$here/source.txt" -d "$work"
tar -xzf "$work"/meinheld-1.0.2.tar.gz -C "$work"
cd "$work/meinheld-1.0.2"
# The glob sorts by name, so 0001 comes first; a patch that does not apply stops the build with its name.
applied=0
for p in "$here"/patches/*.patch; do
  [ -f "$p" ] || { echo "build.sh: no patch in $here/patches" >&2; exit 1; }
  echo "build.sh: applying $(basename "$p")"
  patch -p1 --forward --batch <"$p" || { echo "build.sh: $(basename "$p") does not apply to meinheld 1.0.2 (see the rejects above)" >&2; exit 1; }
  applied=$((applied + 1))
done
echo "build.sh: $applied patches applied"
pip wheel --no-deps --no-build-isolation --wheel-dir "$out" .
rm -rf "$work"
