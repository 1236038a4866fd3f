//! The Web Worker itself: started from its loader's URL, its messages decoded, its errors
//! (a script that fails to load, a panic) told in words. Dropping it stops it.

use jukebox_core::protocol::{self, Response};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::browser::AppError;
use crate::browser::js_error::js_error_text;

/// The worker with the handlers it calls, which must live exactly as long as it does.
pub(super) struct RunningWorker {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

impl Drop for RunningWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl RunningWorker {
    /// Posts `message` to the worker; false if it refused.
    pub fn post(&self, message: &wasm_bindgen::JsValue) -> bool {
        self.worker.post_message(message).is_ok()
    }
}

/// Starts the worker at `url`: each message it sends goes to `on_message` (decoded, or why
/// it could not be), its failure to `on_stopped` in words.
pub(super) fn spawn(
    url: &str,
    on_message: impl Fn(Result<Response, String>) + 'static,
    on_stopped: impl Fn(String) + 'static,
) -> Result<RunningWorker, AppError> {
    let worker = Worker::new(url).map_err(|e| {
        AppError::new(format!(
            "The engine worker could not start ({}). Reload the page.",
            js_error_text(&e)
        ))
    })?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        on_message(protocol::decode::<Response>(&text).map_err(|error| error.to_string()));
    });
    // A script that fails to load gives a plain `Event`; an exception, an `ErrorEvent`.
    let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        let detail = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "its files could not be loaded".to_string());
        on_stopped(format!("The engine worker stopped: {detail}."));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(RunningWorker {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}
