// The course's exploration, built by hand in the browser as a user would: the Kaggle-layout
// CSV through the file input, both Parquet files by URL from another (CORS) server, the
// merge, describe, correlations, means per country, the Christmas top-10, a histogram and
// the heatmap — then a malformed CSV, whose error must leave the notebook usable.
// Expected values come from pandas on the same files (see scripts/pandas_reference.py).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHARED_DATA, launch, openPage, screenshot, serveDir, serveDist } from "./harness.mjs";
import { CELL, addCell, finished, openNotebook as openDemo, select, setField } from "./cells.mjs";

let app;
let data;
let browser;

before(async () => {
  app = await serveDist();
  data = await serveDir(SHARED_DATA);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await data?.close();
  await app?.close();
});

const count = (text) => Number(text.replaceAll(",", ""));
const openNotebook = (page) => openDemo(page, app.url);

async function addUrlSource(page, name, url) {
  const [id, cell] = await addCell(page, "source");
  await setField(cell, "source-name", name);
  await setField(cell, "source-url", url);
  return [id, await finished(page, id)];
}

async function addExplore(page, input, kind) {
  const [id, cell] = await addCell(page, "explore");
  await select(cell, "explore-input", input);
  await select(cell, "explore-kind", kind);
  return [id, cell];
}

/** Counts pixels of the cell's canvas that differ from its top-left (background) pixel. */
async function drawnPixels(cell) {
  return cell.locator("canvas").evaluate((canvas) => {
    const ctx = canvas.getContext("2d");
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) drawn += 1;
    }
    return drawn;
  });
}

