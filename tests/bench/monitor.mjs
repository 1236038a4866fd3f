// Benchmark: the monitoring cells in the browser against the Python libraries they follow, on
// this machine, in one run, on the same rows (see bench/monitor_peer.py). The browser opens
// the built app with a notebook (given by URL) that loads the course files, merges them
// (global rows dropped), splits the rows at CUTOFF by snapshot_date (earlier: reference,
// later: the current window; the 13 features only), trains the course network on a sample
// (the starter's settings), then runs each monitoring cell three times:
// - Drift of the 13 features, every test (MeanShift, Welch, KS, PSI, Evidently's rule), vs
//   scipy + numpy (the "scipy" time) and Evidently's DataDriftPreset (the "evidently" time);
// - Fairness (SPD/DIR of P(country) ≥ 0.02 across is_explicit, all 72 countries, the test
//   rows) vs numpy pushing the same test rows through the same weights (the run's model.onnx,
//   downloaded from the Runs page) and counting the same groups;
// - Explain (exact SHAP of the course song for France over 100 background rows, and its
//   counterfactual): the browser alone, with the model rows it scored; numpy scoring as many
//   rows with the same weights is printed as a reference point, not as a peer.
// Times are each cell's engine time (the worker's own compute, as pipeline.mjs reads it),
// medians of 3; the peer runs after the browser, each step repeated 3 times. Every browser
// result is checked against the peer's before its time is reported. Prints a table, the peak
// tab memory and the peer's BLAS kernel, and writes tests/bench/results/monitor.json.
// Reports; never fails on speed (it fails when the results differ).
//   make bench-monitor                  (builds the app, sets up the venv, runs this)
//   node bench/monitor.mjs [dist-folder]  (an already built app elsewhere)
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, SHARED_DATA, launch, openPage, openTrustedNotebook, serveDir, serveDist } from "../e2e/harness.mjs";
import { rendererPeakMb } from "./memory.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(here, "../..");
const RESULTS = join(here, "results");
const FEATURES = [
  "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
  "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
];
/** First day of the current window: a Monday, leaving ~250k of the ~1.13M rows after it. */
const CUTOFF = "2024-06-17";
const REPEATS = 3;
const MODEL = "course_network";
const COUNTRY = "FR";
const THRESHOLD = 0.02;
const BACKGROUND_ROWS = 100;
const byId = (testid) => `[data-testid="${testid}"]`;

