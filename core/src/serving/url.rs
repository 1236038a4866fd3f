//! The endpoints' addresses and failed calls in words.

use super::protocol_error;
use crate::endpoint_url::{encode, join};

/// `{base}/v2/models/{name}` (the metadata endpoint).
pub fn metadata_url(base_url: &str, model: &str) -> String {
    join(base_url, &format!("v2/models/{}", encode(model.trim())))
}

/// `{base}/v2/models/{name}/infer`.
pub fn infer_url(base_url: &str, model: &str) -> String {
    format!("{}/infer", metadata_url(base_url, model))
}

/// A non-2xx answer in words: what was asked, the status, and the server's own message (the
/// protocol's `{"error": …}`, else the start of the body).
pub fn http_failure(what: &str, url: &str, status: u16, status_text: &str, body: &str) -> String {
    let said = match protocol_error(body, "answer") {
        Ok(Some(message)) => message,
        _ => body.trim().chars().take(300).collect(),
    };
    let hint = match status {
        404 => " Is the model name right, and is that model loaded on this server?",
        400 | 422 => " The served model did not accept the inputs: see the request below.",
        401 | 403 => " The server wants credentials this cell does not send.",
        _ => "",
    };
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(": {said}")
    };
    format!("{what} {url} answered HTTP {status} {status_text}{said}.{hint}")
}