test("builds the course exploration on the course files", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await page.goto(app.url);
  // The demo notebook runs first; wait for its last cell.
  await page.locator(CELL).first().waitFor();
  const demoCells = await page.locator(CELL).count();
  assert.ok(demoCells >= 8, "the demo notebook opens with the course's cells");
  const lastDemo = await page.locator(CELL).last().getAttribute("data-cell-id");
  await finished(page, lastDemo);

  // The Kaggle-layout CSV through the file input.
  const [csvId, csvCell] = await addCell(page, "source");
  await select(csvCell, "source-kind", "file");
  await csvCell.locator('[data-testid="file-input"]').setInputFiles(join(SHARED_DATA, "universal_top_spotify_songs_sample.csv"));
  await finished(page, csvId);
  const kaggle = csvCell.locator('[data-testid="table-universal_top_spotify_songs_sample"]');
  assert.equal(count(await kaggle.locator('[data-testid="rows"]').innerText()), 21_900);
  assert.equal(count(await kaggle.locator('[data-testid="columns"]').innerText()), 25);

  // Both Parquet files by URL, from another origin.
  const [, rankings] = await addUrlSource(page, "rankings", `${data.url}song_rankings.parquet`);
  assert.equal(count(await rankings.locator('[data-testid="table-rankings"] [data-testid="rows"]').innerText()), 1_146_100);
  await addUrlSource(page, "properties", `${data.url}song_properties.parquet`);

  // The course's merge and dropna, one click.
  const [mergeId, merge] = await addCell(page, "prepare");
  await select(merge, "prepare-input", "rankings");
  await setField(merge, "prepare-output", "merged");
  await merge.locator('[data-testid="course-merge"]').click();
  await finished(page, mergeId);
  // len(rankings.merge(properties.drop(columns=[name, artists, event_timestamp]), on="spotify_id").dropna())
  assert.equal(count(await merge.locator('[data-testid="table-merged"] [data-testid="rows"]').innerText()), 1_129_966);

  const [describeId, describe] = await addExplore(page, "merged", "describe");
  await finished(page, describeId);
  const popularityCount = describe.locator('[data-column="popularity"][data-stat="count"]');
  assert.match(await popularityCount.innerText(), /1,?129,?966|1\.129966e\+06/);

  const [corrId, corr] = await addExplore(page, "merged", "correlation");
  await setField(corr, "explore-target", "popularity");
  await finished(page, corrId);
  // merged.dropna().corr(numeric_only=True)["popularity"].drop("popularity").sort_values()[::-1]
  const first = await corr.locator('[data-testid="correlations-view"] [data-column]').first().getAttribute("data-column");
  assert.equal(first, "loudness");

  const [groupId, group] = await addExplore(page, "merged", "group_by");
  await setField(group, "explore-by", "country");
  await setField(group, "explore-columns", "danceability, energy");
  await finished(page, groupId);
  const groupText = await group.locator('[data-testid="table-view"]').innerText();
  assert.match(groupText, /AE[\s\S]*0\.449368/, "means per country: AE's mean danceability as pandas");

  const [topId, top] = await addExplore(page, "rankings", "top_n");
  await setField(top, "topn-start", "2023-12-20");
  await setField(top, "topn-end", "2024-01-01");
  await finished(page, topId);
  const topText = await top.locator('[data-testid="table-view"]').innerText();
  assert.ok(topText.indexOf("И Я ВЕСЬ ГОРЮ") >= 0, topText);
  assert.ok(topText.indexOf("И Я ВЕСЬ ГОРЮ") < topText.indexOf("Manos de Tijera"), "sorted by mean popularity");

  const [histId, hist] = await addCell(page, "chart");
  await select(hist, "chart-input", "merged");
  await setField(hist, "chart-column", "tempo");
  await finished(page, histId);
  const [heatId, heat] = await addCell(page, "chart");
  await select(heat, "chart-input", "merged");
  await select(heat, "chart-kind", "heatmap");
  await finished(page, heatId);
  await page.waitForTimeout(300);
  assert.ok((await drawnPixels(hist)) > 2_000, "the histogram is drawn");
  assert.ok((await drawnPixels(heat)) > 2_000, "the heatmap is drawn");
  await screenshot(page, "course-exploration.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a malformed CSV gives an error that says where, and the notebook keeps working", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jukebox-"));
  const bad = join(dir, "ragged.csv");
  await writeFile(bad, "a,b,c\n1,2,3\n4,5\n6,7,8\n");
  const { context, page, errors } = await openPage(browser);
  const lastDemo = await openNotebook(page);
  const [id, cell] = await addCell(page, "source");
  await select(cell, "source-kind", "file");
  await cell.locator('[data-testid="file-input"]').setInputFiles(bad);
  await page.locator(`${CELL}[data-cell-id="${id}"][data-state="failed"]`).waitFor({ timeout: 60_000 });
  const message = await cell.locator('[data-testid="cell-error"]').innerText();
  assert.match(message, /ragged\.csv/);
  assert.match(message, /line 3/);
  // Still usable: the demo's describe re-runs on demand.
  const describe = page.locator(`${CELL}[data-kind="explore"]`).first();
  const describeId = await describe.getAttribute("data-cell-id");
  await describe.locator('[data-testid="cell-run"]').click();
  await finished(page, describeId);
  // A URL the browser may not read (no CORS header) is explained in words.
  const closed = await serveDir(SHARED_DATA, "/", { cors: false });
  const [urlId, urlCell] = await addCell(page, "source");
  await setField(urlCell, "source-url", `${closed.url}song_properties.parquet`);
  await page.locator(`${CELL}[data-cell-id="${urlId}"][data-state="failed"]`).waitFor({ timeout: 60_000 });
  assert.match(await urlCell.locator('[data-testid="cell-error"]').innerText(), /CORS/);
  await closed.close();
  // Failed fetches log a console error by design of the browser; page errors must be none.
  assert.deepEqual(errors.filter((e) => e.startsWith("page error")), []);
  await context.close();
});

