#!/usr/bin/env bash
# `make fleet N=50`: the whole stack with a fleet of N exporters and an Alertmanager pair, state
# under .run/ like `make run`, stopped by `make stop`.
#   scripts/fleet.sh start N     start it, print where to look and how long it took, stay in the
#                                foreground (Ctrl-C stops everything)
#   scripts/fleet.sh storm K     stop K hosts at once (HostDown for each, in one email)
#   scripts/fleet.sh recover     start the stopped hosts again (the resolved email)
# Host i (1..N) is an exporter on 127.0.0.(i+1):9110 (Linux routes all of 127.0.0.0/8 to lo) with
# its own host id, registered with the registry with role batch (odd i) or db (even i).
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=${HOSTWATCH_RUN_DIR:-$(pwd)/.run}
PIDS=$STATE/pids
LOGS=$STATE/logs
CONFIG=$STATE/config
DATA=$STATE/data
FLEET=$STATE/fleet
THRESHOLDS=${THRESHOLDS:-examples/fleet-thresholds.yml}

alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }
port_busy() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
ready() { curl -fsS -o /dev/null "http://$1/-/ready" 2>/dev/null; }

# A pid file per process, the names `make run` uses for what it also runs: `make stop` (scripts/run.sh
# stop) stops them all, the fleet-* ones included.
launch() {
  local name=$1; shift
  nohup "$@" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

# Every simulated host shares this machine's /etc/machine-id, where the exporter reads its host
# id; each gets a root of its own for --path.rootfs (as a containerized exporter sees the host's
# root): links to every top-level folder, and an etc/ with the host's own id.
host_root() {
  local root=$FLEET/host-$1
  if [ ! -f "$root/etc/machine-id" ]; then
    mkdir -p "$root/etc"
    for p in /*; do [ "$p" = /etc ] || ln -sfn "$p" "$root/${p#/}"; done
    ln -sfn /etc/os-release "$root/etc/os-release"
    printf 'fleet-host-%03d\n' "$1" >"$root/etc/machine-id"
  fi
  echo "$root"
}

start_host() {
  local i=$1 role=db
  [ $((i % 2)) -eq 1 ] && role=batch
  launch "fleet-host-$i" bin/exporter \
    --web.listen-address="127.0.0.$((i + 1)):9110" \
    --path.rootfs="$(host_root "$i")" \
    --collector.textfile.directory="$STATE/textfile" \
    --discovery.url=http://127.0.0.1:9113 \
    --discovery.address="127.0.0.$((i + 1)):9110" \
    --discovery.bearer-token-file="$STATE/secrets/registry-token" \
    --discovery.interval=10s \
    --discovery.label=role=$role
}

await_ready() {
  local name=$1 address=$2
  for _ in $(seq 1 1200); do
    alive "$name" || break
    ready "$address" && return 0
    sleep 0.1
  done
  echo "error: $name did not become ready; its log ($LOGS/$name.log) ends with:" >&2
  tail -n 20 "$LOGS/$name.log" >&2 || true
  scripts/run.sh stop >/dev/null
  exit 1
}

check_free() {
  local n=$1 i
  for a in 127.0.0.1:9090 127.0.0.1:9093 127.0.0.1:9094 127.0.0.1:9095 127.0.0.1:9096 \
    127.0.0.1:9111 127.0.0.1:9112 127.0.0.1:9113 $(for i in $(seq 1 "$n"); do echo "127.0.0.$((i + 1)):9110"; done); do
    if port_busy "${a%:*}" "${a#*:}"; then
      echo "error: $a is in use ('make stop' stops what 'make run' or 'make fleet' started)." >&2
      exit 1
    fi
  done
}

configure() {
  (umask 077; mkdir -p "$STATE/secrets"
   [ -s "$STATE/secrets/registry-token" ] ||
     od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$STATE/secrets/registry-token"
   echo "bearer_token_file: registry-token" >"$STATE/secrets/registry-web.yml")
  rm -rf "$CONFIG.tmp"
  bin/rules-gen generate --config "$THRESHOLDS" --output "$CONFIG.tmp" >/dev/null
  # rules-gen writes one Alertmanager; Prometheus sends every alert to both members of the pair.
  sed -i "/^alerting:/,/^scrape_configs:/ s|^\(  *\)- '127.0.0.1:9093'|&\n\1- '127.0.0.1:9094'|" \
    "$CONFIG.tmp/prometheus/prometheus.yml"
  grep -q "'127.0.0.1:9094'" "$CONFIG.tmp/prometheus/prometheus.yml"
  rm -rf "$CONFIG" && mv "$CONFIG.tmp" "$CONFIG"
}

start_stack() {
  local am=prometheus-alertmanager
  # A host that stops renewing leaves the registry after --registry.ttl, and with it Prometheus'
  # targets, which ends its HostDown: an hour, so a stopped host keeps alerting while you watch.
  launch registry bin/registry --web.config.file="$STATE/secrets/registry-web.yml" \
    --storage.path="$DATA/registry" --web.listen-address=127.0.0.1:9113 --registry.ttl=1h
  launch prometheus prometheus --config.file="$CONFIG/prometheus/prometheus.yml" \
    --storage.tsdb.path="$DATA/prometheus" --web.listen-address=127.0.0.1:9090 \
    --web.external-url=http://127.0.0.1:9090/ --web.enable-lifecycle
  launch alertmanager $am --config.file="$CONFIG/alertmanager/alertmanager.yml" \
    --storage.path="$DATA/alertmanager" --web.listen-address=127.0.0.1:9093 \
    --web.external-url=http://127.0.0.1:9093/ --cluster.listen-address=127.0.0.1:9095 \
    --cluster.advertise-address=127.0.0.1:9095 --cluster.peer=127.0.0.1:9096
  launch fleet-alertmanager-2 $am --config.file="$CONFIG/alertmanager/alertmanager.yml" \
    --storage.path="$DATA/alertmanager-2" --web.listen-address=127.0.0.1:9094 \
    --web.external-url=http://127.0.0.1:9094/ --cluster.listen-address=127.0.0.1:9096 \
    --cluster.advertise-address=127.0.0.1:9096 --cluster.peer=127.0.0.1:9095
  launch alert-webhook bin/alert-webhook --config.file="$CONFIG/alert-webhook/alert-webhook.yml" \
    --storage.path="$DATA/alert-webhook" --web.listen-address=127.0.0.1:9112
  launch forecaster bin/forecaster --config.file="$CONFIG/forecaster/forecaster.yml" \
    --web.listen-address=127.0.0.1:9111
  for c in registry:9113 prometheus:9090 alertmanager:9093 fleet-alertmanager-2:9094 \
    alert-webhook:9112 forecaster:9111; do
    await_ready "${c%:*}" "127.0.0.1:${c#*:}"
  done
}

# Targets of the hosts' job that Prometheus scrapes successfully.
hosts_up() {
  curl -fsS 'http://127.0.0.1:9090/api/v1/query?query=count(up%7Bjob%3D%22node%22%7D%3D%3D1)' 2>/dev/null |
    grep -o '"[0-9]*"\]' | tr -dc 0-9 || true
}

rss_mib() {
  local kib=0 f pid
  for f in "$PIDS"/fleet-host-*.pid; do
    pid=$(cat "$f")
    kib=$((kib + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo $((kib / 1024))
}

start_fleet() {
  local n=$1 i began up=""
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 250 ] ||
    { echo "error: N must be a number from 1 to 250 (127.0.0.2 … 127.0.0.251)" >&2; exit 2; }
  if alive prometheus || alive registry; then
    echo "Hostwatch is already running; 'make stop' first." >&2
    exit 1
  fi
  check_free "$n"
  mkdir -p "$PIDS" "$LOGS" "$DATA" "$FLEET" "$STATE/textfile"
  rm -f "$STATE/stopping" "$FLEET/down"
  configure
  trap 'echo; scripts/run.sh stop; exit 0' INT TERM
  start_stack
  began=$SECONDS
  for i in $(seq 1 "$n"); do start_host "$i"; done
  for i in $(seq 1 "$n"); do await_ready "fleet-host-$i" "127.0.0.$((i + 1)):9110"; done
  for _ in $(seq 1 1200); do
    up=$(hosts_up)
    [ "${up:-0}" -ge "$n" ] && break
    sleep 0.5
  done
  echo "$n" >"$FLEET/size"
  cat <<INFO

Hostwatch fleet: ${up:-0} of $n hosts up in Prometheus $((SECONDS - began)) s after the first exporter
started; the exporters hold $(rss_mib) MiB resident in all.
  Prometheus      http://127.0.0.1:9090   (targets: http://127.0.0.1:9090/targets)
  Alertmanagers   http://127.0.0.1:9093 and http://127.0.0.1:9094 (clustered)
  registry        http://127.0.0.1:9113/api/v1/targets
  hosts           http://127.0.0.2:9110/metrics … http://127.0.0.$((n + 1)):9110/metrics

A storm: 'scripts/fleet.sh storm $((n / 5 > 0 ? n / 5 : 1))' stops that many hosts at once; HostDown
fires after 30 s and, after Alertmanager's group_wait, one email names them all:
  ls $DATA/alert-webhook/sent/
'scripts/fleet.sh recover' starts them again (the resolved email). Stop with Ctrl-C or 'make stop'.
INFO
  while [ ! -f "$STATE/stopping" ]; do sleep 1; done
}

storm() {
  local k=${1:-1} i names=()
  alive prometheus && [ -f "$FLEET/size" ] ||
    { echo "error: no fleet is running ('make fleet' first)." >&2; exit 1; }
  [[ $k =~ ^[0-9]+$ ]] && [ "$k" -ge 1 ] && [ "$k" -le "$(cat "$FLEET/size")" ] ||
    { echo "error: K must be from 1 to $(cat "$FLEET/size")" >&2; exit 2; }
  for i in $(seq 1 "$k"); do
    alive "fleet-host-$i" && kill -KILL "$(cat "$PIDS/fleet-host-$i.pid")" && names+=("127.0.0.$((i + 1))")
    rm -f "$PIDS/fleet-host-$i.pid"
    echo "$i" >>"$FLEET/down"
  done
  echo "stopped ${#names[@]} hosts: ${names[*]}"
}

recover() {
  [ -f "$FLEET/down" ] || { echo "no host is down."; exit 0; }
  sort -un "$FLEET/down" | while read -r i; do start_host "$i"; done
  echo "started again: hosts $(sort -un "$FLEET/down" | tr '\n' ' ')"
  rm -f "$FLEET/down"
}

case "${1:-}" in
  start) start_fleet "${2:-50}" ;;
  storm) storm "${2:-}" ;;
  recover) recover ;;
  *) echo "usage: $0 start N | storm K | recover" >&2; exit 2 ;;
esac
