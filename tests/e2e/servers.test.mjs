// The real servers the end-to-end tests use, proved on their own from node (no browser, no
// app): MLflow takes a whole push through its REST API and artifact proxy with CORS for the
// app's origin only; Prism answers a spec-valid request and refuses a spec-violating one,
// logging the violation; both stop with their ports freed — also when a test throws, the
// process dies of an uncaught error or gets Ctrl-C. MLServer (scripts/serve-onnx.sh) serves a
// small ONNX file and answers as onnxruntime does.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  downloadArtifact,
  getModelVersionByAlias,
  getRegisteredModel,
  getRun,
  listArtifacts,
  mlflowPost,
  portInUse,
  REPO,
  runMetrics,
  searchModelVersions,
  sha256,
  startMlflow,
  startMlserver,
  startPrism,
} from "./servers.mjs";

const stops = [];
after(async () => {
  await Promise.all(stops.map((stop) => stop()));
});

// Not a loopback literal: MLflow always lets http://127.0.0.1:* in, so only a host name such
// as *.localhost (which Chromium resolves to 127.0.0.1 itself) shows the flag at work.
const ORIGIN = "http://jukebox.localhost:4507";
const OTHER_ORIGIN = "http://refused.localhost:4507";

/** `true` when no live process (zombies aside) is left in process group `pgid`. */
const gone = (pgid) =>
  !execFileSync("ps", ["-eo", "pgid=,stat="], { encoding: "utf8" })
    .split("\n")
    .some((line) => {
      const [group, stat] = line.trim().split(/\s+/);
      return Number(group) === pgid && !stat.startsWith("Z");
    });

async function waitUntil(check, what, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) assert.fail(`${what} after ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** MLflow's answer to `path` with the app's Origin; checks CORS lets the app read it. */
async function post(mlflow, path, body) {
  const reply = await mlflowPost(mlflow.url, path, body, { origin: ORIGIN });
  assert.equal(reply.status, 200, `${path}: ${JSON.stringify(reply.json)}`);
  assert.equal(reply.headers.get("access-control-allow-origin"), ORIGIN, `${path} allows the app's origin`);
  return reply.json;
}

