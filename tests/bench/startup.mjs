// Startup benchmark: for each built dist/ folder given (default: ../dist), serves it on
// 127.0.0.1, opens it in headless Chromium a few times and reports the median time to the
// first contentful paint, to the mounted shell, and to the demo dataset being ready, plus the
// bytes of wasm loaded (and how many came from the network), on a first visit and on a
// second one served by the service worker. Compare builds in one run:
//   node bench/startup.mjs ../dist /tmp/dist-o3
// It measures and reports; it asserts nothing.
import { launch, openPage, serveDist, DIST } from "../e2e/harness.mjs";
import { resolve } from "node:path";

const RUNS = Number(process.env.RUNS ?? 3);
const roots = process.argv.slice(2).map((p) => resolve(p));
if (roots.length === 0) roots.push(DIST);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One visit of `url` in a new page of `context`: its startup times and wasm bytes. */
async function visit(context, url) {
  const page = await context.newPage();
  let wasmBytes = 0;
  let wasmFromNetwork = 0;
  page.on("response", async (response) => {
    if (!response.url().endsWith(".wasm")) return;
    // Its declared length (the body may be gone from the inspector's cache by the time a
    // large module is read; scripts/serve.mjs always sends Content-Length).
    const bytes = Number(await response.headerValue("content-length"));
    wasmBytes += bytes;
    if (!response.fromServiceWorker()) wasmFromNetwork += bytes;
  });
  const started = Date.now();
  await page.goto(url);
  await page.locator('[data-testid="shell-header"]').waitFor();
  const shellMs = Date.now() - started;
  await page.locator('[data-testid="dataset-status"][data-state="ready"]').waitFor({ timeout: 180_000 });
  const readyMs = Date.now() - started;
  const fcpMs = await page.evaluate(
    () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
  );
  // The demo's data source cell: the engine's own time to generate the demo tables.
  const source = page.locator('[data-testid="cell"][data-kind^="data-source"]').first();
  await page.locator('[data-testid="cell"][data-kind^="data-source"][data-state="done"]').first().waitFor();
  const engineMs = Number(await source.locator('[data-testid="cell-status"]').getAttribute("data-elapsed-ms"));
  return { page, fcpMs, shellMs, readyMs, engineMs, wasmBytes, wasmFromNetwork };
}

/**
 * A first visit in a fresh browser profile, then a second one in a new tab once the service
 * worker has the release (dist/sw.js): served from its cache, nothing from the network.
 */
async function once(browser, url) {
  const { context, page: blank } = await openPage(browser);
  await blank.close();
  const first = await visit(context, url);
  // A build without a service worker (an older dist/ compared in the same run) has none to wait for.
  await first.page.evaluate(() =>
    Promise.race([navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 10_000))]),
  );
  await first.page.close();
  const second = await visit(context, url);
  await context.close();
  return { first, second };
}

const browser = await launch();
try {
  for (const root of roots) {
    const server = await serveDist(root);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(browser, server.url));
    await server.close();
    for (const visitName of ["first", "second"]) {
      const m = (key) => median(runs.map((r) => r[visitName][key]));
      console.log(
        `${root} (${visitName} visit): first paint ${m("fcpMs").toFixed(0)} ms, shell ${m("shellMs")} ms, ` +
          `demo ready ${m("readyMs")} ms (engine ${m("engineMs").toFixed(0)} ms), ` +
          `wasm ${(m("wasmBytes") / 1e6).toFixed(2)} MB, ${(m("wasmFromNetwork") / 1e6).toFixed(2)} MB of it from the network — median of ${RUNS}`,
      );
    }
  }
} finally {
  await browser.close();
}
