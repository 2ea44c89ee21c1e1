#!/usr/bin/env bash
# dist/ must be exactly what the sources build to: runners execute the committed bundle as is, so a
# change to src/ without `npm run build` would ship the old code. Rebuilds dist/ in place, then
# fails if any file under it is modified, added or removed compared with the commit.
# Run by scripts/checks.sh (from .ci/run and the GitHub workflow alike); `npm run check-dist` runs it alone.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
# Modified, deleted and new (untracked) files all mean dist/ was not rebuilt and committed.
if [ -n "$(git status --porcelain --untracked-files=all -- dist/)" ]; then
  git status --short --untracked-files=all -- dist/
  git diff --stat -- dist/
  message="dist/ differs from a fresh build of src/: run 'npm run build' and commit dist/ with the change"
  # On GitHub the message becomes an annotation on the run.
  if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::error::$message"; else echo "check-dist: $message" >&2; fi
  exit 1
fi
echo "check-dist: dist/ matches a fresh build"
