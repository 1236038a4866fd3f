#!/usr/bin/env bash
# Serves one ONNX file over the Open Inference Protocol (KServe v2 REST) with MLServer and the
# onnxruntime runtime in tests/serving/onnx_runtime.py, on 127.0.0.1, with CORS for one origin.
#   scripts/serve-onnx.sh <model.onnx> <port> <allowed-origin> [model-name]
# model-name defaults to the file's name without `.onnx`. Prints
# "serve-onnx: ready http://127.0.0.1:<port>/v2/models/<name>" once /v2/health/ready answers,
# then runs until stopped (SIGINT/SIGTERM); the server and its temporary folder go with it.
# Needs .venv (scripts/python-env.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: scripts/serve-onnx.sh <model.onnx> <port> <allowed-origin> [model-name]"
model="${1:?$usage}"
port="${2:?$usage}"
origin="${3:?$usage}"
name="${4:-$(basename "$model" .onnx)}"
log() { printf 'serve-onnx: %s\n' "$*" >&2; }

[ -f "$model" ] || { log "no ONNX file at $model"; exit 2; }
[ -x "$root/.venv/bin/mlserver" ] || { log "no MLServer in $root/.venv: run scripts/python-env.sh"; exit 2; }
python="$root/.venv/bin/python"

# gRPC cannot be switched off in MLServer 1.7: it gets a free port of its own.
grpc_port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
repo="$(mktemp -d "${TMPDIR:-/tmp}/serve-onnx.XXXXXX")"
server=""
stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    # MLServer drains for a few seconds; past that it is killed.
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  rm -rf "$repo"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$repo/$name"
cp "$model" "$repo/$name/model.onnx"
cp "$root/tests/serving/onnx_runtime.py" "$repo/$name/"
"$python" - "$repo" "$name" "$port" "$grpc_port" "$origin" <<'PY'
import json, sys
repo, name, port, grpc_port, origin = sys.argv[1:]
settings = {
    "host": "127.0.0.1",
    "http_port": int(port),
    "grpc_port": int(grpc_port),
    "metrics_endpoint": None,  # no third port; nothing reads the metrics here
    "parallel_workers": 0,  # one process: starts faster, stops cleanly
    "debug": False,
    "cors_settings": {
        "allow_origins": [origin],
        "allow_methods": ["GET", "POST", "OPTIONS"],
        "allow_headers": ["Content-Type"],
    },
}
model = {
    "name": name,
    "implementation": "onnx_runtime.OnnxRuntime",
    "parameters": {"uri": "./model.onnx", "version": "1"},
}
json.dump(settings, open(f"{repo}/settings.json", "w"), indent=2)
json.dump(model, open(f"{repo}/{name}/model-settings.json", "w"), indent=2)
PY

started_ns=$(date +%s%N)
cd "$repo"
PYTHONPATH="$repo/$name${PYTHONPATH:+:$PYTHONPATH}" "$root/.venv/bin/mlserver" start "$repo" \
  >"$repo/mlserver.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 600); do
  if ! kill -0 "$server" 2>/dev/null; then
    log "MLServer stopped while starting; its log:"; cat "$repo/mlserver.log" >&2; exit 1
  fi
  if "$python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
      "$url/v2/health/ready" 2>/dev/null; then
    log "MLServer took $(( ($(date +%s%N) - started_ns) / 1000000 )) ms to start"
    echo "serve-onnx: ready $url/v2/models/$name"
    wait "$server"
    exit $?
  fi
  sleep 0.1
done
log "MLServer did not get ready in 60 s; its log:"; cat "$repo/mlserver.log" >&2
exit 1
