//! MLflow's push steps over its REST API 2.0 and artifact proxy: find or create the
//! experiment, find (by the `jukebox.run_id` tag) or create the run, log its parameters,
//! metrics and tags, upload `model.onnx` and the model card, finish the run, then find or
//! create the registered model, reuse this run's version or create one, and set an alias.

use serde_json::Value;

use super::job::{Flow, StepCtx};
use super::reply::{error_code, failure, missing, text_at};
use super::{Body, HttpReply, HttpRequest, Method, RegistryKind, StepKind};
use crate::endpoint_url::join;

pub(super) mod data;
mod models;
mod tracking;

pub(crate) use models::registration;
use models::{alias, model_version, registered_model};
use tracking::{create_run, experiment, finish_run, log_batch, upload};

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
