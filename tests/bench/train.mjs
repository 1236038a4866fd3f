// Benchmark: training each model in the browser against scikit-learn, on this machine, in one
// run, on the same rows (see bench/sklearn_train.py): the course data merged and cleaned, the
// first 156,250 rows ("100k": 100,000 training rows) and all of them ("full"); the course split
// (test = the last 20 %, unshuffled; validation = 20 % of the rest, stratified, seed 42 — each
// side draws its own); MinMax scaling. The browser's time is the Train cell's engine time
// (features out of the table, scaling, fitting, scoring the test rows, the validation rows and
// a sample of at most 100,000 training rows); the peer's is the same work: fit + predict on
// the test rows, the validation rows and at most 100,000 training rows.
// Each side trains each model RUNS times (3; BENCH_RUNS=1 for a quick look) and reports the
// median; a time is reported only when both sides trained and tested on as many rows. The
// peer also runs the course network in Keras (when bench/.venv has it: `bench/setup-venv.sh
// keras`), with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset in its own environment and the BLAS
// kernels it ran printed. Prints seconds and accuracy for both, the ratio, and the tab's peak
// memory; writes tests/bench/results/train-<sizes>.json.
//   make bench-train                     (builds the app, sets up the venv, runs this)
//   node bench/train.mjs network,knn 100k  (some models / sizes only)
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SHARED_DATA, launch, openPage, openTrustedNotebook, serveDir, serveDist } from "../e2e/harness.mjs";
import { rendererPeakMb } from "./memory.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(here, "../..");
const SMALL_ROWS = 156_250;
const FEATURES = [
  "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
  "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
];
/** The browser's models with the settings bench/sklearn_train.py gives scikit-learn. */
const MODELS = {
  network: { model: "network", hidden: [32, 64, 128, 256], activation: "relu", batch_size: 32, learning_rate: 0.001, epochs: 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  logistic_regression: { model: "logistic_regression", alpha: 0 },
  decision_tree: { model: "decision_tree", max_depth: 16, min_samples_split: 2, min_samples_leaf: 1, criterion: "gini" },
  random_forest: { model: "random_forest", n_trees: 50, max_depth: 16, min_samples_split: 2, min_samples_leaf: 1, max_features: null },
  // Ten iterations on both sides, without early stopping, so both do the same work (on the
  // course's rows both sides' scores run away after about 15 iterations without it).
  hist_gradient_boosting: {
    model: "hist_gradient_boosting", learning_rate: 0.1, max_iter: 10, max_leaf_nodes: 31, max_depth: null,
    min_samples_leaf: 20, l2_regularization: 0, max_bins: 255, early_stopping: false, n_iter_no_change: 10, tol: 1e-7,
  },
  knn: { model: "knn", k: 5, distance_weighted: false },
  gaussian_nb: { model: "gaussian_nb" },
};
const [modelArg, sizeArg] = process.argv.slice(2);
const models = modelArg ? modelArg.split(",") : Object.keys(MODELS);
const sizes = sizeArg ? sizeArg.split(",") : ["100k", "full"];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const count = (text) => Number(text.replaceAll(",", ""));

function notebook(dataUrl) {
  const cells = [
    { cell: "source", source: { from: "url", name: "rankings", url: `${dataUrl}song_rankings.parquet` } },
    { cell: "source", source: { from: "url", name: "properties", url: `${dataUrl}song_properties.parquet` } },
    { cell: "prepare", input: "rankings", steps: [{ op: "course_merge", properties: "properties" }, { op: "drop_nulls", columns: [] }], output: "full" },
    { cell: "prepare", input: "full", steps: [{ op: "head", n: SMALL_ROWS }], output: "100k" },
  ];
  const runs = [];
  for (const size of sizes) {
    for (const model of models) {
      runs.push({ model, size, cell: cells.length + 1 });
      cells.push({
        cell: "train", input: size, output: `${model}_${size}`,
        spec: {
          features: FEATURES, target: "country",
          split: { method: "course", test_ratio: 0.2, validation_ratio: 0.2 },
          scaler: "min_max", model: MODELS[model], max_train_rows: null, seed: 42,
        },
      });
    }
  }
  return { runs, notebook: { version: 1, title: "Benchmark: training", cells: cells.map((spec, i) => ({ id: i + 1, spec })) } };
}

/** One run of every model and size in a fresh browser (so its peak memory is one run's). */
async function browserRun(runIndex) {
  const app = await serveDist();
  const data = await serveDir(SHARED_DATA);
  const dir = await mkdtemp(join(tmpdir(), "jukebox-bench-"));
  const { runs, notebook: nb } = notebook(data.url);
  await writeFile(join(dir, "bench.json"), JSON.stringify(nb));
  const nbServer = await serveDir(dir);
  const browser = await launch();
  try {
    const { page } = await openPage(browser);
    await openTrustedNotebook(page, app.url, `${nbServer.url}bench.json`, [1, 2]);
    const results = [];
    for (const run of runs) {
      const cell = page.locator(`[data-testid="cell"][data-cell-id="${run.cell}"]`);
      await page.locator(`[data-testid="cell"][data-cell-id="${run.cell}"]:is([data-state="done"], [data-state="failed"])`)
        .waitFor({ timeout: 3_600_000 });
      const found = await cell.evaluate((el) => ({
        state: el.dataset.state,
        engineMs: Number(el.querySelector('[data-testid="cell-status"]')?.dataset.elapsedMs),
        accuracy: Number(el.querySelector('[data-testid="trained-accuracy"]')?.dataset.value),
        split: el.querySelector('[data-testid="trained-split"]')?.textContent ?? "",
        error: el.querySelector('[data-testid="cell-error"]')?.textContent,
      }));
      if (found.state !== "done") throw new Error(`training ${run.model} on ${run.size} failed: ${found.error}`);
      const [, nTrain, nTest] = found.split.match(/train ([\d,]+) .* test ([\d,]+)/) ?? [];
      results.push({ ...run, run: runIndex, seconds: found.engineMs / 1000, accuracy: found.accuracy, nTrain: count(nTrain), nTest: count(nTest) });
      console.error(`browser ${run.model} ${run.size} #${runIndex + 1}: ${(found.engineMs / 1000).toFixed(2)} s, accuracy ${found.accuracy.toFixed(4)}`);
    }
    return { results, peakMb: rendererPeakMb() };
  } finally {
    await browser.close();
    await Promise.all([app.close(), data.close(), nbServer.close()]);
  }
}

async function browserSide() {
  const results = [];
  let peakMb = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const one = await browserRun(run);
    results.push(...one.results);
    peakMb = Math.max(peakMb, one.peakMb);
  }
  return { results, peakMb };
}

