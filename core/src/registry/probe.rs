//! "Test connection": one harmless GET per registry, and what its outcome means in words —
//! including which server flag or proxy setting lets this page's origin through CORS (what
//! happened when no answer came is said as for every server, by [`NoAnswer::cause`]).

use serde_json::Value;

use super::reply::{error_code, is_ok, json};
use super::{Body, Endpoint, HttpReply, HttpRequest, Method, ProbeOutcome, RegistryKind};
use crate::endpoint_url::join;
use crate::no_answer::NoAnswer;

pub(crate) fn request(endpoint: &Endpoint) -> HttpRequest {
    let path = match endpoint.kind {
        RegistryKind::Mlflow => "api/2.0/mlflow/experiments/search?max_results=1",
        RegistryKind::Kubeflow => "api/model_registry/v1alpha3/registered_models?pageSize=1",
    };
    HttpRequest {
        method: Method::Get,
        url: join(&endpoint.base_url, path),
        body: Body::None,
    }
}

/// What a working server's reply shows, or `None` when it is not this registry's JSON.
fn connected(endpoint: &Endpoint, reply: &HttpReply) -> Option<String> {
    let body = json(reply);
    let (registry, base) = (endpoint.kind.label(), endpoint.base_url.trim());
    match endpoint.kind {
        RegistryKind::Mlflow => {
            let list = body.as_object()?;
            let first = list
                .get("experiments")
                .and_then(|e| e.pointer("/0/name"))
                .and_then(Value::as_str);
            Some(match first {
                Some(name) => {
                    format!("Connected to {registry} at {base} (experiment '{name}' visible).")
                }
                None => format!("Connected to {registry} at {base} (no experiments yet)."),
            })
        }
        RegistryKind::Kubeflow => {
            body.get("items")?;
            Some(format!("Connected to the {registry} at {base}."))
        }
    }
}

fn base_url_shape(kind: RegistryKind) -> &'static str {
    match kind {
        RegistryKind::Mlflow => {
            "the MLflow server's root, such as http://127.0.0.1:5000 (without /api/… or /#/…)"
        }
        RegistryKind::Kubeflow => {
            "the registry server's root, such as https://registry.example/ (Jukebox adds \
             api/model_registry/v1alpha3/ itself)"
        }
    }
}

fn explain_reply(endpoint: &Endpoint, reply: &HttpReply) -> Result<String, String> {
    let (registry, base) = (endpoint.kind.label(), endpoint.base_url.trim());
    if is_ok(reply) {
        return connected(endpoint, reply).ok_or_else(|| {
            format!(
                "{base} answered, but not as {registry} does. The base URL should be {}.",
                base_url_shape(endpoint.kind)
            )
        });
    }
    let said = json(reply)
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_string);
    let said = said.or_else(|| error_code(reply)).unwrap_or_default();
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(" ({said})")
    };
    Err(match reply.status {
        401 | 403 => format!(
            "{registry} at {base} refused the request: HTTP {}{said}. Set or renew the access \
             token for this registry in Settings (it is sent as `Authorization: Bearer …`).",
            reply.status
        ),
        404 => format!(
            "{base} has no {registry} API at that path (HTTP 404{said}). The base URL should be \
             {}.",
            base_url_shape(endpoint.kind)
        ),
        status => format!("{registry} at {base} answered HTTP {status}{said}."),
    })
}

fn explain_cors(endpoint: &Endpoint, origin: &str) -> String {
    let cause = NoAnswer::CorsRefused.cause(&endpoint.base_url, origin);
    match endpoint.kind {
        RegistryKind::Mlflow => format!(
            "{cause} MLflow 3 allows only http://localhost and http://127.0.0.1 origins by \
             default: restart it with `mlflow server --cors-allowed-origins {origin} …`. \
             (`--allowed-hosts` is a different check, of the Host name the server is reached \
             by; localhost and private IPs are allowed by default, add the server's own host \
             name there if you reach it by a name.)"
        ),
        RegistryKind::Kubeflow => format!(
            "{cause} The Kubeflow Model Registry itself allows any origin, so it is the proxy \
             in front of it (ingress, Istio gateway, oauth2-proxy): let it answer the OPTIONS \
             preflight and allow the origin {origin} with the headers Authorization and \
             Content-Type."
        ),
    }
}

fn explain_unreachable(endpoint: &Endpoint, origin: &str) -> String {
    let cause = NoAnswer::Unreachable.cause(&endpoint.base_url, origin);
    let start = match endpoint.kind {
        RegistryKind::Mlflow => "`mlflow server --host 127.0.0.1 --port 5000`",
        RegistryKind::Kubeflow => "the registry (or a port-forward to it)",
    };
    format!("{cause} Check the URL and start {start}.")
}

pub(crate) fn explain(
    endpoint: &Endpoint,
    origin: &str,
    outcome: &ProbeOutcome,
) -> Result<String, String> {
    match outcome {
        ProbeOutcome::Reply(reply) => explain_reply(endpoint, reply),
        ProbeOutcome::NoAnswer(NoAnswer::CorsRefused) => Err(explain_cors(endpoint, origin)),
        ProbeOutcome::NoAnswer(NoAnswer::Unreachable) => Err(explain_unreachable(endpoint, origin)),
    }
}
