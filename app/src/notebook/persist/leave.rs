//! Pending edits are saved when the page changes and when the tab is hidden or closed
//! (`visibilitychange`, `pagehide`): the autosave's debounce must never drop the last edit.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::autosave::Autosave;
use crate::route::Page;

/// Flushes `autosave` when `page` changes and when the tab goes away; journals unsaved edits
/// first when it does (IndexedDB writes in flight are aborted at unload).
pub fn flush_on_leave(autosave: Autosave, page: ReadSignal<Page>) {
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        if previous.is_some_and(|p| p != current) {
            autosave.flush_save();
        }
        current
    });
    let on_hide = Closure::<dyn Fn()>::new(move || {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            autosave.journal_unsaved();
            autosave.flush_save();
        }
    });
    let on_pagehide = Closure::<dyn Fn()>::new(move || {
        autosave.journal_unsaved();
        autosave.flush_save();
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
    let _ =
        window().add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    // The app is mounted once per page: the listeners live as long as it.
    on_hide.forget();
    on_pagehide.forget();
}