function sklearnSide() {
  const python = join(ROOT, "bench/.venv/bin/python");
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const wanted = models.flatMap((m) => (m === "network" ? ["network", "network_keras"] : [m]));
  const out = execFileSync(python, [join(ROOT, "bench/sklearn_train.py"), "--runs", String(RUNS), "--sizes", sizes.join(","), ...wanted],
    { encoding: "utf8", env, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
  return JSON.parse(out);
}

/** Median seconds and the first run's accuracy per (model, size) of the browser's runs. */
function browserMedians(results) {
  const groups = new Map();
  for (const r of results) {
    const key = `${r.model} ${r.size}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => ({
    model: rs[0].model, size: rs[0].size, seconds: median(rs.map((r) => r.seconds)),
    all_seconds: rs.map((r) => r.seconds), accuracy: rs[0].accuracy, accuracies: rs.map((r) => r.accuracy),
    n_train: rs[0].nTrain, n_test: rs[0].nTest,
  }));
}

const browser = await browserSide();
const sklearn = sklearnSide();
const pad = (s, n) => String(s).padStart(n);
const rows = [];
console.log(`\n${"model".padEnd(21)}${"rows".padEnd(6)}${pad("browser s", 11)}${pad("sklearn s", 11)}${pad("ratio", 8)}${pad("Keras s", 9)}${pad("acc browser", 13)}${pad("acc sklearn", 13)}${pad("Δacc", 8)}${pad("acc Keras", 11)}`);
for (const b of browserMedians(browser.results)) {
  const s = sklearn.results.find((r) => r.model === b.model && r.size === b.size);
  if (!s) continue;
  if (s.n_train !== b.n_train || s.n_test !== b.n_test) {
    console.log(`${b.model} ${b.size}: not compared — the browser trained/tested ${b.n_train}/${b.n_test} rows, the peer ${s.n_train}/${s.n_test}`);
    continue;
  }
  const k = b.model === "network" ? sklearn.results.find((r) => r.model === "network_keras" && r.size === b.size) : undefined;
  const row = { ...b, sklearn_seconds: s.seconds, sklearn_all_seconds: s.all_seconds, sklearn_accuracy: s.accuracy,
    ratio: b.seconds / s.seconds, keras_seconds: k?.seconds, keras_accuracy: k?.accuracy };
  rows.push(row);
  console.log(`${b.model.padEnd(21)}${b.size.padEnd(6)}${pad(b.seconds.toFixed(2), 11)}${pad(s.seconds.toFixed(2), 11)}${pad(row.ratio.toFixed(2), 8)}${pad(k ? k.seconds.toFixed(2) : "", 9)}${pad(b.accuracy.toFixed(4), 13)}${pad(s.accuracy.toFixed(4), 13)}${pad((b.accuracy - s.accuracy).toFixed(4), 8)}${pad(k ? k.accuracy.toFixed(4) : "", 11)}`);
}
console.log(`\nmedian of ${RUNS} per side · peak memory: browser tab (renderer incl. worker) ${browser.peakMb.toFixed(0)} MB · Python process ${sklearn.peak_rss_mb} MB (scikit-learn ${sklearn.sklearn}, Keras ${sklearn.keras ?? "not installed"})`);
console.log(`peer BLAS: ${sklearn.blas.map((b) => `${b.internal_api} ${b.architecture ?? ""} ×${b.num_threads}`).join(", ")}; OPENBLAS_CORETYPE/L2_SIZE in the peer: ${JSON.stringify(sklearn.env)}`);
console.log("targets: browser ≤ 0.5 × scikit-learn at equal accuracy (±0.01); peak tab memory ≤ 1024 MB on the full set");
await mkdir(join(here, "results"), { recursive: true });
// One file per set of sizes (train-100k.json, train-full.json…), so one size's run keeps the other's.
await writeFile(join(here, `results/train-${sizes.join("-")}.json`), JSON.stringify({
  date: new Date().toISOString().slice(0, 10), runs: RUNS, rows, peak_tab_mb: browser.peakMb,
  peer: { sklearn: sklearn.sklearn, keras: sklearn.keras, blas: sklearn.blas, env: sklearn.env, peak_rss_mb: sklearn.peak_rss_mb },
}, null, 1));
