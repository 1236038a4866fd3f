// The starter notebook driven by the keyboard alone, as a Jupyter user would: J/K and the
// arrows select, Enter edits and Esc leaves, Shift+Enter runs through every cell (a new
// Markdown cell after the last), A/B insert from the kind palette, D D deletes and Ctrl+Z
// brings it back, a settings change undone and redone, Ctrl+S saves, ? lists the keys, and
// the command palette finds and runs "Run all". Keys typed into a field stay the field's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage, screenshot, serveDist } from "./harness.mjs";
import { CELL, finished, openNotebook } from "./cells.mjs";

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

const kinds = (page) => page.locator(CELL).evaluateAll((cells) => cells.map((c) => c.dataset.kind));
const selectedId = (page) => page.locator(`${CELL}.selected`).getAttribute("data-cell-id");

/** Waits until cell `id` is the selected one and has the focus (the ring and the focus move together). */
async function expectSelected(page, id) {
  await page.locator(`${CELL}.selected[data-cell-id="${id}"]`).waitFor({ timeout: 5_000 });
  await page.waitForFunction(
    (id) => document.activeElement?.dataset.cellId === id,
    id,
    { timeout: 5_000 },
  );
}
const allDone = (page) =>
  page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="cell"]')].every((c) => ["done", "idle"].includes(c.dataset.state)),
    null,
    { timeout: 240_000 },
  );

/** Presses `key` until cell `id` is selected (at most `limit` times). */
async function selectByKey(page, key, id, limit = 40) {
  for (let i = 0; i < limit && (await selectedId(page)) !== id; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(50);
  }
  await expectSelected(page, id);
}

