// Shared end-to-end harness: serves the built dist/ on 127.0.0.1 (an ephemeral port) and
// launches Debian's Chromium through playwright-core. Every page error fails the test: a
// broken module (e.g. a bad wasm-opt) shows up as one.
import { createServer } from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
export const DIST = resolve(here, "../../dist");
export const OUTPUT = resolve(here, "../output");

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

/** Serves `root` under `prefix` (e.g. "/" or "/jukebox/"); resolves to { url, close }. */
export async function serveDist(root = DIST, prefix = "/") {
  await stat(join(root, "index.html")).catch(() => {
    throw new Error(`${root}/index.html is missing: run \`make build-release\` (or \`make test\`) first`);
  });
  return serveDir(root, prefix);
}

/** The course data beside the project (`../shared/data`). */
export const SHARED_DATA = resolve(here, "../../../shared/data");

/**
 * Serves any folder under `prefix`, on another port than the app: a cross-origin server as
 * a user's data host would be. With `cors: false` it sends no CORS header (browsers then
 * refuse to let the page read its files).
 */
export async function serveDir(root, prefix = "/", { cors = true } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (cors) headers["access-control-allow-origin"] = "*";
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** A fresh page that records page errors and console errors into `errors`. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()}`);
  });
  return { context, page, errors };
}

export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  const path = join(OUTPUT, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
