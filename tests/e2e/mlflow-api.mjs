// MLflow's own REST API (2.0) and artifact proxy, read from node: what a test checks after
// the app pushed a run — the registered model, its versions and alias, the run's metrics and
// the stored model.onnx bytes.
import { createHash } from "node:crypto";

/** GET `base` + `path` with `params`; the parsed JSON, or an error naming the call and reply. */
export async function mlflowGet(base, path, params = {}, headers = {}) {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`MLflow GET ${url.pathname}${url.search} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** POST JSON; resolves to { status, headers, json } whatever the status (tests check it). */
export async function mlflowPost(base, path, body, headers = {}) {
  const response = await fetch(new URL(path, base), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: response.status, headers: response.headers, json };
}

export async function getRegisteredModel(base, name) {
  return (await mlflowGet(base, "/api/2.0/mlflow/registered-models/get", { name })).registered_model;
}

/** Every version of registered model `name` (MLflow's search, by name). */
export async function searchModelVersions(base, name) {
  const filter = `name='${name.replaceAll("'", "\\'")}'`;
  return (await mlflowGet(base, "/api/2.0/mlflow/model-versions/search", { filter })).model_versions ?? [];
}

export async function getModelVersionByAlias(base, name, alias) {
  return (await mlflowGet(base, "/api/2.0/mlflow/registered-models/alias", { name, alias })).model_version;
}

export async function getRun(base, runId) {
  return (await mlflowGet(base, "/api/2.0/mlflow/runs/get", { run_id: runId })).run;
}

/** A run's latest metrics as { key: value }. */
export function runMetrics(run) {
  return Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, m.value]));
}

/** A run's params or tags (lists of { key, value }) as an object. */
export const keyed = (list) => Object.fromEntries((list ?? []).map((p) => [p.key, p.value]));

/** `<exp>/<run>/artifacts/model` from an `mlflow-artifacts:/<exp>/<run>/artifacts/model` source. */
export function artifactPath(source) {
  const match = source.match(/^mlflow-artifacts:(?:\/\/[^/]*)?\/(.+?)\/?$/);
  if (!match) throw new Error(`${source} is not an mlflow-artifacts: URI (the app should upload through the artifact proxy)`);
  return match[1];
}

/** The artifact proxy URL of `file` under `source` (a model version's `source`). */
export const artifactUrl = (base, source, file) =>
  new URL(`/api/2.0/mlflow-artifacts/artifacts/${artifactPath(source)}/${file}`, base).href;

/** The files MLflow stored under `source` (names relative to it). */
export async function listArtifacts(base, source) {
  const listing = await mlflowGet(base, "/api/2.0/mlflow-artifacts/artifacts", { path: artifactPath(source) });
  return (listing.files ?? []).filter((f) => !f.is_dir).map((f) => f.path.split("/").at(-1));
}

/** The bytes MLflow stored for `file` under `source`. */
export async function downloadArtifact(base, source, file) {
  const url = artifactUrl(base, source, file);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`MLflow artifact ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return Buffer.from(await response.arrayBuffer());
}

export const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
