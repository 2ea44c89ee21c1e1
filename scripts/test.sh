#!/usr/bin/env bash
# Runs every test suite (what `npm test` does): brings the test bed up, runs the unit and the e2e
# suites (both, always: an e2e run still tells you something when a unit test fails), and prints
#   unit: N passed, N failed
#   e2e: N passed, N failed
#   N passed, N failed
# from vitest's JSON reports. Exits non-zero if anything failed.
#
# A suite whose report is missing, that crashed, or that found no tests counts as at least 1 failed:
# both suites are expected to exist, so "nothing ran" is never a pass.
# Reports go to $TEST_REPORTS_DIR (default .testbed/reports, git-ignored).
# `bash scripts/test.sh e2e` runs only the named suites (CI's e2e matrix does that).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(unit e2e)
REPORTS="${TEST_REPORTS_DIR:-.testbed/reports}"
mkdir -p "$REPORTS"

# The test bed is idempotent: cheap when already up. If it cannot come up, still run the suites:
# the unit suite does not need it, and the e2e suite's global setup says what is missing.
if bash scripts/testbed.sh up; then
  # Export TESTBED_* so the e2e tests (and anything they start) see the test bed.
  eval "$(bash scripts/testbed.sh env)"
else
  echo "test.sh: testbed.sh up failed; the e2e suite will fail" >&2
fi

# Prints "PASSED FAILED" for one suite from its JSON report and vitest's exit code.
count() {
  node -e '
    const [file, code] = process.argv.slice(1);
    let passed = 0, failed = 0, note = "";
    try {
      const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
      passed = r.numPassedTests ?? 0;
      failed = r.numFailedTests ?? 0;
      if (failed === 0 && (r.numFailedTestSuites ?? 0) > 0) { failed = 1; note = "a test file failed to run"; }
      else if (r.numTotalTests === 0) { failed = 1; note = "no tests found"; }
    } catch {
      failed = 1; note = "no report (crashed before writing " + file + ")";
    }
    if (failed === 0 && code !== "0") { failed = 1; note = "vitest exited " + code + " (e.g. an unhandled error or a failed global setup)"; }
    console.log(passed, failed, note);
  ' "$1" "$2"
}

total_passed=0
total_failed=0
summary=()
for suite in "${SUITES[@]}"; do
  report="$REPORTS/$suite.json"
  rm -f "$report"
  echo "=== $suite suite ==="
  code=0
  # --passWithNoTests: an empty suite still writes a report, and is counted as a failure above.
  npx vitest run --project "$suite" --passWithNoTests \
    --reporter=default --reporter=json --outputFile.json="$report" || code=$?
  read -r passed failed note < <(count "$report" "$code")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summary+=("$suite: $passed passed, $failed failed${note:+ ($note)}")
done

echo
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
