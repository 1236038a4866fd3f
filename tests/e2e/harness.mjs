// Shared end-to-end harness: serves the built dist/ on 127.0.0.1 (an ephemeral port) and
// launches Debian's Chromium through playwright-core. Every page error fails the test: a
// broken module (e.g. a bad wasm-opt) shows up as one.
import { stat, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveDir } from "../../scripts/serve.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
export const DIST = resolve(here, "../../dist");
export const OUTPUT = resolve(here, "../output");

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
 * refuse to let the page read its files). The same server as `make run`'s.
 */
export { serveDir };

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

/**
 * Opens the notebook at `notebookUrl` (`?notebook=`) and, as its reader, lets its cells that
 * contact a host run ("Run them" on the consent notice; that re-runs them and every cell
 * after them), then waits until cells `firstIds` (its source cells) are done: the
 * benchmarks' notebooks load the course files from a local server.
 */
export async function openTrustedNotebook(page, appUrl, notebookUrl, firstIds) {
  await page.goto(`${appUrl}?notebook=${encodeURIComponent(notebookUrl)}`);
  await page.locator('[data-testid="consent-run"]').click({ timeout: 120_000 });
  for (const id of firstIds) {
    const cell = page.locator(`[data-testid="cell"][data-cell-id="${id}"]`);
    await page.locator(`[data-testid="cell"][data-cell-id="${id}"]:is([data-state="done"], [data-state="failed"])`)
      .waitFor({ timeout: 600_000 });
    if ((await cell.getAttribute("data-state")) !== "done") {
      const error = await cell.locator('[data-testid="cell-error"]').textContent().catch(() => "");
      throw new Error(`cell ${id} of ${notebookUrl} failed: ${error}`);
    }
  }
}
