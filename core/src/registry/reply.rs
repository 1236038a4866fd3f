//! Reading registry replies: success or not, the JSON inside, and a failure as a sentence
//! with the HTTP status and the server's own message (MLflow `{"error_code","message"}`,
//! Kubeflow `{"code","message"}`).

use serde_json::Value;

use super::{HttpReply, RegistryKind};

/// A 2xx status.
pub(crate) fn is_ok(reply: &HttpReply) -> bool {
    (200..300).contains(&reply.status)
}

/// The reply body as JSON (`Value::Null` when empty or not JSON).
pub(crate) fn json(reply: &HttpReply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or(Value::Null)
}

/// The server's error code (`RESOURCE_DOES_NOT_EXIST`), when it sent one.
pub(crate) fn error_code(reply: &HttpReply) -> Option<String> {
    let body = json(reply);
    let code = body.get("error_code").or_else(|| body.get("code"))?;
    Some(
        code.as_str()
            .map_or_else(|| code.to_string(), str::to_string),
    )
}

/// The string at `pointer` (`/run/info/run_id`) of the reply's JSON; numbers as their text.
pub(crate) fn text_at(reply: &HttpReply, pointer: &str) -> Option<String> {
    match json(reply).pointer(pointer)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What the server said, in a few words: its error code and message, or the start of a
/// body that is not the registry's JSON (an HTML page from a proxy, say).
fn server_says(reply: &HttpReply) -> String {
    let body = json(reply);
    let message = body.get("message").and_then(Value::as_str).map(str::trim);
    match (error_code(reply), message) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (None, Some(message)) => message.to_string(),
        (Some(code), None) => code,
        (None, None) => {
            let text: String = reply.body.trim().chars().take(200).collect();
            if text.is_empty() {
                "no message".into()
            } else {
                text
            }
        }
    }
}

/// `action` ("creating the MLflow run") failed with `reply`, as a sentence a user can act on.
pub(crate) fn failure(
    kind: RegistryKind,
    base_url: &str,
    action: &str,
    reply: &HttpReply,
) -> String {
    let registry = kind.label();
    if reply.status == 0 {
        let browser = if reply.body.trim().is_empty() {
            "the request got no response".to_string()
        } else {
            reply.body.trim().to_string()
        };
        return format!(
            "{action} failed: no answer from {registry} at {base_url} ({browser}). \
             Is the server running, and is CORS set to allow this page?"
        );
    }
    let hint = match reply.status {
        401 | 403 => " Check the access token for this registry in Settings.",
        404 => " Check the registry's base URL in Settings.",
        500..=599 => " The server had a problem; pushing again resumes from this step.",
        _ => "",
    };
    format!(
        "{action} failed: {registry} answered HTTP {} ({}).{hint}",
        reply.status,
        server_says(reply)
    )
}

/// A 2xx reply lacked a field the next steps need.
pub(crate) fn missing(kind: RegistryKind, action: &str, field: &str, reply: &HttpReply) -> String {
    let start: String = reply.body.chars().take(200).collect();
    format!(
        "{action}: {} answered HTTP {} without `{field}` (reply began: {start}). \
         Is the base URL really a {} server?",
        kind.label(),
        reply.status,
        kind.label()
    )
}