function notebook(dataUrl, song) {
  const window = (op) => ({
    cell: "prepare", input: "charts", output: op === "lt" ? "reference" : "current",
    steps: [
      { op: "filter", column: "snapshot_date", condition: { kind: "compare", op, value: CUTOFF } },
      { op: "select", columns: FEATURES },
    ],
  });
  const cells = [
    { cell: "source", source: { from: "url", name: "rankings", url: `${dataUrl}song_rankings.parquet` } },
    { cell: "source", source: { from: "url", name: "properties", url: `${dataUrl}song_properties.parquet` } },
    { cell: "prepare", input: "rankings", steps: [{ op: "course_merge", properties: "properties" }, { op: "drop_nulls", columns: [] }], output: "charts" },
    window("lt"),
    window("ge"),
    // The starter's training: the course network, 2 epochs on a 20,000-row sample.
    {
      cell: "train", input: "charts", output: MODEL,
      spec: {
        features: FEATURES, target: "country",
        split: { method: "course", test_ratio: 0.2, validation_ratio: 0.2 }, scaler: "min_max",
        model: { model: "network", hidden: [32, 64, 128, 256], activation: "relu", batch_size: 32, learning_rate: 0.001, epochs: 2, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
        max_train_rows: 20_000, seed: 42,
      },
    },
  ];
  const runs = { drift: [], fairness: [], explain: [] };
  const add = (kind, spec) => {
    cells.push(spec);
    runs[kind].push(cells.length);
  };
  for (let i = 0; i < REPEATS; i++) {
    add("drift", { cell: "drift", reference: { from: "dataset", name: "reference" }, current: "current", test: "meanshift", alpha: 0.05 });
  }
  for (let i = 0; i < REPEATS; i++) {
    add("fairness", {
      cell: "fairness", model: MODEL, on: "test", attribute: "is_explicit", privileged: 1, country: COUNTRY,
      favourable: { kind: "at_least", threshold: THRESHOLD },
      bounds: { spd_lower: -0.1, spd_upper: 0.1, dir_lower: 0.8, dir_upper: 1.2, min_group_rows: 30 },
    });
  }
  for (let i = 0; i < REPEATS; i++) {
    add("explain", {
      cell: "explain", model: MODEL, songs: "properties", label: song.label, song: song.features,
      country: COUNTRY, background_rows: BACKGROUND_ROWS, seed: 42,
    });
  }
  return { runs, notebook: { version: 1, title: "Benchmark: monitoring", cells: cells.map((spec, i) => ({ id: i + 1, spec })) } };
}

/** Waits for cell `id`; its engine seconds, or the cell's own error. */
async function engineSeconds(page, id) {
  const cell = page.locator(`${byId("cell")}[data-cell-id="${id}"]`);
  await page.locator(`${byId("cell")}[data-cell-id="${id}"]:is([data-state="done"], [data-state="failed"])`)
    .waitFor({ timeout: 1_800_000 });
  const found = await cell.evaluate((el) => ({
    state: el.dataset.state,
    engineMs: Number(el.querySelector('[data-testid="cell-status"]')?.dataset.elapsedMs),
    error: el.querySelector('[data-testid="cell-error"]')?.textContent,
  }));
  if (found.state !== "done") throw new Error(`benchmark cell ${id} failed: ${found.error}`);
  return { cell, seconds: found.engineMs / 1000 };
}

const rowCounts = (text) => [...text.matchAll(/\(([\d,]+) rows\)/g)].map((m) => Number(m[1].replaceAll(",", "")));

/** The Drift cell's numbers as the page holds them (full precision, from data attributes). */
const driftResult = async (cell) => ({
  rows: rowCounts(await cell.locator(`${byId("drift-view")} h3`).innerText()),
  datasetDrift: (await cell.locator(byId("drift-dataset")).getAttribute("data-drift")) === "true",
  features: await cell.locator(byId("drift-row")).evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
    row.dataset.feature,
    Object.fromEntries([...row.querySelectorAll("td[data-test]")].map((td) => [td.dataset.test, {
      statistic: Number(td.dataset.statistic),
      p_value: td.dataset.pValue === undefined ? null : Number(td.dataset.pValue),
      method: td.dataset.method,
    }])),
  ]))),
});

const fairnessResult = (cell) => cell.locator(byId("fairness-row")).evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
  row.dataset.country,
  { spd: Number(row.dataset.spd), favourable: row.dataset.favourable.split(" ").map(Number), rows: row.dataset.rows.split(" ").map(Number) },
])));

const explainResult = (cell) => cell.locator(byId("explain-view")).evaluate((view) => {
  const waterfall = view.querySelector('[data-testid="shap-waterfall"]');
  return {
    modelRows: Number(view.dataset.modelRows),
    base: Number(waterfall.dataset.base),
    prediction: Number(waterfall.dataset.prediction),
    shap: [...view.querySelectorAll('[data-testid="shap-step"]')].map((s) => Number(s.dataset.shap)),
  };
});

async function browserSide(dist, song) {
  const app = await serveDist(dist);
  const data = await serveDir(SHARED_DATA);
  const dir = await mkdtemp(join(tmpdir(), "jukebox-bench-"));
  const { runs, notebook: nb } = notebook(data.url, song);
  await writeFile(join(dir, "bench.json"), JSON.stringify(nb));
  const nbServer = await serveDir(dir);
  const browser = await launch();
  try {
    const { page } = await openPage(browser);
    await openTrustedNotebook(page, app.url, `${nbServer.url}bench.json`, [1, 2]);
    const out = { seconds: { drift: [], fairness: [], explain: [] }, results: { drift: [], fairness: [], explain: [] } };
    const read = { drift: driftResult, fairness: fairnessResult, explain: explainResult };
    for (const kind of ["drift", "fairness", "explain"]) {
      for (const id of runs[kind]) {
        const { cell, seconds } = await engineSeconds(page, id);
        out.seconds[kind].push(seconds);
        out.results[kind].push(await read[kind](cell));
        console.error(`browser ${kind} (cell ${id}): ${seconds.toFixed(3)} s`);
      }
    }
    out.peakMb = rendererPeakMb();
    out.onnx = await exportModel(page, dir);
    return out;
  } finally {
    await browser.close();
    await Promise.all([app.close(), data.close(), nbServer.close()]);
  }
}

