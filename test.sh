#!/usr/bin/env bash
# Sets up what the tests need, builds everything and runs every test project.
# Ends with one line: "tests: N passed, N failed", counted from the test result files.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/.test-results"

scripts/setup.sh tests || { echo "tests: 0 passed, 1 failed"; exit 1; }

echo "== build" >&2
if ! dotnet build Cluster.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
./hark --help >/dev/null   # the CLI tests run ./hark; build it (quickly skipped when fresh) before they start

rm -rf "$results"
echo "== test" >&2
dotnet test Cluster.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crashed test host writes no counters
# Failures again at the very end, so the last lines of a long log say what broke.
[ "$failed" -gt 0 ] && perl scripts/failed-tests.pl "$results"/*.trx | cut -c1-600
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
