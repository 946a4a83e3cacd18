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
cleanup() {
  for p in $our_pid $ne_pid; do
    kill "$p" 2>/dev/null || true
  done
  for p in $our_pid $ne_pid; do
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
"$NODE_EXPORTER" --web.listen-address=127.0.0.1:$ne_port \
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
