//! Kubeflow Model Registry push steps (REST v1alpha3, GET and POST only — its CORS allows no
//! PATCH): find or create the registered model, reuse this run's version or create one under
//! a free name, then record the model artifact's URI (the registry stores no bytes).

use serde_json::{Map, Value, json};

use super::job::{Flow, StepCtx};
use super::reply::{failure, is_ok, json as reply_json, missing, text_at};
use super::url::{encode, join};
use super::{
    Body, HttpReply, HttpRequest, Method, PushProgress, Registration, RegistryKind, StepKind,
};
use crate::runs::RunRecord;

pub(crate) const STEPS: [StepKind; 3] = [
    StepKind::KfRegisteredModel,
    StepKind::KfModelVersion,
    StepKind::KfModelArtifact,
];

/// The REST API below the user's base URL.
pub(crate) const API: &str = "api/model_registry/v1alpha3/";
/// Pages of a version list followed at most (a guard against a server repeating tokens).
const MAX_PAGES: usize = 100;

pub(crate) fn api_url(base_url: &str, path: &str) -> String {
    join(base_url, &format!("{API}{path}"))
}

fn send(ctx: &mut StepCtx, phase: u8, method: Method, path: &str, body: Body) -> Flow {
    *ctx.phase = phase;
    Flow::Send(HttpRequest {
        method,
        url: api_url(ctx.base_url, path),
        body,
    })
}

fn fail(ctx: &StepCtx, action: &str, reply: &HttpReply) -> Flow {
    Flow::Fail(failure(RegistryKind::Kubeflow, ctx.base_url, action, reply))
}

fn learn(ctx: &mut StepCtx, reply: &HttpReply, action: &str, key: &str) -> Result<String, Flow> {
    let id = text_at(reply, "/id")
        .ok_or_else(|| Flow::Fail(missing(RegistryKind::Kubeflow, action, "id", reply)))?;
    ctx.learn(key, id.clone());
    Ok(id)
}

pub(crate) fn advance(ctx: &mut StepCtx, step: StepKind, reply: Option<&HttpReply>) -> Flow {
    match step {
        StepKind::KfRegisteredModel => registered_model(ctx, reply),
        StepKind::KfModelVersion => model_version(ctx, reply),
        StepKind::KfModelArtifact => model_artifact(ctx, reply),
        other => Flow::Fail(format!("{} is not a Kubeflow step", other.label())),
    }
}

/// Why the push cannot start, before any request: no artifact URI, or a name the registry's
/// search parameter refuses (printable ASCII only).
fn refusal(ctx: &StepCtx) -> Option<String> {
    let options = ctx.options;
    if options.artifact_uri.trim().is_empty() {
        return Some(
            "Give the model's artifact URI (where model.onnx is stored: an s3://, https:// or \
             mlflow-artifacts: URI): the Kubeflow Model Registry records where a model is, \
             it does not store the file."
                .into(),
        );
    }
    let name = options.model_name.trim();
    if name.is_empty() || !name.chars().all(|c| (' '..='~').contains(&c)) {
        return Some(format!(
            "The Kubeflow Model Registry finds models by a name of printable ASCII characters; \
             '{name}' is not one. Choose another model name."
        ));
    }
    None
}

fn registered_model(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let name = ctx.options.model_name.trim().to_string();
    let Some(reply) = reply else {
        if let Some(sentence) = refusal(ctx) {
            return Flow::Fail(sentence);
        }
        return send(
            ctx,
            1,
            Method::Get,
            &format!("registered_model?name={}", encode(&name)),
            Body::None,
        );
    };
    let action = format!("Creating the registered model '{name}'");
    match *ctx.phase {
        1 if is_ok(reply) => match learn(
            ctx,
            reply,
            "Finding the registered model",
            "registered_model_id",
        ) {
            Ok(id) => Flow::Done(format!("model '{name}' (id {id}, existing)")),
            Err(flow) => flow,
        },
        1 if reply.status == 404 => {
            let mut body = json!({ "name": name });
            let options = ctx.options;
            for (field, value) in [
                ("description", &options.description),
                ("owner", &options.author),
                ("license", &options.license),
            ] {
                if !value.trim().is_empty() {
                    body[field] = json!(value.trim());
                }
            }
            send(ctx, 2, Method::Post, "registered_models", Body::Json(body))
        }
        2 if is_ok(reply) => match learn(ctx, reply, &action, "registered_model_id") {
            Ok(id) => Flow::Done(format!("model '{name}' (id {id}, created)")),
            Err(flow) => flow,
        },
        2 => fail(ctx, &action, reply),
        _ => fail(
            ctx,
            &format!("Finding the registered model '{name}'"),
            reply,
        ),
    }
}

