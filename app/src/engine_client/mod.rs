//! The page's side of the engine worker: starts it, sends requests and hands each reply to
//! whoever awaits it. When the worker dies (a crash, or a cancel that stops it), it is
//! started again and `generation` goes up, so the notebook can replay what it had loaded.

mod pending;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jukebox_core::protocol::{self, Request, RequestBody, Response, ResponseBody};
use jukebox_core::train::TrainProgress;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use pending::Pending;
use worker::{RunningWorker, spawn};

/// The worker's loader, beside index.html (relative, so sub-paths work).
pub const WORKER_URL: &str = "./jukebox-engine.js";

/// How long the worker may take to load before the shell says it failed.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// What the engine is doing, as the shell shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineStatus {
    /// The worker's wasm is loading.
    Starting,
    /// The worker takes requests.
    Ready,
    /// The worker cannot run; the message says what to do.
    Failed { message: String },
}

/// Progress of a request: stage in words, bytes done, total when known; a training's
/// progress (units done of total in `done_bytes`/`total_bytes`, its live curve) in `training`.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub stage: String,
    pub done_bytes: u64,
    pub total_bytes: Option<u64>,
    pub training: Option<TrainProgress>,
}

/// The engine's answer to one request: what it computed, and the engine's own time for it
/// (0 when the page answered for it: the worker was gone or the request never left).
#[derive(Debug, Clone)]
pub struct Reply {
    pub body: ResponseBody,
    pub elapsed_ms: f64,
    /// The worker's own last words when it stopped (crashed) while this request waited: it
    /// was restarted, and `body` says so for a notebook cell. `None` for every other reply,
    /// a cancel's restart included.
    pub engine_stopped: Option<String>,
}

/// A `Copy` handle on the engine for the context.
#[derive(Debug, Clone, Copy)]
pub struct EngineClient {
    pub status: ReadSignal<EngineStatus>,
    /// Goes up each time a (re)started worker says it is ready.
    pub generation: ReadSignal<u64>,
    set_status: WriteSignal<EngineStatus>,
    set_generation: WriteSignal<u64>,
    worker: StoredValue<Option<RunningWorker>, LocalStorage>,
    pending: StoredValue<Pending, LocalStorage>,
    url: StoredValue<String>,
    next_id: StoredValue<u64>,
}

impl EngineClient {
    /// Starts the worker at `url`.
    pub fn start(url: &str) -> EngineClient {
        let (status, set_status) = signal(EngineStatus::Starting);
        let (generation, set_generation) = signal(0);
        let client = EngineClient {
            status,
            generation,
            set_status,
            set_generation,
            worker: StoredValue::new_local(None),
            pending: StoredValue::new_local(Pending::default()),
            url: StoredValue::new(url.to_string()),
            next_id: StoredValue::new(1),
        };
        client.spawn();
        // Stop the worker when the app goes away (tests mount and unmount it).
        on_cleanup(move || client.worker.update_value(|w| drop(w.take())));
        client
    }

    fn spawn(self) {
        let on_message = move |message: Result<Response, String>| match message {
            Ok(response) => self.on_response(response),
            Err(message) => self.set_status.set(EngineStatus::Failed { message }),
        };
        let on_stopped = move |message: String| self.crashed(&message);
        match spawn(&self.url.get_value(), on_message, on_stopped) {
            Ok(worker) => self.worker.set_value(Some(worker)),
            Err(error) => self.set_status.set(EngineStatus::Failed {
                message: error.into(),
            }),
        }
        let generation = self.generation.get_untracked();
        // A worker whose script hangs says nothing at all: give up visibly after a while.
        set_timeout(
            move || {
                if self.status.get_untracked() == EngineStatus::Starting
                    && self.generation.get_untracked() == generation
                {
                    self.set_status.set(EngineStatus::Failed {
                        message: format!(
                            "The data engine did not start within {} s. Check your connection and reload the page.",
                            START_TIMEOUT.as_secs()
                        ),
                    });
                }
            },
            START_TIMEOUT,
        );
    }

    /// Stops the worker, fails every waiting request with `reason`, and starts a new one.
    /// Used to cancel work the worker is busy with, and after a crash.
    pub fn restart(&self, reason: &str) {
        self.restart_after(reason, None);
    }

    /// [`EngineClient::restart`], telling the waiting requests the worker's last words when
    /// it stopped by itself.
    fn restart_after(&self, reason: &str, stopped: Option<&str>) {
        self.worker.update_value(|w| drop(w.take()));
        self.fail_pending(reason, stopped);
        self.set_status.set(EngineStatus::Starting);
        self.spawn();
    }

    fn fail_pending(&self, reason: &str, stopped: Option<&str>) {
        let pending = self.pending.with_value(Clone::clone);
        let mut reply = failed(reason);
        reply.engine_stopped = stopped.map(str::to_string);
        pending.answer_all(&reply);
    }

    /// Waits while the worker starts (a request posted before it listens would be lost);
    /// the words of a worker that cannot start as `Err`. Cells wait for `generation`
    /// instead; this is for one-off requests such as an import.
    pub async fn until_ready(&self) -> Result<(), String> {
        loop {
            match self.status.try_get_untracked() {
                Some(EngineStatus::Ready) => return Ok(()),
                Some(EngineStatus::Failed { message }) => return Err(message),
                Some(EngineStatus::Starting) => pause(Duration::from_millis(100)).await,
                None => return Err("The data engine has stopped. Reload the page.".into()),
            }
        }
    }

