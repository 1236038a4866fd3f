// A notebook from a stranger contacts no host before its reader agrees (issue: safe sharing).
// Two local servers count every request they get: a data host (a CSV and a PNG, with CORS)
// and a "served model" host. A share link whose notebook has a URL source, a remote image in
// Markdown and a Served model cell opens with all three waiting and zero requests; "Run them"
// then contacts exactly those hosts, and the choice is kept with the notebook. A `?notebook=`
// URL with 10,000 cells or a 10⁹-bin histogram is refused with a sentence; a registry token
// for a plain-http host is refused in the form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { deflateSync } from "node:zlib";

import { launch, openPage, serveDist } from "./harness.mjs";
import { CELL, addCell, finished, openNotebook, select, setField } from "./cells.mjs";

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const CSV = "spotify_id,name,artists,danceability,energy\nx1,A,B,0.5,0.7\nx2,C,D,0.7,0.4\nx3,E,F,0.6,0.9\n";

/** A server on 127.0.0.1 that answers `files` (path → [type, body]) and counts every request. */
async function countingServer(files = {}) {
  const hits = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    hits.push(`${req.method} ${path}`);
    const headers = { "access-control-allow-origin": "*", "access-control-allow-headers": "*" };
    if (req.method === "OPTIONS") return res.writeHead(204, headers).end();
    const file = files[path];
    if (!file) return res.writeHead(404, headers).end("not found");
    res.writeHead(200, { ...headers, "content-type": file[0] }).end(file[1]);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const host = `127.0.0.1:${server.address().port}`;
  return { host, url: `http://${host}/`, hits, close: () => new Promise((ok) => server.close(ok)) };
}

/** `#nb=1.<base64url(zlib(json))>`, as the app's Share makes it. */
const shareLink = (notebook) => `#nb=1.${deflateSync(Buffer.from(JSON.stringify(notebook))).toString("base64url")}`;

const settle = (ms) => new Promise((ok) => setTimeout(ok, ms));

test("a link's notebook contacts no host before its reader agrees, then exactly the hosts it names", async () => {
  const data = await countingServer({ "/charts.csv": ["text/csv", CSV], "/chart.png": ["image/png", PNG] });
  const served = await countingServer();
  const app = await serveDist();
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser);
    const notebook = {
      version: 1,
      title: "From a stranger",
      cells: [
        { id: 1, spec: { cell: "markdown", text: `# Charts\n\n![the chart](${data.url}chart.png)` } },
        { id: 2, spec: { cell: "source", source: { from: "url", name: "charts", url: `${data.url}charts.csv` } } },
        { id: 3, spec: { cell: "explore", input: "charts", query: { query: "describe" } } },
        { id: 4, spec: { cell: "serve", model: "m", songs: "charts", label: "", song: {}, base_url: `http://${served.host}`, served_model: "jukebox" } },
      ],
    };
    await page.goto(app.url + shareLink(notebook));
    const question = page.locator('[data-testid="consent-question"]');
    await question.waitFor();
    assert.equal(
      await question.innerText(),
      `This notebook wants to fetch data from \`${data.host}\`, send songs to \`${served.host}\` and load images from \`${data.host}\`.`,
    );
    await page.locator(`${CELL}[data-cell-id="2"][data-state="awaiting-consent"]`).waitFor();
    await page.locator(`${CELL}[data-cell-id="4"][data-state="awaiting-consent"]`).waitFor();
    await page.locator(`.image-waiting[data-host="${data.host}"]`).waitFor();
    // The Markdown cell, which stays in the tab, ran; nothing left it.
    await settle(1500);
    assert.deepEqual(data.hits, [], "no request to the data host before consent");
    assert.deepEqual(served.hits, [], "no request to the served model before consent");
    assert.match(await page.locator(`${CELL}[data-cell-id="2"] [data-testid="cell-status"]`).innerText(), new RegExp(`Waits for you: it contacts ${data.host}`));

    await page.locator('[data-testid="consent-run"]').click();
    await finished(page, "3");
    await page.locator(`${CELL}[data-cell-id="4"]:is([data-state="done"], [data-state="failed"])`).waitFor();
    await page.locator('img.remote-image[src^="blob:"]').waitFor();
    assert.deepEqual([...data.hits].sort(), ["GET /chart.png", "GET /charts.csv"]);
    // The Served model cell may now contact its host (its model `m` is not trained here, so it
    // stops before sending); no other host was ever contacted.
    assert.ok(served.hits.every((hit) => hit.includes("/v2/models/")), served.hits.join(", "));
    assert.equal(await page.locator('[data-testid="consent-notice"]').count(), 0);
    assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
  } finally {
    await browser.close();
    await app.close();
    await data.close();
    await served.close();
  }
});

