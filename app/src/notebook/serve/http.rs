//! One HTTP exchange with the served model, kept whole for "Stats for nerds"; failures in
//! words (unreachable or CORS, non-2xx with the server's message).

use jukebox_core::serving::http_failure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use crate::notebook::state::now_ms;

/// Longer than any model's answer; a server that hangs must not hold the notebook's runner.
const TIMEOUT_MS: u32 = 30_000;

/// A request and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub method: &'static str,
    pub url: String,
    /// The exact JSON sent (POST).
    pub request: Option<String>,
    /// `None`: no answer reached the page (network, CORS, timeout).
    pub status: Option<u16>,
    pub response: String,
    pub round_trip_ms: f64,
}

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
        Err(error) => Err(unreachable(method, url, &error)),
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

async fn fetch(
    method: &str,
    url: &str,
    body: Option<&str>,
) -> Result<(u16, String, String), String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        // `application/json` makes the browser ask the server first (CORS preflight).
        let headers = Headers::new().map_err(|e| js_text(&e))?;
        headers
            .set("Content-Type", "application/json")
            .map_err(|e| js_text(&e))?;
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| js_text(&e))?;
    let response: Response = response.dyn_into().map_err(|_| "not a response")?;
    let text = JsFuture::from(response.text().map_err(|e| js_text(&e))?)
        .await
        .map_err(|e| js_text(&e))?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), response.status_text(), text))
}

/// A request that got no answer: the browser does not say whether the server is down or
/// refused this origin (both are "Failed to fetch"), so the sentence names both.
fn unreachable(method: &str, url: &str, error: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!(
        "{method} {url} got no answer ({error}). Is the server running at that address, and \
         does it allow this origin ({origin}) (CORS)? For MLServer: cors_settings.allow_origins \
         in settings.json, or scripts/serve-onnx.sh <model.onnx> <port> {origin}."
    )
}

fn js_text(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        let name = String::from(error.name());
        let message = String::from(error.message());
        if name == "TimeoutError" {
            return format!("no answer within {} s", TIMEOUT_MS / 1000);
        }
        return format!("{name}: {message}");
    }
    value
        .as_string()
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}
