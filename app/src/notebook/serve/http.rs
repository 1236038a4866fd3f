//! One HTTP exchange with the served model, kept whole for "Stats for nerds"; failures in
//! words: a server that cannot be reached, one whose CORS refuses this origin (told apart by
//! a second `no-cors` request), a timeout, a non-2xx answer with the server's message.

use jukebox_core::no_answer::NoAnswer;
use jukebox_core::serving::{Exchange, http_failure, no_answer, timed_out};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use crate::notebook::state::now_ms;
use crate::registry::http::answers_without_cors;

/// Longer than any model's answer; a server that hangs must not hold the notebook's runner.
const TIMEOUT_MS: u32 = 30_000;

/// Sends `body` (JSON) to `url` with `method`: the exchange, and the sentence that says what
/// went wrong if it did.
pub async fn send(
    method: &'static str,
    url: &str,
    body: Option<String>,
) -> (Exchange, Result<(), String>) {
    let started = now_ms();
    let mut exchange = Exchange {
        method,
        url: url.to_string(),
        request: body,
        status: None,
        response: String::new(),
        round_trip_ms: 0.0,
    };
    let answer = fetch(method, url, exchange.request.as_deref()).await;
    exchange.round_trip_ms = now_ms() - started;
    let outcome = match answer {
        Err(NoResponse::TimedOut) => Err(timed_out(method, url, TIMEOUT_MS / 1000)),
        Err(NoResponse::Failed(error)) => {
            let why = NoAnswer::from_no_cors_probe(answers_without_cors(url).await);
            Err(no_answer(method, url, &page_origin(), &error, why))
        }
        Err(NoResponse::BrokeOff(error)) => Err(format!(
            "{method} {url}: the answer broke off ({error}). Run the cell again."
        )),
        Ok((status, status_text, text)) => {
            exchange.status = Some(status);
            exchange.response = text;
            if (200..300).contains(&status) {
                Ok(())
            } else {
                Err(http_failure(
                    method,
                    url,
                    status,
                    &status_text,
                    &exchange.response,
                ))
            }
        }
    };
    (exchange, outcome)
}

/// Why no response (with its text) reached the page.
enum NoResponse {
    /// Nothing within [`TIMEOUT_MS`].
    TimedOut,
    /// The browser's error: a network failure or a CORS refusal (it does not say which).
    Failed(String),
    /// The answer came (so not CORS, not unreachable) but its body could not be read.
    BrokeOff(String),
}

fn no_response(value: &JsValue) -> NoResponse {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) if error.name() == "TimeoutError" => NoResponse::TimedOut,
        _ => NoResponse::Failed(js_text(value)),
    }
}

async fn fetch(
    method: &str,
    url: &str,
    body: Option<&str>,
) -> Result<(u16, String, String), NoResponse> {
    let failed = |text: &str| NoResponse::Failed(text.to_string());
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        // `application/json` makes the browser ask the server first (CORS preflight).
        let headers = Headers::new().map_err(|e| no_response(&e))?;
        headers
            .set("Content-Type", "application/json")
            .map_err(|e| no_response(&e))?;
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| no_response(&e))?;
    let response: Response = response.dyn_into().map_err(|_| failed("not a response"))?;
    let broke_off = |e: JsValue| match no_response(&e) {
        NoResponse::Failed(text) => NoResponse::BrokeOff(text),
        other => other,
    };
    let text = JsFuture::from(response.text().map_err(broke_off)?)
        .await
        .map_err(broke_off)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), response.status_text(), text))
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn js_text(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        );
    }
    value
        .as_string()
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}
