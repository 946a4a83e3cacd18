#!/bin/sh
# Prints one line summing the Surefire and Failsafe reports newer than $1 (a file touched when the
# run started): `tests: N passed, N failed, N skipped`. Maven runs quietly, so this is the line that
# says what `make test` ran.
set -eu
cd "$(dirname "$0")/.."
since=$1
find . -path '*/target/*-reports/TEST-*.xml' -newer "$since" -print0 2>/dev/null |
  xargs -0 -r grep -h -o '<testsuite [^>]*>' |
  awk '
    { t = f = e = s = 0
      if (match($0, / tests="[0-9]+"/)) t = substr($0, RSTART + 8, RLENGTH - 9)
      if (match($0, / failures="[0-9]+"/)) f = substr($0, RSTART + 11, RLENGTH - 12)
      if (match($0, / errors="[0-9]+"/)) e = substr($0, RSTART + 9, RLENGTH - 10)
      if (match($0, / skipped="[0-9]+"/)) s = substr($0, RSTART + 10, RLENGTH - 11)
      tests += t; failed += f + e; skipped += s }
    END { printf "tests: %d passed, %d failed, %d skipped\n", tests - failed - skipped, failed, skipped }'
