// From the tab to a model registry, against real servers: the starter notebook trains the
// course network; its run's model.onnx and model card download; Settings gets an MLflow
// endpoint (a real `mlflow server` allowing only this app's origin) and a Kubeflow Model
// Registry endpoint (Prism checking every request against the v1alpha3 OpenAPI spec); the
// run is pushed to both; MLflow's own REST API then shows the version, metrics, alias and the
// very bytes that were downloaded. "Test connection" explains a closed port and a refused
// origin in words.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, openPage, screenshot, serveDist } from "./harness.mjs";
import {
  addEndpoint,
  assertPushed,
  download,
  onnxSignature,
  openOnlyRun,
  pushRun,
  realErrors,
  testConnection,
  trainStarter,
} from "./production.mjs";
import {
  downloadArtifact,
  freePort,
  getModelVersionByAlias,
  getRegisteredModel,
  getRun,
  listArtifacts,
  runMetrics,
  searchModelVersions,
  sha256,
  startMlflow,
  startPrism,
} from "./servers.mjs";

let app;
let browser;
let mlflow;
let prism;
// MLflow lets every http://127.0.0.1:* origin in whatever its flags say, so the app is opened
// at a *.localhost name (Chromium resolves it to 127.0.0.1 itself, a secure context): then
// `--cors-allowed-origins` decides, as it would for a deployed app.
let appUrl;
let origin;

// The servers start while the first test trains (MLflow takes 20–60 s); tests await them.
let serversReady;
let serversSettled;

before(async () => {
  app = await serveDist();
  const { port } = new URL(app.url);
  origin = `http://jukebox.localhost:${port}`;
  appUrl = `${origin}/`;
  const starts = [startMlflow({ origin }).then((m) => (mlflow = m)), startPrism().then((p) => (prism = p))];
  serversReady = Promise.all(starts).then(() => {
    console.log(`MLflow ready in ${mlflow.startedMs} ms, Prism in ${prism.startedMs} ms`);
  });
  // Both settle before after() stops them, even when one failed to start.
  serversSettled = Promise.allSettled(starts);
  // Awaited by the tests; a failed start fails them there, with the server's log.
  serversReady.catch(() => {});
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await serversSettled;
  await Promise.all([mlflow?.stop(), prism?.stop()]);
  await app?.close();
});

const MLFLOW_STEPS = ["experiment", "create_run", "log_batch", "upload_model", "upload_card", "finish_run", "registered_model", "model_version", "alias"];
const KUBEFLOW_STEPS = ["kf_registered_model", "kf_model_version", "kf_model_artifact"];

/** The run detail's "Features" (names) and "Target" (class count) rows, as the page shows them. */
async function shownSettings(detail) {
  const text = await detail.locator('[data-testid="run-settings"]').innerText();
  const features = text.match(/Features\s+(\d+): ([^\n]+)/);
  const classes = text.match(/\((\d+) classes\)/);
  assert.ok(features && classes, `run settings show features and classes:\n${text}`);
  return { features: features[2].split(", ").map((f) => f.trim()), nClasses: Number(classes[1]) };
}

