//! The page's side of the engine worker: starts it, sends requests once it says it is
//! ready, and turns its replies into a status signal the shell shows.

use std::time::Duration;

use jukebox_core::demo::DemoConfig;
use jukebox_core::protocol::{self, Request, RequestBody, Response, ResponseBody};
use jukebox_core::summary::DatasetSummary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The worker's loader, beside index.html (relative, so sub-paths work).
pub const WORKER_URL: &str = "./jukebox-engine.js";

/// How long the worker may take to load before the shell says it failed.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// What the engine is doing, as the shell shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineStatus {
    /// The worker's wasm is loading.
    Starting,
    /// The worker is generating or reading a dataset.
    Loading { what: String },
    /// A dataset is loaded.
    Ready {
        summary: DatasetSummary,
        elapsed_ms: f64,
    },
    /// The worker failed; the message says what to do.
    Failed { message: String },
}

/// A `Copy` handle on the engine for the context: its status, and a way to send requests.
#[derive(Debug, Clone, Copy)]
pub struct EngineClient {
    pub status: ReadSignal<EngineStatus>,
    worker: StoredValue<Option<RunningWorker>, LocalStorage>,
    next_id: StoredValue<u64>,
}

impl EngineClient {
    /// Starts the worker at `url`; on its greeting, asks it for the demo dataset.
    pub fn start(url: &str) -> EngineClient {
        let (status, set_status) = signal(EngineStatus::Starting);
        let client = EngineClient {
            status,
            worker: StoredValue::new_local(None),
            next_id: StoredValue::new(1),
        };
        match spawn(url, client, set_status) {
            Ok(worker) => {
                client.worker.set_value(Some(worker));
                // Stop the worker when the app goes away (tests mount and unmount it).
                on_cleanup(move || client.worker.update_value(|w| drop(w.take())));
            }
            Err(message) => set_status.set(EngineStatus::Failed { message }),
        }
        // A worker whose script hangs says nothing at all: give up visibly after a while.
        set_timeout(
            move || {
                if status.get_untracked() == EngineStatus::Starting {
                    set_status.set(EngineStatus::Failed {
                        message: format!(
                            "The data engine did not start within {} s. Check your connection and reload the page.",
                            START_TIMEOUT.as_secs()
                        ),
                    });
                }
            },
            START_TIMEOUT,
        );
        client
    }

    /// Sends a request; returns its id, or `None` when the worker is not running.
    pub fn send(&self, body: RequestBody) -> Option<u64> {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let text = protocol::encode(&Request { id, body }).ok()?;
        self.worker.with_value(|worker| {
            let running = worker.as_ref()?;
            running.worker.post_message(&text.into()).ok()
        })?;
        Some(id)
    }
}

fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// The worker with the handlers it calls, which must live exactly as long as it does.
struct RunningWorker {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

impl Drop for RunningWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn spawn(
    url: &str,
    client: EngineClient,
    set_status: WriteSignal<EngineStatus>,
) -> Result<RunningWorker, String> {
    let worker = Worker::new(url).map_err(|e| {
        format!(
            "The engine worker could not start ({}). Reload the page.",
            js_error_text(&e)
        )
    })?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match protocol::decode::<Response>(&text) {
            Ok(response) => on_response(response, client, set_status),
            Err(error) => set_status.set(EngineStatus::Failed {
                message: error.to_string(),
            }),
        }
    });
    // A script that fails to load gives a plain `Event`; an exception, an `ErrorEvent`.
    let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        let detail = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "its files could not be loaded".to_string());
        let message = format!(
            "The engine worker stopped: {detail}. Reload the page; your saved work is not affected."
        );
        set_status.set(EngineStatus::Failed { message });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(RunningWorker {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn on_response(response: Response, client: EngineClient, set_status: WriteSignal<EngineStatus>) {
    match response.body {
        ResponseBody::Ready { .. } => {
            set_status.set(EngineStatus::Loading {
                what: "demo dataset".into(),
            });
            let body = RequestBody::LoadDemo {
                config: DemoConfig::default(),
            };
            if client.send(body).is_none() {
                set_status.set(EngineStatus::Failed {
                    message: "Could not talk to the engine worker. Reload the page.".into(),
                });
            }
        }
        ResponseBody::DatasetLoaded {
            summary,
            elapsed_ms,
        } => {
            set_status.set(EngineStatus::Ready {
                summary,
                elapsed_ms,
            });
        }
        ResponseBody::Failed { message } => set_status.set(EngineStatus::Failed { message }),
    }
}
