//! Kubeflow Model Registry push steps (REST v1alpha3, GET and POST only — its CORS allows no
//! PATCH): find or create the registered model, reuse this run's version or create one under
//! a free name, then record the model artifact's URI (the registry stores no bytes).

use serde_json::{Value, json};

use super::job::{Flow, StepCtx};
use super::reply::{failure, is_ok, json as reply_json, missing, text_at};
use super::{
    Body, HttpReply, HttpRequest, Method, PushProgress, Registration, RegistryKind, StepKind,
};
use crate::endpoint_url::{encode, join};

pub(super) mod body;

use body::{listed, names_with, next_free_name, string_value, version_body};

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
