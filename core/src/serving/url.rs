//! The endpoints' addresses and failed calls in words.

use super::protocol_error;
use crate::endpoint_url::{join, segment};
use crate::no_answer::NoAnswer;

/// `{base}/v2/models/{name}` (the metadata endpoint); a name that would change the path
/// (`..`) is refused in words.
pub fn metadata_url(base_url: &str, model: &str) -> Result<String, String> {
    let name = segment(model.trim()).map_err(|e| format!("the served model's name {e}"))?;
    Ok(join(base_url, &format!("v2/models/{name}")))
}

/// `{base}/v2/models/{name}/infer`.
pub fn infer_url(base_url: &str, model: &str) -> Result<String, String> {
    Ok(format!("{}/infer", metadata_url(base_url, model)?))
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

/// A call that got no response (`browser_said`: the browser's message), asked by a page of
/// `origin`: what happened ([`NoAnswer::cause`]) and what to do about it with MLServer.
pub fn no_answer(
    method: &str,
    url: &str,
    origin: &str,
    browser_said: &str,
    why: NoAnswer,
) -> String {
    let cause = why.cause(url, origin);
    let what_to_do = match why {
        NoAnswer::CorsRefused => format!(
            "Allow the origin {origin} on the server; for MLServer: \"cors_settings\": \
             {{\"allow_origins\": [\"{origin}\"]}} in its settings.json, as \
             scripts/serve-onnx.sh <model.onnx> <port> {origin} does."
        ),
        NoAnswer::Unreachable => format!(
            "Check the cell's base URL (host and port) and that the server is running, for \
             example scripts/serve-onnx.sh <model.onnx> <port> {origin}."
        ),
    };
    format!("{method} {url} failed ({browser_said}). {cause} {what_to_do}")
}

/// A call that got no response within `timeout_s` seconds: the server took the connection
/// (or something on the way held it) but did not answer.
pub fn timed_out(method: &str, url: &str, timeout_s: u32) -> String {
    format!(
        "{method} {url} got no answer within {timeout_s} s: the server (or something on the way \
         to it) did not respond. Check that it is not stuck or overloaded, then run the cell \
         again."
    )
}
