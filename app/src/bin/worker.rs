//! The engine binary, run in a dedicated Web Worker: it moves messages between the page and
//! [`jukebox_core::engine::Engine`], which does the work. Heavy code (polars, models) is
//! linked here, not into the UI binary.

use std::cell::RefCell;

use jukebox_core::engine::Engine;
use jukebox_core::protocol::{self, Request, Response, ResponseBody};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::new());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(response: &Response) {
    // Encoding our own types cannot fail; if it ever did, the page would time out visibly.
    if let Ok(text) = protocol::encode(response) {
        let _ = scope().post_message(&text.into());
    }
}

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response {
            id: None,
            body: ResponseBody::Failed {
                message: format!(
                    "The engine stopped because of an internal error: {info}. Reload the page."
                ),
            },
        });
    }));
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let response = match protocol::decode::<Request>(&text) {
            Ok(request) => {
                ENGINE.with_borrow_mut(|engine| engine.handle(request, &js_sys::Date::now))
            }
            Err(error) => Response {
                id: None,
                body: ResponseBody::Failed {
                    message: error.to_string(),
                },
            },
        };
        post(&response);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler serves for the worker's whole life.
    on_message.forget();
    post(&Engine::ready());
}
