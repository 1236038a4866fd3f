//! Fetching a URL in the worker, chunk by chunk, so the page can show bytes received and
//! cancel; network, CORS and HTTP failures become sentences that say what to do. A fetch
//! that gets no response is asked again with `no-cors` to tell a server whose CORS refuses
//! this origin from one that cannot be reached (the core words both).

use jukebox_core::no_answer::{NoAnswer, download_failure};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestInit, RequestMode, Response};

use super::{post_progress, scope};

/// Progress is reported at most this often (bytes), so messages stay few.
const PROGRESS_STEP_BYTES: u64 = 512 * 1024;

pub(super) fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Refuses files larger than the tab's memory budget for their format, before reading them.
pub(super) fn check_budget(file_name: &str, n_bytes: u64) -> Result<(), String> {
    let n_bytes = usize::try_from(n_bytes).unwrap_or(usize::MAX);
    jukebox_core::io::check_file_size(file_name, n_bytes).map_err(|e| e.to_string())
}

/// Downloads `url` whole, posting progress for request `id`.
pub(super) async fn fetch_bytes(id: u64, url: &str) -> Result<Vec<u8>, String> {
    let file_name = jukebox_core::engine::file_name_of_url(url);
    post_progress(id, "connecting", 0, None);
    let response = match JsFuture::from(scope().fetch_with_str(url)).await {
        Ok(response) => response,
        Err(error) => return Err(network_failure(url, &error).await),
    };
    let response: Response = response
        .dyn_into()
        .map_err(|_| format!("Downloading {url} gave something other than a response."))?;
    if !response.ok() {
        return Err(format!(
            "The server answered {} {} for {url}. Check the address (open it in a new tab to see).",
            response.status(),
            response.status_text()
        ));
    }
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(total) = total {
        check_budget(file_name, total)?;
    }
    let body = response
        .body()
        .ok_or_else(|| format!("The server sent no content for {url}."))?;
    let reader: ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| format!("The download of {url} could not be read."))?;
    let mut bytes: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).try_into().unwrap_or(0));
    let mut reported = 0u64;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| {
            format!(
                "The download of {url} broke off: {}. Try again.",
                js_error_text(&e)
            )
        })?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            let array = js_sys::Uint8Array::new(&value);
            let start = bytes.len();
            bytes.resize(start + array.length() as usize, 0);
            array.copy_to(&mut bytes[start..]);
        }
        let done_bytes = bytes.len() as u64;
        check_budget(file_name, done_bytes)?;
        if done_bytes - reported >= PROGRESS_STEP_BYTES {
            reported = done_bytes;
            post_progress(id, "downloading", done_bytes, total);
        }
    }
    post_progress(id, "downloading", bytes.len() as u64, total);
    Ok(bytes)
}

/// A fetch of `url` that got no response, in words: CORS refusal or unreachable server.
async fn network_failure(url: &str, error: &wasm_bindgen::JsValue) -> String {
    let why = NoAnswer::from_no_cors_probe(answers_without_cors(url).await);
    let origin = scope().location().origin();
    download_failure(url, &origin, &js_error_text(error), why)
}

/// Asks `url` again with `mode: "no-cors"`: any HTTP answer resolves (opaque), so the server
/// is up even if its CORS hides the answer from this page. `HEAD`, so a large file is not
/// downloaded a second time.
async fn answers_without_cors(url: &str) -> bool {
    let init = RequestInit::new();
    init.set_method("HEAD");
    init.set_mode(RequestMode::NoCors);
    JsFuture::from(scope().fetch_with_str_and_init(url, &init))
        .await
        .is_ok()
}
