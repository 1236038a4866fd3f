#!/usr/bin/env bash
# The core is pure Rust: no web crate may enter its dependency tree (on the host target, where
# it is tested). Only `app -> core` (and later `cli -> core`) dependencies exist.
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
tree=$(cargo tree -p jukebox-core -e normal,build --target "$host" --prefix none)
if bad=$(grep -E '^(web-sys|js-sys|wasm-bindgen|leptos|gloo[a-z-]*|idb) ' <<<"$tree"); then
  echo "jukebox-core must not depend on web crates, but its tree has:" >&2
  sort -u <<<"$bad" >&2
  exit 1
fi
echo "jukebox-core: no web crates in its dependency tree ($(sort -u <<<"$tree" | wc -l) crates)"
