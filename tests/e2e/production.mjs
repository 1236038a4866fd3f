// Driving the "from the tab to production" parts of the app as a user would — the starter's
// training, an opened run's downloads, registry endpoints in Settings — shared by
// registry.test.mjs and serve.test.mjs.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CELL, finished, openNotebook, setField } from "./cells.mjs";
import { REPO, sha256 } from "./servers.mjs";

const byId = (testid) => `[data-testid="${testid}"]`;

/** Opens the app and waits for the starter notebook's training; its test accuracy as shown. */
export async function trainStarter(page, url) {
  await openNotebook(page, url);
  const train = page.locator(`${CELL}[data-kind="train"]`).first();
  await finished(page, await train.getAttribute("data-cell-id"), 300_000);
  return Number(await train.locator(byId("trained-accuracy")).getAttribute("data-value"));
}

/** Opens the Runs page and the details of its only run; resolves to { id, detail }. */
export async function openOnlyRun(page, url) {
  await page.goto(`${url}#/runs`);
  await page.locator(byId("runs-page")).waitFor();
  const row = page.locator(byId("run-row"));
  await row.first().waitFor();
  assert.equal(await row.count(), 1, "one training, one run");
  const toggle = row.locator(byId("run-details"));
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const detail = page.locator(byId("run-detail"));
  await detail.waitFor();
  return { id: await row.getAttribute("data-run-id"), detail };
}

/**
 * The page's errors that matter: page errors and console errors, except the browser's own
 * "Failed to load resource" lines for 404 answers a registry client expects (MLflow says
 * 404 for an experiment or model that does not exist yet).
 */
export const realErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

/** Clicks the button `testid` and resolves to the download: { name, path, bytes, sha256 }. */
export async function download(page, testid) {
  const started = page.waitForEvent("download", { timeout: 60_000 });
  await page.locator(byId(testid)).click();
  const file = await started;
  const failure = await file.failure();
  assert.equal(failure, null, `the ${testid} download failed: ${failure}`);
  const path = await file.path();
  const bytes = await readFile(path);
  return { name: file.suggestedFilename(), path, bytes, sha256: sha256(bytes) };
}

/**
 * The signature of an ONNX file as onnx (PyPI) reads it: { opset, inputs: [{ name, shape }],
 * outputs, metadata } — shapes with `N` for a symbolic dimension. Also runs onnx's checker.
 */
export function onnxSignature(path) {
  const script = `
import json, sys, onnx
m = onnx.load(sys.argv[1])
onnx.checker.check_model(m)
dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
print(json.dumps({
  "opset": max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")),
  "domains": sorted({n.domain or "ai.onnx" for n in m.graph.node}),
  "inputs": [{"name": i.name, "shape": dims(i)} for i in m.graph.input],
  "outputs": [{"name": o.name, "shape": dims(o)} for o in m.graph.output],
  "metadata": {p.key: p.value for p in m.metadata_props},
}))`;
  return JSON.parse(execFileSync(join(REPO, ".venv/bin/python"), ["-c", script, path], { encoding: "utf8" }));
}

/** Adds a registry endpoint in Settings; resolves to its `data-endpoint-id`. */
export async function addEndpoint(page, url, { kind, label, baseUrl, token = "" }) {
  await page.goto(`${url}#/settings`);
  const settings = page.locator(byId("registry-settings"));
  await settings.waitFor();
  await settings.locator(byId("registry-add")).click();
  await settings.locator(byId("registry-kind")).selectOption(kind);
  await setField(settings, "registry-label", label);
  await setField(settings, "registry-url", baseUrl);
  if (token) await setField(settings, "registry-token", token);
  await settings.locator(byId("registry-save")).click();
  const item = endpointItem(page, label);
  await item.waitFor();
  return item.getAttribute("data-endpoint-id");
}

export const endpointItem = (page, label) => page.locator(byId("registry-item"), { hasText: label });

/** "Test connection" on endpoint `label`: { ok, text } once the result shows. */
export async function testConnection(page, label) {
  const item = endpointItem(page, label);
  await item.locator(byId("registry-test")).click();
  const result = item.locator(`${byId("registry-test-result")}[data-ok]`);
  await result.waitFor({ timeout: 30_000 });
  return { ok: (await result.getAttribute("data-ok")) === "true", text: (await result.innerText()).trim() };
}

/** The push progress list as [{ step, state }], in order. */
export const pushSteps = (page) =>
  page.locator(byId("push-step")).evaluateAll((steps) => steps.map((s) => ({ step: s.dataset.step, state: s.dataset.state })));

/**
 * Pushes the opened run to endpoint `endpointId` with the given fields (those left out keep
 * the app's defaults), waits until every step settled, and resolves to
 * { steps, error, done } — `error`/`done` the texts of `push-error`/`push-done` (or null).
 */
export async function pushRun(page, { endpointId, modelName, experiment, version, alias, artifactUri }) {
  await page.locator(byId("push-endpoint")).selectOption(endpointId);
  const fields = { "push-model-name": modelName, "push-experiment": experiment, "push-version": version, "push-alias": alias, "push-artifact-uri": artifactUri };
  for (const [testid, value] of Object.entries(fields)) {
    if (value !== undefined) await setField(page, testid, value);
  }
  await page.locator(byId("push-start")).click();
  // A push again after a finished one: give the list a moment to restart before waiting.
  await page
    .waitForFunction(() => document.querySelector('[data-testid="push-step"]:is([data-state="pending"], [data-state="running"])'), null, { timeout: 3_000, polling: 50 })
    .catch(() => {});
  // Settled: steps listed, none pending or running, and the outcome shown.
  await page.waitForFunction(
    () => {
      const steps = [...document.querySelectorAll('[data-testid="push-step"]')];
      // A failed step leaves the later ones pending: settled means nothing is running.
      const settled = steps.length > 0 && steps.every((s) => s.dataset.state !== "running");
      const outcome = document.querySelector('[data-testid="push-done"], [data-testid="push-error"]');
      return settled && outcome !== null;
    },
    null,
    { timeout: 120_000, polling: 200 },
  );
  const text = async (testid) => {
    const element = page.locator(byId(testid));
    return (await element.count()) > 0 ? (await element.first().innerText()).trim() : null;
  };
  return { steps: await pushSteps(page), error: await text("push-error"), done: await text("push-done") };
}

/** Fails with the push's own error when a step did not end `done` (or `skipped` if allowed). */
export function assertPushed(push, expected, { skipped = [] } = {}) {
  const failed = push.steps.filter((s) => s.state === "failed");
  assert.deepEqual(failed, [], `push failed: ${push.error}`);
  assert.deepEqual(push.steps.map((s) => s.step), expected, "the steps, in order");
  for (const { step, state } of push.steps) {
    assert.equal(state, skipped.includes(step) ? "skipped" : "done", `step ${step}`);
  }
  assert.equal(push.error, null);
}
