#!/usr/bin/env bash
# Installs what building and testing Jukebox needs, from registries only (crates.io, npm,
# Debian), and skips whatever is already there: a warm run takes a few seconds.
#   scripts/setup.sh          everything (build, serve and test)
#   scripts/setup.sh build    only what `make run` / `make dist` need
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
started=$(date +%s)
log() { printf '[setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export PATH="$HOME/.cargo/bin:$PATH"

# Debian packages: clang builds Parquet's C codecs for wasm32; Chromium runs the browser tests.
apt_missing=()
command -v clang >/dev/null || apt_missing+=(clang)
if [ "$mode" != build ]; then
  [ -x /usr/bin/chromium ] || apt_missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || apt_missing+=(chromium-driver)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${apt_missing[*]}"
  sudo_if_needed apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${apt_missing[@]}"
fi
command -v node >/dev/null || { log "Node.js and npm are needed (Debian: apt-get install nodejs npm)"; exit 1; }

# Rust: the toolchain file names the target and components; make sure they are present.
rustup show active-toolchain >/dev/null
installed_targets=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed_targets" || rustup target add wasm32-unknown-unknown
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# wasm-bindgen-cli (scripts/rust-tools.sh). Measured cold (2026-12-07): installing the tools
# in the background beside the native tests, with the release build started behind them,
# made `make test` 4,386 s instead of 3,621 s — three builds at once on two cores run slower
# than the same builds in turn — so they install here, first.
scripts/rust-tools.sh

# npm: playwright-core for the end-to-end tests, Prism (the spec-validating mock of the
# Kubeflow Model Registry they push to), binaryen's wasm-opt (version 132) for
# scripts/build-web.mjs, world-atlas's map outlines (copied into dist/ by it). Debian's binaryen (108)
# silently breaks the module, so ours goes first on PATH.
if [ ! -x tests/node_modules/.bin/wasm-opt ] || [ ! -f tests/node_modules/world-atlas/countries-110m.json ] \
  || [ ! -x tests/node_modules/.bin/prism ] \
  || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  log "installing npm packages in tests/"
  (cd tests && npm ci --no-audit --no-fund)
fi
# The tests' Python environments download and unpack (network and disk) while the Rust
# builds compile (CPU): started here, awaited by the steps that use them (each script holds
# a lock while it installs, and a failed install is retried there, with its error shown).
if [ "$mode" != build ]; then
  mkdir -p target
  nohup scripts/python-env.sh </dev/null >target/python-env.log 2>&1 &
  nohup scripts/pipeline-env.sh </dev/null >target/pipeline-env.log 2>&1 &
fi
log "ready in $(( $(date +%s) - started )) s ($(tests/node_modules/.bin/wasm-opt --version))"
