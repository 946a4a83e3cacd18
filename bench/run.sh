#!/bin/sh
# Runs every benchmark in bench/ (one script per component) and prints their figures.
set -eu
cd "$(dirname "$0")/.."
status=0
for b in bench/*.sh; do
  [ "$b" = bench/run.sh ] && continue
  echo "== $b"
  bash "$b" || status=1
done
exit $status
