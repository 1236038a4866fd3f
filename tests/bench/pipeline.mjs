// Benchmark: the course's exploration in the browser against pandas, on this machine, in
// one run. The browser side opens the built app with a notebook (given by URL) that loads
// both Parquet files over HTTP, merges, drops nulls, describes, correlates, averages the
// features per country and ranks the Christmas top-10; each step's time is read from the
// page (the cell's wall time: request sent → answer shown, downloads included). The pandas
// side runs bench/pandas_pipeline.py in bench/.venv. Prints a table and the peak memory.
//   make bench        (builds the app, sets up the venv, runs this)
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SHARED_DATA, launch, openPage, openTrustedNotebook, serveDir, serveDist } from "../e2e/harness.mjs";
import { rendererPeakMb } from "./memory.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(here, "../..");
const FEATURES = [
  "is_explicit", "duration_ms", "danceability", "energy", "key", "loudness", "mode",
  "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
];

/** The benchmark's notebook; `step` names which pandas step each cell matches. */
function notebook(dataUrl) {
  const cells = [
    ["read_parquet", { cell: "source", source: { from: "url", name: "rankings", url: `${dataUrl}song_rankings.parquet` } }],
    ["read_parquet", { cell: "source", source: { from: "url", name: "properties", url: `${dataUrl}song_properties.parquet` } }],
    ["join", { cell: "prepare", input: "rankings", steps: [{ op: "course_merge", properties: "properties" }], output: "merged" }],
    ["dropna", { cell: "prepare", input: "merged", steps: [{ op: "drop_nulls", columns: [] }], output: "clean" }],
    ["describe", { cell: "explore", input: "clean", query: { query: "describe" } }],
    ["corr", { cell: "explore", input: "clean", query: { query: "correlation", target: "popularity" } }],
    ["groupby_mean", { cell: "explore", input: "clean", query: { query: "group_by", by: ["country"], columns: FEATURES, agg: "mean" } }],
    ["top10", { cell: "explore", input: "clean", query: {
      query: "top_n", key: ["spotify_id", "name"], value: "popularity", date_column: "snapshot_date",
      start: "2023-12-20", end: "2024-01-01", n: 10,
    } }],
  ];
  return {
    steps: cells.map(([step]) => step),
    notebook: { version: 1, title: "Benchmark: course exploration", cells: cells.map(([, spec], i) => ({ id: i + 1, spec })) },
  };
}

async function browserSide() {
  const app = await serveDist();
  const data = await serveDir(SHARED_DATA);
  const dir = await mkdtemp(join(tmpdir(), "jukebox-bench-"));
  const { steps, notebook: nb } = notebook(data.url);
  await writeFile(join(dir, "bench.json"), JSON.stringify(nb));
  const nbServer = await serveDir(dir);
  const browser = await launch();
  try {
    const { page } = await openPage(browser);
    await openTrustedNotebook(page, app.url, `${nbServer.url}bench.json`, [1, 2]);
    const last = nb.cells.length;
    await page.locator(`[data-testid="cell"][data-cell-id="${last}"]:is([data-state="done"], [data-state="failed"])`)
      .waitFor({ timeout: 600_000 });
    const cells = await page.locator('[data-testid="cell"]').evaluateAll((els) => els.map((el) => ({
      state: el.dataset.state,
      wallMs: Number(el.querySelector('[data-testid="cell-status"]')?.dataset.wallMs),
      engineMs: Number(el.querySelector('[data-testid="cell-status"]')?.dataset.elapsedMs),
      error: el.querySelector('[data-testid="cell-error"]')?.textContent,
    })));
    const failed = cells.find((c) => c.state !== "done");
    if (failed) throw new Error(`a benchmark cell failed: ${failed.error}`);
    const seconds = {};
    const engine = {};
    cells.forEach((c, i) => {
      seconds[steps[i]] = (seconds[steps[i]] ?? 0) + c.wallMs / 1000;
      engine[steps[i]] = (engine[steps[i]] ?? 0) + c.engineMs / 1000;
    });
    return { seconds, engine, peakMb: rendererPeakMb() };
  } finally {
    await browser.close();
    await Promise.all([app.close(), data.close(), nbServer.close()]);
  }
}

function pandasSide() {
  const python = join(ROOT, "bench/.venv/bin/python");
  const out = execFileSync(python, [join(ROOT, "bench/pandas_pipeline.py")], { encoding: "utf8" });
  const result = JSON.parse(out);
  const seconds = {};
  for (const { step, seconds: s } of result.steps) seconds[step] = (seconds[step] ?? 0) + s;
  return { seconds, peakMb: result.peak_rss_mb, version: result.pandas };
}

const browser = await browserSide();
const pandas = pandasSide();
const rows = Object.keys(pandas.seconds).map((step) => [step, browser.seconds[step] ?? NaN, browser.engine[step] ?? NaN, pandas.seconds[step]]);
const total = rows.reduce((acc, [, b, e, p]) => [acc[0] + b, acc[1] + e, acc[2] + p], [0, 0, 0]);
const pad = (s, n) => String(s).padStart(n);
// browser s: as the user waits (request → answer, downloads included); engine s: the
// worker's own compute time for the same step.
console.log(`\n${"step".padEnd(14)}${pad("browser s", 11)}${pad("(engine s)", 12)}${pad("pandas s", 10)}${pad("ratio", 8)}`);
for (const [step, b, e, p] of [...rows, ["total", ...total]]) {
  console.log(`${step.padEnd(14)}${pad(b.toFixed(3), 11)}${pad(e.toFixed(3), 12)}${pad(p.toFixed(3), 10)}${pad((b / p).toFixed(2), 8)}`);
}
console.log(`\npeak memory: browser tab (renderer incl. worker) ${browser.peakMb.toFixed(0)} MB · pandas process ${pandas.peakMb.toFixed(0)} MB (pandas ${pandas.version})`);
console.log(`target: browser total ≤ 0.5 × pandas → ${(total[0] / total[2]).toFixed(2)} ×; peak tab memory ≤ 1024 MB`);
