#!/usr/bin/env bash
# Installs what building and testing Jukebox needs, from registries only (crates.io, npm,
# Debian), and skips whatever is already there: a warm run takes a few seconds.
#   scripts/setup.sh          everything (build, serve and test)
#   scripts/setup.sh build    only what `make run` / `make dist` need
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
mode=${1:-all}
started=$(date +%s)
log() { printf '[setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export PATH="$HOME/.cargo/bin:$PATH"

# Debian packages: clang builds Parquet's C codecs for wasm32; Chromium runs the browser tests.
apt_missing=()
command -v clang >/dev/null || apt_missing+=(clang)
if [ "$mode" = all ]; then
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

# Both tools only drive other programs (cargo, wasm-bindgen's transforms, wasm-opt) on a few
# files per build, so they are compiled for a short compile, not for speed: opt-level 1, no
# LTO, many codegen units, no debug info (config beats their manifests' release profiles).
# The two compile side by side: each one's serial tail (its largest crates, the link) overlaps
# the other's parallel part on a 2-core machine.
quick_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true cargo install --quiet "$@"
}
tool_logs=$(mktemp -d)
installs=()
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (a few minutes the first time)"
  quick_install trunk --version "$TRUNK_VERSION" --locked --force >"$tool_logs/trunk" 2>&1 &
  installs+=("$!:trunk")
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a crate version the registry here does not serve.
  quick_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >"$tool_logs/wasm-bindgen" 2>&1 &
  installs+=("$!:wasm-bindgen")
fi
failed=0
for install in "${installs[@]}"; do
  if ! wait "${install%%:*}"; then
    log "installing ${install#*:} failed:"; cat "$tool_logs/${install#*:}" >&2; failed=1
  fi
done
rm -rf "$tool_logs"
[ "$failed" -eq 0 ] || exit 1

# npm: playwright-core for the end-to-end tests, Prism (the spec-validating mock of the
# Kubeflow Model Registry they push to), binaryen's wasm-opt (version 132) for
# Trunk, world-atlas's map outlines (copied into dist/ by Trunk). Debian's binaryen (108)
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
if [ "$mode" = all ]; then
  mkdir -p target
  nohup scripts/python-env.sh </dev/null >target/python-env.log 2>&1 &
  nohup scripts/pipeline-env.sh </dev/null >target/pipeline-env.log 2>&1 &
fi
log "ready in $(( $(date +%s) - started )) s (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, $(tests/node_modules/.bin/wasm-opt --version))"
