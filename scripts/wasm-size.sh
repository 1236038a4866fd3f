#!/usr/bin/env bash
# Reports the size of each .wasm in dist/, raw and gzipped (what a static host sends).
set -euo pipefail
cd "$(dirname "$0")/.."
for wasm in dist/*.wasm; do
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  printf '%-40s %9s bytes raw  %9s bytes gzipped\n' "$(basename "$wasm")" "$raw" "$gz"
done
