//! MLflow's tracking steps: the experiment, the run (found by its `jukebox.run_id` tag or
//! created), its parameters, metrics and tags, the two artifacts through the proxy, and the
//! run's end.

use serde_json::{Value, json};

use super::data::{batches, metrics, params, tags};
use super::{API, ARTIFACTS, fail, learn, millis, not_found, post, quoted, send};
use crate::endpoint_url::encode;
use crate::registry::job::{Flow, StepCtx};
use crate::registry::reply::{error_code, is_ok, json, text_at};
use crate::registry::{Body, HttpReply, Method};

pub(super) fn experiment(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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

pub(super) fn create_run(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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

pub(super) fn log_batch(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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

pub(super) fn upload(ctx: &mut StepCtx, reply: Option<&HttpReply>, file: &str, body: Body) -> Flow {
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

pub(super) fn finish_run(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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
