//! MLflow's push steps over its REST API 2.0 and artifact proxy: find or create the
//! experiment, find (by the `jukebox.run_id` tag) or create the run, log its parameters,
//! metrics and tags, upload `model.onnx` and the model card, finish the run, then find or
//! create the registered model, reuse this run's version or create one, and set an alias.

use serde_json::{Value, json};

use super::job::{Flow, StepCtx};
use super::mlflow_data::{batches, metrics, params, tags};
use super::reply::{error_code, failure, is_ok, json, missing, text_at};
use super::url::{encode, join};
use super::{
    Body, HttpReply, HttpRequest, Method, PushProgress, Registration, RegistryKind, StepKind,
};

pub(crate) const STEPS: [StepKind; 9] = [
    StepKind::Experiment,
    StepKind::CreateRun,
    StepKind::LogBatch,
    StepKind::UploadModel,
    StepKind::UploadCard,
    StepKind::FinishRun,
    StepKind::RegisteredModel,
    StepKind::ModelVersion,
    StepKind::Alias,
];

const API: &str = "api/2.0/mlflow/";
const ARTIFACTS: &str = "api/2.0/mlflow-artifacts/artifacts/";

fn send(ctx: &mut StepCtx, phase: u8, method: Method, path: &str, body: Body) -> Flow {
    *ctx.phase = phase;
    Flow::Send(HttpRequest {
        method,
        url: join(ctx.base_url, path),
        body,
    })
}

fn post(ctx: &mut StepCtx, phase: u8, endpoint: &str, body: Value) -> Flow {
    send(
        ctx,
        phase,
        Method::Post,
        &format!("{API}{endpoint}"),
        Body::Json(body),
    )
}

fn fail(ctx: &StepCtx, action: &str, reply: &HttpReply) -> Flow {
    Flow::Fail(failure(RegistryKind::Mlflow, ctx.base_url, action, reply))
}

/// Milliseconds since 1970 as MLflow's int64 timestamps; run times are whole, far below 2^53.
#[allow(clippy::cast_possible_truncation)]
fn millis(ms: f64) -> i64 {
    ms.round() as i64
}

/// MLflow's `RESOURCE_DOES_NOT_EXIST` (HTTP 404).
fn not_found(reply: &HttpReply) -> bool {
    reply.status == 404 && error_code(reply).is_none_or(|c| c == "RESOURCE_DOES_NOT_EXIST")
}

/// A string literal of MLflow's filter syntax.
fn quoted(value: &str) -> String {
    if value.contains('\'') {
        format!("\"{}\"", value.replace('"', "\\\""))
    } else {
        format!("'{value}'")
    }
}

/// Reads `pointer` of a 2xx reply into `ids[key]`, or fails saying the field was missing.
fn learn(
    ctx: &mut StepCtx,
    reply: &HttpReply,
    action: &str,
    pointer: &str,
    key: &str,
) -> Result<String, Flow> {
    let value = text_at(reply, pointer)
        .ok_or_else(|| Flow::Fail(missing(RegistryKind::Mlflow, action, pointer, reply)))?;
    ctx.learn(key, value.clone());
    Ok(value)
}

pub(crate) fn advance(ctx: &mut StepCtx, step: StepKind, reply: Option<&HttpReply>) -> Flow {
    match step {
        StepKind::Experiment => experiment(ctx, reply),
        StepKind::CreateRun => create_run(ctx, reply),
        StepKind::LogBatch => log_batch(ctx, reply),
        StepKind::UploadModel => upload(ctx, reply, "model.onnx", Body::Onnx),
        StepKind::UploadCard => upload(ctx, reply, "model-card.json", Body::Card),
        StepKind::FinishRun => finish_run(ctx, reply),
        StepKind::RegisteredModel => registered_model(ctx, reply),
        StepKind::ModelVersion => model_version(ctx, reply),
        StepKind::Alias => alias(ctx, reply),
        other => Flow::Fail(format!("{} is not an MLflow step", other.label())),
    }
}

fn experiment(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let name = ctx.options.experiment.trim().to_string();
    let Some(reply) = reply else {
        if name.is_empty() {
            return Flow::Fail(
                "Name an MLflow experiment to push to (for example `jukebox`).".into(),
            );
        }
        let path = format!(
            "{API}experiments/get-by-name?experiment_name={}",
            encode(&name)
        );
        return send(ctx, 1, Method::Get, &path, Body::None);
    };
    let action = format!("Finding the experiment '{name}'");
    match *ctx.phase {
        1 | 3 if is_ok(reply) => {
            if text_at(reply, "/experiment/lifecycle_stage").as_deref() == Some("deleted") {
                return Flow::Fail(format!(
                    "The experiment '{name}' is deleted in MLflow: restore it there \
                     (`mlflow experiments restore`) or push to another experiment name."
                ));
            }
            match learn(
                ctx,
                reply,
                &action,
                "/experiment/experiment_id",
                "experiment_id",
            ) {
                Ok(id) => Flow::Done(format!("experiment {id} (existing)")),
                Err(flow) => flow,
            }
        }
        1 if not_found(reply) => post(ctx, 2, "experiments/create", json!({ "name": name })),
        2 if is_ok(reply) => match learn(
            ctx,
            reply,
            "Creating the experiment",
            "/experiment_id",
            "experiment_id",
        ) {
            Ok(id) => Flow::Done(format!("experiment {id} (created)")),
            Err(flow) => flow,
        },
        // Created by another push in between: look it up once more (phase 3 does not create).
        2 if error_code(reply).as_deref() == Some("RESOURCE_ALREADY_EXISTS") => {
            let path = format!(
                "{API}experiments/get-by-name?experiment_name={}",
                encode(&name)
            );
            send(ctx, 3, Method::Get, &path, Body::None)
        }
        2 => fail(ctx, &format!("Creating the experiment '{name}'"), reply),
        _ => fail(ctx, &action, reply),
    }
}

