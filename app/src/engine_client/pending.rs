//! Requests waiting for their replies: each reply is put where its request's future finds it,
//! then the request's promise is resolved (it only signals; the body is not decoded twice).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;

use super::{Progress, Reply};

/// A request waiting for its reply.
struct Waiting {
    resolve: js_sys::Function,
    reply: Rc<RefCell<Option<Reply>>>,
    on_progress: Option<Callback<Progress>>,
}

impl Waiting {
    fn answer(self, reply: Reply) {
        *self.reply.borrow_mut() = Some(reply);
        let _ = self.resolve.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// The waiting requests by id (shared: the worker's message handler answers them).
#[derive(Default, Clone)]
pub(super) struct Pending(Rc<RefCell<HashMap<u64, Waiting>>>);

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pending({} requests)", self.0.borrow().len())
    }
}

impl Pending {
    /// Request `id` waits: its reply goes to `reply`, then `resolve` is called.
    pub fn wait(
        &self,
        id: u64,
        resolve: js_sys::Function,
        reply: Rc<RefCell<Option<Reply>>>,
        on_progress: Option<Callback<Progress>>,
    ) {
        self.0.borrow_mut().insert(
            id,
            Waiting {
                resolve,
                reply,
                on_progress,
            },
        );
    }

    /// Request `id` waits no more (it could not be sent).
    pub fn forget(&self, id: u64) {
        self.0.borrow_mut().remove(&id);
    }

    /// Answers request `id` with `body`, if it waits.
    pub fn answer(&self, id: u64, reply: Reply) {
        let waiting = self.0.borrow_mut().remove(&id);
        if let Some(waiting) = waiting {
            waiting.answer(reply);
        }
    }

    /// Answers every waiting request with `body`.
    pub fn answer_all(&self, reply: &Reply) {
        let waiting: Vec<Waiting> = self.0.borrow_mut().drain().map(|(_, v)| v).collect();
        for request in waiting {
            request.answer(reply.clone());
        }
    }

    /// Where request `id`'s progress goes, if it waits and asked for it.
    pub fn on_progress(&self, id: u64) -> Option<Callback<Progress>> {
        self.0.borrow().get(&id).and_then(|w| w.on_progress)
    }
}