test("a long download shows its progress and can be cancelled; the notebook keeps its data", async () => {
  // A server that trickles a large file: 64 KiB every 50 ms of a declared 64 MiB.
  const total = 64 * 1024 * 1024;
  const slow = createServer((req, res) => {
    res.writeHead(200, { "content-length": String(total), "access-control-allow-origin": "*" });
    const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024, 0x41)), 50);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise((ok) => slow.listen(0, "127.0.0.1", ok));
  const { context, page, errors } = await openPage(browser);
  const lastDemo = await openNotebook(page);
  const [id, cell] = await addCell(page, "source");
  await setField(cell, "source-url", `http://127.0.0.1:${slow.address().port}/big.csv`);
  await cell.locator('[data-testid="cell-progress"]').waitFor({ timeout: 30_000 });
  assert.match(await cell.locator('[data-testid="cell-status"]').innerText(), /downloading [\d.]+ MB of 67\.1 MB/);
  await cell.locator('[data-testid="cell-cancel"]').click();
  await page.locator(`${CELL}[data-cell-id="${id}"][data-state="cancelled"]`).waitFor({ timeout: 30_000 });
  // The engine restarted and ran the cells above again: the demo data is back.
  await finished(page, lastDemo);
  const describe = page.locator(`${CELL}[data-kind="explore"]`).first();
  await describe.locator('[data-testid="cell-run"]').click();
  await finished(page, await describe.getAttribute("data-cell-id"));
  assert.equal(await page.locator(`${CELL}[data-cell-id="${id}"]`).getAttribute("data-state"), "cancelled");
  assert.deepEqual(errors.filter((e) => e.startsWith("page error")), []);
  slow.closeAllConnections();
  await new Promise((ok) => slow.close(ok));
  await context.close();
});

test("a damaged Parquet file that stops the engine is reported, and the engine comes back", async () => {
  // Byte 54 of this file flipped makes polars-arrow 0.53 panic (core/src/io/parquet/tests.rs).
  const bytes = await readFile(join(SHARED_DATA, "fav_new_song_properties.parquet"));
  bytes[54] ^= 0x5a;
  const dir = await mkdtemp(join(tmpdir(), "jukebox-"));
  const damaged = join(dir, "damaged.parquet");
  await writeFile(damaged, bytes);
  const { context, page } = await openPage(browser);
  const lastDemo = await openNotebook(page);
  const [id, cell] = await addCell(page, "source");
  await select(cell, "source-kind", "file");
  await cell.locator('[data-testid="file-input"]').setInputFiles(damaged);
  await page.locator(`${CELL}[data-cell-id="${id}"][data-state="failed"]`).waitFor({ timeout: 60_000 });
  const message = await cell.locator('[data-testid="cell-error"]').innerText();
  assert.match(message, /internal error/);
  assert.match(message, /restarted/);
  await finished(page, lastDemo);
  const describe = page.locator(`${CELL}[data-kind="explore"]`).first();
  await describe.locator('[data-testid="cell-run"]').click();
  await finished(page, await describe.getAttribute("data-cell-id"));
  // The engine is back with the notebook's data; the header still counts the failed source.
  const status = page.locator('[data-testid="dataset-status"]');
  assert.equal(await status.getAttribute("data-state"), "problem");
  assert.match(await status.innerText(), /^\d+ datasets · [\d,]+ rows · 1 source failed$/);
  await context.close();
});

test("a file dropped onto the notebook becomes a data source cell named after it", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(app.url);
  await page.locator(CELL).first().waitFor();
  const before = await page.locator(CELL).count();
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["song;plays;liked\n\"Ça va; oui\";1e-05;True\nb;2;FALSE\n"], "My Songs (2).csv", { type: "text/csv" }));
    return dt;
  });
  await page.locator('[data-testid="notebook"]').dispatchEvent("dragover", { dataTransfer });
  await page.locator('[data-testid="notebook"]').dispatchEvent("drop", { dataTransfer });
  await page.locator(CELL).nth(before).waitFor();
  const cell = page.locator(CELL).nth(before);
  const done = await finished(page, await cell.getAttribute("data-cell-id"));
  const table = done.locator('[data-testid="table-my_songs_2"]');
  assert.equal(await table.locator('[data-testid="rows"]').innerText(), "2");
  assert.equal(await table.locator('[data-testid="columns"]').innerText(), "3");
  assert.deepEqual(errors, []);
  await context.close();
});
