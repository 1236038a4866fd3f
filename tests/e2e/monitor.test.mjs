// The monitoring cells — Drift, Fairness, Explain — as a user meets them: the starter's
// "Is the model fair and stable?" section after a first visit; the course's real files split
// by date into an early and a late window, tested for drift (the numbers checked against
// pandas and scipy on the same files, scripts/monitor_e2e_reference.py), the test switched
// to PSI, and a small model of the late weeks explained; an explanation cancelled midway,
// after which the notebook keeps working.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { SHARED_DATA, launch, openPage, screenshot, serveDir, serveDist } from "./harness.mjs";
import { CELL, addCell, finished, openNotebook, select, setField } from "./cells.mjs";

const REFERENCE = JSON.parse(await readFile(new URL("./fixtures/monitor_reference.json", import.meta.url), "utf8"));
const FEATURES = Object.keys(REFERENCE.features);
const COURSE_FILES = ["song_rankings.parquet", "song_properties.parquet"];

let app;
let data;
let browser;

before(async () => {
  for (const file of COURSE_FILES) {
    await stat(join(SHARED_DATA, file)).catch(() => {
      throw new Error(`${join(SHARED_DATA, file)} is missing: the course files must be in ../shared/data (see its README.md)`);
    });
  }
  app = await serveDist();
  data = await serveDir(SHARED_DATA);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await data?.close();
  await app?.close();
});

const byId = (testid) => `[data-testid="${testid}"]`;
const count = (text) => Number(text.replaceAll(",", ""));
const cellOf = (page, kind) => page.locator(`${CELL}[data-kind="${kind}"]`);

/** Waits until no cell is waiting or running. */
async function settled(page, timeout = 300_000) {
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="cell"]:is([data-state="queued"], [data-state="running"])'),
    null,
    { timeout, polling: 200 },
  );
}

/** The header's alert count equals the cells showing an alert (no badge when none). */
async function assertBadgeCountsAlerts(page) {
  const alerts = await page.locator(`${CELL} ${byId("cell-alert")}`).count();
  const badge = page.locator(byId("alert-badge"));
  if (alerts === 0) {
    assert.equal(await badge.count(), 0, "no alert, no badge");
  } else {
    assert.equal(Number(await badge.getAttribute("data-count")), alerts, "the header counts the cells' alerts");
    assert.match(await badge.innerText(), new RegExp(`^${alerts} alerts?$`));
  }
  return alerts;
}

/** The table's rows as { feature, reference, current, tests: { word: { text, drifted } } }. */
const driftTable = (cell) =>
  cell.locator(byId("drift-row")).evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll("td")];
      return {
        feature: row.dataset.feature,
        reference: cells[0].textContent.trim(),
        current: cells[1].textContent.trim(),
        tests: Object.fromEntries(
          cells
            .filter((td) => td.dataset.test)
            .map((td) => [td.dataset.test, { text: td.firstChild.textContent.trim(), drifted: td.dataset.drifted === "true", chosen: td.classList.contains("drift-chosen") }]),
        ),
      };
    }),
  );

/**
 * The drift the chosen `test` marks, and the cell's alert saying exactly that (none when no
 * feature drifted); returns the drifted features in table order.
 */
async function assertDriftAlert(cell, test) {
  const table = await driftTable(cell);
  for (const row of table) {
    assert.deepEqual(Object.entries(row.tests).filter(([, t]) => t.chosen).map(([w]) => w), [test], `${row.feature}: the chosen column`);
  }
  const drifted = table.filter((row) => row.tests[test].drifted).map((row) => row.feature);
  const alert = cell.locator(byId("cell-alert"));
  if (drifted.length === 0) {
    assert.equal(await alert.count(), 0, `no feature drifts by ${test}: no alert`);
  } else {
    const text = await alert.innerText();
    assert.match(text, new RegExp(`^Drift in ${drifted.length} of ${table.length} features \\(${test}, `));
    assert.ok(text.includes(`: ${drifted.join(", ")}.`), `the alert names the drifted features: ${text}`);
  }
  return drifted;
}