test("a ?notebook= URL with 10,000 cells or a 10⁹-bin histogram is refused with a sentence", async () => {
  const cells = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, spec: { cell: "markdown", text: "x" } }));
  const bins = {
    version: 1,
    title: "Huge histogram",
    cells: [
      { id: 1, spec: { cell: "source", source: { from: "demo", config: { seed: 42, n_songs: 6400, n_days: 75, last_day: 19904 } } } },
      { id: 2, spec: { cell: "chart", input: "charts", chart: { chart: "histogram", column: "tempo", bins: 1_000_000_000 } } },
    ],
  };
  const host = await countingServer({
    "/many.json": ["application/json", JSON.stringify({ version: 1, title: "Many", cells })],
    "/bins.json": ["application/json", JSON.stringify(bins)],
  });
  const app = await serveDist();
  const browser = await launch();
  try {
    for (const [file, expected] of [
      ["many.json", /has 10000 cells, more than the 500 Jukebox opens/],
      ["bins.json", /asks for more than Jukebox allows \(Chart \(id 2\) cell: bins 1,000,000,000 is outside the allowed 1 to 1,000\)/],
    ]) {
      const { page, context } = await openPage(browser);
      await page.goto(`${app.url}?notebook=${encodeURIComponent(host.url + file)}`);
      const problem = page.locator('[data-testid="notebook-problem"]');
      await problem.waitFor();
      const text = await problem.innerText();
      assert.match(text, expected);
      assert.match(text, new RegExp(`^The notebook at ${host.url.replace(/[.]/g, "\\.")}${file} could not be opened`));
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
    await host.close();
  }
});

test("a count field shows its allowed range and refuses a number beyond it in words, keeping the cell's value", async () => {
  const app = await serveDist();
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser);
    await openNotebook(page, app.url);
    const [, chart] = await addCell(page, "chart");
    await select(chart, "chart-kind", "histogram");
    const bins = chart.locator('[data-testid="chart-bins"]');
    await bins.waitFor();
    assert.equal((await chart.locator('[data-testid="chart-bins-range"]').innerText()).trim(), "(1 to 1,000)");
    assert.equal(await bins.getAttribute("max"), "1000");
    const before = await bins.inputValue();
    await setField(chart, "chart-bins", "5000");
    const error = chart.locator('[data-testid="chart-bins-error"]');
    assert.equal(await error.innerText(), "5,000 is outside the allowed 1 to 1,000");
    // The cell keeps its value (the field shows it again) and nothing reaches the engine.
    await page.waitForFunction(
      ([el, value]) => el.value === value,
      [await bins.elementHandle(), before],
    );
    await setField(chart, "chart-bins", "12");
    await error.waitFor({ state: "detached" });
    // An accepted number stays (the editor builds its fields from a snapshot of the cell: the
    // field once snapped back to the snapshot's 40 a moment after a valid edit).
    await page.waitForTimeout(300);
    assert.equal(await bins.inputValue(), "12");
    // A refused number goes back to the last one the cell took, not to the snapshot's.
    await setField(chart, "chart-bins", "0");
    await error.waitFor();
    await page.waitForFunction((el) => el.value === "12", await bins.elementHandle());
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await app.close();
  }
});

test("a registry token for a plain-http address on the network is refused in the form", async () => {
  const app = await serveDist();
  const browser = await launch();
  try {
    const { page } = await openPage(browser);
    await page.goto(`${app.url}#/settings`);
    await page.locator('[data-testid="registry-add"]').click();
    await page.locator('[data-testid="registry-url"]').fill("http://example.org");
    await page.locator('[data-testid="registry-token"]').fill("secret-token");
    await page.locator('[data-testid="registry-save"]').click();
    const error = page.locator('[data-testid="registry-url-error"]');
    await error.waitFor();
    assert.match(await error.innerText(), /a token is sent only over https:\/\/ or to this machine/);
  } finally {
    await browser.close();
    await app.close();
  }
});
