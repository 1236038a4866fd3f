//! "Test connection": one harmless GET per registry, and what its outcome means in words —
//! including which server flag or proxy setting lets this page's origin through CORS.

use serde_json::Value;

use super::reply::{error_code, is_ok, json};
use super::{Body, Endpoint, HttpReply, HttpRequest, Method, ProbeOutcome, RegistryKind};
use crate::endpoint_url::join;

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
    let base = endpoint.base_url.trim();
    match endpoint.kind {
        RegistryKind::Mlflow => format!(
            "MLflow at {base} is running but does not let this page ({origin}) call it (CORS). \
             MLflow 3 allows only http://localhost and http://127.0.0.1 origins by default: \
             restart it with `mlflow server --cors-allowed-origins {origin} …`. \
             (`--allowed-hosts` is a different check, of the Host name the server is reached \
             by; localhost and private IPs are allowed by default, add the server's own host \
             name there if you reach it by a name.)"
        ),
        RegistryKind::Kubeflow => format!(
            "The Kubeflow Model Registry at {base} is up, but something refuses this page \
             ({origin}) by CORS. The registry itself allows any origin, so it is the proxy in \
             front of it (ingress, Istio gateway, oauth2-proxy): let it answer the OPTIONS \
             preflight and allow the origin {origin} with the headers Authorization and \
             Content-Type."
        ),
    }
}

fn explain_unreachable(endpoint: &Endpoint, origin: &str) -> String {
    let base = endpoint.base_url.trim();
    let start = match endpoint.kind {
        RegistryKind::Mlflow => "`mlflow server --host 127.0.0.1 --port 5000`",
        RegistryKind::Kubeflow => "the registry (or a port-forward to it)",
    };
    let mixed = origin.starts_with("https:") && base.starts_with("http:");
    let mixed = if mixed {
        " This page is https and the registry plain http: browsers block that (mixed \
         content) unless the registry is on localhost; serve the registry over https."
    } else {
        ""
    };
    format!(
        "No answer from {base}: the name did not resolve, the connection was refused or you \
         are offline. Check the URL and start {start}.{mixed}"
    )
}

pub(crate) fn explain(
    endpoint: &Endpoint,
    origin: &str,
    outcome: &ProbeOutcome,
) -> Result<String, String> {
    match outcome {
        ProbeOutcome::Reply(reply) => explain_reply(endpoint, reply),
        ProbeOutcome::Unreachable {
            reachable_without_cors: true,
        } => Err(explain_cors(endpoint, origin)),
        ProbeOutcome::Unreachable {
            reachable_without_cors: false,
        } => Err(explain_unreachable(endpoint, origin)),
    }
}