fn versions_page(ctx: &mut StepCtx, token: &str) -> Flow {
    let mut path = format!(
        "registered_models/{}/versions?pageSize=100",
        ctx.id("registered_model_id")
    );
    if !token.is_empty() {
        path = format!("{path}&nextPageToken={}", encode(token));
    }
    send(ctx, 1, Method::Get, &path, Body::None)
}

/// A version in a list: its id, name and the Jukebox run it came from (if any).
fn listed(item: &Value) -> (String, String, String) {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let run = item.pointer("/customProperties/run_id/string_value");
    (text(item.get("id")), text(item.get("name")), text(run))
}

/// The name a new version gets when `wanted` is taken (or empty): numbers count on from the
/// highest numeric name; other names get `-2`, `-3`…
pub(crate) fn next_free_name(wanted: &str, taken: &[String]) -> String {
    let is_taken = |n: &str| taken.iter().any(|t| t == n);
    if wanted.is_empty() || wanted.parse::<u64>().is_ok() {
        let highest = taken
            .iter()
            .filter_map(|t| t.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let start = wanted.parse::<u64>().unwrap_or(1).max(highest + 1);
        return start.to_string();
    }
    // One more than the names taken always holds a free one.
    (2..=taken.len() + 2)
        .map(|n| format!("{wanted}-{n}"))
        .find(|n| !is_taken(n))
        .unwrap_or_default()
}

fn model_version(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let Some(reply) = reply else {
        ctx.ids.remove("kf_names");
        ctx.ids.remove("kf_pages");
        return versions_page(ctx, "");
    };
    let model = ctx.options.model_name.trim().to_string();
    if *ctx.phase == 2 {
        if !is_ok(reply) {
            return fail(ctx, &format!("Creating a version of '{model}'"), reply);
        }
        return match learn(ctx, reply, "Creating the model version", "model_version_id") {
            Ok(id) => Flow::Done(format!(
                "version '{}' (id {id}, created)",
                ctx.id("version")
            )),
            Err(flow) => flow,
        };
    }
    if !is_ok(reply) {
        return fail(ctx, &format!("Listing the versions of '{model}'"), reply);
    }
    let page = reply_json(reply);
    let wanted = ctx.options.version_name.trim().to_string();
    let run_id = ctx.record.id.clone();
    let mut names: Vec<String> = ctx.id("kf_names").lines().map(str::to_string).collect();
    for item in page
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (id, name, run) = listed(item);
        if run == run_id && (wanted.is_empty() || name == wanted) && !id.is_empty() {
            ctx.learn("model_version_id", id.clone());
            ctx.learn("version", name.clone());
            return Flow::Done(format!("version '{name}' (id {id}, existing, of this run)"));
        }
        if name == wanted {
            let next = next_free_name(&wanted, &names_with(&names, &page));
            let from = if run.is_empty() {
                "not from Jukebox".to_string()
            } else {
                format!("run {run}")
            };
            return Flow::Fail(format!(
                "version '{wanted}' of model '{model}' exists ({from}); the next free name is '{next}'."
            ));
        }
        names.push(name);
    }
    let pages = ctx.id("kf_pages").parse::<usize>().unwrap_or(0) + 1;
    let token = page
        .get("nextPageToken")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !token.is_empty() && token != ctx.id("kf_token") && pages < MAX_PAGES {
        ctx.learn("kf_names", names.join("\n"));
        ctx.learn("kf_pages", pages.to_string());
        ctx.learn("kf_token", token.clone());
        return versions_page(ctx, &token);
    }
    let name = if wanted.is_empty() {
        next_free_name("", &names)
    } else {
        wanted
    };
    ctx.learn("version", name.clone());
    let body = version_body(ctx, &name);
    send(ctx, 2, Method::Post, "model_versions", Body::Json(body))
}

/// Every name seen so far plus this page's, for a refusal's suggestion.
fn names_with(names: &[String], page: &Value) -> Vec<String> {
    let mut all = names.to_vec();
    for item in page
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        all.push(listed(item).1);
    }
    all
}

fn string_value(value: &str) -> Value {
    json!({ "metadataType": "MetadataStringValue", "string_value": value })
}

fn double_value(value: f64) -> Value {
    json!({ "metadataType": "MetadataDoubleValue", "double_value": value })
}

