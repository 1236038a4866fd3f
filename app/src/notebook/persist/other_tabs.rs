//! Other tabs showing the same notebook: each save is announced on a `BroadcastChannel`, and
//! a newer save by another tab becomes a [`Conflict`] this tab shows (and does not overwrite
//! until the user chooses).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::notebook::document::Document;

/// The channel tabs announce saves on.
const CHANNEL: &str = "jukebox-notebooks";

/// A save of notebook `id` by another tab, newer than the copy this tab has.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub updated_ms: f64,
}

/// Another tab's newer save of the notebook shown here, if any. `Copy`, for the context.
#[derive(Debug, Clone, Copy)]
pub struct OtherTabs {
    pub conflict: RwSignal<Option<Conflict>>,
}

impl OtherTabs {
    /// Whether a conflict waits for the user's choice (then nothing is saved).
    pub fn in_conflict(&self) -> bool {
        self.conflict.with_untracked(Option::is_some)
    }

    /// Tells the other tabs that this tab saved notebook `id` at `updated_ms`.
    pub fn announce(&self, id: &str, updated_ms: f64) {
        if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
            let _ = channel.post_message(&format!("{updated_ms} {id}").into());
            channel.close();
        }
    }
}

/// Listens for other tabs' saves of the notebook `document` shows.
pub fn use_other_tabs(document: Document) -> OtherTabs {
    let tabs = OtherTabs {
        conflict: RwSignal::new(None),
    };
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return tabs;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let Some((id, updated_ms)) = parse_announcement(&text) else {
                return;
            };
            let ours = document.saved.get_untracked();
            if id == ours.id && updated_ms > ours.updated_ms {
                tabs.conflict.set(Some(Conflict { id, updated_ms }));
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The page lives as long as the tab: the listener and channel too.
    on_message.forget();
    std::mem::forget(channel);
    tabs
}

fn parse_announcement(text: &str) -> Option<(String, f64)> {
    let (ms, id) = text.split_once(' ')?;
    Some((id.to_string(), ms.parse().ok()?))
}
