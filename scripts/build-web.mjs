#!/usr/bin/env node
// Builds dist/ — the app for any static host — from index.html (Node's standard library, Cargo,
// wasm-bindgen and npm binaryen's wasm-opt; nothing is downloaded):
//
//   node scripts/build-web.mjs [--public-url ./] [--out dist]
//
// index.html names what goes into dist/ with `data-build` elements, each replaced in the page:
//   <link data-build rel="rust" href="app/Cargo.toml" data-bin="B" data-type="main|worker" data-wasm-opt="z|0">
//       cargo build --release --target wasm32-unknown-unknown of binary B, then wasm-bindgen
//       (main: `--target web`, loaded by a module script file; worker: `--target no-modules`
//       under its plain name, for app/jukebox-engine.js), then wasm-opt -O<level> unless 0.
//       The binaries build side by side, each in a target directory of its own
//       ($CARGO_TARGET_DIR/web/B, or target/web/B), so Cargo's lock does not queue them.
//   <link data-build rel="css" href="F">             F as name-<hash>.css, a stylesheet link
//   <link data-build rel="icon" href="F">            F as name-<hash>.ext, the page's icon
//   <script data-build src="F"></script>             F as name-<hash>.js, a classic script
//   <link data-build rel="copy-file" href="F" [data-target-path="D"]>   F into dist/[D/]
//   <link data-build rel="copy-dir" href="D">        the folder D into dist/
//   <link data-build rel="service-worker" href="F">  dist/sw.js: the release's version (a hash
//       of all its files) and file list, then F (app/service-worker.js: offline after the
//       first visit, one release's files at a time); written last, once every file is there
// Hashed names let hosts cache those files forever; each link carries its SRI hash.
//
// The page has no inline script at all (the app's loader is a file too), and the build fails
// if its Content-Security-Policy would allow one ('unsafe-inline' or a hash in script-src).
// dist/ is replaced only once everything is built: a failed build leaves the last good one.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TARGET = "wasm32-unknown-unknown";
// npm binaryen's wasm-opt (tests/package.json pins it), never another on PATH: Debian's
// (version 108) silently breaks the module.
const WASM_OPT = join(REPO, "tests/node_modules/.bin/wasm-opt");

const fail = (message) => {
  throw new Error(message);
};

/** The commands under way: stopped when one step fails, so no build runs on unattended. */
const running = new Set();

/** Runs a command; rejects with its name and exit status (its output goes to ours). */
function run(command, args, env = {}) {
  return new Promise((ok, reject) => {
    const child = spawn(command, args, { cwd: REPO, stdio: "inherit", env: { ...process.env, ...env } });
    running.add(child);
    child.on("exit", () => running.delete(child));
    child.on("error", (error) => reject(new Error(`${basename(command)} could not start (${error.message}); run scripts/setup.sh build`)));
    child.on("exit", (code, signal) => {
      if (code === 0) ok();
      else reject(new Error(`${basename(command)} ${args.slice(0, 3).join(" ")} … failed (${signal ?? `exit status ${code}`}); its output is above`));
    });
  });
}

const sha = (algorithm, bytes) => createHash(algorithm).update(bytes).digest();
const fileHash = (bytes) => sha("sha256", bytes).toString("hex").slice(0, 16);
const integrity = (bytes) => `sha384-${sha("sha384", bytes).toString("base64")}`;
const escapeAttr = (text) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/** The attributes of one start tag, as a map (names lower-cased; a bare name maps to ""). */
function attributes(tag) {
  const attrs = new Map();
  for (const [, name, , quoted, bare] of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(\s*=\s*(?:"([^"]*)"|([^\s"'>]+)))?/g)) {
    attrs.set(name.toLowerCase(), quoted ?? bare ?? "");
  }
  return attrs;
}

