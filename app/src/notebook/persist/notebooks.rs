//! The saved notebooks as the page opens them: show one (and run it), start a new one, open
//! one by id. Showing a notebook resets what the autosave and the other tabs' watch know.

use std::collections::{BTreeMap, BTreeSet};

use jukebox_core::notebook::trust::Consent;
use jukebox_core::notebook::{CellSpec, Notebook};
use jukebox_core::store::StoredNotebook;
use leptos::prelude::*;

use super::autosave::Autosave;
use super::journal::remember_current;
use super::other_tabs::OtherTabs;
use crate::browser::AppError;
use crate::browser::clock::epoch_ms;
use crate::browser::ids::new_notebook_id;
use crate::notebook::document::{Document, SavedAs};
use crate::notebook::run::Runner;
use crate::storage::StorageSlot;

/// Opening notebooks, for the context.
#[derive(Debug, Clone, Copy)]
pub struct Notebooks {
    document: Document,
    runner: Runner,
    autosave: Autosave,
    tabs: OtherTabs,
    slot: StorageSlot,
}

impl Notebooks {
    pub fn new(
        document: Document,
        runner: Runner,
        autosave: Autosave,
        tabs: OtherTabs,
        slot: StorageSlot,
    ) -> Self {
        Self {
            document,
            runner,
            autosave,
            tabs,
            slot,
        }
    }

    /// Shows a saved notebook (and runs it). A Train cell of a notebook saved before that
    /// has no run yet was never started: it waits for Train, as it did when it was saved.
    pub fn show(&self, stored: StoredNotebook) {
        let saved_before = stored.updated_ms > 0.0;
        let trained: BTreeSet<u64> = stored.last_runs.keys().copied().collect();
        remember_current(&stored.id);
        self.tabs.conflict.set(None);
        self.autosave.written(&stored);
        self.document.saved.set(SavedAs {
            id: stored.id,
            created_ms: stored.created_ms,
            updated_ms: stored.updated_ms,
            last_runs: stored.last_runs,
            alerts: stored.alerts,
            consent: stored.consent,
        });
        self.runner.open(stored.notebook, |cell| {
            let is_train = matches!(cell.spec, CellSpec::Train { .. });
            !saved_before || !is_train || trained.contains(&cell.id)
        });
    }

    /// Shows `notebook` as a new notebook (never over an existing one). It is saved once it
    /// changes — an edit, or a run recorded — so a link or a starter only looked at (or a
    /// damaged link's empty notebook) leaves nothing behind.
    pub fn show_new(&self, notebook: Notebook) {
        self.show_new_with(notebook, Consent::Trusted);
    }

    /// Shows a notebook from elsewhere (a link, a notebook URL, a file) as a new notebook:
    /// the cells that stay in the tab run; those that would contact a host wait until the
    /// reader agrees (the notebook page's banner lists the hosts).
    pub fn show_from_elsewhere(&self, notebook: Notebook) {
        self.show_new_with(notebook, Consent::untrusted());
    }

    fn show_new_with(&self, notebook: Notebook, consent: Consent) {
        let now = epoch_ms();
        self.show(StoredNotebook {
            id: new_notebook_id(now),
            notebook,
            created_ms: now,
            updated_ms: 0.0,
            last_runs: BTreeMap::new(),
            alerts: BTreeMap::new(),
            consent,
        });
    }

    /// Shows `notebook` as a new notebook the user asked for (New, Duplicate): saved at once.
    pub fn create_new(&self, notebook: Notebook) {
        self.show_new(notebook);
        self.autosave.forget_written();
        self.autosave.save_soon();
    }

    /// Opens saved notebook `id`.
    pub async fn open_saved(&self, id: &str) -> Result<(), AppError> {
        let storage = self
            .slot
            .get()
            .ok_or(AppError::new("storage is not open"))?;
        match storage.notebook(id).await? {
            Some(stored) => {
                self.show(stored);
                Ok(())
            }
            None => Err(AppError::new(format!(
                "notebook `{id}` is no longer saved in this browser"
            ))),
        }
    }
}
