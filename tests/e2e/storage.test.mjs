// Nothing lost, everything comparable — as a user sees it, in headless Chromium: the starter
// notebook trains; a reload brings back the notebook and the run with identical metrics (the
// model restored, not retrained); two runs compared; a share link rebuilds the notebook in
// a fresh browser profile; export → erase → import brings everything back; a damaged export
// is refused in words (read by the engine worker) and nothing is lost; markdown with
// XSS payloads runs none of them; a second tab's save is detected.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, openPage, screenshot, serveDist } from "./harness.mjs";
import { CELL, finished, openNotebook, setField } from "./cells.mjs";

let app;
let browser;

before(async () => {
  app = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
});

const trainCell = (page) => page.locator(`${CELL}[data-kind="train"]`).first();

async function testAccuracy(page) {
  const cell = trainCell(page);
  await finished(page, await cell.getAttribute("data-cell-id"));
  return cell.locator('[data-testid="trained-accuracy"]').getAttribute("data-value");
}

async function runIds(page) {
  await page.goto(`${app.url}#/runs`);
  await page.locator('[data-testid="runs-page"]').waitFor();
  await page.waitForTimeout(300);
  return page.locator('[data-testid="run-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.runId));
}

/** The notebook's cells as kinds, in order (what a link must rebuild). */
const cellKinds = (page) => page.locator(CELL).evaluateAll((cells) => cells.map((c) => c.dataset.kind));

test("a training is kept as a run, and a reload brings back the notebook and identical metrics", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);
  assert.equal(await page.locator('[data-testid="notebook-title"]').inputValue(), "Jukebox: from charts to a model");
  assert.ok((await page.locator(`${CELL}[data-kind="markdown"]`).count()) >= 4, "the starter explains its steps");
  const accuracy = await testAccuracy(page);
  const kinds = await cellKinds(page);

  const runs = await runIds(page);
  assert.equal(runs.length, 1, "the starter's training is one run");

  await page.goto(`${app.url}#/notebook`);
  await page.reload();
  await page.locator(CELL).first().waitFor();
  assert.deepEqual(await cellKinds(page), kinds, "the same notebook opens again");
  assert.equal(await testAccuracy(page), accuracy, "identical metrics after the reload");
  assert.deepEqual(await runIds(page), runs, "the model was restored from its run, not trained again");
  assert.deepEqual(errors, []);
  await context.close();
});

