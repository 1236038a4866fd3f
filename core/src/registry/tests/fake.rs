//! In-memory MLflow and Kubeflow registries that answer like the real servers for the calls a
//! push makes, count what they create, and can fail one request on purpose.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::super::{Body, HttpReply, HttpRequest, Method};

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The path below `prefix` and the query's pairs of `url`.
fn route(url: &str, prefix: &str) -> (String, BTreeMap<String, String>) {
    let rest = url.split_once(prefix).map_or(url, |(_, r)| r);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let pairs = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect();
    (path.to_string(), pairs)
}

fn ok(body: &Value) -> HttpReply {
    HttpReply {
        status: 200,
        body: body.to_string(),
    }
}

fn body_of(request: &HttpRequest) -> Value {
    match &request.body {
        Body::Json(v) => v.clone(),
        _ => Value::Null,
    }
}

/// The quoted values of an MLflow filter (`name='m' and run_id='r'` → `[m, r]`).
fn quoted_values(filter: &str) -> Vec<String> {
    filter
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// (run id, experiment id, tags, params, metric values logged)
type FakeRun = (
    String,
    String,
    BTreeMap<String, String>,
    BTreeMap<String, String>,
    usize,
);

#[derive(Debug, Default)]
pub(super) struct FakeMlflow {
    pub requests: usize,
    /// Answer HTTP 500 to this request (0-based), once.
    pub fail_at: Option<usize>,
    pub experiments: Vec<String>,
    /// (run id, experiment id, tags, params, metric count)
    pub runs: Vec<FakeRun>,
    pub finished: Vec<String>,
    pub uploads: Vec<String>,
    pub models: Vec<String>,
    /// (model, version, run id, source)
    pub versions: Vec<(String, String, String, String)>,
    pub aliases: BTreeMap<String, String>,
}

fn mlflow_error(status: u16, code: &str, message: &str) -> HttpReply {
    HttpReply {
        status,
        body: json!({"error_code": code, "message": message}).to_string(),
    }
}

impl FakeMlflow {
    pub fn handle(&mut self, request: &HttpRequest) -> HttpReply {
        self.requests += 1;
        if self.fail_at == Some(self.requests - 1) {
            self.fail_at = None;
            return mlflow_error(500, "INTERNAL_ERROR", "database is locked");
        }
        if let Some(path) = request
            .url
            .split_once("/api/2.0/mlflow-artifacts/artifacts/")
        {
            assert_eq!(request.method, Method::Put);
            self.uploads.push(path.1.to_string());
            return ok(&json!({}));
        }
        let (path, query) = route(&request.url, "/api/2.0/mlflow/");
        let body = body_of(request);
        match (request.method, path.as_str()) {
            (Method::Get, "experiments/get-by-name") => {
                let name = &query["experiment_name"];
                match self.experiments.iter().position(|e| e == name) {
                    Some(i) => ok(
                        &json!({"experiment": {"experiment_id": i.to_string(), "name": name, "lifecycle_stage": "active"}}),
                    ),
                    None => mlflow_error(
                        404,
                        "RESOURCE_DOES_NOT_EXIST",
                        &format!("Could not find experiment with name '{name}'"),
                    ),
                }
            }
            (Method::Post, "experiments/create") => {
                self.experiments.push(body["name"].as_str().unwrap().into());
                ok(&json!({"experiment_id": (self.experiments.len() - 1).to_string()}))
            }
            (Method::Post, "runs/search") => {
                let wanted = quoted_values(body["filter"].as_str().unwrap());
                let found: Vec<Value> = self
                    .runs
                    .iter()
                    .filter(|r| r.2.get("jukebox.run_id") == wanted.first())
                    .map(|r| {
                        let tags: Vec<Value> = r.2.iter().map(|(k, v)| json!({"key": k, "value": v})).collect();
                        json!({"info": {"run_id": r.0, "artifact_uri": format!("mlflow-artifacts:/{}/{}/artifacts", r.1, r.0)}, "data": {"tags": tags}})
                    })
                    .collect();
                ok(&if found.is_empty() {
                    json!({})
                } else {
                    json!({"runs": found})
                })
            }
            (Method::Post, "runs/create") => self.create_run(&body),
            (Method::Post, "runs/log-batch") => self.log_batch(&body),
            (Method::Post, "runs/update") => {
                self.finished.push(body["run_id"].as_str().unwrap().into());
                ok(&json!({"run_info": {"status": "FINISHED"}}))
            }
            (Method::Get, "registered-models/get") => {
                if self.models.contains(&query["name"]) {
                    ok(&json!({"registered_model": {"name": query["name"]}}))
                } else {
                    mlflow_error(404, "RESOURCE_DOES_NOT_EXIST", "Registered Model not found")
                }
            }
            (Method::Post, "registered-models/create") => {
                self.models.push(body["name"].as_str().unwrap().into());
                ok(&json!({"registered_model": {"name": body["name"]}}))
            }
            (Method::Get, "model-versions/search") => {
                let wanted = quoted_values(&query["filter"]);
                let found: Vec<Value> = self
                    .versions
                    .iter()
                    .filter(|v| v.0 == wanted[0] && v.2 == wanted[1])
                    .map(|v| json!({"name": v.0, "version": v.1, "run_id": v.2, "source": v.3}))
                    .collect();
                ok(&json!({"model_versions": found}))
            }
            (Method::Post, "model-versions/create") => {
                let name = body["name"].as_str().unwrap().to_string();
                let n = self.versions.iter().filter(|v| v.0 == name).count() + 1;
                let run = body["run_id"].as_str().unwrap().to_string();
                let source = body["source"].as_str().unwrap().to_string();
                self.versions.push((name, n.to_string(), run, source));
                ok(&json!({"model_version": {"version": n.to_string()}}))
            }
            (Method::Post, "registered-models/alias") => {
                self.aliases.insert(
                    body["alias"].as_str().unwrap().into(),
                    body["version"].as_str().unwrap().into(),
                );
                ok(&json!({}))
            }
            other => panic!("the fake MLflow has no route {other:?}"),
        }
    }

    fn create_run(&mut self, body: &Value) -> HttpReply {
        let id = format!("r{}", self.runs.len());
        let exp = body["experiment_id"].as_str().unwrap().to_string();
        let tags = body["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["key"].as_str().unwrap().into(),
                    t["value"].as_str().unwrap().into(),
                )
            })
            .collect();
        let uri = format!("mlflow-artifacts:/{exp}/{id}/artifacts");
        self.runs.push((id.clone(), exp, tags, BTreeMap::new(), 0));
        ok(&json!({"run": {"info": {"run_id": id, "artifact_uri": uri}}}))
    }

    fn log_batch(&mut self, body: &Value) -> HttpReply {
        let run = self
            .runs
            .iter_mut()
            .find(|r| Some(r.0.as_str()) == body["run_id"].as_str())
            .unwrap();
        for p in body["params"].as_array().unwrap() {
            let (k, v) = (p["key"].as_str().unwrap(), p["value"].as_str().unwrap());
            if run.3.get(k).is_some_and(|old| old != v) {
                return mlflow_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    "Changing param values is not allowed",
                );
            }
            run.3.insert(k.into(), v.into());
        }
        for t in body["tags"].as_array().unwrap() {
            run.2.insert(
                t["key"].as_str().unwrap().into(),
                t["value"].as_str().unwrap().into(),
            );
        }
        run.4 += body["metrics"].as_array().unwrap().len();
        ok(&json!({}))
    }
}

