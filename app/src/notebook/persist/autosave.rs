//! The notebook shown is saved as it changes (debounced), flushed at once when the page
//! changes or the tab goes away, and never over another tab's newer save (the conflict is
//! shown instead; see [`super::other_tabs`]).

use std::collections::BTreeMap;
use std::time::Duration;

use jukebox_core::notebook::Notebook;
use jukebox_core::store::StoredNotebook;
use leptos::prelude::*;

use super::journal::{forget_journal, write_journal};
use super::other_tabs::{Conflict, OtherTabs};
use crate::browser::clock::epoch_ms;
use crate::notebook::document::Document;
use crate::storage::StorageSlot;

/// Edits within this long are saved together.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// What was last written: the notebook, its runs and alerts (to skip saves that change
/// nothing).
type Written = (Notebook, BTreeMap<u64, String>, BTreeMap<u64, String>);

/// The autosave's handle for the context.
#[derive(Debug, Clone, Copy)]
pub struct Autosave {
    document: Document,
    slot: StorageSlot,
    tabs: OtherTabs,
    /// The debounce's ticket: a save runs only if no change came after it was asked.
    generation: StoredValue<u64>,
    last_written: StoredValue<Option<Written>>,
    /// Why the last save failed (quota, storage gone), for the page.
    pub save_error: RwSignal<Option<String>>,
}

/// Saves the notebook whenever its title, cells, their order or settings, or its runs change.
pub fn use_autosave(document: Document, slot: StorageSlot, tabs: OtherTabs) -> Autosave {
    let autosave = Autosave {
        document,
        slot,
        tabs,
        generation: StoredValue::new(0),
        last_written: StoredValue::new(None),
        save_error: RwSignal::new(None),
    };
    Effect::new(move |_| {
        document.track_edits();
        // Its runs and alerts (a write that only moves `updated_ms` finds nothing to save).
        document.saved.track();
        autosave.save_soon();
    });
    autosave
}

impl Autosave {
    /// `stored` is what storage holds now (it was just read or shown): nothing to save.
    pub fn written(&self, stored: &StoredNotebook) {
        self.last_written.set_value(Some((
            stored.notebook.clone(),
            stored.last_runs.clone(),
            stored.alerts.clone(),
        )));
    }

    /// The next save writes even if nothing changed (a new notebook, a conflict resolved).
    pub fn forget_written(&self) {
        self.last_written.set_value(None);
    }

    /// Saves after [`SAVE_DELAY`] unless another change comes first.
    pub fn save_soon(&self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let autosave = *self;
        set_timeout(
            move || {
                if autosave.generation.get_value() == generation {
                    leptos::task::spawn_local(async move { autosave.save_now().await });
                }
            },
            SAVE_DELAY,
        );
    }

    /// Saves pending edits at once (the debounce cancelled): before a page change, and when
    /// the tab is hidden or closed. Another tab's newer save is known from its announcement
    /// (see [`super::other_tabs`]), so no read precedes the write: the write is issued
    /// before the page can go away.
    pub fn flush_save(&self) {
        self.generation.update_value(|g| *g += 1);
        let autosave = *self;
        leptos::task::spawn_local(async move { autosave.write_if_changed(false).await });
    }

    /// Keeps unsaved changes in `localStorage`, synchronously: a tab that closes or reloads
    /// aborts IndexedDB writes still in flight, so the write [`Autosave::flush_save`]
    /// starts may never land. The next start writes a journalled notebook back
    /// ([`super::journal::recover_unsaved`]); a write that does land removes its journal entry.
    pub fn journal_unsaved(&self) {
        let Some(mut stored) = self.unsaved() else {
            return;
        };
        stored.updated_ms = epoch_ms().max(stored.updated_ms + 1.0);
        write_journal(&stored);
    }

    /// The notebook as it would be saved, when it changed since the last write and may be
    /// written (it has an id and no other tab's newer save is pending a choice).
    fn unsaved(&self) -> Option<StoredNotebook> {
        let stored = self.document.stored();
        if stored.id.is_empty() || self.tabs.in_conflict() {
            return None;
        }
        // New alerts alone save a notebook saved before, not one only looked at (a starter,
        // a link: see `Notebooks::show_new`).
        let never_saved = stored.updated_ms <= 0.0;
        let unchanged = self.last_written.with_value(|w| {
            w.as_ref().is_some_and(|(nb, runs, alerts)| {
                *nb == stored.notebook
                    && *runs == stored.last_runs
                    && (*alerts == stored.alerts || never_saved)
            })
        });
        (!unchanged).then_some(stored)
    }

    /// Writes the notebook if it changed since the last write, unless another tab saved a
    /// newer copy (then the conflict is shown and nothing is overwritten).
    pub async fn save_now(&self) {
        self.write_if_changed(true).await;
    }

    async fn write_if_changed(&self, read_first: bool) {
        let Some(storage) = self.slot.get() else {
            return;
        };
        let Some(mut stored) = self.unsaved() else {
            return;
        };
        if read_first
            && let Ok(Some(theirs)) = storage.notebook(&stored.id).await
            && theirs.updated_ms > stored.updated_ms
        {
            self.tabs.conflict.set(Some(Conflict {
                id: theirs.id,
                updated_ms: theirs.updated_ms,
            }));
            return;
        }
        stored.updated_ms = epoch_ms().max(stored.updated_ms + 1.0);
        match storage.put_notebook(&stored).await {
            Ok(()) => {
                self.document
                    .saved
                    .update(|s| s.updated_ms = stored.updated_ms);
                self.written(&stored);
                self.save_error.set(None);
                forget_journal(&stored.id);
                self.tabs.announce(&stored.id, stored.updated_ms);
                self.slot.bump();
            }
            Err(e) => self.save_error.set(Some(format!(
                "Your latest changes are not saved in this browser: {e}. They stay in this tab; export the notebook to keep them."
            ))),
        }
    }

    /// After a conflict: keep this tab's version (it overwrites the other tab's on the next save).
    pub fn keep_mine(&self) {
        if let Some(conflict) = self.tabs.conflict.get_untracked() {
            self.document
                .saved
                .update(|s| s.updated_ms = conflict.updated_ms);
        }
        self.tabs.conflict.set(None);
        self.forget_written();
        self.save_soon();
    }
}
