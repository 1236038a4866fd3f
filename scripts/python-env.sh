#!/usr/bin/env bash
# Creates .venv (gitignored) with the real servers and runtimes the tests talk to, from PyPI:
# MLflow (tracking server and model registry), MLServer (Open Inference Protocol server),
# onnxruntime and onnx (read back every exported model.onnx). Installs only what is missing:
# a warm run takes about a second.
#   scripts/python-env.sh        then: .venv/bin/python …, .venv/bin/mlflow server …
set -euo pipefail
cd "$(dirname "$0")/.."
# One install at a time (scripts/setup.sh starts one in the background; the tests' steps
# call this again and wait here until it is done).
exec 9>".venv.lock"
flock 9

# Seen installing together on this machine kind (2026-11-28) in about a minute.
pins=(
  "mlflow==3.17.2"
  "mlserver==1.7.1"
  "onnxruntime==1.32.0"
  "onnx==1.23.2"
)
log() { printf '[python-env] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  log "installing python3-venv (Debian)"
  sudo_if_needed apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
fi
[ -x .venv/bin/python ] || { log "creating .venv"; python3 -m venv .venv; }

installed() {
  .venv/bin/python - "$@" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if all(version(n) == v for n, v in (a.split("==") for a in sys.argv[1:])) else 1)
PY
}
if installed "${pins[@]}"; then
  log "${pins[*]} already there"
else
  log "installing ${pins[*]} from PyPI (about a minute)"
  .venv/bin/python -m pip install -q --disable-pip-version-check "${pins[@]}"
fi