fn create_run(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let run_id = ctx.record.id.clone();
    let Some(reply) = reply else {
        // A run pushed before (a lost progress, a second push) is found by its tag.
        let filter = format!("tags.`jukebox.run_id` = {}", quoted(&run_id));
        let body = json!({
            "experiment_ids": [ctx.id("experiment_id")],
            "filter": filter,
            "run_view_type": "ACTIVE_ONLY",
            "max_results": 1,
        });
        return post(ctx, 1, "runs/search", body);
    };
    match *ctx.phase {
        1 if is_ok(reply) => {
            // Only a run that really carries this run's tag (a server that ignored the filter
            // must not make us write into another run).
            let tagged = json(reply)
                .pointer("/runs/0/data/tags")
                .and_then(Value::as_array)
                .is_some_and(|tags| {
                    tags.iter()
                        .any(|t| t["key"] == "jukebox.run_id" && t["value"] == run_id.as_str())
                });
            if let Some(found) = text_at(reply, "/runs/0/info/run_id").filter(|_| tagged) {
                ctx.learn("run_id", found.clone());
                let uri = text_at(reply, "/runs/0/info/artifact_uri").unwrap_or_default();
                ctx.learn("artifact_uri", uri);
                return Flow::Done(format!("MLflow run {found} (existing)"));
            }
            let body = json!({
                "experiment_id": ctx.id("experiment_id"),
                "run_name": run_id,
                "start_time": millis(ctx.record.started_ms),
                "tags": [{"key": "jukebox.run_id", "value": run_id}],
            });
            post(ctx, 2, "runs/create", body)
        }
        1 => fail(ctx, "Looking for this run in MLflow", reply),
        2 if is_ok(reply) => {
            let action = "Creating the MLflow run";
            let uri = text_at(reply, "/run/info/artifact_uri").unwrap_or_default();
            match learn(ctx, reply, action, "/run/info/run_id", "run_id") {
                Ok(id) => {
                    ctx.learn("artifact_uri", uri);
                    Flow::Done(format!("MLflow run {id} (created)"))
                }
                Err(flow) => flow,
            }
        }
        _ => fail(ctx, "Creating the MLflow run", reply),
    }
}

fn log_batch(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let all = batches(
        ctx.record,
        ctx.files,
        ctx.id("run_id"),
        millis(ctx.record.ended_ms),
    );
    let mut done: usize = ctx.id("log_batches_done").parse().unwrap_or(0);
    if let Some(reply) = reply {
        if !is_ok(reply) {
            let action = format!("Logging batch {} of {}", done + 1, all.len());
            return fail(ctx, &action, reply);
        }
        done += 1;
        ctx.learn("log_batches_done", done.to_string());
    }
    match all.into_iter().nth(done) {
        Some(body) => post(ctx, 1, "runs/log-batch", body),
        None => Flow::Done(format!(
            "{} parameters, {} metric values, {} tags in {done} request(s)",
            params(ctx.record).len(),
            metrics(ctx.record).len(),
            tags(ctx.record, ctx.files).len()
        )),
    }
}

/// Where the MLflow server proxies this run's artifacts, below `api/2.0/mlflow-artifacts/`.
fn artifact_path(artifact_uri: &str) -> Option<String> {
    let rest = artifact_uri.strip_prefix("mlflow-artifacts:")?;
    // `mlflow-artifacts:/1/abc/artifacts` or `mlflow-artifacts://host:port/1/abc/artifacts`.
    let rest = match rest.strip_prefix("//") {
        Some(with_host) => with_host.split_once('/').map_or("", |(_, path)| path),
        None => rest,
    };
    Some(rest.trim_matches('/').to_string())
}

fn upload(ctx: &mut StepCtx, reply: Option<&HttpReply>, file: &str, body: Body) -> Flow {
    let body_kind = body.clone();
    let Some(reply) = reply else {
        let uri = ctx.id("artifact_uri").to_string();
        let Some(path) = artifact_path(&uri) else {
            return Flow::Fail(format!(
                "The MLflow server keeps this run's artifacts at `{uri}`, which a browser cannot \
                 upload to. Start the server with artifact proxying (`mlflow server \
                 --artifacts-destination …`, the default `--serve-artifacts`) and push to an \
                 experiment created since, whose artifact location starts `mlflow-artifacts:`."
            ));
        };
        let path = format!("{ARTIFACTS}{path}/model/{file}");
        return send(ctx, 1, Method::Put, &path, body);
    };
    if !is_ok(reply) {
        return fail(ctx, &format!("Uploading {file}"), reply);
    }
    if matches!(body_kind, Body::Onnx) {
        Flow::Done(format!("model/{file}, {} bytes", ctx.files.onnx_bytes))
    } else {
        Flow::Done(format!("model/{file}"))
    }
}

