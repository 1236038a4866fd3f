//! MLflow's model-registry steps: the registered model (found or created), this run's version
//! (reused or created, its source the run's `model` artifact folder) and the alias; and the
//! registration a finished push leaves on the run.

use serde_json::json;

use super::{API, fail, learn, not_found, post, quoted, send};
use crate::endpoint_url::{encode, join};
use crate::registry::job::{Flow, StepCtx};
use crate::registry::reply::{error_code, is_ok, text_at};
use crate::registry::{Body, HttpReply, Method, PushProgress, Registration, RegistryKind};

pub(super) fn registered_model(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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

pub(super) fn model_version(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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

pub(super) fn alias(ctx: &mut StepCtx, reply: Option<&HttpReply>) -> Flow {
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
