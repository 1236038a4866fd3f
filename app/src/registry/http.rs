//! The registry client's requests made with the browser's `fetch`: JSON or the exported
//! files as the body, the bearer token as `Authorization`, and a network failure turned into
//! `HttpReply { status: 0 }` with the browser's message (the core explains it). "Test
//! connection" retries a failed probe with `mode: "no-cors"` ([`answers_without_cors`], the
//! page's one such probe, also used by served models): an opaque answer means the server is
//! up but its CORS refuses this page's origin.

use jukebox_core::no_answer::NoAnswer;
use jukebox_core::registry::{self, Body, Endpoint, HttpReply, HttpRequest, Method, ProbeOutcome};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::engine_client::js_error_text;

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
    match fetch(request, token, files).await {
        Ok(response) => {
            let status = response.status();
            let body = match response.text() {
                Ok(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            HttpReply { status, body }
        }
        Err(message) => HttpReply {
            status: 0,
            body: format!(
                "no reply from {} {}: {message}",
                method_name(request.method),
                request.url
            ),
        },
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

/// After a `fetch` of `url` got no response: asks again with `mode: "no-cors"`, which
/// resolves (with an opaque response) whenever the server answers at all, so `true` means the
/// server is up and its CORS refuses this origin, `false` that it cannot be reached. `HEAD`:
/// nothing is downloaded twice.
pub async fn answers_without_cors(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    init.set_mode(web_sys::RequestMode::NoCors);
    JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .is_ok()
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

/// The `fetch` itself; `Err` is the browser's message when no response came.
async fn fetch(
    request: &HttpRequest,
    token: Option<&str>,
    files: Files<'_>,
) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let init = web_sys::RequestInit::new();
    init.set_method(method_name(request.method));
    let headers = web_sys::Headers::new().map_err(|e| js_error_text(&e))?;
    let set = |name: &str, value: &str| headers.set(name, value).map_err(|e| js_error_text(&e));
    if let Some(token) = token {
        set("Authorization", &format!("Bearer {token}"))?;
    }
    let (content_type, body) = body(&request.body, files)?;
    if let Some(content_type) = content_type {
        set("Content-Type", content_type)?;
    }
    if let Some(body) = body {
        init.set_body(&body);
    }
    init.set_headers(&headers);
    let promise = window.fetch_with_str_and_init(&request.url, &init);
    let response = JsFuture::from(promise)
        .await
        .map_err(|e| js_error_text(&e))?;
    response
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "the browser answered with something that is not a response".to_owned())
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
