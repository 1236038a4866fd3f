// Startup benchmark: for each built dist/ folder given (default: ../dist), serves it on
// 127.0.0.1, opens it in headless Chromium a few times and reports the median time to the
// first contentful paint, to the mounted shell, and to the demo dataset being ready, plus the
// bytes of wasm transferred. Compare builds in one run:
//   node bench/startup.mjs ../dist /tmp/dist-o3
// It measures and reports; it asserts nothing.
import { launch, openPage, serveDist, DIST } from "../e2e/harness.mjs";
import { resolve } from "node:path";

const RUNS = Number(process.env.RUNS ?? 3);
const roots = process.argv.slice(2).map((p) => resolve(p));
if (roots.length === 0) roots.push(DIST);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(browser, url) {
  const { context, page } = await openPage(browser);
  let wasmBytes = 0;
  page.on("response", async (response) => {
    if (response.url().endsWith(".wasm")) wasmBytes += (await response.body()).length;
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
  const source = page.locator('[data-testid="cell"]').first();
  await page.locator('[data-testid="cell"][data-state="done"]').first().waitFor();
  const engineMs = Number(await source.locator('[data-testid="cell-status"]').getAttribute("data-elapsed-ms"));
  await context.close();
  return { fcpMs, shellMs, readyMs, engineMs, wasmBytes };
}

const browser = await launch();
try {
  for (const root of roots) {
    const server = await serveDist(root);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(browser, server.url));
    await server.close();
    const m = (key) => median(runs.map((r) => r[key]));
    console.log(
      `${root}: first paint ${m("fcpMs").toFixed(0)} ms, shell ${m("shellMs")} ms, ` +
        `demo ready ${m("readyMs")} ms (engine ${m("engineMs").toFixed(0)} ms), ` +
        `wasm ${(m("wasmBytes") / 1e6).toFixed(2)} MB — median of ${RUNS}`,
    );
  }
} finally {
  await browser.close();
}
