//! Trainings in the worker: a job runs in slices of [`SLICE_MS`], then the worker yields to
//! its event loop (a `MessageChannel` round trip, which browsers do not clamp to 4 ms as
//! they do `setTimeout(0)`), so `onmessage` can take a `Cancel` or serve other requests.
//! Progress goes out at most every [`PROGRESS_MS`].

use std::cell::RefCell;
use std::collections::HashSet;

use jukebox_core::engine::TrainingStart;
use jukebox_core::protocol::{Request, RequestBody, Response, ResponseBody};
use jukebox_core::train::job::{JobState, TrainingJob};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;

use crate::{ENGINE, now_ms, post, post_failed};

/// Work done between two yields: long enough that yielding costs little, short enough that
/// a cancel or a table page waits at most about this long (plus one unit: a batch chunk or
/// a tree).
const SLICE_MS: f64 = 80.0;

/// Least time between two progress messages (at most ~10 a second).
const PROGRESS_MS: f64 = 100.0;

thread_local! {
    /// Ids of trainings the page asked to stop; each is removed when its training ends.
    static CANCELLED: RefCell<HashSet<u64>> = RefCell::new(HashSet::new());
}

/// Marks training `id` to stop at its next slice; a no-op when it is not running.
pub(crate) fn cancel(id: u64) {
    CANCELLED.with_borrow_mut(|ids| ids.insert(id));
}

fn take_cancelled(id: u64) -> bool {
    CANCELLED.with_borrow_mut(|ids| ids.remove(&id))
}

/// Starts a `Train` request; its reply (`Trained` or `Failed`) comes when it ends.
pub(crate) fn spawn(request: Request) {
    let RequestBody::Train {
        input,
        spec,
        output,
        restore,
    } = request.body
    else {
        return;
    };
    let id = request.id;
    // A cancel sent before the training started must not linger for a later one.
    take_cancelled(id);
    let started = now_ms();
    let begun = ENGINE
        .with_borrow_mut(|engine| engine.begin_training(&input, spec, &output, restore.as_deref()));
    match begun {
        Ok(TrainingStart::Restored(body)) => post(&Response::reply(id, now_ms() - started, *body)),
        Ok(TrainingStart::Started(job)) => {
            wasm_bindgen_futures::spawn_local(run(id, output, *job, started));
        }
        Err(error) => post_failed(id, error.to_string()),
    }
}

async fn run(id: u64, output: String, mut job: TrainingJob, started: f64) {
    let mut last_progress = f64::NEG_INFINITY;
    let cancelled = loop {
        let slice_end = now_ms() + SLICE_MS;
        match job.step(&mut || now_ms() < slice_end) {
            Err(error) => {
                take_cancelled(id);
                post_failed(id, jukebox_core::JukeboxError::from(error).to_string());
                return;
            }
            Ok(JobState::Done) => break false,
            Ok(JobState::Running(progress)) => {
                let now = now_ms();
                if now - last_progress >= PROGRESS_MS {
                    last_progress = now;
                    post(&Response::news(
                        Some(id),
                        ResponseBody::Training { progress },
                    ));
                }
            }
        }
        yield_to_events().await;
        if take_cancelled(id) {
            break true;
        }
    };
    if !cancelled {
        // Scoring takes seconds on large tables: say so instead of a bar stuck at its end.
        post(&Response::news(
            Some(id),
            ResponseBody::Training {
                progress: job.scoring_progress(),
            },
        ));
        yield_to_events().await;
    }
    let body = ENGINE.with_borrow_mut(|engine| engine.finish_training(&output, job, cancelled));
    post(&Response::reply(id, now_ms() - started, body));
}

/// Lets the event loop run once: resolves when a message posted to ourselves arrives.
async fn yield_to_events() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
    let Some(resolve) = resolve else {
        return;
    };
    let on_message = Closure::once_into_js(move || {
        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    });
    channel
        .port1()
        .set_onmessage(Some(on_message.unchecked_ref()));
    if channel
        .port2()
        .post_message(&wasm_bindgen::JsValue::NULL)
        .is_err()
    {
        return;
    }
    let _ = JsFuture::from(promise).await;
}