/** Every `data-build` element of the page, with where it is; comments are skipped. */
function buildElements(html) {
  const found = [];
  const pattern = /<!--[\s\S]*?-->|<link\b([^>]*)\/?>|<script\b([^>]*)>\s*<\/script\s*>/gi;
  for (const match of html.matchAll(pattern)) {
    const tag = match[1] ?? match[2];
    if (tag === undefined || !/\bdata-build\b/i.test(tag)) continue;
    const attrs = attributes(tag);
    const kind = match[2] !== undefined ? "script" : attrs.get("rel");
    found.push({ start: match.index, end: match.index + match[0].length, kind, attrs, text: match[0] });
  }
  return found;
}

const required = (element, name) =>
  element.attrs.get(name) ?? fail(`index.html: ${element.text.trim()} needs a ${name} attribute`);

/** Copies a source file into `out` under a content-hashed name; resolves to { name, bytes }. */
async function hashedCopy(source, out) {
  const bytes = await readFile(join(REPO, source)).catch(() => fail(`index.html names ${source}, which does not exist`));
  const ext = extname(source);
  const name = `${basename(source, ext)}-${fileHash(bytes)}${ext}`;
  await writeFile(join(out, name), bytes);
  return { name, bytes };
}

/** Reads the unsigned LEB128 number at `at`; resolves to [value, next offset]. */
function leb128(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at];
    if (byte === undefined) fail("a wasm module ends inside a section header");
    at += 1;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
    shift += 7;
  }
}

/**
 * `bytes` without the custom sections named in `drop` ("name": the function names, 1.5 MB of
 * the worker; "producers"), every other section byte for byte. wasm-opt strips them from the
 * modules it optimises; the worker does not go through it.
 */
export function withoutCustomSections(bytes, drop) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) fail("not a wasm module (no \\0asm header)");
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at];
    const [size, payload] = leb128(bytes, at + 1);
    const end = payload + size;
    if (end > bytes.length) fail("a wasm section runs past the end of the module");
    let name = null;
    if (id === 0) {
      const [length, text] = leb128(bytes, payload);
      name = bytes.subarray(text, text + length).toString("utf8");
    }
    if (!drop.includes(name)) kept.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(kept);
}

/** Builds one Rust binary for the browser; resolves to the files it put into `out`. */
async function buildRust(element, out, targetRoot, publicUrl) {
  const manifest = required(element, "href");
  const bin = required(element, "data-bin");
  const type = element.attrs.get("data-type") ?? "main";
  if (type !== "main" && type !== "worker") fail(`index.html: data-type of ${bin} is "${type}"; use "main" or "worker"`);
  const opt = element.attrs.get("data-wasm-opt") ?? "0";
  if (!/^(0|1|2|3|4|s|z)$/.test(opt)) fail(`index.html: data-wasm-opt of ${bin} is "${opt}"; use 0 (none), 1–4, s or z`);
  const targetDir = join(targetRoot, bin);
  const started = Date.now();
  await run("cargo", ["build", "--release", "--locked", "--target", TARGET, "--manifest-path", manifest, "--bin", bin], {
    CARGO_TARGET_DIR: targetDir,
  });
  const bindgen = join(targetDir, "wasm-bindgen");
  await rm(bindgen, { recursive: true, force: true });
  const target = type === "main" ? "web" : "no-modules";
  await run("wasm-bindgen", [`--target=${target}`, `--out-dir=${bindgen}`, `--out-name=${bin}`, "--no-typescript", join(targetDir, TARGET, "release", `${bin}.wasm`)]);
  let wasm = join(bindgen, `${bin}_bg.wasm`);
  if (opt !== "0") {
    const optimised = join(bindgen, `${bin}_opt.wasm`);
    await run(WASM_OPT, [`-O${opt}`, `--output=${optimised}`, wasm]);
    wasm = optimised;
  }
  const js = await readFile(join(bindgen, `${bin}.js`));
  // wasm-opt has stripped names and producers; without it, they go here (twiggy's `make size`
  // still reads the names from wasm-bindgen's output).
  const wasmBytes = opt === "0" ? withoutCustomSections(await readFile(wasm), ["name", "producers"]) : await readFile(wasm);
  // The worker keeps its plain name (app/jukebox-engine.js loads it by that name).
  const base = type === "main" ? `${bin}-${fileHash(Buffer.concat([js, wasmBytes]))}` : bin;
  await writeFile(join(out, `${base}.js`), js);
  await writeFile(join(out, `${base}_bg.wasm`), wasmBytes);
  console.log(`build-web: ${bin} built in ${Math.round((Date.now() - started) / 1000)} s (${wasmBytes.length} bytes of wasm)`);
  if (type === "worker") return "";
  // The loader is a module script file, so the page needs no inline script.
  const loader = Buffer.from(
    `// Starts the app (written by scripts/build-web.mjs).\n` +
      `import init from "./${base}.js";\n` +
      `await init({ module_or_path: new URL("./${base}_bg.wasm", import.meta.url) });\n`,
  );
  const loaderName = `start-${fileHash(loader)}.js`;
  await writeFile(join(out, loaderName), loader);
  return (
    `<script type="module" src="${publicUrl}${loaderName}" integrity="${integrity(loader)}"></script>\n` +
    `    <link rel="modulepreload" href="${publicUrl}${base}.js" crossorigin="anonymous" integrity="${integrity(js)}" />\n` +
    `    <link rel="preload" href="${publicUrl}${base}_bg.wasm" crossorigin="anonymous" integrity="${integrity(wasmBytes)}" as="fetch" type="application/wasm" />`
  );
}