#[derive(Debug, Default)]
pub(super) struct FakeKubeflow {
    pub requests: usize,
    pub fail_at: Option<usize>,
    /// Versions per page of a list (0 = all).
    pub page_size: usize,
    pub models: Vec<String>,
    /// (model index, name, run id)
    pub versions: Vec<(usize, String, String)>,
    /// (version index, uri)
    pub artifacts: Vec<(usize, String)>,
    /// (path, body) of every POST, for checking against the spec.
    pub posted: Vec<(String, Value)>,
}

fn kf_error(status: u16, message: &str) -> HttpReply {
    HttpReply {
        status,
        body: json!({"code": status.to_string(), "message": message}).to_string(),
    }
}

fn version_json(i: usize, v: &(usize, String, String)) -> Value {
    json!({"id": (i + 1).to_string(), "name": v.1, "registeredModelId": (v.0 + 1).to_string(),
           "customProperties": {"run_id": {"metadataType": "MetadataStringValue", "string_value": v.2}}})
}

impl FakeKubeflow {
    pub fn handle(&mut self, request: &HttpRequest) -> HttpReply {
        self.requests += 1;
        if self.fail_at == Some(self.requests - 1) {
            self.fail_at = None;
            return kf_error(503, "service unavailable");
        }
        let (path, query) = route(&request.url, "/api/model_registry/v1alpha3/");
        let body = body_of(request);
        if request.method == Method::Post {
            self.posted.push((path.clone(), body.clone()));
        }
        let parts: Vec<&str> = path.split('/').collect();
        let index = |s: &str| s.parse::<usize>().unwrap() - 1;
        match (request.method, parts.as_slice()) {
            (Method::Get, ["registered_model"]) => {
                match self.models.iter().position(|m| *m == query["name"]) {
                    Some(i) => ok(&json!({"id": (i + 1).to_string(), "name": query["name"]})),
                    None => kf_error(404, "no registered model found"),
                }
            }
            (Method::Post, ["registered_models"]) => {
                self.models.push(body["name"].as_str().unwrap().into());
                HttpReply {
                    status: 201,
                    body: json!({"id": self.models.len().to_string()}).to_string(),
                }
            }
            (Method::Get, ["registered_models", id, "versions"]) => {
                let model = index(id);
                let all: Vec<Value> = self
                    .versions
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.0 == model)
                    .map(|(i, v)| version_json(i, v))
                    .collect();
                let start: usize = query.get("nextPageToken").map_or(0, |t| t.parse().unwrap());
                let size = if self.page_size == 0 {
                    all.len().max(1)
                } else {
                    self.page_size
                };
                let page: Vec<Value> = all.iter().skip(start).take(size).cloned().collect();
                let next = if start + size < all.len() {
                    (start + size).to_string()
                } else {
                    String::new()
                };
                ok(
                    &json!({"items": page, "size": page.len(), "pageSize": size, "nextPageToken": next}),
                )
            }
            (Method::Post, ["model_versions"]) => {
                let model = index(body["registeredModelId"].as_str().unwrap());
                let run = body["customProperties"]["run_id"]["string_value"]
                    .as_str()
                    .unwrap()
                    .to_string();
                self.versions
                    .push((model, body["name"].as_str().unwrap().into(), run));
                HttpReply {
                    status: 201,
                    body: json!({"id": self.versions.len().to_string()}).to_string(),
                }
            }
            (Method::Get, ["model_versions", id, "artifacts"]) => {
                let version = index(id);
                let items: Vec<Value> = self.artifacts.iter().enumerate().filter(|(_, a)| a.0 == version)
                    .map(|(i, a)| json!({"id": (i + 1).to_string(), "artifactType": "model-artifact", "uri": a.1})).collect();
                ok(
                    &json!({"items": items, "size": items.len(), "pageSize": 100, "nextPageToken": ""}),
                )
            }
            (Method::Post, ["model_versions", id, "artifacts"]) => {
                self.artifacts
                    .push((index(id), body["uri"].as_str().unwrap().into()));
                HttpReply {
                    status: 201,
                    body: json!({"id": self.artifacts.len().to_string()}).to_string(),
                }
            }
            other => panic!("the fake Kubeflow registry has no route {other:?}"),
        }
    }
}
