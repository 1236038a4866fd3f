// The same notebook in the tab and in the native CLI gives the same numbers: the starter
// notebook trained in headless Chromium (the wasm32 engine in its worker) and by `jukebox run
// starter` (the same core compiled natively) load the same rows and train the same weights —
// the SHA-256 of the model's JBXM bytes is equal — so test accuracy, split sizes, dataset
// fingerprints and the confusion matrix are equal too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, openPage, serveDist } from "./harness.mjs";
import { trainStarter } from "./production.mjs";

const JUKEBOX = process.env.JUKEBOX_BIN ?? resolve(import.meta.dirname, "../../target/debug/jukebox");

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

/** The only run of an export (`jukebox-archive`): its record. */
function onlyRecord(archive) {
  assert.equal(archive.format, "jukebox-archive");
  assert.equal(archive.content.runs.length, 1, "one training, one run");
  return archive.content.runs[0].record;
}

/** What must agree between the two runs, as plain data. */
function numbers(record) {
  return {
    model_sha256: record.model_sha256,
    model_bytes: record.model_bytes,
    test_accuracy: record.report.test_accuracy,
    validation_accuracy: record.report.validation_accuracy,
    sizes: record.report.sizes,
    classes: record.report.classes,
    history: record.report.history,
    confusion: record.evaluation?.confusion,
    datasets: record.datasets.map((d) => ({ name: d.name, sha256: d.sha256, rows: d.rows, columns: d.columns })),
  };
}

test("the starter notebook gives the same weights, accuracy and confusion matrix in the tab and in the CLI", async () => {
  assert.ok(existsSync(JUKEBOX), `the jukebox binary is not at ${JUKEBOX}: build it (make e2e does) or set JUKEBOX_BIN`);
  const { context, page } = await openPage(browser, { viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await trainStarter(page, app.url);
  await page.goto(`${app.url}#/settings`);
  const download = page.waitForEvent("download");
  await page.locator('[data-testid="export-all"]').click();
  const browserRun = onlyRecord(JSON.parse(await readFile(await (await download).path(), "utf8")));
  await context.close();

  const out = await mkdtemp(join(tmpdir(), "jukebox-cli-equality-"));
  const started = Date.now();
  execFileSync(JUKEBOX, ["run", "starter", "--out", out, "--quiet"], { stdio: ["ignore", "inherit", "inherit"] });
  console.log(`the CLI ran the starter in ${Date.now() - started} ms`);
  const cliRun = onlyRecord(JSON.parse(await readFile(join(out, "jukebox-export.json"), "utf8")));

  console.log(`model SHA-256: browser ${browserRun.model_sha256}, CLI ${cliRun.model_sha256}`);
  console.log(`test accuracy: browser ${browserRun.report.test_accuracy}, CLI ${cliRun.report.test_accuracy}`);
  assert.deepEqual(numbers(cliRun), numbers(browserRun));
});
