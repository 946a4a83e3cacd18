#!/bin/sh
# forecaster: fit + forecast throughput and memory per series (2,016 points = 7 days at 5 minutes),
# /metrics size and build time at fleet scale, then the rolling-origin backtest on the NAB AWS set,
# ours vs predict_linear side by side.
# Run by `make bench` (bench/run.sh); needs the jar (`make build`).
set -eu
cd "$(dirname "$0")/.."
jar=forecaster/target/hostwatch-forecaster.jar
[ -f "$jar" ] || { echo "forecaster: $jar not built; run 'make build'" >&2; exit 1; }
java="java -XX:+UseSerialGC -Xmx512m"

# 6,000 series (a fleet of ~1,000 hosts with a few filesystems each): long enough that the JIT's
# warm-up, a third of a 2,000-series run, does not decide the figure. Set BENCH_SERIES to change.
echo "-- fit + forecast (auto, horizons 1h/6h/24h, threshold 0), 2 threads"
$java -jar "$jar" bench-fit --points 2016 --series "${BENCH_SERIES:-6000}" --threads 2

# The bench class is test code: `make build` compiles it (tests are skipped, not their compilation).
echo "-- /metrics: size and CPU time per scrape, 10,000 series x 2 horizons, per format"
$java -cp "$jar:forecaster/target/test-classes" io.hostwatch.forecaster.bench.ExpositionBench \
  "${BENCH_EXPOSITION_SERIES:-10000}"

nab=${NAB_DIR:-}
for d in ../shared/data/nab/realAWSCloudwatch /work/shared/data/nab/realAWSCloudwatch; do
  [ -z "$nab" ] && [ -d "$d" ] && nab=$d
done
if [ -z "$nab" ]; then
  echo "-- NAB data not found (set NAB_DIR to a folder of timestamp,value CSVs); backtest skipped"
  exit 0
fi
echo "-- backtest at 1h on $nab: ours (auto) vs predict_linear(v[6h], 3600)"
set --
for f in "$nab"/*.csv; do set -- "$@" --input "$f"; done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$java -jar "$jar" backtest "$@" --horizon 1h --output "$out/predictions.csv"
