#!/usr/bin/env node
// Serves a built dist/ over plain HTTP (Node's standard library only): `make run` uses it, and
// the end-to-end tests import `serveDir` from here (tests/e2e/harness.mjs).
//
//   node scripts/serve.mjs [--address 127.0.0.1] [--port 8080] [--watch] [DIR]   default DIR: dist
//
// --watch rebuilds (scripts/build-web.mjs) when a source of the build changes; reload the tab
// once it says "rebuilt". A file outside DIR is never served (".." is refused).
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` under `prefix` (e.g. "/" or "/jukebox/") on `address:port` (port 0: any free
 * one); resolves to { url, close }. With `cors: false` it sends no CORS header (browsers then
 * refuse to let another origin's page read its files).
 */
export async function serveDir(root, prefix = "/", { cors = true, address = "127.0.0.1", port = 0 } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(`${base}/`)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": body.length };
      if (cors) headers["access-control-allow-origin"] = "*";
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, address, ok);
  });
  const { port: bound } = server.address();
  // close() also drops idle keep-alive connections (a browser holds them open for a while).
  const close = () =>
    new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    });
  return { url: `http://${address}:${bound}${prefix}`, close };
}

/** What a change to which triggers a rebuild: the sources of dist/, not tests or docs. */
const WATCHED = ["index.html", "Cargo.toml", "Cargo.lock", "app", "core", "plot", "worker", "style", "public"];
const IGNORED = /(^|\/)(tests|examples|target)(\/|$)|~$|\.swp$/;

function watchAndRebuild(repo) {
  let timer = null;
  let building = false;
  let again = false;
  const rebuild = () => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    console.log("serve: a source changed, rebuilding…");
    const build = spawn(process.execPath, [join(repo, "scripts/build-web.mjs")], { cwd: repo, stdio: "inherit" });
    build.on("exit", (code) => {
      building = false;
      console.log(code === 0 ? "serve: rebuilt; reload the tab (an open tab offers \"A new version is ready — Reload\")" : "serve: the build failed (above); still serving the last good build");
      if (again) {
        again = false;
        rebuild();
      }
    });
  };
  for (const entry of WATCHED) {
    watch(join(repo, entry), { recursive: true }, (_event, name) => {
      if (name && IGNORED.test(`${entry}/${name}`)) return;
      clearTimeout(timer);
      timer = setTimeout(rebuild, 300);
    });
  }
}

async function main(args) {
  const options = { address: "127.0.0.1", port: 8080, watch: false, dir: "dist" };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === "--address") options.address = args[++i];
    else if (arg === "--port") options.port = Number(args[++i]);
    else if (arg === "--watch") options.watch = true;
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg} (options: --address A, --port P, --watch)`);
    else options.dir = arg;
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error("--port takes a number from 0 to 65535");
  }
  await stat(join(options.dir, "index.html")).catch(() => {
    throw new Error(`${options.dir}/index.html is missing: build it first (make dist)`);
  });
  const repo = resolve(fileURLToPath(new URL("..", import.meta.url)));
  // The page's own files only: no CORS header, as a static host would serve them.
  const { url } = await serveDir(options.dir, "/", { cors: false, address: options.address, port: options.port });
  console.log(`serve: Jukebox at ${url} (Ctrl+C stops)`);
  if (options.watch) watchAndRebuild(repo);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    if (error.code === "EADDRINUSE") {
      console.error(`serve: ${error.address}:${error.port} is in use (another \`make run\`?): stop it, or choose another port (make run PORT=8081)`);
      process.exit(2);
    }
    console.error(`serve: ${error.message}`);
    process.exit(1);
  });
}