test("MLflow takes a push through its REST API and artifact proxy, with CORS for the app's origin only, and stops", async () => {
  const mlflow = await startMlflow({ origin: ORIGIN });
  stops.push(mlflow.stop);
  console.log(`MLflow ready in ${mlflow.startedMs} ms at ${mlflow.url}`);
  const port = Number(new URL(mlflow.url).port);

  // The same calls the app makes, in the same order.
  const { experiment_id: experimentId } = await post(mlflow, "/api/2.0/mlflow/experiments/create", { name: "jukebox" });
  const { run } = await post(mlflow, "/api/2.0/mlflow/runs/create", { experiment_id: experimentId, start_time: Date.now() });
  const runId = run.info.run_id;
  assert.match(run.info.artifact_uri, /^mlflow-artifacts:\//, "runs store artifacts through the proxy");
  await post(mlflow, "/api/2.0/mlflow/runs/log-batch", {
    run_id: runId,
    metrics: [{ key: "test_accuracy", value: 0.3125, timestamp: Date.now(), step: 0 }],
    params: [{ key: "model", value: "dense" }],
  });
  const bytes = randomBytes(4096);
  const preflight = await fetch(`${mlflow.url}/api/2.0/mlflow-artifacts/artifacts/x`, {
    method: "OPTIONS",
    headers: { origin: ORIGIN, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" },
  });
  assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /\bPUT\b/, "the browser may PUT artifacts");
  const upload = await fetch(`${mlflow.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/model.onnx`, {
    method: "PUT",
    headers: { origin: ORIGIN, "content-type": "application/octet-stream" },
    body: bytes,
  });
  assert.equal(upload.status, 200, await upload.text());
  await post(mlflow, "/api/2.0/mlflow/registered-models/create", { name: "course_network" });
  const source = `${run.info.artifact_uri}/model`;
  const { model_version: created } = await post(mlflow, "/api/2.0/mlflow/model-versions/create", {
    name: "course_network",
    source,
    run_id: runId,
  });
  assert.equal(created.version, "1");
  await post(mlflow, "/api/2.0/mlflow/registered-models/alias", { name: "course_network", alias: "champion", version: "1" });

  // What the end-to-end test reads back.
  assert.equal((await getRegisteredModel(mlflow.url, "course_network")).name, "course_network");
  const versions = await searchModelVersions(mlflow.url, "course_network");
  assert.deepEqual(versions.map((v) => [v.version, v.source, v.run_id]), [["1", source, runId]]);
  assert.equal((await getModelVersionByAlias(mlflow.url, "course_network", "champion")).version, "1");
  assert.equal(runMetrics(await getRun(mlflow.url, runId)).test_accuracy, 0.3125);
  assert.equal(sha256(await downloadArtifact(mlflow.url, source, "model.onnx")), sha256(bytes), "the stored bytes are the uploaded ones");
  assert.deepEqual(await listArtifacts(mlflow.url, source), ["model.onnx"]);

  // Another origin: MLflow refuses its writes and gives its reads no CORS header.
  const refused = await mlflowPost(mlflow.url, "/api/2.0/mlflow/registered-models/create", { name: "x" }, { origin: OTHER_ORIGIN });
  assert.equal(refused.status, 403);
  const read = await fetch(`${mlflow.url}/api/2.0/mlflow/experiments/search?max_results=1`, { headers: { origin: OTHER_ORIGIN } });
  await read.arrayBuffer();
  assert.equal(read.headers.get("access-control-allow-origin"), null, "a browser would refuse to show the answer");

  await mlflow.stop();
  assert.equal(await portInUse(port), false, `port ${port} is free after stop()`);
  assert.ok(gone(mlflow.pid), "MLflow's process group is gone");
});

test("Prism answers a spec-valid request, refuses a spec-violating one with a logged violation, allows the app's origin, and stops", async () => {
  const prism = await startPrism();
  stops.push(prism.stop);
  console.log(`Prism ready in ${prism.startedMs} ms at ${prism.url}`);
  const port = Number(new URL(prism.url).port);
  const models = `${prism.url}/api/model_registry/v1alpha3/registered_models`;
  const appOrigin = "http://127.0.0.1:4507";

  const preflight = await fetch(models, {
    method: "OPTIONS",
    headers: { origin: appOrigin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
  });
  assert.ok(preflight.status < 300, `preflight answered ${preflight.status}`);
  assert.equal(preflight.headers.get("access-control-allow-origin"), appOrigin);
  assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /\bPOST\b/);
  assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /authorization/i);

  const headers = { origin: appOrigin, authorization: "Bearer e2e", "content-type": "application/json" };
  const valid = await fetch(models, { method: "POST", headers, body: JSON.stringify({ name: "course_network", description: "e2e" }) });
  await valid.arrayBuffer();
  assert.equal(valid.status, 201);
  assert.equal(valid.headers.get("access-control-allow-origin"), appOrigin);
  assert.deepEqual(await prism.requestViolations(), [], "a spec-valid request breaks nothing");

  const invalid = await fetch(models, { method: "POST", headers, body: JSON.stringify({ name: 17 }) });
  await invalid.arrayBuffer();
  assert.ok([400, 422].includes(invalid.status), `a spec-violating body is refused, got ${invalid.status}`);
  assert.match(invalid.headers.get("sl-violations") ?? "", /name must be string/);
  const violations = await prism.requestViolations();
  assert.equal(violations.length, 1, violations.join("\n"));
  assert.match(violations[0], /^POST \/api\/model_registry\/v1alpha3\/registered_models: request\.body\.name .*must be string/);

  // No token: the spec's bearer security is a violation too (the app must send one).
  const anonymous = await fetch(models, { headers: { origin: appOrigin } });
  await anonymous.arrayBuffer();
  assert.equal(anonymous.status, 401);
  assert.equal((await prism.requests()).length, 3);

  await prism.stop();
  assert.equal(await portInUse(port), false, `port ${port} is free after stop()`);
  assert.ok(gone(prism.pid), "Prism's process group is gone");
});

/** Runs `body` in a child node after it started Prism; resolves to { port, pid, code } once it exited. */
function childWithPrism(body, { interrupt = false } = {}) {
  const servers = new URL("./servers.mjs", import.meta.url).href;
  const code = `import { startPrism } from ${JSON.stringify(servers)};
const prism = await startPrism();
console.log("SERVER " + new URL(prism.url).port + " " + prism.pid);
${body}`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let port = null;
  let pid = null;
  child.stdout.on("data", (chunk) => {
    out += chunk;
    const match = out.match(/SERVER (\d+) (\d+)/);
    if (match && port === null) {
      [port, pid] = [Number(match[1]), Number(match[2])];
      if (interrupt) child.kill("SIGINT");
    }
  });
  child.stderr.on("data", (chunk) => {
    out += chunk;
  });
  return new Promise((ok) => child.on("exit", (code) => ok({ port, pid, code, out })));
}

