#!/usr/bin/env bash
# Starts a real MLflow server (from .venv, SQLite + local artifact store in a temp dir) and
# Prism mocking the Kubeflow Model Registry from ../shared/specs, both on 127.0.0.1 at free
# ports, runs the given command with JUKEBOX_MLFLOW_URL / JUKEBOX_KUBEFLOW_URL set, and stops
# both servers when it ends, on failure too. Prism runs without `--errors`: with it, Prism
# answers 500 to valid requests because its own example responses break the spec; request
# violations are answered 4xx with an `sl-violations` header either way.
# Usage: scripts/registry-servers.sh cargo test --workspace --exclude jukebox-app --exclude jukebox-worker --test registry_live -- --ignored
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
spec="$root/../shared/specs/kubeflow-model-registry-v1alpha3.yaml"
[[ -f $spec ]] || spec=/work/shared/specs/kubeflow-model-registry-v1alpha3.yaml
[[ -x .venv/bin/mlflow ]] || bash scripts/python-env.sh
[[ -x tests/node_modules/.bin/prism ]] || (cd tests && npm ci)

tmp=$(mktemp -d)
pids=()
# Each server runs in its own session (setsid), so its whole process group — MLflow's
# uvicorn and job workers too — is stopped by the group id.
stop() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 143' TERM INT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits up to 90 s for `url` to answer; prints how long it took.
wait_for() {
  local name=$1 url=$2 log=$3 start=$SECONDS
  until curl -s -o /dev/null "$url"; do
    if (( SECONDS - start > 90 )); then
      echo "$name did not answer $url within 90 s; its log:" >&2
      tail -40 "$log" >&2
      exit 1
    fi
    sleep 0.25
  done
  echo "$name answered after $(( SECONDS - start )) s at $url"
}

mlflow_port=$(free_port)
setsid .venv/bin/mlflow server --backend-store-uri "sqlite:///$tmp/mlflow.db" \
  --artifacts-destination "$tmp/artifacts" --host 127.0.0.1 --port "$mlflow_port" \
  --workers 1 >"$tmp/mlflow.log" 2>&1 &
pids+=($!)
prism_port=$(free_port)
setsid tests/node_modules/.bin/prism mock -h 127.0.0.1 -p "$prism_port" "$spec" >"$tmp/prism.log" 2>&1 &
pids+=($!)

wait_for "MLflow" "http://127.0.0.1:$mlflow_port/health" "$tmp/mlflow.log"
wait_for "Prism" "http://127.0.0.1:$prism_port/" "$tmp/prism.log"

export JUKEBOX_MLFLOW_URL="http://127.0.0.1:$mlflow_port"
export JUKEBOX_KUBEFLOW_URL="http://127.0.0.1:$prism_port/"
# In the background and waited for, so a TERM or Ctrl-C runs the cleanup at once.
"$@" &
wait $!
