#!/usr/bin/env bash
# Installs the Rust tool the browser build and its tests drive, from crates.io, and skips it
# when the right version is there (a warm run takes well under a second):
#   wasm-bindgen-cli  wasm-bindgen makes the modules' JS bindings (scripts/build-web.mjs: `make
#                     run`, `make dist`, the release build of `make test`); its
#                     wasm-bindgen-test-runner runs the browser tests (`make test-wasm`)
# `scripts/setup.sh` runs it; the steps that need a tool call it again (a lock makes a second
# caller wait for an install under way; a failed install is retried with its error shown).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
exec 9>target/rust-tools.lock
flock 9

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
log() { printf '[rust-tools] %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# It only transforms a few files per build, so it is compiled for a short compile, not for
# speed: opt-level 1, no LTO, many codegen units, no debug info (config beats its manifest's
# release profile), in a temporary target directory (not CARGO_TARGET_DIR, which `.ci/run`
# exports and `cargo install` would otherwise share). (Trunk was the other tool until
# 2026-12-07: ≈ 12 CPU-minutes of a cold run; scripts/build-web.mjs does its job.)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
quick_install() {
  local name=$1; shift
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true \
    cargo install --quiet --target-dir "$scratch/$name" "$@" >"$scratch/$name.log" 2>&1
}
started=$(date +%s)
installs=()
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a crate version the registry here does not serve.
  quick_install wasm-bindgen wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force &
  installs+=("$!:wasm-bindgen")
fi
failed=0
for install in "${installs[@]}"; do
  if ! wait "${install%%:*}"; then
    log "installing ${install#*:} failed:"; cat "$scratch/${install#*:}.log" >&2; failed=1
  fi
done
[ "$failed" -eq 0 ] || { log "see the error above; run scripts/rust-tools.sh again to retry"; exit 1; }
if [ ${#installs[@]} -gt 0 ]; then
  log "installed in $(( $(date +%s) - started )) s"
fi
log "$(wasm-bindgen --version)"
