#!/usr/bin/env node
// `make size`: where the bytes of each wasm module go, by crate and by function, read with
// twiggy from the module as wasm-bindgen wrote it (before wasm-opt, which strips the names),
// beside what dist/ ships (raw and gzipped). It measures and reports; it asserts nothing.
//
//   node scripts/size-report.mjs [--top N]
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const REPO = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TARGET = join(process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(REPO, "target"), "web");
const MODULES = ["jukebox-app", "jukebox-worker"];

const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const TOP = topIndex >= 0 ? Number(args[topIndex + 1]) : 20;
if (!Number.isInteger(TOP) || TOP < 1) {
  console.error("size-report: --top takes a whole number ≥ 1");
  process.exit(2);
}

/**
 * The crate an item's code comes from, read from its demangled name: the first path's first
 * segment (`<F as tachys::…>::invoke` → tachys, `jukebox_core::…` → jukebox_core). Items
 * that are not code (data segments, tables) keep their own kind.
 */
export function crateOf(name) {
  if (name.startsWith("data segment")) return "(data segments)";
  if (name.startsWith('"')) return `(${name.replaceAll('"', "")})`;
  const path = name.match(/([A-Za-z_][A-Za-z0-9_]*)::/);
  return path ? path[1] : "(other: imports, exports, tables, unnamed)";
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;

function report(name) {
  const module = join(TARGET, name, "wasm-bindgen", `${name}_bg.wasm`);
  if (!existsSync(module)) {
    console.error(`size-report: ${module} is missing: run \`make build-release\` first`);
    process.exit(1);
  }
  const items = JSON.parse(execFileSync("twiggy", ["top", "-f", "json", module], { maxBuffer: 1 << 30 }).toString());
  // Custom sections (the names twiggy reads, producers) are not shipped: wasm-opt strips them.
  const shipped = items.filter((item) => !/^".*" (subsection|section)$|^custom section/.test(item.name));
  const total = shipped.reduce((sum, item) => sum + item.shallow_size, 0);
  const crates = new Map();
  for (const item of shipped) {
    const crate = crateOf(item.name);
    crates.set(crate, (crates.get(crate) ?? 0) + item.shallow_size);
  }
  const dist = (() => {
    const file = readdirSafe(join(REPO, "dist")).find((f) => f.startsWith(`${name}`) && f.endsWith("_bg.wasm"));
    if (!file) return "not in dist/";
    const bytes = readFileSync(join(REPO, "dist", file));
    return `${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} gzipped (dist/${file})`;
  })();
  console.log(`\n## ${name}\n\nshipped: ${dist}; before wasm-opt, without names: ${total} bytes\n`);
  console.log("| crate | bytes | share |\n|---|---:|---:|");
  for (const [crate, bytes] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`| ${crate} | ${kb(bytes)} | ${pct(bytes, total)} |`);
  }
  console.log(`\n| largest items | bytes |\n|---|---:|`);
  for (const item of shipped.slice(0, TOP)) {
    const label = item.name.length > 110 ? `${item.name.slice(0, 107)}…` : item.name;
    console.log(`| \`${label.replaceAll("|", "\\|").replaceAll("`", "'")}\` | ${item.shallow_size} |`);
  }
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`# Module sizes (twiggy ${execFileSync("twiggy", ["--version"]).toString().trim().split(" ").pop()})`);
  for (const name of MODULES) report(name);
}
