//! The registry client's requests made with the browser's `fetch`: JSON or the exported
//! files as the body, the bearer token as `Authorization`, and a network failure turned into
//! `HttpReply { status: 0 }` with the browser's message (the core explains it). "Test
//! connection" retries a failed probe with `mode: "no-cors"` (`answers_without_cors`, the
//! page's one such probe, also used by served models): an opaque answer means the server is
//! up but its CORS refuses this page's origin.

use jukebox_core::no_answer::NoAnswer;
use jukebox_core::registry::{self, Body, Endpoint, HttpReply, HttpRequest, Method, ProbeOutcome};
use wasm_bindgen::JsValue;

use crate::browser::fetch::{FetchError, Request, answers_without_cors, fetch};

/// The bytes a request may carry instead of JSON.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    pub onnx: &'a [u8],
    pub card: &'a [u8],
}

impl Files<'_> {
    /// No files (a probe).
    pub const NONE: Files<'static> = Files {
        onnx: &[],
        card: &[],
    };
}

/// Makes `request` and gives its status and body text; a request that got no reply gives
/// status 0 and the browser's message naming the URL.
pub async fn send(request: &HttpRequest, token: Option<&str>, files: Files<'_>) -> HttpReply {
    let failed = |message: String| HttpReply {
        status: 0,
        body: format!(
            "no reply from {} {}: {message}",
            method_name(request.method),
            request.url
        ),
    };
    let mut fetched = Request::new(method_name(request.method), &request.url);
    if let Some(token) = token {
        // Checked when the token was given, and again here: a token kept from before this
        // rule, or an endpoint's address changed since, never leaves in the clear.
        if let Err(why) = jukebox_core::endpoint_url::token_may_go_to(&request.url) {
            return HttpReply {
                status: 0,
                body: format!(
                    "not sent to {} {}: {why}",
                    method_name(request.method),
                    request.url
                ),
            };
        }
        fetched = fetched.header("Authorization", format!("Bearer {token}"));
    }
    let (content_type, body) = match body(&request.body, files) {
        Ok(payload) => payload,
        Err(message) => return failed(message),
    };
    if let Some(content_type) = content_type {
        fetched = fetched.header("Content-Type", content_type);
    }
    fetched.body = body;
    match fetch(&fetched).await {
        // A body that cannot be read is an empty one: the status says what happened.
        Ok(answer) => HttpReply {
            status: answer.status,
            body: answer.text.unwrap_or_default(),
        },
        Err(FetchError::TimedOut) => failed("no answer in time".to_string()),
        Err(FetchError::NoResponse(error)) => failed(error.text()),
    }
}

/// "Test connection" for `endpoint`: the core's probe request, then [`probe_request`].
pub async fn probe_endpoint(endpoint: &Endpoint, token: Option<&str>) -> ProbeOutcome {
    probe_request(&registry::probe(endpoint), token).await
}

/// Makes the probe `request`; without a reply, asks again with `no-cors` to tell a CORS
/// refusal (an opaque answer came) from a server that cannot be reached at all.
pub async fn probe_request(request: &HttpRequest, token: Option<&str>) -> ProbeOutcome {
    let reply = send(request, token, Files::NONE).await;
    if reply.status != 0 {
        return ProbeOutcome::Reply(reply);
    }
    let answered = answers_without_cors(&request.url).await;
    ProbeOutcome::NoAnswer(NoAnswer::from_no_cors_probe(answered))
}

/// What a probe's outcome was, without the reply's text (for tests and logic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeKind {
    /// The server answered with this status.
    Replied(u16),
    /// Up, but its CORS refuses this origin.
    CorsRefused,
    /// DNS, refused connection or offline.
    Unreachable,
}

pub fn probe_kind(outcome: &ProbeOutcome) -> ProbeKind {
    match outcome {
        ProbeOutcome::Reply(reply) => ProbeKind::Replied(reply.status),
        ProbeOutcome::NoAnswer(NoAnswer::CorsRefused) => ProbeKind::CorsRefused,
        ProbeOutcome::NoAnswer(NoAnswer::Unreachable) => ProbeKind::Unreachable,
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
    }
}

type Payload = (Option<&'static str>, Option<JsValue>);

fn body(body: &Body, files: Files<'_>) -> Result<Payload, String> {
    Ok(match body {
        Body::None => (None, None),
        Body::Json(value) => {
            let text = serde_json::to_string(value)
                .map_err(|e| format!("the request body does not convert to JSON: {e}"))?;
            (Some("application/json"), Some(JsValue::from_str(&text)))
        }
        Body::Onnx => (
            Some("application/octet-stream"),
            Some(js_sys::Uint8Array::from(files.onnx).into()),
        ),
        Body::Card => (
            Some("application/json"),
            Some(js_sys::Uint8Array::from(files.card).into()),
        ),
    })
}