fn finish_run(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let Some(reply) = reply else {
        let body = json!({
            "run_id": ctx.id("run_id"),
            "status": "FINISHED",
            "end_time": millis(ctx.record.ended_ms),
        });
        return post(ctx, 1, "runs/update", body);
    };
    if is_ok(reply) {
        Flow::Done("status FINISHED".into())
    } else {
        fail(ctx, "Finishing the MLflow run", reply)
    }
}

fn registered_model(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let name = ctx.options.model_name.trim().to_string();
    let Some(reply) = reply else {
        if name.is_empty() {
            return Flow::Fail("Name the registered model to create a version of.".into());
        }
        let path = format!("{API}registered-models/get?name={}", encode(&name));
        return send(ctx, 1, Method::Get, &path, Body::None);
    };
    match *ctx.phase {
        1 if is_ok(reply) => Flow::Done(format!("model '{name}' (existing)")),
        1 if not_found(reply) => {
            let mut body = json!({ "name": name });
            if !ctx.options.description.trim().is_empty() {
                body["description"] = json!(ctx.options.description);
            }
            post(ctx, 2, "registered-models/create", body)
        }
        2 if is_ok(reply) => Flow::Done(format!("model '{name}' (created)")),
        // Made by someone else in between: it exists, which is all this step needs.
        2 if error_code(reply).as_deref() == Some("RESOURCE_ALREADY_EXISTS") => {
            Flow::Done(format!("model '{name}' (existing)"))
        }
        2 => fail(
            ctx,
            &format!("Creating the registered model '{name}'"),
            reply,
        ),
        _ => fail(
            ctx,
            &format!("Finding the registered model '{name}'"),
            reply,
        ),
    }
}

fn model_version(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let name = ctx.options.model_name.trim().to_string();
    let run_id = ctx.id("run_id").to_string();
    let source = format!("{}/model", ctx.id("artifact_uri").trim_end_matches('/'));
    let Some(reply) = reply else {
        let filter = format!("name={} and run_id={}", quoted(&name), quoted(&run_id));
        let path = format!("{API}model-versions/search?filter={}", encode(&filter));
        return send(ctx, 1, Method::Get, &path, Body::None);
    };
    match *ctx.phase {
        1 if is_ok(reply) => {
            if let Some(version) = text_at(reply, "/model_versions/0/version") {
                ctx.learn("version", version.clone());
                ctx.learn(
                    "source",
                    text_at(reply, "/model_versions/0/source").unwrap_or(source),
                );
                return Flow::Done(format!("version {version} (existing, of this run)"));
            }
            let mut body = json!({
                "name": name,
                "source": source,
                "run_id": run_id,
                "tags": [{"key": "jukebox.run_id", "value": ctx.record.id}],
            });
            if !ctx.options.description.trim().is_empty() {
                body["description"] = json!(ctx.options.description);
            }
            ctx.learn("source", source);
            post(ctx, 2, "model-versions/create", body)
        }
        1 => fail(ctx, "Looking for a version of this run", reply),
        2 if is_ok(reply) => {
            match learn(
                ctx,
                reply,
                "Creating the model version",
                "/model_version/version",
                "version",
            ) {
                Ok(version) => Flow::Done(format!("version {version} (created)")),
                Err(flow) => flow,
            }
        }
        _ => fail(ctx, &format!("Creating a version of '{name}'"), reply),
    }
}

fn alias(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
    let alias = ctx.options.alias.trim().to_string();
    let version = ctx.id("version").to_string();
    let Some(reply) = reply else {
        let body = json!({
            "name": ctx.options.model_name.trim(),
            "alias": alias,
            "version": version,
        });
        return post(ctx, 1, "registered-models/alias", body);
    };
    if is_ok(reply) {
        Flow::Done(format!("alias '{alias}' → version {version}"))
    } else {
        fail(ctx, &format!("Setting the alias '{alias}'"), reply)
    }
}

/// Where the pushed version is: MLflow's UI page of it.
pub(crate) fn registration(progress: &PushProgress, now_ms: f64) -> Registration {
    let id = |key: &str| progress.ids.get(key).cloned().unwrap_or_default();
    let name = progress.options.model_name.trim().to_string();
    let version = id("version");
    Registration {
        endpoint_id: progress.endpoint_id.clone(),
        kind: RegistryKind::Mlflow,
        base_url: progress.base_url.clone(),
        url: join(
            &progress.base_url,
            &format!("#/models/{}/versions/{version}", encode(&name)),
        ),
        model_name: name,
        version,
        artifact_uri: id("source"),
        registered_ms: now_ms,
    }
}
