//! Notebooks kept in the browser: the one shown is saved as it changes (debounced), opened
//! again on the next visit, and other tabs are told when it changes so two tabs never
//! silently overwrite each other (the later writer is asked first).

use std::time::Duration;

use jukebox_core::notebook::Notebook;
use jukebox_core::store::StoredNotebook;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::state::{NotebookState, SavedAs};

/// `localStorage` key of the notebook shown last (the next visit opens it).
const CURRENT_KEY: &str = "jukebox.notebook";
/// The channel tabs announce saves on.
const CHANNEL: &str = "jukebox-notebooks";
/// Edits within this long are saved together.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// A save of notebook `id` by another tab, newer than the copy this tab has.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub updated_ms: f64,
}

impl NotebookState {
    /// The notebook as saved: cells and settings plus the page's bookkeeping.
    pub fn stored(&self) -> StoredNotebook {
        let saved = self.saved.get_untracked();
        StoredNotebook {
            id: saved.id,
            notebook: self.snapshot(),
            created_ms: saved.created_ms,
            updated_ms: saved.updated_ms,
            last_runs: saved.last_runs,
        }
    }

    /// Shows a saved notebook (and runs it). A Train cell of a notebook saved before that
    /// has no run yet was never started: it waits for Train, as it did when it was saved.
    pub fn show(&self, stored: StoredNotebook) {
        let saved_before = stored.updated_ms > 0.0;
        let trained: std::collections::BTreeSet<u64> = stored.last_runs.keys().copied().collect();
        remember_current(&stored.id);
        self.conflict.set(None);
        self.saved.set(SavedAs {
            id: stored.id,
            created_ms: stored.created_ms,
            updated_ms: stored.updated_ms,
            last_runs: stored.last_runs,
        });
        self.last_written.set_value(Some((
            stored.notebook.clone(),
            self.saved.get_untracked().last_runs,
        )));
        self.open_with(stored.notebook, |cell| {
            let is_train = matches!(cell.spec, jukebox_core::notebook::CellSpec::Train { .. });
            !saved_before || !is_train || trained.contains(&cell.id)
        });
    }

    /// Shows `notebook` as a new notebook (never over an existing one). It is saved once it
    /// changes — an edit, or a run recorded — so a link or a starter only looked at (or a
    /// damaged link's empty notebook) leaves nothing behind.
    pub fn show_new(&self, notebook: Notebook) {
        let now = js_sys::Date::now();
        self.show(StoredNotebook {
            id: new_notebook_id(now),
            notebook,
            created_ms: now,
            updated_ms: 0.0,
            last_runs: std::collections::BTreeMap::new(),
        });
    }

    /// Shows `notebook` as a new notebook the user asked for (New, Duplicate): saved at once.
    pub fn create_new(&self, notebook: Notebook) {
        self.show_new(notebook);
        self.last_written.set_value(None);
        self.save_soon();
    }

    /// Opens saved notebook `id`.
    pub async fn open_saved(&self, id: &str) -> Result<(), String> {
        let storage = self.storage().ok_or("storage is not open")?;
        match storage.notebook(id).await {
            Ok(Some(stored)) => {
                self.show(stored);
                Ok(())
            }
            Ok(None) => Err(format!(
                "notebook `{id}` is no longer saved in this browser"
            )),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Saves after [`SAVE_DELAY`] unless another change comes first.
    pub fn save_soon(&self) {
        let generation = self.save_generation.get_value() + 1;
        self.save_generation.set_value(generation);
        let state = *self;
        set_timeout(
            move || {
                if state.save_generation.get_value() == generation {
                    leptos::task::spawn_local(async move { state.save_now().await });
                }
            },
            SAVE_DELAY,
        );
    }

    /// Saves pending edits at once (the debounce cancelled): before a page change, and when
    /// the tab is hidden or closed. Another tab's newer save is known from its announcement
    /// (see [`listen_to_other_tabs`]), so no read precedes the write: the write is issued
    /// before the page can go away.
    pub fn flush_save(&self) {
        self.save_generation.update_value(|g| *g += 1);
        let state = *self;
        leptos::task::spawn_local(async move { state.write_if_changed(false).await });
    }

    /// Keeps unsaved changes in `localStorage`, synchronously: a tab that closes or reloads
    /// aborts IndexedDB writes still in flight, so the write [`NotebookState::flush_save`]
    /// starts may never land. The next start writes a journalled notebook back
    /// ([`recover_unsaved`]); a write that does land removes its journal entry.
    pub fn journal_unsaved(&self) {
        let Some(mut stored) = self.unsaved() else {
            return;
        };
        stored.updated_ms = js_sys::Date::now().max(stored.updated_ms + 1.0);
        if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&stored)) {
            // Full or blocked storage: nothing more can be done while the page goes away.
            let _ = storage.set_item(&journal_key(&stored.id), &text);
        }
    }

    /// The notebook as it would be saved, when it changed since the last write and may be
    /// written (it has an id and no other tab's newer save is pending a choice).
    fn unsaved(&self) -> Option<StoredNotebook> {
        let stored = self.stored();
        if stored.id.is_empty() || self.conflict.with_untracked(Option::is_some) {
            return None;
        }
        let unchanged = self.last_written.with_value(|w| {
            w.as_ref()
                .is_some_and(|(nb, runs)| *nb == stored.notebook && *runs == stored.last_runs)
        });
        (!unchanged).then_some(stored)
    }

    /// Writes the notebook if it changed since the last write, unless another tab saved a
    /// newer copy (then the conflict is shown and nothing is overwritten).
    pub async fn save_now(&self) {
        self.write_if_changed(true).await;
    }

