// A CSV's dates in the Data source cell's summary: a `date` column of ISO dates (read as a
// date column) and a `snapshot_date` column with one value that is no date (read as text)
// both show their first and last day, and one loaded table reads "1 dataset", not
// "1 datasets". The CSVs are written by the test and served from another origin, as is the
// course's Kaggle-layout sample (`../shared/data`, 2024-03-01 .. 03-06).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHARED_DATA, launch, openPage, serveDir, serveDist } from "./harness.mjs";
import { addCell, finished, openNotebook, setField } from "./cells.mjs";

// Out of order, with an empty date: the range is the earliest and latest day.
const DATED = [
  "country,date,streams",
  "FR,2024-03-03,120",
  "DE,2024-02-28,80",
  ",,5",
  "FR,2024-03-05,95",
  "US,2024-03-01,300",
].join("\n");

// `soon` keeps the column text; 9 of its 10 values are ISO dates (one with a time).
const TEXT_DATES = [
  "snapshot_date,rank",
  "2023-12-24,1",
  "2023-12-20 08:30:00,2",
  "soon,3",
  "2023-12-31,4",
  ...Array.from({ length: 6 }, (_, i) => `2023-12-2${i + 1},${i + 5}`),
].join("\n");

let app;
let data;
let shared;
let folder;
let browser;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), "jukebox-csv-dates-"));
  await writeFile(join(folder, "dated.csv"), DATED);
  await writeFile(join(folder, "text_dates.csv"), TEXT_DATES);
  app = await serveDist();
  data = await serveDir(folder);
  shared = await serveDir(SHARED_DATA);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await data?.close();
  await shared?.close();
  await app?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Adds a Data source cell reading `url` as dataset `name`; returns the finished cell. */
async function addUrlSource(page, name, url) {
  const [id, cell] = await addCell(page, "source");
  await setField(cell, "source-name", name);
  await setField(cell, "source-url", url);
  return finished(page, id);
}

/** The cell's headline and the dates of its table `name`, as a person reads them. */
async function shown(cell, name) {
  const output = cell.locator('[data-testid="cell-output"]');
  return {
    headline: await output.locator('[data-testid="loaded-headline"]').innerText(),
    dates: await output.locator(`[data-testid="table-${name}"] [data-testid="dates"]`).innerText(),
    text: await output.innerText(),
  };
}

test("a CSV's date column shows its first and last day, and one table reads 1 dataset", async () => {
  const { context, page, errors } = await openPage(browser);
  await openNotebook(page, app.url);

  const dated = await shown(await addUrlSource(page, "dated", `${data.url}dated.csv`), "dated");
  assert.equal(dated.dates, "2024-02-28 → 2024-03-05");
  assert.equal(dated.headline, "1 dataset · 5 rows");
  assert.doesNotMatch(dated.text, /\b1 datasets\b/);

  const text = await shown(await addUrlSource(page, "text_dates", `${data.url}text_dates.csv`), "text_dates");
  assert.equal(text.dates, "2023-12-20 → 2023-12-31", "the value that is no date is left out");
  assert.equal(text.headline, "1 dataset · 10 rows");

  const kaggle = await shown(await addUrlSource(page, "kaggle", `${shared.url}universal_top_spotify_songs_sample.csv`), "kaggle");
  assert.equal(kaggle.dates, "2024-03-01 → 2024-03-06", "snapshot_date, not album_release_date");
  assert.equal(kaggle.headline, "1 dataset · 21,900 rows");

  assert.deepEqual(errors, []);
  await context.close();
});
