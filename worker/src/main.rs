//! The engine binary, run in a dedicated Web Worker: it moves messages between the page and
//! [`jukebox_core::engine::Engine`], which does the work, and turns files and URLs into bytes
//! first (asynchronously, with progress), since only the worker holds large data.
//!
//! A training runs in slices of about 80 ms (`training`) between which the worker yields to its
//! event loop, so it can post progress, receive a `Cancel` and serve other requests.
//!
//! A crate of its own so that it is optimised for speed (`opt-level = 3`, see the workspace
//! `Cargo.toml`) while the UI stays optimised for size.

mod download;
mod training;

use std::cell::RefCell;

use jukebox_core::engine::Engine;
use jukebox_core::explain::explain_cell::EXPLAIN_STAGE;
use jukebox_core::protocol::{self, Request, RequestBody, Response, ResponseBody};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    pub(crate) static ENGINE: RefCell<Engine> = RefCell::new(Engine::new());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub(crate) fn post(response: &Response) {
    // Encoding our own types cannot fail; if it ever did, the page would time out visibly.
    if let Ok(text) = protocol::encode(response) {
        let _ = scope().post_message(&text.into());
    }
}

pub(crate) fn post_failed(id: u64, message: String) {
    post(&Response::news(Some(id), ResponseBody::Failed { message }));
}

/// Tells the page how far a request has got.
pub(crate) fn post_progress(id: u64, stage: &str, done_bytes: u64, total_bytes: Option<u64>) {
    post(&Response::news(
        Some(id),
        ResponseBody::Progress {
            stage: stage.to_string(),
            done_bytes,
            total_bytes,
        },
    ));
}

/// Installs the panic hook and the message handler, then greets the page.
fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response::news(
            None,
            ResponseBody::Failed {
                message: format!("The engine stopped because of an internal error: {info}."),
            },
        ));
    }));
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        on_message(&event.data());
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler serves for the worker's whole life.
    on_message.forget();
    post(&Engine::ready());
}

/// A message is the request's JSON text, or `{ request, file }` when a file travels with it.
fn on_message(data: &wasm_bindgen::JsValue) {
    let (text, file) = if let Some(text) = data.as_string() {
        (text, None)
    } else {
        let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
        let text = field("request")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let file = field("file").and_then(|v| v.dyn_into::<Blob>().ok());
        (text, file)
    };
    let request = match protocol::decode::<Request>(&text) {
        Ok(request) => request,
        Err(error) => {
            post(&Response::news(
                None,
                ResponseBody::Failed {
                    message: error.to_string(),
                },
            ));
            return;
        }
    };
    // Every setting within the bounds every notebook is held to, before any work (trainings
    // and explanations do not pass through `Engine::handle`, which checks them too).
    if let Err(error) = jukebox_core::notebook::limits::check_request(&request.body) {
        post_failed(
            request.id,
            jukebox_core::error::JukeboxError::from(error).to_string(),
        );
        return;
    }
    match &request.body {
        RequestBody::LoadFile { file_name, .. } => {
            let file_name = file_name.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let budget = |size| download::check_budget(&file_name, size);
                match read_file(request.id, &file_name, file, budget).await {
                    Ok(bytes) => handle(request, Some(&bytes)),
                    Err(message) => post_failed(request.id, message),
                }
            });
        }
        // An export: read here and checked by the engine, so the page never parses it.
        RequestBody::ReadArchive { file_name } => {
            let file_name = file_name.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let budget = |size| {
                    jukebox_core::archive::check_import_size(size).map_err(|e| e.to_string())
                };
                match read_file(request.id, &file_name, file, budget).await {
                    Ok(bytes) => handle(request, Some(&bytes)),
                    Err(message) => post_failed(request.id, message),
                }
            });
        }
        RequestBody::LoadUrl { url, .. } => {
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match download::fetch_bytes(request.id, &url).await {
                    Ok(bytes) => handle(request, Some(&bytes)),
                    Err(message) => post_failed(request.id, message),
                }
            });
        }
        RequestBody::Train { .. } => training::spawn(request),
        RequestBody::Explain(_) => explain(request),
        RequestBody::Cancel { id } => training::cancel(*id),
        _ => handle(request, None),
    }
}

/// An Explain request, with progress (a share of its model rows) at most every 100 ms. It
/// runs to its end: a Cancel from the page restarts the engine.
fn explain(request: Request) {
    let RequestBody::Explain(spec) = &request.body else {
        return;
    };
    let (id, started) = (request.id, now_ms());
    let mut last = f64::NEG_INFINITY;
    let mut progress = |done: usize, total: usize| {
        let now = now_ms();
        if now - last >= 100.0 {
            last = now;
            post_progress(id, EXPLAIN_STAGE, done as u64, Some(total as u64));
        }
        true
    };
    let body = ENGINE.with_borrow(|engine| match engine.explain(spec, &mut progress) {
        Ok(output) => ResponseBody::Explained {
            output: Box::new(output),
        },
        Err(error) => ResponseBody::Failed {
            message: error.to_string(),
        },
    });
    post(&Response::reply(id, now_ms() - started, body));
}

fn handle(request: Request, bytes: Option<&[u8]>) {
    if let Some(bytes) = bytes {
        let n = bytes.len() as u64;
        post_progress(request.id, "parsing", n, Some(n));
    }
    let response = ENGINE.with_borrow_mut(|engine| engine.handle(request, bytes, &now_ms));
    post(&response);
}

pub(crate) fn now_ms() -> f64 {
    scope()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The bytes of `file`, once `budget` has accepted its size (before a byte is read).
async fn read_file(
    id: u64,
    file_name: &str,
    file: Option<Blob>,
    budget: impl Fn(u64) -> Result<(), String>,
) -> Result<Vec<u8>, String> {
    let file = file.ok_or_else(|| {
        format!("The contents of `{file_name}` did not reach the engine. Pick the file again.")
    })?;
    // A file's size is a whole, non-negative number of bytes, far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let size = file.size() as u64;
    budget(size)?;
    post_progress(id, "reading file", 0, Some(size));
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        format!(
            "`{file_name}` could not be read from your disk ({}). Check that the file still exists and pick it again.",
            download::js_error_text(&e)
        )
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
