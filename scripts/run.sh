#!/usr/bin/env bash
# `make run` / `make stop`: the whole Hostwatch stack on 127.0.0.1, state under .run/.
#   scripts/run.sh start        start everything, print where to look, stay in the foreground
#                               (Ctrl-C stops); a component that exits is reported and restarted
#   scripts/run.sh stop         stop what `start` started, and nothing else
#   scripts/run.sh stop NAME    stop one component and keep it down (to see HostDown fire)
#   scripts/run.sh start NAME   bring it back (the running `start` restarts it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STATE=${HOSTWATCH_RUN_DIR:-$ROOT/.run}
PIDS=$STATE/pids
DOWN=$STATE/down
LOGS=$STATE/logs
CONFIG=$STATE/config
DATA=$STATE/data
THRESHOLDS=${THRESHOLDS:-examples/thresholds.yml}

# name|port|ready path
COMPONENTS="prometheus|9090|/-/ready
alertmanager|9093|/-/ready
exporter|9110|/-/ready
forecaster|9111|/-/ready
alert-webhook|9112|/-/ready
registry|9113|/-/ready"

alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Registering with the registry needs credentials: a random bearer token, made once and kept.
# An exporter registers with --discovery.bearer-token-file="$STATE/secrets/registry-token".
registry_credentials() {
  (umask 077; mkdir -p "$STATE/secrets"
   [ -s "$STATE/secrets/registry-token" ] ||
     od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$STATE/secrets/registry-token"
   echo "bearer_token_file: registry-token" >"$STATE/secrets/registry-web.yml")
}

command_for() {
  case $1 in
    prometheus) echo prometheus \
      --config.file="$CONFIG/prometheus/prometheus.yml" \
      --storage.tsdb.path="$DATA/prometheus" \
      --web.listen-address=127.0.0.1:9090 \
      --web.external-url=http://127.0.0.1:9090/ \
      --web.enable-lifecycle ;;
    alertmanager) echo prometheus-alertmanager \
      --config.file="$CONFIG/alertmanager/alertmanager.yml" \
      --storage.path="$DATA/alertmanager" \
      --web.listen-address=127.0.0.1:9093 \
      --web.external-url=http://127.0.0.1:9093/ \
      --cluster.listen-address= ;;
    exporter) echo bin/exporter \
      --web.listen-address=127.0.0.1:9110 \
      --collector.textfile.directory="$STATE/textfile" ;;
    forecaster) echo bin/forecaster \
      --config.file="$CONFIG/forecaster/forecaster.yml" \
      --web.listen-address=127.0.0.1:9111 ;;
    alert-webhook) echo bin/alert-webhook \
      --config.file="$CONFIG/alert-webhook/alert-webhook.yml" \
      --storage.path="$DATA/alert-webhook" \
      --web.listen-address=127.0.0.1:9112 ;;
    registry) echo bin/registry \
      --web.config.file="$STATE/secrets/registry-web.yml" \
      --storage.path="$DATA/registry" \
      --web.listen-address=127.0.0.1:9113 ;;
  esac
}

