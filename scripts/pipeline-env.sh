#!/usr/bin/env bash
# Creates .venv-kfp (gitignored) with the Kubeflow Pipelines SDK from PyPI, apart from .venv
# (its protobuf and Kubernetes client pins are its own). Installs only what is missing.
#   scripts/pipeline-env.sh      then: .venv-kfp/bin/python pipelines/…
set -euo pipefail
cd "$(dirname "$0")/.."
# One install at a time (scripts/setup.sh starts one in the background; the tests' steps
# call this again and wait here until it is done).
exec 9>".venv-kfp.lock"
flock 9
pin="kfp==2.17.3"
log() { printf '[pipeline-env] %s\n' "$*"; }
[ -x .venv-kfp/bin/python ] || { log "creating .venv-kfp"; python3 -m venv .venv-kfp; }
if .venv-kfp/bin/python -c 'from importlib.metadata import version; import sys; sys.exit(version("kfp") != "2.17.3")' 2>/dev/null; then
  log "$pin already there"
else
  log "installing $pin from PyPI (about a minute)"
  .venv-kfp/bin/python -m pip install -q --disable-pip-version-check "$pin"
fi
