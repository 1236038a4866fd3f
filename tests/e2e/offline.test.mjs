// Offline after the first visit, and one release at a time (dist/sw.js, app/service-worker.js,
// the registration and the update offer in app/boot.js). Each test serves its own copy of
// dist/ so that it can stop the server or put a new release in place.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, launch, openPage, serveDir } from "./harness.mjs";
import { CELL, finished, openNotebook } from "./cells.mjs";

let browser;
const copies = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of dist/ and the release its sw.js describes. */
async function copyOfDist() {
  const dir = await mkdtemp(join(tmpdir(), "jukebox-offline-"));
  copies.push(dir);
  await cp(DIST, dir, { recursive: true });
  return { dir, release: await releaseOf(dir) };
}

async function releaseOf(dir) {
  const sw = await readFile(join(dir, "sw.js"), "utf8");
  const match = sw.match(/^self\.JUKEBOX_RELEASE = (\{.*\});$/m);
  assert.ok(match, "sw.js starts with the release's version and files");
  return JSON.parse(match[1]);
}

/** The release the page's service worker serves, by asking it. */
const servedVersion = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data);
        navigator.serviceWorker.controller.postMessage({ type: "jukebox-version" }, [channel.port2]);
      }),
  );

/** Waits until every cell of the open notebook has run (after clicking Run all). */
async function runAll(page) {
  await page.locator(CELL).first().waitFor();
  await page.locator('[data-testid="run-all"]').click();
  const ids = await page.locator(CELL).evaluateAll((cells) => cells.map((c) => c.getAttribute("data-cell-id")));
  for (const id of ids) await finished(page, id, 300_000);
  return ids.length;
}

test("after one visit the app opens and runs its starter notebook with no server at all", async () => {
  const { dir, release } = await copyOfDist();
  // The release lists every file of dist/ but sw.js itself.
  assert.ok(release.files.includes("index.html") && release.files.includes("jukebox-worker_bg.wasm"), release.files.join(" "));
  assert.ok(release.files.includes("world/countries-110m.json"));
  assert.ok(!release.files.includes("sw.js"));
  const server = await serveDir(dir, "/", { cors: false });
  const { context, page, errors } = await openPage(browser);
  await openNotebook(page, server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    return { names, count: (await (await caches.open(names[0])).keys()).length };
  });
  assert.deepEqual(cached, { names: [`jukebox-${release.version}`], count: release.files.length }, "the whole release is cached as one set");

  // No server, no network: the same address still opens the app, which runs the starter
  // (its demo data, the engine worker's training, the world map of the prediction).
  await server.close();
  await context.setOffline(true);
  await page.reload();
  const cells = await runAll(page);
  assert.ok(cells >= 5, `the starter notebook's cells ran offline (${cells})`);
  const train = page.locator(`${CELL}[data-kind="train"]`).first();
  assert.ok(Number(await train.locator('[data-testid="trained-accuracy"]').getAttribute("data-value")) > 0);
  assert.equal(await servedVersion(page), release.version);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a new release is offered, not forced, and then replaces the whole set at once", async () => {
  const { dir, release } = await copyOfDist();
  let server = await serveDir(dir, "/", { cors: false });
  const { port } = new URL(server.url);
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await page.locator(CELL).first().waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now served by the service worker
  await page.locator(CELL).first().waitFor();
  assert.equal(await servedVersion(page), release.version);

  // A new release at the same address (here: the same files under a new version).
  await server.close();
  const next = `${release.version.slice(0, 12)}beef`;
  const sw = await readFile(join(dir, "sw.js"), "utf8");
  await writeFile(join(dir, "sw.js"), sw.replace(`"version":"${release.version}"`, `"version":"${next}"`));
  server = await serveDir(dir, "/", { cors: false, port: Number(port) });
  await page.reload();
  const offer = page.locator('[data-testid="update-banner"]');
  await offer.waitFor({ timeout: 60_000 });
  assert.match(await offer.innerText(), /new version of Jukebox is ready/);
  // Until the user chooses, the page keeps its release.
  assert.equal(await servedVersion(page), release.version);
  await Promise.all([page.waitForEvent("load"), page.locator('[data-testid="update-reload"]').click()]);
  await page.locator(CELL).first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.equal(await servedVersion(page), next);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`jukebox-${next}`], "the old set is gone");
  assert.equal(await offer.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});