/// The version's typed custom properties: the run, its data and its scores.
pub(crate) fn custom_properties(
    record: &RunRecord,
    license: &str,
    onnx_sha256: &str,
) -> Map<String, Value> {
    let mut props = Map::new();
    let spec = &record.report.spec;
    props.insert("run_id".into(), string_value(&record.id));
    props.insert("app_version".into(), string_value(&record.app_version));
    props.insert(
        "features".into(),
        string_value(&serde_json::to_string(&spec.features).unwrap_or_default()),
    );
    props.insert("target".into(), string_value(&spec.target));
    props.insert("model_kind".into(), string_value(spec.model.label()));
    props.insert("onnx_sha256".into(), string_value(onnx_sha256));
    if !license.trim().is_empty() {
        props.insert("license".into(), string_value(license.trim()));
    }
    for dataset in &record.datasets {
        props.insert(
            format!("dataset.{}.sha256", dataset.name),
            string_value(&dataset.sha256),
        );
        props.insert(
            format!("dataset.{}.rows", dataset.name),
            string_value(&dataset.rows.to_string()),
        );
    }
    let mut scores = vec![
        ("validation_accuracy", record.report.validation_accuracy),
        ("test_accuracy", record.report.test_accuracy),
    ];
    if let Some(eval) = &record.evaluation {
        scores.push(("test_top5_accuracy", eval.top5_accuracy));
        scores.push(("test_macro_f1", eval.macro_avg.f1));
        scores.push(("test_weighted_f1", eval.weighted_avg.f1));
    }
    for (key, value) in scores.into_iter().filter(|(_, v)| v.is_finite()) {
        props.insert(key.into(), double_value(value));
    }
    props
}

fn version_body(ctx: &StepCtx, name: &str) -> Value {
    let options = ctx.options;
    let mut body = json!({
        "registeredModelId": ctx.id("registered_model_id"),
        "name": name,
        "customProperties": custom_properties(ctx.record, &options.license, &ctx.files.onnx_sha256),
    });
    if !options.description.trim().is_empty() {
        body["description"] = json!(options.description.trim());
    }
    if !options.author.trim().is_empty() {
        body["author"] = json!(options.author.trim());
    }
    body
}

fn model_artifact(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let uri = ctx.options.artifact_uri.trim().to_string();
    let path = format!("model_versions/{}/artifacts", ctx.id("model_version_id"));
    let Some(reply) = reply else {
        let query = format!("{path}?artifactType=model-artifact&pageSize=100");
        return send(ctx, 1, Method::Get, &query, Body::None);
    };
    match *ctx.phase {
        1 if is_ok(reply) => {
            let page = reply_json(reply);
            let items = page
                .get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if let Some(found) = items
                .iter()
                .find(|i| i.get("uri").and_then(Value::as_str) == Some(&uri))
            {
                let id = found.get("id").and_then(Value::as_str).unwrap_or_default();
                ctx.learn("model_artifact_id", id);
                return Flow::Done(format!("model artifact {id} (existing) → {uri}"));
            }
            let body = json!({
                "artifactType": "model-artifact",
                "name": format!("{}-{}-onnx", ctx.options.model_name.trim(), ctx.id("version")),
                "uri": uri,
                "modelFormatName": "onnx",
                "modelFormatVersion": "1",
                "customProperties": { "sha256": string_value(&ctx.files.onnx_sha256) },
            });
            send(ctx, 2, Method::Post, &path, Body::Json(body))
        }
        1 => fail(ctx, "Listing the version's artifacts", reply),
        2 if is_ok(reply) => match learn(
            ctx,
            reply,
            "Creating the model artifact",
            "model_artifact_id",
        ) {
            Ok(id) => Flow::Done(format!("model artifact {id} (created) → {uri}")),
            Err(flow) => flow,
        },
        _ => fail(ctx, "Creating the model artifact", reply),
    }
}

/// Where the pushed version is: its API URL (the registry has no UI page of its own).
pub(crate) fn registration(progress: &PushProgress, now_ms: f64) -> Registration {
    let id = |key: &str| progress.ids.get(key).cloned().unwrap_or_default();
    Registration {
        endpoint_id: progress.endpoint_id.clone(),
        kind: RegistryKind::Kubeflow,
        base_url: progress.base_url.clone(),
        model_name: progress.options.model_name.trim().to_string(),
        version: id("version"),
        url: api_url(
            &progress.base_url,
            &format!("model_versions/{}", id("model_version_id")),
        ),
        artifact_uri: progress.options.artifact_uri.trim().to_string(),
        registered_ms: now_ms,
    }
}
