#!/usr/bin/env bash
# The real alert chain on 127.0.0.1: Debian's Prometheus (with promtool) and node-exporter,
# which serves the `.prom` files `jukebox monitor` writes through its textfile collector.
#
#   scripts/alerts-servers.sh ensure     installs prometheus + prometheus-node-exporter with
#                                        apt-get when missing (skips what is there)
#   scripts/alerts-servers.sh CMD ...    also starts node-exporter (textfile collector only,
#                                        on a temp dir) and Prometheus (scraping it every 1 s,
#                                        evaluating every 1 s a test copy of
#                                        pipelines/alerts.yaml's rules whose `for:` is 2 s),
#                                        both at free ports, runs CMD with
#                                        JUKEBOX_PROMETHEUS_URL, JUKEBOX_NODE_EXPORTER_URL and
#                                        JUKEBOX_TEXTFILE_DIR set, and stops both when it ends
#                                        (their logs are shown when CMD fails).
#
# Only the binaries are used: the Debian packages' systemd units do not run here (no systemd;
# policy-rc.d forbids starting services during the install anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[alerts-servers] %s\n' "$*"; }

# The packages pin nothing here: bookworm's are prometheus 2.42 and node-exporter 1.5.
ensure() {
  local missing=()
  [[ -x /usr/bin/prometheus && -x /usr/bin/promtool ]] || missing+=(prometheus)
  [[ -x /usr/bin/prometheus-node-exporter ]] || missing+=(prometheus-node-exporter)
  if ((${#missing[@]} == 0)); then
    log "prometheus, promtool and prometheus-node-exporter already there"
    return
  fi
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  log "installing ${missing[*]} (Debian)"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure
[[ ${1:-} == ensure ]] && exit 0
(($# > 0)) || { echo "usage: $0 ensure | $0 COMMAND [ARGS...]" >&2; exit 2; }
[[ -x .venv/bin/python ]] || bash scripts/python-env.sh

tmp=$(mktemp -d)
pids=()
logs_shown=0
# Each server runs in its own session (setsid), so it is stopped by its group id.
stop() {
  local status=$?
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if ((status != 0 && logs_shown == 0)); then show_logs; fi
  rm -rf "$tmp"
}
show_logs() {
  logs_shown=1
  for f in "$tmp"/*.log; do
    [[ -f $f ]] || continue
    echo "--- last lines of $(basename "$f") ---" >&2
    tail -30 "$f" >&2
  done
}
trap stop EXIT
trap 'exit 143' TERM INT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits up to 60 s for `url` to answer 200; prints how long it took.
wait_for() {
  local name=$1 url=$2 start=$SECONDS
  until curl -sf -o /dev/null "$url"; do
    if ((SECONDS - start > 60)); then
      echo "$name did not answer $url within 60 s" >&2
      exit 1
    fi
    sleep 0.25
  done
  log "$name answered after $((SECONDS - start)) s at $url"
}

mkdir -p "$tmp/textfile" "$tmp/prometheus-data"
# The shipped rules with `for: 2s`, so a test sees them fire within seconds.
.venv/bin/python tests/alerts/rules.py pipelines/alerts.yaml --for 2s >"$tmp/rules.yml"

exporter_port=$(free_port)
# Only the textfile collector: the test reads nothing else, and the rest cost CPU each scrape.
setsid /usr/bin/prometheus-node-exporter --collector.disable-defaults --collector.textfile \
  --collector.textfile.directory="$tmp/textfile" \
  --web.listen-address="127.0.0.1:$exporter_port" >"$tmp/node-exporter.log" 2>&1 &
pids+=($!)
wait_for "node-exporter" "http://127.0.0.1:$exporter_port/metrics"

prometheus_port=$(free_port)
cat >"$tmp/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $tmp/rules.yml
scrape_configs:
  - job_name: jukebox-monitor
    static_configs:
      - targets: ["127.0.0.1:$exporter_port"]
EOF
/usr/bin/promtool check config "$tmp/prometheus.yml" >"$tmp/promtool-config.log" 2>&1 \
  || { echo "promtool rejects the test configuration:" >&2; cat "$tmp/promtool-config.log" >&2; exit 1; }
setsid /usr/bin/prometheus --config.file="$tmp/prometheus.yml" \
  --storage.tsdb.path="$tmp/prometheus-data" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$tmp/prometheus.log" 2>&1 &
pids+=($!)
wait_for "Prometheus" "http://127.0.0.1:$prometheus_port/-/ready"

export JUKEBOX_PROMETHEUS_URL="http://127.0.0.1:$prometheus_port"
export JUKEBOX_NODE_EXPORTER_URL="http://127.0.0.1:$exporter_port"
export JUKEBOX_TEXTFILE_DIR="$tmp/textfile"
# In the background and waited for, so a TERM or Ctrl-C runs the cleanup at once.
"$@" &
wait $!
