// CORS or down: the browser rejects a fetch with the same "Failed to fetch" whether the server
// answered without CORS headers or nothing listens at all. The app asks again with `no-cors`
// to tell them apart, so a URL Data source (fetched by the engine worker) and a Served model
// cell (fetched by the page) each say which it was: a server that answers without
// `Access-Control-Allow-Origin` and a closed port give two different messages, naming the cause.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openPage, screenshot, serveDir, serveDist } from "./harness.mjs";
import { freePort } from "./processes.mjs";
import { CELL, addCell, openNotebook, setField } from "./cells.mjs";
import { trainStarter } from "./production.mjs";

let app;
let browser;
let noCors;
let closedPort;

before(async () => {
  const folder = await mkdtemp(join(tmpdir(), "jukebox-cors-"));
  await writeFile(join(folder, "songs.csv"), "name,tempo\nOne,120\nTwo,98\n");
  app = await serveDist();
  noCors = await serveDir(folder, "/", { cors: false });
  closedPort = await freePort();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await noCors?.close();
  await app?.close();
});

const byId = (testid) => `[data-testid="${testid}"]`;

/** Waits until `locator`'s text contains `part` (the cell re-runs after each edit); resolves to the text. */
async function textWith(locator, part, timeout = 60_000) {
  await locator.filter({ hasText: part }).waitFor({ timeout });
  return locator.innerText();
}

/** Waits until cell `id` failed with `part` in its element `testid`; resolves to that text. */
async function failedWith(page, id, testid, part) {
  const cell = page.locator(`${CELL}[data-cell-id="${id}"]`);
  const text = await textWith(cell.locator(byId(testid)), part);
  await page.locator(`${CELL}[data-cell-id="${id}"][data-state="failed"]`).waitFor({ timeout: 60_000 });
  return text;
}

test("a URL Data source says CORS for a server without CORS headers and unreachable for a closed port", async () => {
  const { context, page, errors } = await openPage(browser);
  await openNotebook(page, app.url);
  const origin = new URL(app.url).origin;

  const [id, cell] = await addCell(page, "source");
  const refusedUrl = `${noCors.url}songs.csv`;
  await setField(cell, "source-url", refusedUrl);
  const refused = await failedWith(page, id, "cell-error", refusedUrl);
  const noCorsHost = new URL(noCors.url).host;
  assert.match(refused, new RegExp(`The server at ${noCorsHost} answered`), refused);
  assert.match(refused, /Access-Control-Allow-Origin/, refused);
  assert.ok(refused.includes(`Enable CORS for ${origin}`), refused);
  assert.match(refused, /File source/, refused);
  assert.doesNotMatch(refused, /could not be reached/, refused);

  const closedUrl = `http://127.0.0.1:${closedPort}/songs.csv`;
  await setField(cell, "source-url", closedUrl);
  const closed = await failedWith(page, id, "cell-error", closedUrl);
  assert.match(closed, new RegExp(`The server at 127\\.0\\.0\\.1:${closedPort} could not be reached`), closed);
  assert.match(closed, /connection was refused/, closed);
  assert.doesNotMatch(closed, /CORS|Access-Control/, closed);
  console.log(`no CORS: ${refused}\nclosed port: ${closed}`);
  await screenshot(page, "cors-data-source.png");
  // Failed fetches log console errors by the browser's design; page errors must be none.
  assert.deepEqual(errors.filter((e) => e.startsWith("page error")), []);
  await context.close();
});

test("a Served model cell says CORS for a server without CORS headers and unreachable for a closed port", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await trainStarter(page, app.url);
  const origin = new URL(app.url).origin;

  // The cell scores the starter's model on a preset song, then calls the server.
  const [id, cell] = await addCell(page, "serve");
  const refusedBase = noCors.url.replace(/\/$/, "");
  await setField(cell, "serve-base-url", refusedBase);
  await cell.locator(byId("song-preset")).first().click();
  const refused = await failedWith(page, id, "serve-error", `${refusedBase}/`);
  const noCorsHost = new URL(noCors.url).host;
  assert.match(refused, new RegExp(`^GET ${refusedBase}/v2/models/\\S+ failed`), refused);
  assert.match(refused, new RegExp(`The server at ${noCorsHost} answered`), refused);
  assert.match(refused, /Access-Control-Allow-Origin/, refused);
  assert.ok(refused.includes(`"allow_origins": ["${origin}"]`), `names MLServer's setting for ${origin}: ${refused}`);
  assert.doesNotMatch(refused, /could not be reached/, refused);

  const closedBase = `http://127.0.0.1:${closedPort}`;
  await setField(cell, "serve-base-url", closedBase);
  const closed = await failedWith(page, id, "serve-error", `${closedBase}/`);
  assert.match(closed, new RegExp(`The server at 127\\.0\\.0\\.1:${closedPort} could not be reached`), closed);
  assert.match(closed, /Check the cell's base URL/, closed);
  assert.doesNotMatch(closed, /CORS|Access-Control/, closed);
  console.log(`no CORS: ${refused}\nclosed port: ${closed}`);
  await screenshot(page, "cors-served-model.png");
  assert.deepEqual(errors.filter((e) => e.startsWith("page error")), []);
  await context.close();
});
