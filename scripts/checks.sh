#!/usr/bin/env bash
# The static checks, the one list that .ci/run (offline) and the GitHub workflow both run:
#   typecheck         tsc --noEmit (npm run typecheck)
#   lint              eslint with typescript-eslint (npm run lint)
#   format            prettier --check (npm run format:check)
#   shell scripts     shellcheck over every shell script of the repo, the image's included (check "shellcheck")
#   dist              dist/ is what the sources build to (scripts/check-dist.sh)
#   action-validator  action.yml and .github/workflows/*.yml against the Actions schemas, offline
# Usage: bash scripts/checks.sh [NAME...]   runs the named checks (default: all), prints a result line
#                                           per check and "N passed, N failed"; exits non-zero on a failure
#        bash scripts/checks.sh --list      prints the names, one a line (.ci/run counts each itself)
# Needs `npm ci` first; shellcheck from Debian's package (preinstalled on GitHub's Ubuntu runners).
set -uo pipefail # no -e: a failed check is recorded and the others still run

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

CHECKS=(typecheck lint format shellcheck dist action-validator)

# Every shell script of the repo, committed or new (not ignored): those named *.sh, and .ci/run.
shell_scripts() {
  git ls-files --cached --others --exclude-standard -- '*.sh' .ci/run | sort -u
}

# @action-validator/cli 0.6.0 (the newest) bundles a schema that predates node24 and rejects
# `using: node24`, so action.yml is validated as a copy with that one value set to node20; the unit
# suite checks runs.using itself.
validate_actions() {
  local dir rc=0 file
  dir=$(mktemp -d)
  sed "s/^  using: 'node24'\$/  using: 'node20'/" action.yml >"$dir/action.yml"
  if ! grep -q "^  using: 'node20'\$" "$dir/action.yml"; then
    echo "checks: action.yml has no \"  using: 'node24'\" line to map for the validator" >&2
    rc=1
  fi
  for file in "$dir/action.yml" .github/workflows/*.yml; do
    if npx --no-install action-validator "$file"; then echo "valid: ${file#"$dir"/}"; else echo "INVALID: ${file#"$dir"/}"; rc=1; fi
  done
  rm -rf "$dir"
  return "$rc"
}

run_check() {
  case "$1" in
    typecheck) npm run --silent typecheck ;;
    lint) npm run --silent lint ;;
    format) npm run --silent format:check ;;
    shellcheck) shell_scripts | xargs shellcheck ;;
    dist) bash scripts/check-dist.sh ;;
    action-validator) validate_actions ;;
    *)
      echo "checks: no check named '$1'; the checks are: ${CHECKS[*]}" >&2
      return 2
      ;;
  esac
}

if [ "${1:-}" = --list ]; then
  printf '%s\n' "${CHECKS[@]}"
  exit 0
fi

names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${CHECKS[@]}")
passed=0
failed=0
results=()
for name in "${names[@]}"; do
  # On GitHub each check's output folds into its own group in the log.
  if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::group::$name"; else echo "=== $name ==="; fi
  start=$SECONDS
  if run_check "$name"; then
    passed=$((passed + 1))
    results+=("$name: passed ($((SECONDS - start))s)")
  else
    failed=$((failed + 1))
    results+=("$name: FAILED ($((SECONDS - start))s)")
  fi
  [ "${GITHUB_ACTIONS:-}" != true ] || echo "::endgroup::"
  echo "${results[-1]}"
done
echo
printf '%s\n' "${results[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
