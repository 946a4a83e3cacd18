#!/bin/sh
# make bench: the exporter as a package installs it (its own jlink'd runtime, packaging/build.sh)
# against the same jar on the system JDK (bin/exporter), both with bin/.launch's JVM flags, side by
# side on free loopback ports: RSS after the same warm-up scrapes, and the disk each runtime takes.
# Needs `make build` first; builds the exporter's tarball (the package's files) in a temp folder.
# BENCH_SCRAPES (default 300) and BENCH_ROUNDS (default 3) change the counts.
set -eu
cd "$(dirname "$0")/.."
SCRAPES=${BENCH_SCRAPES:-300}
ROUNDS=${BENCH_ROUNDS:-3}
[ -f exporter/target/hostwatch-exporter.jar ] || { echo "run 'make build' first" >&2; exit 1; }

work=$(mktemp -d)
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  for p in $pids; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tarball=$(packaging/build.sh --formats tar --out "$work" exporter)
tar -C "$work" -xzf "$tarball"
packaged=$(find "$work" -maxdepth 3 -path '*/bin/hostwatch-exporter')
home=$(dirname "$(dirname "$packaged")")
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
mkdir "$work/textfile"

start() { # name command... ; prints the pid
  name=$1; shift
  "$@" --collector.textfile.directory="$work/textfile" >"$work/$name.log" 2>&1 &
  echo $!
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }
wait_up() { # port pid name
  i=0
  until curl -fs -o /dev/null "http://127.0.0.1:$1/metrics"; do
    kill -0 "$2" 2>/dev/null || { echo "$3 exited early:" >&2; cat "$work/$3.log" >&2; exit 1; }
    i=$((i + 1)); [ $i -lt 300 ] || { echo "$3 not up after 60 s" >&2; exit 1; }
    sleep 0.2
  done
}

echo "machine: $(nproc) CPUs, Linux $(uname -r), $(java -version 2>&1 | head -1)"
echo "$SCRAPES gzip scrapes each, interleaved, then 1 s quiet; RSS (MiB) per round"
printf '%-8s %16s %16s\n' round "system JDK" "packaged runtime"
jdk_all="" packaged_all=""
r=1
while [ $r -le "$ROUNDS" ]; do
  set -- $(java bench/exporter/Bench.java ports)
  jdk_port=$1 packaged_port=$2
  jdk_pid=$(start jdk bin/exporter --web.listen-address=127.0.0.1:$jdk_port)
  packaged_pid=$(start packaged "$packaged" --web.listen-address=127.0.0.1:$packaged_port)
  pids="$jdk_pid $packaged_pid"
  wait_up "$jdk_port" "$jdk_pid" jdk
  wait_up "$packaged_port" "$packaged_pid" packaged
  [ "$(readlink -f "/proc/$packaged_pid/exe")" = "$home/runtime/bin/java" ] ||
    { echo "the packaged exporter does not run on its runtime" >&2; exit 1; }
  i=0
  while [ $i -lt "$SCRAPES" ]; do
    curl -fs --compressed -o /dev/null "http://127.0.0.1:$jdk_port/metrics"
    curl -fs --compressed -o /dev/null "http://127.0.0.1:$packaged_port/metrics"
    i=$((i + 1))
  done
  sleep 1
  a=$(rss_kib "$jdk_pid") b=$(rss_kib "$packaged_pid")
  printf '%-8s %16s %16s\n' "$r" "$(mib "$a")" "$(mib "$b")"
  jdk_all="$jdk_all $a" packaged_all="$packaged_all $b"
  kill $pids; wait $pids 2>/dev/null || true; pids=""
  r=$((r + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-8s %16s %16s\n' median "$(mib "$(median $jdk_all)")" "$(mib "$(median $packaged_all)")"
echo
echo "disk (MiB): system JDK $jdk $(($(du -sk "$jdk" | cut -f1) / 1024)); packaged runtime" \
  "$(($(du -sk "$home/runtime" | cut -f1) / 1024)); whole packaged exporter $(($(du -sk "$home" | cut -f1) / 1024))"