/** The trained run's model.onnx as the Runs page downloads it (in-page navigation: the tab,
 *  its worker and its storage stay). */
async function exportModel(page, dir) {
  await page.evaluate(() => { window.location.hash = "#/runs"; });
  const row = page.locator(byId("run-row"));
  await row.first().waitFor();
  const toggle = row.first().locator(byId("run-details"));
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.locator(byId("run-export")).waitFor();
  const started = page.waitForEvent("download", { timeout: 120_000 });
  await page.locator(byId("export-onnx")).click();
  const file = await started;
  const failure = await file.failure();
  if (failure) throw new Error(`the model.onnx download failed: ${failure}`);
  const path = join(dir, "model.onnx");
  await copyFile(await file.path(), path);
  return path;
}

/** The peer's command, without the OpenBLAS overrides some machines set (they slow numpy). */
function python(args) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return JSON.parse(execFileSync(join(ROOT, "bench/.venv/bin/python"), [join(ROOT, "bench/monitor_peer.py"), ...args],
    { encoding: "utf8", env, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Equal to `rel` relative; p-values below double precision's normal range (2.2e-308) on
 *  both sides count as equal (subnormals keep too few digits for a relative check). */
function close(a, b, rel) {
  if (a === b) return true;
  if (typeof a !== "number" || typeof b !== "number" || Number.isNaN(a) || Number.isNaN(b)) return false;
  if (Math.abs(a) < 2.2250738585072014e-308 && Math.abs(b) < 2.2250738585072014e-308) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}
const peerNumber = (v) => (v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v === "NaN" ? NaN : v);

/** Differences between a browser Drift output and the peer's (empty when equal). */
function driftDifferences(b, peer) {
  const diffs = [];
  const want = (ok, what) => { if (!ok) diffs.push(what); };
  want(b.rows[0] === peer.n_current && b.rows[1] === peer.n_reference,
    `rows: browser ${b.rows[1]} reference / ${b.rows[0]} current, peer ${peer.n_reference} / ${peer.n_current}`);
  for (const f of FEATURES) {
    const bf = b.features[f];
    const pf = peer.features[f];
    const ev = peer.evidently.columns[f];
    if (!bf) { diffs.push(`${f}: missing from the page`); continue; }
    for (const test of ["meanshift", "welch"]) {
      want(close(bf[test].statistic, peerNumber(pf[test].statistic), 1e-9), `${f} ${test} t: ${bf[test].statistic} vs ${pf[test].statistic}`);
      want(close(bf[test].p_value, peerNumber(pf[test].p_value), 1e-9), `${f} ${test} p: ${bf[test].p_value} vs ${pf[test].p_value}`);
    }
    want(bf.ks.statistic === peerNumber(pf.ks.statistic), `${f} ks D: ${bf.ks.statistic} vs ${pf.ks.statistic} (must be exact)`);
    want(close(bf.ks.p_value, peerNumber(pf.ks.p_value), 1e-9), `${f} ks p: ${bf.ks.p_value} vs ${pf.ks.p_value}`);
    want(close(bf.psi.statistic, peerNumber(pf.psi.statistic), 1e-9), `${f} psi: ${bf.psi.statistic} vs ${pf.psi.statistic}`);
    want(bf.evidently.method === ev.method, `${f} evidently test: ${bf.evidently.method} vs ${ev.method}`);
    want(close(bf.evidently.statistic, peerNumber(ev.statistic), 1e-9), `${f} evidently ${ev.method}: ${bf.evidently.statistic} vs ${ev.statistic}`);
  }
  want(b.datasetDrift === peer.evidently.dataset_drift, `dataset drift: ${b.datasetDrift} vs Evidently's ${peer.evidently.dataset_drift}`);
  return diffs;
}

/** Differences between a browser Fairness output and the peer's; `nearOnly` counts the
 *  countries whose counts differ only by rows within float32 noise of the threshold. */
function fairnessDifferences(b, peer) {
  const diffs = [];
  let nearOnly = 0;
  const countries = Object.keys(peer.classes);
  if (Object.keys(b).length !== countries.length) diffs.push(`countries: browser ${Object.keys(b).length}, peer ${countries.length}`);
  for (const c of countries) {
    const [bc, pc] = [b[c], peer.classes[c]];
    if (!bc) { diffs.push(`${c}: missing from the page`); continue; }
    if (bc.rows[0] !== peer.rows[0] || bc.rows[1] !== peer.rows[1]) diffs.push(`${c} group rows: ${bc.rows} vs ${peer.rows}`);
    const delta = [0, 1].map((g) => Math.abs(bc.favourable[g] - pc.favourable[g]));
    if (delta[0] === 0 && delta[1] === 0) {
      if (!close(bc.spd, peerNumber(pc.spd), 1e-12)) diffs.push(`${c} SPD: ${bc.spd} vs ${pc.spd}`);
    } else if (delta[0] <= pc.near_threshold[0] && delta[1] <= pc.near_threshold[1]) {
      nearOnly += 1;
    } else {
      diffs.push(`${c} favourable rows (privileged, others): ${bc.favourable} vs ${pc.favourable}`);
    }
  }
  return { diffs, nearOnly };
}

function explainDifferences(b, peer) {
  const diffs = [];
  const sum = b.shap.reduce((acc, v) => acc + v, 0);
  if (b.shap.length !== FEATURES.length) diffs.push(`${b.shap.length} SHAP values for ${FEATURES.length} features`);
  if (Math.abs(b.base + sum - b.prediction) > 1e-9) diffs.push(`additivity: base ${b.base} + Σ ${sum} ≠ ${b.prediction}`);
  // float32 network on both sides, summed in different orders.
  if (!close(b.prediction, peer.prediction, 1e-5)) diffs.push(`P(${COUNTRY}): browser ${b.prediction}, numpy ${peer.prediction}`);
  return diffs;
}

const dist = process.argv[2] ? resolve(process.argv[2]) : DIST;
const song = python(["song"]);
const browser = await browserSide(dist, song);
const modelRows = browser.results.explain[0].modelRows;
const peer = python(["run", "--cutoff", CUTOFF, "--onnx", browser.onnx, "--song", await (async () => {
  const path = join(tmpdir(), `jukebox-bench-song-${process.pid}.json`);
  await writeFile(path, JSON.stringify(song));
  return path;
})(), "--country", COUNTRY, "--threshold", String(THRESHOLD), "--model-rows", String(modelRows), "--repeats", String(REPEATS)]);

const checks = {
  drift: browser.results.drift.flatMap((b) => driftDifferences(b, peer.drift)),
  fairness: browser.results.fairness.map((b) => fairnessDifferences(b, peer.fairness)),
  explain: browser.results.explain.flatMap((b) => explainDifferences(b, peer.explain)),
};
const fairnessDiffs = checks.fairness.flatMap((c) => c.diffs);
const nearOnly = Math.max(...checks.fairness.map((c) => c.nearOnly));
const ok = { drift: checks.drift.length === 0, fairness: fairnessDiffs.length === 0, explain: checks.explain.length === 0 };
const explainRowsSame = browser.results.explain.every((e) => e.modelRows === modelRows);

const b = Object.fromEntries(Object.entries(browser.seconds).map(([k, xs]) => [k, median(xs)]));
const scipyS = median(peer.drift.scipy_seconds);
const evidentlyS = median(peer.drift.evidently_seconds);
const fairnessS = median(peer.fairness.seconds);
const modelRowsS = median(peer.explain.model_rows_seconds);
const nRef = peer.drift.n_reference.toLocaleString("en-US");
const nCur = peer.drift.n_current.toLocaleString("en-US");
const total = scipyS + evidentlyS;
const rows = [
  { step: `drift: 13 features × 5 tests, ${nRef} vs ${nCur} rows`, browser: b.drift, peer: total, ok: ok.drift,
    target: "≤ 1 s, ≤ 0.5 × peer", met: b.drift <= 1 && b.drift <= 0.5 * total },
  { step: "  peer: scipy + numpy (MeanShift, Welch, KS, PSI, histograms)", peer: scipyS, ok: ok.drift },
  { step: "  peer: Evidently DataDriftPreset (default stat tests)", peer: evidentlyS, ok: ok.drift },
  { step: `fairness: SPD/DIR, 72 countries, ${peer.fairness.n_test.toLocaleString("en-US")} test rows`, browser: b.fairness, peer: fairnessS, ok: ok.fairness,
    target: "≤ 0.5 s", met: b.fairness <= 0.5 },
  { step: "  peer: numpy float32 forward pass (same weights) + the same counts", ok: ok.fairness },
  { step: `explain: exact SHAP, ${BACKGROUND_ROWS} background rows (+ counterfactual)`, browser: b.explain, ok: ok.explain,
    target: "≤ 5 s", met: b.explain <= 5 },
  { step: `  no peer; reference point: numpy scores the same ${modelRows.toLocaleString("en-US")} model rows`, peer: modelRowsS, ok: ok.explain },
];

const pad = (s, n) => String(s).padStart(n);
const fmt = (x, ok) => (x === null || x === undefined ? "" : ok ? x.toFixed(3) : "mismatch");
console.log(`\n${"step".padEnd(72)}${pad("browser s", 10)}${pad("peer s", 9)}${pad("ratio", 7)}  ${"target".padEnd(22)}met`);
for (const r of rows) {
  const ratio = r.browser !== undefined && r.peer !== undefined && r.ok ? (r.browser / r.peer).toFixed(2) : "";
  const met = r.target === undefined ? "" : r.ok ? (r.met ? "yes" : "no") : "—";
  console.log(`${r.step.padEnd(72)}${pad(fmt(r.browser, r.ok), 10)}${pad(fmt(r.peer, r.ok), 9)}${pad(ratio, 7)}  ${(r.target ?? "").padEnd(22)}${met}`);
}
console.log(`\nchecked before timing: drift ${ok.drift ? `equal (13 features × MeanShift/Welch t and p, PSI, Evidently's statistic to 1e-9 relative; KS D exactly)` : "DIFFERENT"}; `
  + `fairness ${ok.fairness ? `equal (72 countries' favourable counts${nearOnly ? `, ${nearOnly} within float32 noise of the threshold` : ""}; SPD to 1e-12)` : "DIFFERENT"}; `
  + `explain ${ok.explain ? `P(${COUNTRY}) equals numpy's to 1e-5, SHAP adds up to 1e-9${explainRowsSame ? "" : " (model rows differ between repeats!)"}` : "DIFFERENT"}`);
console.log(`browser times: engine time of each cell, median of ${REPEATS} (${Object.entries(browser.seconds).map(([k, xs]) => `${k} ${xs.map((x) => x.toFixed(2)).join("/")}`).join(", ")})`);
console.log(`peak memory: browser tab (renderer incl. worker) ${browser.peakMb.toFixed(0)} MB · Python peer process ${peer.peak_rss_mb} MB`);
for (const info of peer.blas) {
  console.log(`peer BLAS (${info.library}): ${info.internal_api} ${info.version}, kernel ${info.architecture}, ${info.num_threads} threads`);
}
console.log(`peer: numpy ${peer.versions.numpy}, scipy ${peer.versions.scipy}, pandas ${peer.versions.pandas}, Evidently ${peer.versions.evidently}`);

await mkdir(RESULTS, { recursive: true });
const report = {
  when: new Date().toISOString(),
  cutoff: CUTOFF, repeats: REPEATS,
  rows: { reference: peer.drift.n_reference, current: peer.drift.n_current, test: peer.fairness.n_test, shap_model_rows: modelRows },
  browser: { seconds: browser.seconds, median_seconds: b, peak_tab_mb: Math.round(browser.peakMb) },
  peer: {
    drift_scipy_seconds: peer.drift.scipy_seconds, drift_evidently_seconds: peer.drift.evidently_seconds,
    fairness_seconds: peer.fairness.seconds, model_rows_seconds: peer.explain.model_rows_seconds,
    peak_rss_mb: peer.peak_rss_mb, versions: peer.versions, blas: peer.blas,
  },
  ratios: { drift: ok.drift ? b.drift / total : null, fairness: ok.fairness ? b.fairness / fairnessS : null },
  targets_met: Object.fromEntries(rows.filter((r) => r.target).map((r) => [r.step.split(":")[0], r.ok ? r.met : null])),
  checks: { drift: checks.drift, fairness: fairnessDiffs, fairness_near_threshold_countries: nearOnly, explain: checks.explain },
};
await writeFile(join(RESULTS, "monitor.json"), `${JSON.stringify(report, null, 1)}\n`);
console.log(`\nwritten: ${join(RESULTS, "monitor.json")}`);
if (!ok.drift || !ok.fairness || !ok.explain) {
  for (const d of [...checks.drift, ...fairnessDiffs, ...checks.explain].slice(0, 40)) console.error(`  differs: ${d}`);
  console.error("the browser's results differ from the peer's: times not reported for those steps");
  process.exitCode = 1;
}