/** A number shown with four significant digits (or as 1.23e-4) matches `expected`. */
function assertShown(text, expected, what) {
  const shown = Number(text);
  assert.ok(Number.isFinite(shown), `${what}: ${text}`);
  const digits = text.replace(/^-/, "").replace(/e.*$/, "");
  const decimals = digits.includes(".") ? digits.split(".")[1].length : 0;
  const exponent = /e(-?\d+)$/.exec(text)?.[1] ?? "0";
  const halfUnit = 0.5 * 10 ** (Number(exponent) - decimals);
  assert.ok(Math.abs(shown - expected) <= halfUnit * 1.001 + 1e-12, `${what}: shown ${text}, reference ${expected}`);
}

/** The SHAP waterfall: its steps, and the base and prediction it goes between. */
async function waterfall(cell) {
  const chart = cell.locator(byId("shap-waterfall"));
  const steps = await chart.locator(byId("shap-step")).evaluateAll((items) =>
    items.map((item) => ({ feature: item.dataset.feature, shap: Number(item.dataset.shap) })),
  );
  return { steps, base: Number(await chart.getAttribute("data-base")), prediction: Number(await chart.getAttribute("data-prediction")) };
}

/** 13 steps, one per feature, whose SHAP values add up to the prediction minus the base. */
async function assertAdditive(cell) {
  const { steps, base, prediction } = await waterfall(cell);
  assert.deepEqual(steps.map((s) => s.feature).sort(), [...FEATURES].sort(), "one step per feature");
  assert.ok(steps.every((s) => Number.isFinite(s.shap)), JSON.stringify(steps));
  assert.ok(base > 0 && base < 1 && prediction > 0 && prediction < 1, `P between 0 and 1: base ${base}, prediction ${prediction}`);
  const sum = steps.reduce((total, s) => total + s.shap, 0);
  assert.ok(Math.abs(base + sum - prediction) <= 1e-6, `base ${base} + Σ SHAP ${sum} = prediction ${prediction}`);
  const magnitudes = steps.map((s) => Math.abs(s.shap));
  assert.deepEqual(magnitudes, [...magnitudes].sort((a, b) => b - a), "largest |SHAP| first");
  assert.match(await cell.locator(byId("shap-additivity")).innerText(), /^average .* \+ Σ SHAP [+-]\d+\.\d{4} pp = .* \(additivity off by /);
  return { steps, base, prediction };
}

async function addUrlSource(page, name, file) {
  const [id, cell] = await addCell(page, "source");
  await setField(cell, "source-name", name);
  await setField(cell, "source-url", `${data.url}${file}`);
  return finished(page, id, 240_000);
}

/** A Prepare cell keeping the rows of `input` whose `snapshot_date` is `op` the split day. */
async function addWindow(page, input, output, op) {
  const [id, cell] = await addCell(page, "prepare");
  await select(cell, "prepare-input", input);
  await setField(cell, "prepare-output", output);
  await select(cell, "add-step", "filter");
  const step = cell.locator(byId("step-1"));
  await step.waitFor({ timeout: 10_000 }).catch(() => assert.fail(`Add step → Filter rows: the ${output} cell shows no step to fill in`));
  await setField(step, "filter-column", "snapshot_date");
  await select(step, "filter-op", op);
  await setField(step, "filter-value", REFERENCE.split);
  await finished(page, id, 120_000);
  return count(await cell.locator(`${byId(`table-${output}`)} ${byId("rows")}`).innerText());
}

test("the starter checks its model: drift of the 13 features week by week, fairness in 72 countries, an additive explanation, the alerts counted in the header", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);
  await settled(page);
  const [drift, fairness, explain] = [cellOf(page, "drift"), cellOf(page, "fairness"), cellOf(page, "explain")];
  for (const cell of [drift, fairness, explain]) {
    assert.equal(await cell.count(), 1, "the starter has one cell of each");
    await finished(page, await cell.getAttribute("data-cell-id"));
  }

  // Drift: the recent charts against the rows the model learned from.
  assert.match(await drift.locator(`${byId("drift-view")} h3`).innerText(), /^`recent_charts` \([\d,]+ rows\) against training rows of `course_network` \([\d,]+ rows\)$/);
  const table = await driftTable(drift);
  assert.deepEqual(table.map((row) => row.feature), FEATURES, "the model's 13 features, in order");
  for (const row of table) {
    assert.deepEqual(Object.keys(row.tests), ["meanshift", "welch", "ks", "psi", "evidently"], `${row.feature}: every test side by side`);
  }
  const histograms = await drift.locator(byId("drift-histogram")).evaluateAll((hs) => hs.map((h) => h.dataset.feature));
  assert.deepEqual(histograms, FEATURES, "one histogram per feature");
  const weeks = Number(await drift.locator(byId("drift-over-time")).getAttribute("data-weeks"));
  assert.ok(weeks >= 2, `drift over ${weeks} weeks`);
  await assertDriftAlert(drift, "meanshift");

  // Fairness: explicit songs privileged, P(France) ≥ 2 % as the favourable outcome.
  const headline = fairness.locator(byId("fairness-headline"));
  assert.equal(await headline.getAttribute("data-country"), "FR");
  assert.match(await headline.innerText(), /SPD · France/);
  const countries = await fairness.locator(byId("fairness-row")).evaluateAll((rows) =>
    rows.map((row) => ({ country: row.dataset.country, violation: row.dataset.violation === "true" })),
  );
  assert.equal(countries.length, 72, "every country of the model");
  assert.equal(new Set(countries.map((c) => c.country)).size, 72);
  const france = countries.find((c) => c.country === "FR");
  assert.ok(france, "France is among them");
  assert.equal(await fairness.locator(byId("cell-alert")).count(), france.violation ? 1 : 0, "the alert is France's violation");

  // Explain: why the preset song gets its P(France).
  assert.match(await explain.locator(`${byId("explain-view")} h3`).innerText(), /^Why P\(France\) = .* for .+ · exact Shapley values over 100 background rows$/);
  await assertAdditive(explain);
  await explain.locator(byId("counterfactual")).waitFor();

  await assertBadgeCountsAlerts(page);
  await screenshot(page, "monitor-starter.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the course's charts split by date: the late weeks drift from the early ones as scipy finds, PSI finds none, and a small model of the late weeks is explained", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await page.goto(app.url);
  await page.locator(CELL).first().waitFor();
  await page.locator(byId("notebooks-toggle")).click();
  await page.locator(byId("notebook-new-blank")).click();
  await page.waitForFunction((cell) => document.querySelectorAll(cell).length === 0, CELL);

  await addUrlSource(page, "song_rankings", "song_rankings.parquet");
  await addUrlSource(page, "song_properties", "song_properties.parquet");
  const [mergeId, merge] = await addCell(page, "prepare");
  await select(merge, "prepare-input", "song_rankings");
  await setField(merge, "prepare-output", "charts");
  await merge.locator(byId("course-merge")).click();
  await finished(page, mergeId, 120_000);
  assert.equal(count(await merge.locator(`${byId("table-charts")} ${byId("rows")}`).innerText()), REFERENCE.merged_rows);
  assert.equal(await addWindow(page, "charts", "early", "lt"), REFERENCE.early_rows, `rows before ${REFERENCE.split}`);
  assert.equal(await addWindow(page, "charts", "late", "ge"), REFERENCE.late_rows, `rows from ${REFERENCE.split} on`);

  const [driftId, drift] = await addCell(page, "drift");
  await select(drift, "drift-reference", "data:early");
  await select(drift, "drift-current", "late");
  await finished(page, driftId, 240_000);
  assert.equal(
    await drift.locator(`${byId("drift-view")} h3`).innerText(),
    `\`late\` (${REFERENCE.late_rows.toLocaleString("en-US")} rows) against \`early\` (${REFERENCE.early_rows.toLocaleString("en-US")} rows)`,
  );
  const table = await driftTable(drift);
  assert.deepEqual(table.map((row) => row.feature), FEATURES);
  const expected = (key, drifts) => FEATURES.filter((f) => drifts(REFERENCE.features[f][key]));
  for (const row of table) {
    const ref = REFERENCE.features[row.feature];
    assertShown(row.reference, ref.reference_mean, `${row.feature}: early mean`);
    assertShown(row.current, ref.current_mean, `${row.feature}: late mean`);
    assertShown(row.tests.psi.text, ref.psi, `${row.feature}: PSI`);
  }
  const drifting = (word) => table.filter((row) => row.tests[word].drifted).map((row) => row.feature);
  const alpha = Number(await drift.locator(byId("drift-alpha")).inputValue());
  assert.equal(alpha, 0.05);
  assert.deepEqual(drifting("meanshift"), expected("meanshift_p", (p) => p <= alpha), "MeanShift as numpy/scipy");
  assert.deepEqual(drifting("welch"), expected("welch_p", (p) => p <= alpha), "Welch as scipy's ttest_ind");
  assert.deepEqual(drifting("ks"), expected("ks_p", (p) => p <= alpha), "KS as scipy's ks_2samp");
  assert.deepEqual(drifting("psi"), expected("psi", (psi) => psi >= 0.2), "PSI ≥ 0.2 as numpy");

  const drifted = await assertDriftAlert(drift, "meanshift");
  assert.ok(drifted.length >= 1, "the late weeks drift");
  assert.ok(drifted.includes("loudness") && !drifted.includes("danceability"), drifted.join(", "));
  assert.equal(await assertBadgeCountsAlerts(page), 1, "the Drift cell's alert in the header");
  assert.deepEqual(await drift.locator(byId("drift-histogram")).evaluateAll((hs) => hs.map((h) => h.dataset.feature)), FEATURES);
  assert.equal(Number(await drift.locator(byId("drift-over-time")).getAttribute("data-weeks")), REFERENCE.late_weeks, "one point per week of the late window");
  await screenshot(page, "monitor-drift-by-date.png");

  // PSI over the early deciles: no feature moves by 0.2, so the alert and the badge go.
  await select(drift, "drift-test", "psi");
  await finished(page, driftId, 240_000);
  assert.deepEqual(await assertDriftAlert(drift, "psi"), expected("psi", (psi) => psi >= 0.2));
  assert.equal(await assertBadgeCountsAlerts(page), expected("psi", (psi) => psi >= 0.2).length > 0 ? 1 : 0);

  // A small model of the late weeks, and why it gives a song its P(France).
  const [trainId, train] = await addCell(page, "train");
  await select(train, "train-input", "late");
  await setField(train, "train-output", "late_model");
  await setField(train, "train-sample", "2000");
  await setField(train, "train-epochs", "1");
  await train.locator(byId("train-start")).click();
  await finished(page, trainId);
  const [explainId, explain] = await addCell(page, "explain");
  assert.equal(await explain.locator(byId("predict-model")).inputValue(), "late_model");
  assert.equal(await explain.locator(byId("predict-songs")).inputValue(), "song_properties");
  // A new cell takes the first example song of the songs dataset, then explains it.
  await page.waitForFunction(
    (id) => {
      const label = document.querySelector(`[data-cell-id="${id}"] [data-testid="song-label"]`);
      return label && label.textContent.replace("Song:", "").trim().length > 0;
    },
    explainId,
    { timeout: 60_000 },
  );
  const song = (await explain.locator(byId("song-label")).innerText()).replace(/^Song:\s*/, "");
  await finished(page, explainId);
  await settled(page);
  const heading = await explain.locator(`${byId("explain-view")} h3`).innerText();
  assert.ok(heading.startsWith("Why P(France) = ") && heading.includes(` for ${song} · `), heading);
  await assertAdditive(explain);
  await explain.locator(byId("counterfactual")).waitFor();
  await screenshot(page, "monitor-explain-late-model.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an explanation cancelled midway ends cancelled, the notebook runs again, and a new explanation completes", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);
  await settled(page);
  const explain = cellOf(page, "explain");
  const id = await explain.getAttribute("data-cell-id");
  // The global importance and 1,000 background rows (8 million model rows): long enough to cancel.
  await explain.locator(byId("explain-global")).check();
  await setField(explain, "explain-background", "1000");
  await page.locator(`${CELL}[data-cell-id="${id}"][data-state="running"]`).waitFor({ timeout: 60_000 });
  await explain.locator(byId("cell-status"), { hasText: /^explaining · \d+ %/ }).waitFor({ timeout: 60_000 });
  await explain.locator(byId("cell-cancel")).click();
  await page.locator(`${CELL}[data-cell-id="${id}"][data-state="cancelled"]`).waitFor({ timeout: 10_000 });
  assert.equal(await explain.locator(byId("cell-status")).innerText(), "Cancelled");

  // The engine restarted: what had run runs again, the cancelled cell stays cancelled.
  await page.locator(`${CELL}[data-kind="train"]:is([data-state="queued"], [data-state="running"])`).waitFor({ timeout: 30_000 });
  await settled(page);
  for (const kind of ["train", "drift", "fairness"]) {
    await finished(page, await cellOf(page, kind).getAttribute("data-cell-id"));
  }
  await page.waitForTimeout(1_000);
  assert.equal(await explain.getAttribute("data-state"), "cancelled");

  // A re-run with the usual background completes, the global importance with it.
  await setField(explain, "explain-background", "100");
  await finished(page, id);
  await assertAdditive(explain);
  const importance = explain.locator(byId("global-importance"));
  await importance.waitFor();
  for (const bars of ["permutation-bars", "mean-shap-bars"]) {
    const features = await importance.locator(`${byId(bars)} [data-feature]`).evaluateAll((items) => items.map((i) => i.dataset.feature));
    assert.deepEqual([...features].sort(), [...FEATURES].sort(), `${bars}: every feature`);
  }
  await assertBadgeCountsAlerts(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a Validate cell checks a table against the training table and against a contract file that jukebox wrote", async () => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const bin = process.env.JUKEBOX_BIN ?? join(import.meta.dirname, "../../target/debug/jukebox");
  const dir = await mkdtemp(join(tmpdir(), "jukebox-validate-"));
  const contractFile = join(dir, "song_properties.contract.json");
  execFileSync(bin, ["contract", join(SHARED_DATA, "song_properties.parquet"), "-o", contractFile]);

  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);
  await settled(page);
  const before = await assertBadgeCountsAlerts(page);
  const [id, cell] = await addCell(page, "validate");
  assert.equal(await cell.locator(byId("validate-input")).inputValue(), "recent_charts", "the newest table");
  assert.equal(await cell.locator(byId("validate-against")).inputValue(), "charts", "against the table the model learned from");
  await finished(page, id);
  const validation = cell.locator(byId("validation"));
  await validation.waitFor();
  assert.match(await cell.locator(byId("validation-headline")).innerText(), /^`recent_charts` \([\d,]+ rows, version [0-9a-f]{12}\) against the contract of `charts` \(version [0-9a-f]{12}\): (passed|failed): /);

  // A table of other columns breaks the contract: missing columns, an alert in the header.
  await select(cell, "validate-input", "song_properties");
  await finished(page, id);
  await page.waitForFunction((cellId) => document.querySelector(`[data-cell-id="${cellId}"] [data-testid="validation"]`)?.dataset.passed === "false", id);
  const kinds = await cell.locator(byId("anomaly-row")).evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  assert.ok(kinds.includes("SCHEMA_MISSING_COLUMN"), `missing columns reported: ${kinds}`);
  // The broken contract is one more alert in the header (the cell's verdict is its banner).
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="alert-badge"]')?.dataset.count ?? 0) === n, before + 1);
  assert.equal(await cell.locator(byId("validation-headline")).getAttribute("role"), "alert");

  // The contract file that `jukebox contract` wrote for the course's real song properties.
  const against = cell.locator(byId("validate-against"));
  const fileOption = await against.locator("option").last().getAttribute("value");
  await against.selectOption(fileOption);
  await cell.locator(byId("validate-file")).setInputFiles(contractFile);
  await page.waitForFunction((cellId) => document.querySelector(`[data-cell-id="${cellId}"] [data-testid="validate-file-name"]`)?.textContent === "song_properties.contract.json", id);
  await finished(page, id);
  await page.waitForFunction((cellId) => /against the contract of `song_properties.parquet`/.test(document.querySelector(`[data-cell-id="${cellId}"] [data-testid="validation-headline"]`)?.textContent ?? ""), id, { timeout: 60_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