test("the starter notebook runs, edits, inserts, deletes and undoes by keyboard alone", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);
  const starter = await kinds(page);
  const ids = await page.locator(CELL).evaluateAll((cells) => cells.map((c) => c.dataset.cellId));

  // Select: J picks the first cell, then J/K and the arrows move; focus follows the ring.
  await page.keyboard.press("j");
  await expectSelected(page, ids[0]);
  await page.keyboard.press("ArrowDown");
  await expectSelected(page, ids[1]);
  await page.keyboard.press("j");
  await expectSelected(page, ids[2]);
  await page.keyboard.press("k");
  await expectSelected(page, ids[1]);
  await page.keyboard.press("Home");
  await expectSelected(page, ids[0]);

  // Shift+Enter through every cell: each runs, the next is selected; after the last a new
  // Markdown cell is inserted and selected, as in Jupyter.
  for (let i = 0; i < ids.length; i++) {
    await expectSelected(page, ids[i]);
    await page.keyboard.press("Shift+Enter");
  }
  await page.locator(CELL).nth(ids.length).waitFor();
  assert.deepEqual(await kinds(page), [...starter, "markdown"]);
  const added = await page.locator(CELL).last().getAttribute("data-cell-id");
  await expectSelected(page, added);
  await allDone(page);

  // Edit: Enter opens the Markdown cell's text; keys typed there are text, not commands.
  await page.keyboard.press("Enter");
  const text = page.locator(`${CELL}[data-cell-id="${added}"] [data-testid="markdown-text"]`);
  await text.waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "markdown-text");
  await page.keyboard.press("Control+a"); // a new Markdown cell starts with a template
  await page.keyboard.type("# Notes dd from the keyboard");
  assert.equal((await kinds(page)).length, starter.length + 1, "D D typed in a field deletes nothing");
  await page.keyboard.press("Escape");
  await expectSelected(page, added); // Esc leaves the field for the cell
  await page.keyboard.press("Control+Enter");
  const heading = page.locator(`${CELL}[data-cell-id="${added}"] [data-testid="markdown-view"] h1`);
  await heading.waitFor();
  assert.equal(await heading.innerText(), "Notes dd from the keyboard");

  // Undo and redo a settings change (the Markdown cell's text). Edits of one field within a
  // second are one step (typing), so this one comes after a pause.
  await page.waitForTimeout(1_100);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "markdown-text");
  await page.keyboard.press("Control+End");
  await page.keyboard.type(", edited");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(
    (id) => document.querySelector(`[data-cell-id="${id}"] [data-testid="markdown-view"] h1`)?.innerText.endsWith(", edited"),
    added,
  );
  await page.keyboard.press("Control+z");
  await page.waitForFunction(
    (id) => document.querySelector(`[data-cell-id="${id}"] [data-testid="markdown-view"] h1`)?.innerText === "Notes dd from the keyboard",
    added,
  );
  await page.keyboard.press("Control+Shift+Z");
  await page.waitForFunction(
    (id) => document.querySelector(`[data-cell-id="${id}"] [data-testid="markdown-view"] h1`)?.innerText.endsWith(", edited"),
    added,
  );

  // B inserts below from the kind palette (type to find the kind), A above.
  await page.keyboard.press("k");
  const above = ids[ids.length - 1];
  await expectSelected(page, above);
  await page.keyboard.press("b");
  await page.locator('[data-testid="command-palette"]').waitFor();
  await page.keyboard.type("explore");
  await page.keyboard.press("Enter");
  await page.locator('[data-testid="command-palette"]').waitFor({ state: "detached" });
  const order = await page.locator(CELL).evaluateAll((cells) => cells.map((c) => c.dataset.cellId));
  const explore = order[order.indexOf(above) + 1];
  assert.equal(await page.locator(`${CELL}[data-cell-id="${explore}"]`).getAttribute("data-kind"), "explore");
  await expectSelected(page, explore); // the new cell is selected
  await page.keyboard.press("a");
  await page.keyboard.type("markdown");
  await page.keyboard.press("Enter");
  await page.locator('[data-testid="command-palette"]').waitFor({ state: "detached" });
  const withInserts = await kinds(page);
  assert.equal(withInserts.length, starter.length + 3);
  assert.equal(withInserts[order.indexOf(above) + 1], "markdown", "A inserted above the Explore cell");

  // D D deletes the selected cell; Ctrl+Z puts it back where it was.
  await selectByKey(page, "j", explore);
  await page.keyboard.press("d");
  await page.keyboard.press("d");
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cell"]').length === n, withInserts.length - 1);
  assert.equal(await page.locator(`${CELL}[data-cell-id="${explore}"]`).count(), 0);
  await page.waitForFunction(() => document.activeElement?.dataset.cellId, null, { timeout: 5_000 }); // focus stays on a cell
  await page.keyboard.press("Control+z");
  await page.locator(`${CELL}[data-cell-id="${explore}"]`).waitFor();
  assert.deepEqual(await kinds(page), withInserts, "the deleted cell is back in its place");
  await selectByKey(page, "k", explore);

  // M on a cell with settings says why it stays; ? lists the keys; Esc gives focus back.
  await page.keyboard.press("m");
  await page.locator('[data-testid="toast"]').waitFor();
  assert.match(await page.locator('[data-testid="toast"]').innerText(), /stays as it is/);
  await page.keyboard.press("?");
  const sheet = page.locator('[data-testid="shortcuts-sheet"]');
  await sheet.waitFor();
  for (const keys of ["Shift+Enter", "D D", "Ctrl/⌘+Z", "Ctrl/⌘+K or Ctrl/⌘+Shift+P"]) {
    assert.ok((await sheet.innerText()).includes(keys), `the sheet lists ${keys}`);
  }
  await screenshot(page, "keyboard-shortcuts.png");
  await page.keyboard.press("Escape");
  await sheet.waitFor({ state: "detached" });
  await expectSelected(page, explore);

  // Ctrl+S saves now and says so.
  await page.keyboard.press("Control+s");
  await page.locator('[data-testid="toast"]', { hasText: "Saved" }).waitFor();

  // The palette finds "Run all" and runs it.
  await allDone(page);
  const train = page.locator(`${CELL}[data-kind="train"]`).first();
  await page.keyboard.press("Control+k");
  await page.locator('[data-testid="command-palette"]').waitFor();
  await page.keyboard.type("run all");
  assert.equal(await page.locator('[data-testid="command"]').first().innerText(), "Run all cells");
  await screenshot(page, "keyboard-palette.png");
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    (id) => ["queued", "running"].includes(document.querySelector(`[data-cell-id="${id}"]`)?.dataset.state),
    await train.getAttribute("data-cell-id"),
  );
  await finished(page, await train.getAttribute("data-cell-id"));
  await allDone(page);

  // The palette exports the HTML report; it opens offline, with JavaScript off, in a fresh
  // context, and shows the charts, the tables and the Train cell's test accuracy.
  const accuracy = Number(await train.locator('[data-testid="trained-accuracy"]').getAttribute("data-value"));
  await page.keyboard.press("Control+k");
  await page.keyboard.type("html report");
  assert.match(await page.locator('[data-testid="command"]').first().innerText(), /Export an HTML report/);
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  const file = await download;
  assert.equal(file.suggestedFilename(), "jukebox-from-charts-to-a-model.report.html");
  const path = join(await mkdtemp(join(tmpdir(), "jukebox-report-")), file.suggestedFilename());
  await file.saveAs(path);
  await page.locator('[data-testid="toast"]', { hasText: "Report saved as" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  const offline = await browser.newContext({ offline: true, javaScriptEnabled: false });
  const requests = [];
  offline.on("request", (request) => {
    if (!/^(file|data):/.test(request.url())) requests.push(request.url());
  });
  const reader = await offline.newPage();
  await reader.goto(pathToFileURL(path).href);
  await reader.waitForLoadState("load");
  const headings = await reader.locator("h2").allInnerTexts();
  for (const section of ["Cells", "Cell settings", "Datasets", "Training", "Evaluation", "Explore", "Charts"]) {
    assert.ok(headings.includes(section), `the report has a ${section} section: ${headings}`);
  }
  const charts = await reader.locator("figure img").evaluateAll((images) =>
    images.map((img) => ({ data: img.src.startsWith("data:image/png;base64,"), width: img.naturalWidth })),
  );
  assert.ok(charts.length >= 1, "a chart is in the report");
  for (const chart of charts) assert.deepEqual(chart, { data: true, width: 1920 }, "each chart is a PNG inside the page");
  assert.ok((await reader.locator("table").count()) >= 5, "tables");
  const reportText = await reader.locator("main").innerText();
  assert.ok(reportText.includes(`test accuracy ${accuracy.toFixed(4)}`), `the report gives the test accuracy ${accuracy}`);
  assert.match(reportText, /Top-5 accuracy\s+0\.\d{4}/);
  assert.match(reportText, /Exported from Jukebox \d+\.\d+\.\d+ \(in the browser\) on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await screenshot(reader, "report.png");
  assert.deepEqual(requests, [], "the report asks no host for anything");
  await offline.close();
});

test("the keys announce themselves and never fire from a text field", async () => {
  const { context, page, errors } = await openPage(browser);
  await openNotebook(page, app.url);
  assert.equal(await page.locator('[data-testid="cell-run"]').first().getAttribute("aria-keyshortcuts"), "Control+Enter Meta+Enter Shift+Enter");
  assert.ok((await page.locator('[data-testid="undo"]').getAttribute("aria-keyshortcuts")).includes("Control+Z"));
  const before = (await kinds(page)).length;
  // The title field: letters and D D are text there.
  const title = page.locator('[data-testid="notebook-title"]');
  await title.focus();
  await page.keyboard.type(" dd ab jk");
  assert.equal((await kinds(page)).length, before);
  assert.equal(await page.locator('[data-testid="command-palette"]').count(), 0);
  assert.ok((await title.inputValue()).endsWith(" dd ab jk"));
  // Undo in command mode takes the title back (the field committed on leaving it).
  await page.keyboard.press("Escape");
  await title.evaluate((t) => t.blur());
  await page.keyboard.press("j");
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => !document.querySelector('[data-testid="notebook-title"]').value.endsWith(" dd ab jk"));
  assert.deepEqual(errors, []);
  await context.close();
});
