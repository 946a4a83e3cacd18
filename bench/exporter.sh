#!/bin/sh
# make bench: Debian's node_exporter and our exporter (bin/exporter), each with its default
# collectors (node_exporter's upstream 1.5 defaults), scraped in turn >= 1,000 times each:
# latency p50/p99, CPU per scrape, RSS, bytes.
# Needs `make build` first. BENCH_SCRAPES / BENCH_WARMUP change the counts.
set -eu
cd "$(dirname "$0")/.."
SCRAPES=${BENCH_SCRAPES:-1000}
WARMUP=${BENCH_WARMUP:-300}
NODE_EXPORTER=$(command -v prometheus-node-exporter || echo /usr/bin/prometheus-node-exporter)
[ -x "$NODE_EXPORTER" ] || { echo "prometheus-node-exporter missing: run 'make deps'" >&2; exit 1; }
[ -f exporter/target/hostwatch-exporter.jar ] || { echo "run 'make build' first" >&2; exit 1; }

work=$(mktemp -d)
ne_pid=""
our_pid=""
floor_pid=""
cleanup() {
  for p in $floor_pid $our_pid $ne_pid; do
    kill "$p" 2>/dev/null || true
  done
  for p in $floor_pid $our_pid $ne_pid; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Both read the same small textfile, so the textfile collector does the same work in each.
mkdir "$work/textfile"
printf '# HELP bench_info A textfile metric.\n# TYPE bench_info gauge\nbench_info{source="bench"} 1\n' \
  > "$work/textfile/bench.prom"

set -- $(java bench/exporter/Bench.java ports)
ne_port=$1
our_port=$2

# Debian patches node_exporter's defaults (it also skips /run, /mnt, /media and lo); give it
# upstream 1.5's, which ours follow, so both export the same series.
"$NODE_EXPORTER" --web.listen-address=127.0.0.1:$ne_port --no-collector.systemd \
  --collector.textfile.directory="$work/textfile" \
  '--collector.filesystem.mount-points-exclude=^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)' \
  '--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$' \
  '--collector.netdev.device-exclude=' >"$work/node_exporter.log" 2>&1 &
ne_pid=$!
bin/exporter --web.listen-address=127.0.0.1:$our_port \
  --collector.textfile.directory="$work/textfile" >"$work/exporter.log" 2>&1 &
our_pid=$!

wait_up() { # url pid log
  i=0
  while [ $i -lt 300 ]; do
    kill -0 "$2" 2>/dev/null || { echo "exited early:" >&2; cat "$3" >&2; exit 1; }
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.2
    i=$((i + 1))
  done
  echo "not up after 60 s: $1" >&2; cat "$3" >&2; exit 1
}
wait_up "http://127.0.0.1:$ne_port/metrics" "$ne_pid" "$work/node_exporter.log"
wait_up "http://127.0.0.1:$our_port/metrics" "$our_pid" "$work/exporter.log"

echo "machine: $(nproc) CPUs, Linux $(uname -r), $(java -version 2>&1 | head -1)," \
  "$("$NODE_EXPORTER" --version 2>&1 | head -1 | cut -d'(' -f1)"
echo "collectors: each side's defaults"
java bench/exporter/Bench.java run "$SCRAPES" "$WARMUP" "$(getconf CLK_TCK)" \
  node_exporter "http://127.0.0.1:$ne_port/metrics" "$ne_pid" \
  hostwatch "http://127.0.0.1:$our_port/metrics" "$our_pid"

# The JVM's floor: the JDK's HTTP server alone, with the exporter's JVM flags (bin/.launch),
# serving the page the exporter just served, as many times. No exporter on this JVM goes below it.
curl -fs -o "$work/page.txt" "http://127.0.0.1:$our_port/metrics"
javac -d "$work/floor" bench/exporter/JdkFloor.java
jvm_flags=$(sed -n 's/^  exporter) defaults="\(.*\)"$/\1/p' bin/.launch)
floor_port=$(java bench/exporter/Bench.java ports | cut -d' ' -f1)
# shellcheck disable=SC2086 # the flags are words
MALLOC_ARENA_MAX=1 java $jvm_flags -cp "$work/floor" JdkFloor "$floor_port" "$work/page.txt" \
  >"$work/floor.log" 2>&1 &
floor_pid=$!
wait_up "http://127.0.0.1:$floor_port/metrics" "$floor_pid" "$work/floor.log"
i=0
while [ $i -lt $((WARMUP + SCRAPES)) ]; do
  curl -fs -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$floor_port/metrics"
  i=$((i + 1))
done
sleep 1
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }
awk -v f="$(rss $floor_pid)" -v n="$(rss $ne_pid)" -v o="$(rss $our_pid)" 'BEGIN {
  printf "\nJVM floor: the JDK HTTP server alone, same JVM flags, serving that page %d times:\n", '$((WARMUP + SCRAPES))'
  printf "  RSS %.1f MiB = %.2fx node_exporter (%.1f MiB); hostwatch now %.1f MiB = %.2fx the floor\n",
    f / 1024, f / n, n / 1024, o / 1024, o / f }'
