#!/usr/bin/env bash
# One-off: brings the whole tree to the formatter's layout and applies eslint's automatic fixes, once,
# after every branch of the one-source-per-rule refactor is merged (reformatting while others edit the same files would turn
# every merge into a conflict). Then rebuilds dist/ and runs the checks, so what is left is listed.
# Run from a clean work tree on main; review and commit the result as one "format" commit.
# Lint errors eslint cannot fix itself are printed at the end, to fix by hand.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -n "$(git status --porcelain)" ]; then
  echo "format-all: the work tree has changes; commit or stash them first, so the format commit holds only formatting" >&2
  exit 1
fi

npm run --silent format
npx --no-install eslint --fix . || true # what it cannot fix is reported by the lint check below
# Formatting may change the bundle's bytes: dist/ must stay what the sources build to.
npm run --silent build
git status --short
# Every check but dist (dist/ was just rebuilt and is not committed yet: commit it with the rest).
mapfile -t others < <(bash scripts/checks.sh --list | grep -vx dist)
bash scripts/checks.sh "${others[@]}" || echo "format-all: some checks still fail (above): fix those by hand before committing" >&2
