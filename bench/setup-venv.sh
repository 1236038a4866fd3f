#!/usr/bin/env bash
# Creates bench/.venv (gitignored) with the pinned pandas and scikit-learn the benchmarks and the reference
# script compare against, and what the monitoring benchmark's peer needs (scipy, Evidently, threadpoolctl,
# onnx to read the browser's exported model). Installs from PyPI only what is missing: a warm run takes a second.
#   bench/setup-venv.sh        then: bench/.venv/bin/python bench/pandas_pipeline.py
#   bench/setup-venv.sh keras  also TensorFlow (CPU) and Keras, for `make bench-cli`'s peer
set -euo pipefail
cd "$(dirname "$0")"

# pandas 2.x on purpose: the course's notebooks ran on it (text columns are `object`, not
# pandas 3's `str`). Change the pins together and regenerate the reference fixtures.
PANDAS_VERSION=2.3.3
NUMPY_VERSION=2.2.6
PYARROW_VERSION=21.0.0
SKLEARN_VERSION=1.7.2
# The monitoring peer (bench/monitor_peer.py): scipy and Evidently as core/src/monitor/drift
# follows them (scripts/drift_reference.py), onnx as scripts/python-env.sh pins it.
SCIPY_VERSION=1.17.1
EVIDENTLY_VERSION=0.7.23
THREADPOOLCTL_VERSION=3.8.0
ONNX_VERSION=1.23.2
# bench-cli's peer: the course trains its network with Keras on TensorFlow.
TENSORFLOW_VERSION=2.21.0
KERAS_VERSION=3.15.0
log() { printf '[setup-venv] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian splits venv (and its ensurepip) into python3-venv; install it only when absent.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  log "installing python3-venv (Debian)"
  sudo_if_needed apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
fi
[ -x .venv/bin/python ] || { log "creating bench/.venv"; python3 -m venv .venv; }

installed() {
  .venv/bin/python - "$@" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if all(version(n) == v for n, v in (a.split("==") for a in sys.argv[1:])) else 1)
PY
}
pins=("pandas==$PANDAS_VERSION" "numpy==$NUMPY_VERSION" "pyarrow==$PYARROW_VERSION" "scikit-learn==$SKLEARN_VERSION"
  "scipy==$SCIPY_VERSION" "evidently==$EVIDENTLY_VERSION" "threadpoolctl==$THREADPOOLCTL_VERSION" "onnx==$ONNX_VERSION")
if installed "${pins[@]}"; then
  log "${pins[*]} already there"
else
  log "installing ${pins[*]} from PyPI"
  .venv/bin/python -m pip install -q --disable-pip-version-check "${pins[@]}"
fi

# The course's own network in Keras (bench/cli_peer.py): large, so only when asked for.
if [ "${1:-}" = keras ]; then
  keras_pins=("tensorflow-cpu==$TENSORFLOW_VERSION" "keras==$KERAS_VERSION")
  if installed "${keras_pins[@]}"; then
    log "${keras_pins[*]} already there"
  else
    log "installing ${keras_pins[*]} from PyPI (about 600 MB)"
    .venv/bin/python -m pip install -q --disable-pip-version-check "${keras_pins[@]}" "${pins[@]}"
  fi
fi