/** What replaces one non-Rust element in the page (and the files it copies into `out`). */
async function buildAsset(element, out, publicUrl) {
  switch (element.kind) {
    case "css": {
      const { name, bytes } = await hashedCopy(required(element, "href"), out);
      return `<link rel="stylesheet" href="${publicUrl}${name}" integrity="${integrity(bytes)}" />`;
    }
    case "icon": {
      const { name, bytes } = await hashedCopy(required(element, "href"), out);
      return `<link rel="icon" href="${publicUrl}${name}" integrity="${integrity(bytes)}" />`;
    }
    case "script": {
      const { name, bytes } = await hashedCopy(required(element, "src"), out);
      return `<script src="${publicUrl}${name}" integrity="${integrity(bytes)}"></script>`;
    }
    case "copy-file": {
      const source = required(element, "href");
      const into = join(out, element.attrs.get("data-target-path") ?? "");
      await mkdir(into, { recursive: true });
      await cp(join(REPO, source), join(into, basename(source))).catch(() =>
        fail(`index.html names ${source}, which does not exist${source.includes("node_modules") ? " (run scripts/setup.sh build)" : ""}`),
      );
      return "";
    }
    case "copy-dir": {
      const source = required(element, "href");
      await cp(join(REPO, source), join(out, basename(source)), { recursive: true }).catch(() => fail(`index.html names the folder ${source}, which does not exist`));
      return "";
    }
    case "service-worker":
      return ""; // written by writeServiceWorker once the release is complete
    default:
      return fail(`index.html: ${element.text.trim()}: unknown rel "${element.kind}" (rust, css, icon, copy-file, copy-dir, service-worker)`);
  }
}

/** Every file under `dir`, as sorted paths relative to it ("index.html", "public/robots.txt"). */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1))
    .sort();
}

/**
 * dist/sw.js: `self.JUKEBOX_RELEASE = { version, files }`, then the service worker's own code.
 * The version hashes every file's path and bytes, so any change to the release changes sw.js
 * (which is how browsers notice a new release).
 */
async function writeServiceWorker(element, out) {
  const source = required(element, "href");
  const code = await readFile(join(REPO, source), "utf8").catch(() => fail(`index.html names ${source}, which does not exist`));
  const files = (await filesUnder(out)).filter((path) => path !== "sw.js");
  const digest = createHash("sha256");
  for (const path of files) digest.update(`${path}\0`).update(sha("sha256", await readFile(join(out, path))));
  const release = { version: digest.digest("hex").slice(0, 16), files };
  await writeFile(join(out, "sw.js"), `self.JUKEBOX_RELEASE = ${JSON.stringify(release)};\n${code}`);
  console.log(`build-web: sw.js for release ${release.version} (${files.length} files)`);
}

