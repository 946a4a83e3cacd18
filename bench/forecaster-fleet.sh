#!/usr/bin/env bash
# forecaster end to end, where a fleet's users feel it: FLEET_SERIES series (default 1,000) x 7 days
# at 5 minutes (2,016 points: daily season, trend, level shift, bursts), backfilled into a real
# Prometheus with promtool; bin/forecaster (the launcher, its default heap) forecasts them with
# model auto, horizons 1h and 6h, threshold 0, run after run. Reported: series/s of a warm run
# (query + fits + publish, the forecaster's own run duration), peak RSS, peak heap in use, next
# to the time Prometheus takes to evaluate predict_linear over the same series.
#   FLEET_SERIES=10000 bench/forecaster-fleet.sh     the memory check at 10,000 series
# Run by `make bench`; needs the jar (`make build`), prometheus and promtool.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=forecaster/target/hostwatch-forecaster.jar
[ -f "$jar" ] || { echo "forecaster-fleet: $jar not built; run 'make build'" >&2; exit 1; }
series=${FLEET_SERIES:-1000}
per_host=6
hosts=$(( (series + per_host - 1) / per_host ))
runs=${FLEET_RUNS:-3}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "no free port from $1" >&2
  exit 1
}

end=$(( $(date +%s) / 300 * 300 - 300 ))
t0=$(date +%s)
slice=500 # hosts per promtool run: ~300 MB of OpenMetrics at a time
for ((first = 0; first < hosts; first += slice)); do
  n=$(( hosts - first < slice ? hosts - first : slice ))
  java -XX:+UseSerialGC -jar "$jar" bench-data --first-host "$first" --hosts "$n" \
    --filesystems "$per_host" --end "$end" >"$work/slice.om"
  promtool tsdb create-blocks-from openmetrics "$work/slice.om" "$work/data" >/dev/null
  rm -f "$work/slice.om"
done
echo "-- $((hosts * per_host)) series x 2016 points backfilled in $(( $(date +%s) - t0 )) s"

prom_port=$(free_port 19390)
prometheus --config.file=/dev/null --storage.tsdb.path="$work/data" \
  --storage.tsdb.retention.time=1y --web.listen-address="127.0.0.1:$prom_port" \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)
prom=http://127.0.0.1:$prom_port
for _ in $(seq 1 120); do curl -sf "$prom/-/ready" >/dev/null && break; sleep 1; done

# Prometheus' own: predict_linear over 7 days for every series, as a rule would evaluate it (best
# of three).
best=""
for _ in 1 2 3; do
  s=$(curl -s -o "$work/pl.json" -w '%{time_total}' --data-urlencode \
    'query=predict_linear(node_filesystem_avail_bytes[7d], 3600)' --data-urlencode "time=$end" \
    "$prom/api/v1/query")
  best=$(awk -v a="$s" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
done
pl_series=$(grep -o '"metric"' "$work/pl.json" | wc -l)

fc_port=$(free_port 19411)
cat >"$work/forecaster.yml" <<YML
prometheus:
  url: $prom
  timeout: 5m
interval: 1s
forecasts:
  - name: disk_avail
    query: node_filesystem_avail_bytes
    lookback: 7d
    step: 5m
    horizons: [1h, 6h]
    threshold: 0
YML
JAVA_OPTS="-Xlog:gc:file=$work/gc.log" bin/forecaster --config.file="$work/forecaster.yml" \
  --web.listen-address="127.0.0.1:$fc_port" --log.level=warn >"$work/forecaster.log" 2>&1 &
fc_pid=$!
pids+=($fc_pid)
metric() { # name: the value of the forecaster's own metric, or empty
  curl -sf "http://127.0.0.1:$fc_port/metrics" 2>/dev/null | awk -v m="$1" '$1 ~ "^"m"({|$)" { print $2; exit }'
}
done_runs=0
for _ in $(seq 1 1800); do
  kill -0 "$fc_pid" 2>/dev/null || { echo "forecaster died:" >&2; tail -20 "$work/forecaster.log" >&2; exit 1; }
  r=$(metric 'hostwatch_forecaster_runs_total' || true)
  [ -n "$r" ] || r=$(metric 'hostwatch_forecaster_runs' || true)
  done_runs=${r%.*}
  [ -n "$done_runs" ] && [ "$done_runs" -gt "$runs" ] && break
  sleep 2 # a scrape of every forecast costs the forecaster CPU: not too often
done
fitted=$(metric hostwatch_forecaster_series_fitted)
seconds=$(metric hostwatch_forecaster_run_duration_seconds)
rss_kib=$(awk '/^VmHWM/ { print $2 }' "/proc/$fc_pid/status")
java_pid=$(pgrep -P "$fc_pid" java || echo "$fc_pid")
[ -f "/proc/$java_pid/status" ] && rss_kib=$(awk '/^VmHWM/ { print $2 }' "/proc/$java_pid/status")
# the heap at its fullest (before a collection) and the most that survived one (what is live)
heap_mib=$(sed -n 's/.*Pause.* \([0-9]*\)M->[0-9]*M.*/\1/p' "$work/gc.log" | sort -n | tail -1)
live_mib=$(sed -n 's/.*Pause.* [0-9]*M->\([0-9]*\)M.*/\1/p' "$work/gc.log" | sort -n | tail -1)
errors=$(grep -c 'OutOfMemoryError' "$work/forecaster.log" || true)

awk -v n="$fitted" -v s="$seconds" -v pl="$best" -v pls="$pl_series" -v rss="$rss_kib" \
  -v heap="${heap_mib:-?}" -v live="${live_mib:-?}" -v runs="$runs" -v oom="$errors" 'BEGIN {
  printf "-- forecaster, warm run %d: %d series in %.2f s = %.0f series/s end to end (query + fits + publish)\n", runs, n, s, n / s
  printf "-- prometheus predict_linear(v[7d], 3600) over %d series: %.2f s = %.0f series/s (%.1fx the forecaster)\n", pls, pl, pls / pl, (pls / pl) / (n / s)
  printf "-- forecaster memory: peak RSS %.0f MiB; heap at most %s MiB before a collection, %s MiB live after one (launcher default -Xmx256m); OutOfMemoryError: %d\n", rss / 1024, heap, live, oom
}'