test("a server is stopped when the test body throws, on an uncaught error and on Ctrl-C", async () => {
  const cases = [
    ["a failing test with an after() hook", `const { test, after } = await import("node:test");
after(() => prism.stop());
test("fails", () => { throw new Error("the test body failed"); });`, {}],
    ["an uncaught error", `setTimeout(() => { throw new Error("uncaught"); }, 50);`, {}],
    ["Ctrl-C", "setInterval(() => {}, 1000);", { interrupt: true }],
  ];
  for (const [what, body, options] of cases) {
    const { port, pid, code, out } = await childWithPrism(body, options);
    assert.ok(port !== null, `${what}: the child started Prism:\n${out}`);
    assert.notEqual(code, 0, `${what}: the child failed`);
    await waitUntil(async () => !(await portInUse(port)) && gone(pid), `${what}: Prism still runs (port ${port}, pid ${pid})`);
  }
});

/**
 * A small ONNX model written by onnx (PyPI) with the course's signature — 13 `[N,1]` inputs
 * concatenated, a MatMul and a Softmax over 4 classes — and onnxruntime's answer for `row`.
 */
function courseLikeOnnx(dir, row) {
  const script = `
import json, sys, numpy as np, onnx, onnxruntime as ort
from onnx import helper, TensorProto, numpy_helper
names = [f"f{i}" for i in range(13)]
rng = np.random.default_rng(7)
w = numpy_helper.from_array(rng.normal(size=(13, 4)).astype(np.float32), "w")
nodes = [helper.make_node("Concat", names, ["x"], axis=1), helper.make_node("MatMul", ["x", "w"], ["z"]),
         helper.make_node("Softmax", ["z"], ["output"], axis=1)]
inputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["N", 1]) for n in names]
output = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 4])
model = helper.make_model(helper.make_graph(nodes, "g", inputs, [output], [w]), opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
path = sys.argv[1] + "/model.onnx"
onnx.save(model, path)
row = json.loads(sys.argv[2])
feed = {n: np.array([[v]], dtype=np.float32) for n, v in zip(names, row)}
probs = ort.InferenceSession(path).run(None, feed)[0][0]
print(json.dumps({"path": path, "names": names, "probabilities": [float(p) for p in probs]}))`;
  return JSON.parse(execFileSync(join(REPO, ".venv/bin/python"), ["-c", script, dir, JSON.stringify(row)], { encoding: "utf8" }));
}

test("MLServer serves an ONNX file over the Open Inference Protocol with CORS for the app's origin, and stops", { skip: existsSync(join(REPO, "scripts/serve-onnx.sh")) ? false : "scripts/serve-onnx.sh is not there yet" }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "jukebox-e2e-onnx-"));
  stops.push(() => rm(dir, { recursive: true, force: true }));
  const row = Array.from({ length: 13 }, (_, i) => (i + 1) / 14);
  const model = courseLikeOnnx(dir, row);
  const appOrigin = "http://127.0.0.1:4507";
  const server = await startMlserver({ onnx: model.path, origin: appOrigin, name: "course_like" });
  stops.push(server.stop);
  console.log(`MLServer ready in ${server.startedMs} ms at ${server.url} serving ${server.name}`);
  const port = Number(new URL(server.url).port);

  const metadata = await (await fetch(`${server.url}/v2/models/${server.name}`, { headers: { origin: appOrigin } })).json();
  assert.deepEqual(metadata.inputs.map((i) => i.name), model.names);
  const body = { inputs: model.names.map((name, i) => ({ name, shape: [1, 1], datatype: "FP32", data: [row[i]] })) };
  const preflight = await fetch(`${server.url}/v2/models/${server.name}/infer`, {
    method: "OPTIONS",
    headers: { origin: appOrigin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  assert.ok([appOrigin, "*"].includes(preflight.headers.get("access-control-allow-origin")), "the app's origin may POST");
  const reply = await fetch(`${server.url}/v2/models/${server.name}/infer`, {
    method: "POST",
    headers: { origin: appOrigin, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await reply.json();
  assert.equal(reply.status, 200, JSON.stringify(answer));
  const served = answer.outputs[0].data.flat(Infinity);
  const diff = Math.max(...served.map((p, i) => Math.abs(p - model.probabilities[i])));
  assert.ok(served.length === 4 && diff <= 1e-6, `served ${served} vs onnxruntime ${model.probabilities}`);

  await server.stop();
  assert.equal(await portInUse(port), false, `port ${port} is free after stop()`);
  assert.ok(gone(server.pid), "MLServer's process group is gone");
});