/** Checks the built page: one CSP, first in <head>, and not one inline script or handler. */
export function checkPage(html, where = "index.html") {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  if (metas.length !== 1) fail(`${where}: expected one <meta http-equiv="Content-Security-Policy">, found ${metas.length}`);
  const scriptSrc = metas[0][1].split(";").map((d) => d.trim().split(/\s+/)).find((d) => d[0] === "script-src");
  if (!scriptSrc) fail(`${where}: the policy has no script-src`);
  const loose = scriptSrc.filter((s) => s === "'unsafe-inline'" || s.startsWith("'sha") || s.startsWith("'nonce-"));
  if (loose.length) fail(`${where}: script-src allows inline scripts (${loose.join(" ")}); the page's scripts are files`);
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const [, attrs] of withoutComments.matchAll(/<script\b([^>]*)>/gi)) {
    if (!/\bsrc\s*=/i.test(attrs)) fail(`${where}: an inline <script${attrs}>; move it into a file (as app/boot.js)`);
  }
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(withoutComments)) fail(`${where}: an inline event handler attribute (on…=)`);
  if (metas[0].index > html.indexOf("<script")) fail(`${where}: the policy must come before every script`);
}

/**
 * The [build] section of Trunk.toml: `key = "string"` lines (the only form it uses), with
 * comments and other sections skipped.
 */
export function buildSettings(toml) {
  const settings = {};
  let section = null;
  for (const raw of toml.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const header = line.match(/^\[([^\]]+)\]$/);
    if (header) section = header[1].trim();
    else if (section === "build") {
      const pair = line.match(/^([A-Za-z_-]+)\s*=\s*"([^"]*)"$/);
      if (!pair) fail(`Trunk.toml [build]: cannot read \`${line}\` (write key = "value")`);
      settings[pair[1]] = pair[2];
    }
  }
  return settings;
}

async function main(args) {
  const settings = buildSettings(await readFile(join(REPO, "Trunk.toml"), "utf8").catch(() => ""));
  let publicUrl = settings.public_url ?? "./";
  let outDir = settings.dist ?? "dist";
  const source = settings.target ?? "index.html";
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === "--public-url") publicUrl = args[++i] ?? fail("--public-url needs a value (./ or /jukebox/)");
    else if (args[i] === "--out") outDir = args[++i] ?? fail("--out needs a folder");
    else fail(`unknown argument ${args[i]} (options: --public-url URL, --out DIR)`);
  }
  if (!publicUrl.endsWith("/")) publicUrl += "/";
  publicUrl = escapeAttr(publicUrl);
  const started = Date.now();
  const out = resolve(REPO, outDir);
  const staging = `${out}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const targetRoot = join(process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(REPO, "target"), "web");

  const html = await readFile(join(REPO, source), "utf8").catch(() => fail(`${source} (Trunk.toml's build target) does not exist`));
  const elements = buildElements(html);
  if (!elements.some((e) => e.kind === "rust")) fail("index.html has no <link data-build rel=\"rust\">");
  // The Rust binaries side by side (each in its own target directory), the rest meanwhile.
  const replacements = await Promise.all(
    elements.map((e) => (e.kind === "rust" ? buildRust(e, staging, targetRoot, publicUrl) : buildAsset(e, staging, publicUrl))),
  );
  let page = "";
  let at = 0;
  elements.forEach((element, i) => {
    page += html.slice(at, element.start) + replacements[i];
    at = element.end;
  });
  page += html.slice(at);
  checkPage(page);
  await writeFile(join(staging, "index.html"), page);
  const serviceWorkers = elements.filter((e) => e.kind === "service-worker");
  if (serviceWorkers.length > 1) fail("index.html names more than one service worker");
  if (serviceWorkers.length === 1) await writeServiceWorker(serviceWorkers[0], staging);

  const old = `${out}.old`;
  await rm(old, { recursive: true, force: true });
  await rename(out, old).catch((error) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, out);
  await rm(old, { recursive: true, force: true });
  console.log(`build-web: ${outDir}/ built in ${Math.round((Date.now() - started) / 1000)} s (public URL ${publicUrl})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`build-web: ${error.message}`);
    for (const child of running) child.kill("SIGTERM");
    process.exit(1);
  });
}