    /// The id the next request will get. Ids are taken synchronously when a request's
    /// future is first polled, so read this right before awaiting `request` to learn the id
    /// of the request a cell runs (for [`EngineClient::cancel`]).
    pub fn next_request_id(&self) -> u64 {
        self.next_id.get_value()
    }

    /// Asks the worker to stop request `id` (a training); it answers that request with what
    /// it has (`Trained` with `report.cancelled`). Returns false when no worker runs.
    pub fn cancel(&self, id: u64) -> bool {
        let cancel_id = self.next_id.get_value();
        self.next_id.set_value(cancel_id + 1);
        let Ok(text) = protocol::encode(&Request {
            id: cancel_id,
            body: RequestBody::Cancel { id },
        }) else {
            return false;
        };
        self.worker.with_value(|worker| {
            worker
                .as_ref()
                .is_some_and(|running| running.post(&text.into()))
        })
    }

    /// Sends a request (with a file beside it, for `LoadFile`) and waits for its reply.
    /// Progress messages go to `on_progress`. A worker that is not running, or dies
    /// meanwhile, gives `Failed` with a message for the user.
    pub async fn request(
        &self,
        body: RequestBody,
        file: Option<web_sys::File>,
        on_progress: Option<Callback<Progress>>,
    ) -> Reply {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let Ok(text) = protocol::encode(&Request { id, body }) else {
            return failed("The request could not be encoded. Reload the page.");
        };
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
        let Some(resolve) = resolve else {
            return failed("The request could not be sent. Reload the page.");
        };
        let reply = Rc::new(RefCell::new(None));
        self.pending
            .with_value(|p| p.wait(id, resolve, Rc::clone(&reply), on_progress));
        let message: wasm_bindgen::JsValue = match file {
            None => text.into(),
            Some(file) => {
                let object = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&object, &"request".into(), &text.into());
                let _ = js_sys::Reflect::set(&object, &"file".into(), &file);
                object.into()
            }
        };
        let sent = self.worker.with_value(|worker| {
            worker
                .as_ref()
                .is_some_and(|running| running.post(&message))
        });
        if !sent {
            self.pending.with_value(|p| p.forget(id));
            return failed("The data engine is not running. Reload the page.");
        }
        let _ = JsFuture::from(promise).await;
        reply
            .borrow_mut()
            .take()
            .unwrap_or_else(|| failed("The engine did not answer. Reload the page."))
    }

    /// Routes a reply to the request awaiting it, or acts on the worker's own news.
    fn on_response(self, response: Response) {
        match (response.id, response.body) {
            (None, ResponseBody::Ready { .. }) => {
                self.set_status.set(EngineStatus::Ready);
                self.set_generation.update(|g| *g += 1);
            }
            (None, ResponseBody::Failed { message }) => self.crashed(&message),
            (
                Some(id),
                ResponseBody::Progress {
                    stage,
                    done_bytes,
                    total_bytes,
                },
            ) => self.progress(
                id,
                Progress {
                    stage,
                    done_bytes,
                    total_bytes,
                    training: None,
                },
            ),
            (Some(id), ResponseBody::Training { progress }) => self.progress(
                id,
                Progress {
                    stage: progress.stage.clone(),
                    done_bytes: progress.done,
                    total_bytes: Some(progress.total),
                    training: Some(progress),
                },
            ),
            (Some(id), body) => {
                let pending = self.pending.with_value(Clone::clone);
                pending.answer(
                    id,
                    Reply {
                        body,
                        elapsed_ms: response.elapsed_ms.unwrap_or(0.0),
                        engine_stopped: None,
                    },
                );
            }
            (None, _) => {}
        }
    }

    fn progress(self, id: u64, progress: Progress) {
        let callback = self.pending.with_value(|p| p.on_progress(id));
        if let Some(callback) = callback {
            callback.run(progress);
        }
    }

    /// The worker died (a panic aborts its wasm): fail what it was doing and start afresh,
    /// unless it never got going (then restarting would only loop).
    fn crashed(self, message: &str) {
        let restarting = self.status.get_untracked() == EngineStatus::Starting;
        if restarting && self.generation.get_untracked() > 0 {
            // The old worker's last words (its error event after the panic message): the
            // restart is already under way.
            return;
        }
        if self.generation.get_untracked() == 0 {
            let message = if message.to_lowercase().contains("reload the page") {
                message.to_string()
            } else {
                format!("{message} Reload the page; if it happens again, check your connection.")
            };
            self.set_status.set(EngineStatus::Failed {
                message: message.clone(),
            });
            self.fail_pending(&message, Some(&message));
            return;
        }
        self.restart_after(
            &format!(
                "{message} The engine was restarted and the cells above were run again; this cell was not, so the same input cannot stop it again."
            ),
            Some(message),
        );
    }
}

fn failed(message: &str) -> Reply {
    Reply {
        body: ResponseBody::Failed {
            message: message.to_string(),
        },
        elapsed_ms: 0.0,
        engine_stopped: None,
    }
}

/// Resolves after `duration` (at once if there is no window to time it).
async fn pause(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
        let timed = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
                .ok()
        });
        if timed.is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