# SIGTERM to every given component at once, up to 1.8 s for all of them together, then SIGKILL
# for the rest. Nothing acknowledged is lost either way: the alert-webhook's outbox is fsync'd
# before it answers, Prometheus and Alertmanager keep a WAL.
stop_components() {
  local pids=() names=() name pid
  for name in "$@"; do
    [ -f "$PIDS/$name.pid" ] || continue
    pid=$(cat "$PIDS/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$name")
    fi
    rm -f "$PIDS/$name.pid"
  done
  for _ in $(seq 1 18); do
    local left=""
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    [ -z "$left" ] && break
    sleep 0.1
  done
  for i in "${!pids[@]}"; do
    kill -0 "${pids[$i]}" 2>/dev/null && kill -KILL "${pids[$i]}" 2>/dev/null || true
    echo "stopped ${names[$i]} (pid ${pids[$i]})"
  done
  [ ${#pids[@]} -gt 0 ]
}

stop_all() {
  [ -d "$STATE" ] && touch "$STATE/stopping"
  # `make fleet` (scripts/fleet.sh) adds its hosts and the second Alertmanager as fleet-*.
  local fleet=() f
  for f in "$PIDS"/fleet-*.pid; do [ -e "$f" ] && fleet+=("$(basename "$f" .pid)"); done
  stop_components "${fleet[@]}" registry alert-webhook forecaster exporter alertmanager prometheus \
    || echo "Hostwatch is not running."
  rm -rf "$DOWN"
}

known() { grep -q "^$1|" <<<"$COMPONENTS"; }

# One component down on purpose: the supervisor in `start` leaves it down until `start NAME`.
stop_one() {
  known "$1" || { echo "error: no component '$1' (expected one of: $(cut -d'|' -f1 <<<"$COMPONENTS" | tr '\n' ' '))" >&2; exit 2; }
  mkdir -p "$DOWN"
  touch "$DOWN/$1"
  stop_components "$1" || echo "$1 is not running."
  echo "$1 stays down until 'scripts/run.sh start $1' (or 'make stop')."
}

start_one() {
  known "$1" || { echo "error: no component '$1'" >&2; exit 2; }
  if [ ! -f "$STATE/pids/prometheus.pid" ]; then
    echo "error: Hostwatch is not running ('make run' first)." >&2
    exit 1
  fi
  rm -f "$DOWN/$1"
  echo "$1 will be started again within a few seconds by 'make run'."
}

launch() {
  [ "$1" != registry ] || registry_credentials
  # shellcheck disable=SC2046
  nohup $(command_for "$1") >>"$LOGS/$1.log" 2>&1 &
  echo $! >"$PIDS/$1.pid"
}

start_all() {
  for line in $COMPONENTS; do
    name=${line%%|*}
    if alive "$name"; then
      echo "Hostwatch is already running ($name has pid $(cat "$PIDS/$name.pid"))."
      echo "Stop it with 'make stop', or look at the URLs 'make run' printed."
      exit 0
    fi
  done
  for line in $COMPONENTS; do
    IFS='|' read -r name port _ <<<"$line"
    if port_busy "$port"; then
      echo "error: port $port (for $name) is in use by another program." >&2
      echo "       Debian starts its own prometheus (9090) and alertmanager (9093) services;" >&2
      echo "       stop them (systemctl stop prometheus prometheus-alertmanager) or free the port." >&2
      exit 1
    fi
  done
  mkdir -p "$PIDS" "$LOGS" "$DATA" "$STATE/textfile"
  rm -f "$STATE/stopping"
  rm -rf "$DOWN"
  rm -rf "$CONFIG.tmp"
  bin/rules-gen generate --config "$THRESHOLDS" --output "$CONFIG.tmp" >/dev/null
  rm -rf "$CONFIG" && mv "$CONFIG.tmp" "$CONFIG"

  trap 'echo; stop_all; exit 0' INT TERM
  for line in $COMPONENTS; do
    IFS='|' read -r name port path <<<"$line"
    : >"$LOGS/$name.log"
    launch "$name"
  done
  for line in $COMPONENTS; do
    IFS='|' read -r name port path <<<"$line"
    ok=""
    for _ in $(seq 1 600); do
      if ! alive "$name"; then break; fi
      if curl -fsS -o /dev/null "http://127.0.0.1:$port$path" 2>/dev/null; then ok=1; break; fi
      sleep 0.1
    done
    if [ -z "$ok" ]; then
      echo "error: $name did not become ready; its log ($LOGS/$name.log) ends with:" >&2
      tail -n 20 "$LOGS/$name.log" >&2 || true
      stop_all
      exit 1
    fi
  done
  # Prometheus scrapes each target at an offset within its 15 s interval. Wait for every first
  # scrape, so that what we print below (and the README's next commands) is already true.
  targets=""
  for _ in $(seq 1 400); do
    targets=$(curl -fsS "http://127.0.0.1:9090/api/v1/targets?state=active" 2>/dev/null || true)
    if grep -q '"health":"up"' <<<"$targets" && ! grep -q '"health":"unknown"' <<<"$targets"; then
      break
    fi
    sleep 0.1
  done
  up=$(grep -o '"health":"up"' <<<"$targets" | wc -l || true)
  total=$(grep -o '"health":"[a-z]*"' <<<"$targets" | wc -l || true)
  cat <<INFO

Hostwatch is running on 127.0.0.1 ($up of $total Prometheus targets up):
  Prometheus      http://127.0.0.1:9090   (alerts: http://127.0.0.1:9090/alerts)
  Alertmanager    http://127.0.0.1:9093
  exporter        http://127.0.0.1:9110/metrics
  forecaster      http://127.0.0.1:9111/metrics
  alert-webhook   http://127.0.0.1:9112/metrics
  registry        http://127.0.0.1:9113/api/v1/targets   (exporters registered with --discovery.url)

Emails land in   $DATA/alert-webhook/sent/   (.eml files; set SMTP_SERVER etc. to send real mail)
Configuration    $CONFIG/   (generated by rules-gen from $THRESHOLDS)
Grafana          dashboards: $CONFIG/grafana/dashboards/
                 provisioning: $CONFIG/grafana/provisioning/  (point Grafana's paths.provisioning here)
Textfile metrics $STATE/textfile/*.prom   (the exporter serves them)
Logs             $LOGS/

Stop with Ctrl-C here, or 'make stop' from another terminal. A component that exits is reported
and started again; 'scripts/run.sh stop exporter' keeps one down (HostDown fires after its 'for').
INFO
  supervise
}

# Stays in the foreground until told to stop. A component that exits is reported with its exit
# status and the end of its log, then started again after 1, 2, 4 ... 30 s; one stopped on
# purpose (stop NAME) stays down until `start NAME`. The rest keep running either way.
supervise() {
  declare -A restarts=() due=()
  while true; do
    [ -f "$STATE/stopping" ] && exit 0
    for line in $COMPONENTS; do
      name=${line%%|*}
      [ -f "$DOWN/$name" ] && continue
      if [ -f "$PIDS/$name.pid" ] && ! alive "$name"; then
        [ -f "$STATE/stopping" ] && exit 0
        pid=$(cat "$PIDS/$name.pid")
        status=0
        wait "$pid" 2>/dev/null || status=$?
        rm -f "$PIDS/$name.pid"
        n=${restarts[$name]:-0}
        delay=$((1 << (n < 5 ? n : 5)))
        [ "$delay" -gt 30 ] && delay=30
        restarts[$name]=$((n + 1))
        due[$name]=$((SECONDS + delay))
        echo "$name exited (status $status); restarting it in ${delay}s. Its log ($LOGS/$name.log) ends with:" >&2
        tail -n 5 "$LOGS/$name.log" >&2 || true
      elif [ ! -f "$PIDS/$name.pid" ] && [ "${due[$name]:-0}" -le "$SECONDS" ]; then
        launch "$name"
        echo "started $name again (pid $(cat "$PIDS/$name.pid"))" >&2
      fi
    done
    sleep 1
  done
}

case "${1:-start}|${2:-}" in
  "start|") start_all ;;
  "stop|") stop_all ;;
  start\|*) start_one "$2" ;;
  stop\|*) stop_one "$2" ;;
  *) echo "usage: $0 start|stop [COMPONENT]" >&2; exit 2 ;;
esac