test("a trained run downloads as ONNX with its card, pushes to MLflow and Kubeflow, and MLflow holds the same bytes", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const started = Date.now();
  const accuracy = await trainStarter(page, appUrl);
  console.log(`trained in ${Date.now() - started} ms, test accuracy ${accuracy}`);
  await serversReady;

  const mlflowId = await addEndpoint(page, appUrl, { kind: "mlflow", label: "e2e MLflow", baseUrl: mlflow.url });
  const mlflowTest = await testConnection(page, "e2e MLflow");
  assert.ok(mlflowTest.ok, `MLflow connection: ${mlflowTest.text}`);
  const kubeflowId = await addEndpoint(page, appUrl, { kind: "kubeflow", label: "e2e Kubeflow", baseUrl: prism.url, token: "e2e-token" });
  const kubeflowTest = await testConnection(page, "e2e Kubeflow");
  assert.ok(kubeflowTest.ok, `Kubeflow connection: ${kubeflowTest.text}`);
  assert.notEqual(mlflowId, kubeflowId);

  // The run's files, as a user downloads them.
  const { id: runId, detail } = await openOnlyRun(page, appUrl);
  const shown = await shownSettings(detail);
  assert.equal(shown.features.length, 13);
  const onnx = await download(page, "export-onnx");
  assert.equal(onnx.name, "model.onnx");
  const signature = onnxSignature(onnx.path);
  assert.equal(signature.opset, 13);
  assert.deepEqual(signature.domains, ["ai.onnx"], "core operators only");
  assert.deepEqual(signature.inputs.map((i) => i.name), shown.features, "one input per feature, in order");
  assert.deepEqual(signature.outputs.map((o) => [o.name, o.shape.at(-1)]), [["output", shown.nClasses]]);
  const cardFile = await download(page, "export-card");
  assert.equal(cardFile.name, "model-card.json");
  const card = JSON.parse(await readFile(cardFile.path, "utf8"));
  assert.equal(card.run_id, runId);
  assert.deepEqual(card.features, shown.features);
  assert.equal(card.classes.length, shown.nClasses);
  assert.equal(card.classes.length, 72, "the demo's countries");
  assert.equal(card.onnx_sha256, onnx.sha256, "the card describes the downloaded model.onnx");

  // Push to MLflow, with an alias.
  const push = await pushRun(page, { endpointId: mlflowId, modelName: "course_network", alias: "champion" });
  assertPushed(push, MLFLOW_STEPS);
  assert.match(push.done, /course_network/);
  assert.match(push.done, /\b1\b/, `version 1 named: ${push.done}`);
  await screenshot(page, "registry-push-mlflow.png");

  // What MLflow itself holds.
  assert.equal((await getRegisteredModel(mlflow.url, "course_network")).name, "course_network");
  const versions = await searchModelVersions(mlflow.url, "course_network");
  assert.deepEqual(versions.map((v) => v.version), ["1"]);
  const [version] = versions;
  assert.match(version.source, /^mlflow-artifacts:\/.+\/artifacts\/model$/, `source ${version.source}`);
  const run = await getRun(mlflow.url, version.run_id);
  assert.equal(run.info.status, "FINISHED");
  const metrics = runMetrics(run);
  assert.ok(Math.abs(metrics.test_accuracy - accuracy) <= 1e-9, `MLflow test_accuracy ${metrics.test_accuracy} vs the app's ${accuracy}`);
  assert.match(await detail.locator('[data-testid="run-score-accuracy"]').innerText(), new RegExp(`${(metrics.test_accuracy * 100).toFixed(1)} %`));
  assert.equal((await getModelVersionByAlias(mlflow.url, "course_network", "champion")).version, "1");
  assert.equal(sha256(await downloadArtifact(mlflow.url, version.source, "model.onnx")), onnx.sha256, "MLflow stores the exported bytes");
  const stored = await listArtifacts(mlflow.url, version.source);
  const cardName = stored.find((name) => name.endsWith(".json"));
  assert.ok(stored.includes("model.onnx") && cardName, `model.onnx and the card beside it: ${stored.join(", ")}`);
  const storedCard = JSON.parse(await downloadArtifact(mlflow.url, version.source, cardName));
  assert.equal(storedCard.onnx_sha256, onnx.sha256);

  // The run remembers where it went, across a reload; pushing again makes no second version.
  await page.reload();
  const reopened = await openOnlyRun(page, appUrl);
  assert.equal(reopened.id, runId);
  const registrations = page.locator('[data-testid="run-registrations"] [data-testid="run-registration"]');
  await registrations.first().waitFor();
  const registration = await registrations.first().innerText();
  assert.match(registration, /MLflow/);
  assert.match(registration, /course_network/);
  assert.match(registration, /\b1\b/);
  const again = await pushRun(page, { endpointId: mlflowId, modelName: "course_network", alias: "champion" });
  assert.deepEqual(again.steps.filter((s) => s.state === "failed"), [], `push again: ${again.error}`);
  assert.equal(await page.locator('[data-testid="run-registration"]', { hasText: "MLflow" }).count(), 1, "one MLflow registration after pushing again");
  assert.deepEqual((await searchModelVersions(mlflow.url, "course_network")).map((v) => v.version), ["1"], "no version 2");

  // Push to the Kubeflow Model Registry, recording where MLflow keeps the bytes.
  const kubeflow = await pushRun(page, { endpointId: kubeflowId, modelName: "course_network", artifactUri: version.source });
  assertPushed(kubeflow, KUBEFLOW_STEPS);
  const requests = await prism.requests();
  assert.ok(requests.length >= 3, `Prism saw ${requests.length} requests`);
  assert.deepEqual(requests.filter((r) => !["GET", "POST", "OPTIONS"].includes(r.method)), [], "only GET and POST (the real server's CORS allows no PATCH)");
  assert.ok(requests.some((r) => r.method === "POST" && /model_versions|\/versions$/.test(r.path)), "a model version was created");
  assert.ok(requests.some((r) => r.method === "POST" && /artifacts$/.test(r.path)), "a model artifact was created");
  // Prism's one known false alarm (see startPrism): the artifact body against a oneOf whose
  // discriminator it ignores. The core's spec test checks that body with the discriminator.
  const oneOf = /^POST \S*\/artifacts: request\.body Request body must match exactly one schema in oneOf$/;
  assert.ok(prism.stoodIn.length <= 1, `stand-ins: ${prism.stoodIn}`);
  assert.deepEqual(
    (await prism.requestViolations()).filter((v) => !(prism.stoodIn.length === 1 && oneOf.test(v))),
    [],
    "every request the app made follows the v1alpha3 spec",
  );
  await page.locator('[data-testid="run-registration"]', { hasText: "Kubeflow" }).waitFor();

  assert.deepEqual((await searchModelVersions(mlflow.url, "course_network")).map((v) => v.version), ["1"], "still one version");
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test("Test connection explains a closed port and an origin MLflow does not allow", async () => {
  await serversReady;
  // A closed port: nothing listens there.
  const { context, page } = await openPage(browser);
  const closed = `http://127.0.0.1:${await freePort()}`;
  await addEndpoint(page, appUrl, { kind: "mlflow", label: "nothing there", baseUrl: closed });
  const refused = await testConnection(page, "nothing there");
  assert.equal(refused.ok, false);
  assert.match(refused.text, /refused|reach|not running|no server/i, refused.text);
  await context.close();

  // The same MLflow seen from another origin than the one it was started with.
  const otherOrigin = origin.replace("jukebox.localhost", "elsewhere.localhost");
  const other = await openPage(browser);
  await addEndpoint(other.page, `${otherOrigin}/`, { kind: "mlflow", label: "wrong origin", baseUrl: mlflow.url });
  const cors = await testConnection(other.page, "wrong origin");
  assert.equal(cors.ok, false);
  assert.match(cors.text, /--cors-allowed-origins/, cors.text);
  assert.ok(cors.text.includes(otherOrigin), `names the origin to allow: ${cors.text}`);
  await screenshot(other.page, "registry-cors-refused.png");
  await other.context.close();
});