test("two runs compared side by side show what differs", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);
  await testAccuracy(page);
  const train = trainCell(page);
  await setField(train, "train-seed", "7");
  await page.waitForTimeout(300);
  await page.locator(`${CELL}[data-kind="train"][data-state="done"]`).waitFor({ timeout: 180_000 });
  const runs = await runIds(page);
  assert.equal(runs.length, 2);
  for (const id of runs) {
    await page.locator(`[data-testid="run-row"][data-run-id="${id}"] input[type="checkbox"]`).check();
  }
  await page.locator('[data-testid="runs-compare"]').click();
  const compare = page.locator('[data-testid="compare-view"]');
  await compare.waitFor();
  const differing = await compare.locator('[data-differs="true"]').evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.ok(differing.some((t) => /seed/i.test(t)), `the seed differs: ${differing.join(" | ")}`);
  assert.ok(!differing.some((t) => /features/i.test(t)), "the features are the same");
  await screenshot(page, "runs-compare.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link rebuilds the notebook in a fresh browser profile", async () => {
  const first = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(first.page, app.url);
  await setField(first.page, "notebook-title", "Shared charts");
  await first.page.locator('[data-testid="copy-link"]').click();
  const link = await first.page.locator('[data-testid="share-link"]').inputValue();
  assert.match(link, /#nb=1\./);
  const kinds = await cellKinds(first.page);
  await first.context.close();

  const second = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await second.page.goto(link);
  await second.page.locator(CELL).first().waitFor();
  assert.equal(await second.page.locator('[data-testid="notebook-title"]').inputValue(), "Shared charts");
  assert.deepEqual(await cellKinds(second.page), kinds);
  await testAccuracy(second.page);
  // A damaged link: a clear error and an empty notebook, never a crash.
  await second.page.goto(`${app.url}#nb=1.AAAA`);
  await second.page.reload();
  await second.page.locator('[data-testid="notebook-problem"]').waitFor();
  assert.match(await second.page.locator('[data-testid="notebook-problem"]').innerText(), /link/i);
  assert.equal(await second.page.locator(CELL).count(), 0);
  // The first link's notebook is still saved, as its own notebook.
  await second.page.locator('[data-testid="notebooks-toggle"]').click();
  await second.page.locator('[data-testid="notebook-item"]', { hasText: "Shared charts" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(second.errors.filter((e) => e.startsWith("page error")), []);
  await second.context.close();
});

test("export, erase all, import: everything comes back", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await openNotebook(page, app.url);
  await testAccuracy(page);
  const runs = await runIds(page);
  await page.goto(`${app.url}#/settings`);
  const download = page.waitForEvent("download");
  await page.locator('[data-testid="export-all"]').click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, "utf8"));
  assert.equal(exported.format, "jukebox-archive");

  await page.locator('[data-testid="erase-all"]').click();
  await page.locator('[data-testid="erase-confirm"]').click();
  assert.deepEqual(await runIds(page), [], "erased");

  await page.goto(`${app.url}#/settings`);
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  // The result replaces "Reading <file>…" once the archive is checked and written.
  await page.locator('[data-testid="import-result"][data-state="done"]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-testid="import-result"]').innerText(), /1 notebook/);
  assert.deepEqual(await runIds(page), runs, "the same runs are back");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a damaged export is refused in words by the engine; what was saved stays and the app keeps working", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await page.goto(app.url);
  const first = page.locator(CELL).first();
  await first.waitFor();
  await setField(page, "notebook-title", "Kept before the import");
  await page.locator('[data-testid="notebooks-toggle"]').click();
  await page.locator('[data-testid="notebook-item"]', { hasText: "Kept before the import" }).waitFor({ timeout: 10_000 });

  await page.goto(`${app.url}#/settings`);
  const download = page.waitForEvent("download");
  await page.locator('[data-testid="export-all"]').click();
  const exported = await readFile(await (await download).path(), "utf8");
  assert.ok(exported.includes("Kept before the import"));
  const result = page.locator('[data-testid="import-result"]');
  const importFile = async (name, text) => {
    await page.locator('[data-testid="import-file"]').setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    await page.locator('[data-testid="import-result"]:is([data-state="done"], [data-state="failed"])').waitFor({ timeout: 30_000 });
    return { state: await result.getAttribute("data-state"), text: await result.innerText() };
  };
  // Cut short, as a broken download would leave it.
  let outcome = await importFile("cut.json", exported.slice(0, Math.floor(exported.length / 2)));
  assert.equal(outcome.state, "failed");
  assert.match(outcome.text, /^Refused cut\.json: the export is damaged \(.+\): it was cut short or changed after export\. .*Nothing was imported\.$/);
  // One character of the content changed after export.
  outcome = await importFile("edited.json", exported.replace("Kept before the import", "Kept before the imporT"));
  assert.equal(outcome.state, "failed");
  assert.match(outcome.text, /^Refused edited\.json: the file was changed or damaged after export \(its checksum does not match\)\..*Nothing was imported\.$/);
  // Someone else's JSON.
  outcome = await importFile("notes.json", '{"hello": 1}');
  assert.equal(outcome.state, "failed");
  assert.match(outcome.text, /^Refused notes\.json: this is not a Jukebox export: it has no `format` field\./);

  // The engine still reads the intact file, and the notebook is still there and still runs.
  outcome = await importFile("jukebox-export.json", exported);
  assert.equal(outcome.state, "done", outcome.text);
  assert.match(outcome.text, /^Imported 1 notebook, \d+ runs? and 0 data files\.$/);
  await page.goto(`${app.url}#/notebook`);
  await page.reload();
  await page.locator(CELL).first().waitFor();
  assert.equal(await page.locator('[data-testid="notebook-title"]').inputValue(), "Kept before the import");
  await finished(page, await page.locator(CELL).first().getAttribute("data-cell-id"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("markdown with XSS payloads runs none of them", async () => {
  const { context, page, errors } = await openPage(browser);
  await openNotebook(page, app.url);
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await page.evaluate(() => {
    window.__xss = 0;
  });
  const payloads = [
    "<script>window.__xss++</script>",
    "<img src=x onerror=\"window.__xss++\">",
    "<svg onload=\"window.__xss++\"></svg>",
    "<svg><script>window.__xss++</script></svg>",
    "<iframe src=\"javascript:window.__xss++\"></iframe>",
    "<details open ontoggle=\"window.__xss++\">x</details>",
    "[click](javascript:window.__xss++)",
    "[click](JaVaScRiPt:window.__xss++)",
    "![x](javascript:window.__xss++)",
    "<a href=\"javascript:window.__xss++\">a</a>",
    "<javascript:window.__xss++>",
    "[ref]\n\n[ref]: javascript:window.__xss++",
    "<math><mtext><style><img src=x onerror=window.__xss++></style></mtext></math>",
  ];
  const cell = page.locator(`${CELL}[data-kind="markdown"]`).first();
  await cell.locator('[data-testid="markdown-edit"]').click();
  await setField(cell, "markdown-text", payloads.join("\n\n"));
  await cell.locator('[data-testid="markdown-done"]').click();
  const view = cell.locator('[data-testid="markdown-view"]');
  await view.waitFor();
  // Click every link the payloads made: none may run script.
  for (const link of await view.locator("a").all()) await link.click({ timeout: 2_000 }).catch(() => {});
  await page.waitForTimeout(500);
  const found = await view.evaluate((root) => ({
    scripts: root.querySelectorAll("script, iframe, svg, math, style, details").length,
    handlers: [...root.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name)),
    hrefs: [...root.querySelectorAll("[href], [src]")].map((el) => el.getAttribute("href") ?? el.getAttribute("src")).filter((u) => /^\s*(javascript|vbscript|data):/i.test(u)),
  }));
  assert.deepEqual(found, { scripts: 0, handlers: [], hrefs: [] });
  assert.equal(await page.evaluate(() => window.__xss), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(errors.filter((e) => e.startsWith("page error")), []);
  await context.close();
});

test("a notebook changed in another tab is detected, not overwritten", async () => {
  const { context, page } = await openPage(browser);
  await openNotebook(page, app.url);
  await page.waitForTimeout(800);
  const other = await context.newPage();
  await other.goto(app.url);
  await other.locator(CELL).first().waitFor();
  await setField(other, "notebook-title", "Changed in tab two");
  await page.locator('[data-testid="notebook-conflict"]').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="conflict-load"]').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="notebook-title"]').value === "Changed in tab two",
    null,
    { timeout: 10_000 },
  );
  await context.close();
});