    async fn write_if_changed(&self, read_first: bool) {
        let Some(storage) = self.storage() else {
            return;
        };
        let Some(mut stored) = self.unsaved() else {
            return;
        };
        if read_first
            && let Ok(Some(theirs)) = storage.notebook(&stored.id).await
            && theirs.updated_ms > stored.updated_ms
        {
            self.conflict.set(Some(Conflict {
                id: theirs.id,
                updated_ms: theirs.updated_ms,
            }));
            return;
        }
        stored.updated_ms = js_sys::Date::now().max(stored.updated_ms + 1.0);
        match storage.put_notebook(&stored).await {
            Ok(()) => {
                self.saved.update(|s| s.updated_ms = stored.updated_ms);
                self.last_written
                    .set_value(Some((stored.notebook, stored.last_runs)));
                self.save_error.set(None);
                forget_journal(&stored.id);
                announce(&stored.id, stored.updated_ms);
                self.bump_changed();
            }
            Err(e) => self.save_error.set(Some(format!(
                "Your latest changes are not saved in this browser: {e}. They stay in this tab; export the notebook to keep them."
            ))),
        }
    }

    /// After a conflict: keep this tab's version (it overwrites the other tab's on the next save).
    pub fn keep_mine(&self) {
        if let Some(conflict) = self.conflict.get_untracked() {
            self.saved.update(|s| s.updated_ms = conflict.updated_ms);
        }
        self.conflict.set(None);
        self.last_written.set_value(None);
        self.save_soon();
    }
}

/// Saves the notebook whenever its title, cells, their order or settings, or its runs change.
pub fn autosave(state: NotebookState) {
    Effect::new(move |_| {
        state.title.track();
        state.cells.with(|cells| {
            for cell in cells {
                cell.spec.track();
                cell.collapsed.track();
            }
        });
        state.saved.with(|s| s.last_runs.len());
        state.save_soon();
    });
}

/// Saves pending edits when the page changes and when the tab is hidden or closed
/// (`visibilitychange`, `pagehide`): the 400 ms debounce must never drop the last edit.
pub fn flush_on_leave(state: NotebookState, page: ReadSignal<crate::route::Page>) {
    Effect::new(move |previous: Option<crate::route::Page>| {
        let current = page.get();
        if previous.is_some_and(|p| p != current) {
            state.flush_save();
        }
        current
    });
    let on_hide = Closure::<dyn Fn()>::new(move || {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            state.journal_unsaved();
            state.flush_save();
        }
    });
    let on_pagehide = Closure::<dyn Fn()>::new(move || {
        state.journal_unsaved();
        state.flush_save();
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
    let _ =
        window().add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    // The app is mounted once per page: the listeners live as long as it.
    on_hide.forget();
    on_pagehide.forget();
}

/// Listens for other tabs' saves of the notebook shown here.
pub fn listen_to_other_tabs(state: NotebookState) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let Some((id, updated_ms)) = parse_announcement(&text) else {
                return;
            };
            let ours = state.saved.get_untracked();
            if id == ours.id && updated_ms > ours.updated_ms {
                state.conflict.set(Some(Conflict { id, updated_ms }));
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The page lives as long as the tab: the listener and channel too.
    on_message.forget();
    std::mem::forget(channel);
}

fn announce(id: &str, updated_ms: f64) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&format!("{updated_ms} {id}").into());
        channel.close();
    }
}

fn parse_announcement(text: &str) -> Option<(String, f64)> {
    let (ms, id) = text.split_once(' ')?;
    Some((id.to_string(), ms.parse().ok()?))
}

/// `nb-…`, made like a run id (unique, sorts by creation).
fn new_notebook_id(now_ms: f64) -> String {
    let run_id = jukebox_core::runs::new_run_id(now_ms, super::saved::random_id_part());
    format!("nb-{}", run_id.trim_start_matches("run-"))
}

/// `localStorage` key prefix of notebooks journalled when the page went away.
const JOURNAL_PREFIX: &str = "jukebox.unsaved.";

fn journal_key(id: &str) -> String {
    format!("{JOURNAL_PREFIX}{id}")
}

fn forget_journal(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&journal_key(id));
    }
}

/// Writes back notebooks journalled by [`NotebookState::journal_unsaved`] when a page went
/// away before its save landed, unless the stored copy is as new; then forgets the journal.
pub async fn recover_unsaved(storage: &crate::storage::Storage) {
    let Some(local) = local_storage() else { return };
    let n_keys = local.length().unwrap_or(0);
    let keys: Vec<String> = (0..n_keys)
        .filter_map(|i| local.key(i).ok().flatten())
        .filter(|k| k.starts_with(JOURNAL_PREFIX))
        .collect();
    for key in keys {
        let journalled = local
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<StoredNotebook>(&text).ok());
        if let Some(journalled) = journalled {
            let stored_ms = match storage.notebook(&journalled.id).await {
                Ok(Some(stored)) => stored.updated_ms,
                Ok(None) => f64::NEG_INFINITY,
                // Unreadable now: keep the journal for the next start.
                Err(_) => continue,
            };
            if journalled.updated_ms > stored_ms && storage.put_notebook(&journalled).await.is_err()
            {
                continue;
            }
        }
        let _ = local.remove_item(&key);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remember_current(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(CURRENT_KEY, id);
    }
}

/// The notebook shown last in this browser, if any.
pub fn current_id() -> Option<String> {
    local_storage()?
        .get_item(CURRENT_KEY)
        .ok()
        .flatten()
        .filter(|id| !id.is_empty())
}
