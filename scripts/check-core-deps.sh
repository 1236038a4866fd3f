#!/usr/bin/env bash
# The crates' boundaries, checked with `cargo tree`:
# - the core is pure Rust: no web crate may enter its dependency tree (on the host target,
#   where it is tested). Only `app -> core`, `worker -> core` (and later `cli -> core`) exist;
# - the UI compiles no dataframe or model engine: the app takes the core without its `engine`
#   feature (polars), so it is not built for it (only the worker and the CLI need it).
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
ui=$(cargo tree -p jukebox-app -e normal,build --target wasm32-unknown-unknown --prefix none)
if bad=$(grep -E '^(polars[a-z-]*|smartcore|arrow[a-z-]*) ' <<<"$ui"); then
  echo "jukebox-app must not compile the dataframe engine (take jukebox-core without its" >&2
  echo "\`engine\` feature), but its tree has:" >&2
  sort -u <<<"$bad" >&2
  exit 1
fi
echo "jukebox-app: no polars or smartcore in its dependency tree ($(sort -u <<<"$ui" | wc -l) crates)"
