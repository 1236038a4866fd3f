// A model trained in the tab, served by a real Open Inference Protocol server: the starter
// notebook trains the course network; its model.onnx (13 `[N,1]` inputs, and again with one
// `[N,13]` input) is served by MLServer with onnxruntime on 127.0.0.1; a "Served model" cell
// reads each server's metadata, sends a song and gets the in-browser probabilities back
// within 1e-5, with the exact request and response JSON under "Stats for nerds".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, screenshot, serveDist } from "./harness.mjs";
import { CELL, addCell, setField } from "./cells.mjs";
import { download, onnxSignature, openOnlyRun, realErrors, trainStarter } from "./production.mjs";
import { tail } from "./processes.mjs";
import { startMlserver } from "./servers.mjs";

let app;
let browser;
const servers = [];

before(async () => {
  app = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.stop()));
  await app?.close();
});

const byId = (testid) => `[data-testid="${testid}"]`;

/** Adds a Served model cell for `server` and waits for its comparison; resolves to the cell. */
async function serveCell(page, server) {
  const [id, cell] = await addCell(page, "serve");
  await setField(cell, "serve-base-url", server.url);
  await setField(cell, "serve-model-name", server.name);
  const models = await cell.locator(`${byId("predict-model")} option`).evaluateAll((options) => options.map((o) => o.value));
  if (models.includes("course_network")) await cell.locator(byId("predict-model")).selectOption("course_network");
  await cell.locator(byId("song-preset")).first().click();
  try {
    await cell.locator(byId("serve-max-diff")).waitFor({ timeout: 90_000 });
  } catch (error) {
    const state = await cell.getAttribute("data-state");
    const shown = await cell.locator(`${byId("serve-error")}, ${byId("cell-error")}`).allInnerTexts();
    assert.fail(`cell ${id} (${state}) shows no comparison: ${shown.join(" | ") || error.message}\n--- MLServer log ---\n${await tail(server.log)}`);
  }
  await page.locator(`${CELL}[data-cell-id="${id}"]:not([data-state="running"])`).waitFor();
  return cell;
}

/** The cell's output checked against the served ONNX `signature`; resolves to the largest difference. */
async function checkServed(cell, signature, nClasses) {
  const metadata = await cell.locator(byId("serve-metadata")).innerText();
  for (const input of signature.inputs) assert.ok(metadata.includes(input.name), `metadata lists input ${input.name}:\n${metadata}`);
  assert.deepEqual(await cell.locator(byId("serve-warning")).allInnerTexts(), [], "the served model fits the run");
  await cell.locator(byId("serve-probabilities")).waitFor();
  const maxDiff = Number(await cell.locator(byId("serve-max-diff")).getAttribute("data-value"));
  assert.ok(Number.isFinite(maxDiff) && maxDiff >= 0 && maxDiff <= 1e-5, `largest |served − in-browser| = ${maxDiff}`);

  await cell.locator(byId("serve-nerds")).evaluate((details) => {
    details.open = true;
  });
  const request = JSON.parse(await cell.locator(byId("serve-request")).innerText());
  const response = JSON.parse(await cell.locator(byId("serve-response")).innerText());
  assert.deepEqual(
    request.inputs.map((i) => [i.name, i.shape, i.datatype]),
    signature.inputs.map((i) => [i.name, [1, i.shape.at(-1)], "FP32"]),
    "one row, shaped as the served model declares",
  );
  const [output] = response.outputs;
  assert.equal(output.name, signature.outputs[0].name);
  const probabilities = output.data.flat(Infinity);
  assert.equal(probabilities.length, nClasses);
  const total = probabilities.reduce((sum, p) => sum + p, 0);
  assert.ok(Math.abs(total - 1) < 1e-4, `the served probabilities sum to ${total}`);
  return maxDiff;
}

test("a run's model.onnx served by MLServer answers a Served model cell as the in-browser model does, per-feature and single-input", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const started = Date.now();
  await trainStarter(page, app.url);
  console.log(`trained in ${Date.now() - started} ms`);

  const { detail } = await openOnlyRun(page, app.url);
  const perFeature = await download(page, "export-onnx");
  const perFeatureSignature = onnxSignature(perFeature.path);
  assert.equal(perFeatureSignature.inputs.length, 13);
  assert.ok(perFeatureSignature.inputs.every((i) => i.shape.at(-1) === 1), "13 [N,1] inputs");
  await detail.locator(byId("export-onnx-single")).check();
  const single = await download(page, "export-onnx");
  const singleSignature = onnxSignature(single.path);
  assert.deepEqual(singleSignature.inputs.map((i) => i.shape.at(-1)), [13], "one [N,13] input");
  assert.notEqual(single.sha256, perFeature.sha256);
  const nClasses = perFeatureSignature.outputs[0].shape.at(-1);

  const origin = new URL(app.url).origin;
  const serving = Date.now();
  const [served, servedSingle] = await Promise.all([
    startMlserver({ onnx: perFeature.path, origin, name: "course_network" }),
    startMlserver({ onnx: single.path, origin, name: "course_network_single" }),
  ]);
  servers.push(served, servedSingle);
  console.log(`two MLServers ready in ${Date.now() - serving} ms`);

  await page.goto(`${app.url}#/notebook`);
  await page.locator(CELL).first().waitFor();
  const cell = await serveCell(page, served);
  const diff = await checkServed(cell, perFeatureSignature, nClasses);
  const singleCell = await serveCell(page, servedSingle);
  const singleDiff = await checkServed(singleCell, singleSignature, nClasses);
  console.log(`largest |served − in-browser|: ${diff} (13 inputs), ${singleDiff} (one input)`);
  await screenshot(page, "serve-cell.png");
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});
