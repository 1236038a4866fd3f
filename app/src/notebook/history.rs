//! Undo and redo of the notebook's document edits (the core's
//! [`History`](jukebox_core::notebook::history::History)): every change of the title, the
//! cells, their order, folding or settings is recorded as it lands; undoing shows the
//! notebook before it. Cells that come back as they were keep their output; a cell whose
//! settings change back, or that comes back after a deletion, runs again (with what depends
//! on it), as any edit does. Opening another notebook starts a new history.

use jukebox_core::notebook::Notebook;
use jukebox_core::notebook::history::History;
use leptos::prelude::*;

use super::document::Document;
use super::run::Runner;
use crate::browser::clock::epoch_ms;

/// The undo history's handle for the context.
#[derive(Debug, Clone, Copy)]
pub struct UndoHistory {
    document: Document,
    runner: Runner,
    history: StoredValue<History>,
    /// Which saved notebook the history is of (another one opened starts afresh).
    notebook_id: StoredValue<String>,
    /// Steps that can be undone and redone, for the buttons.
    pub undo_steps: RwSignal<usize>,
    pub redo_steps: RwSignal<usize>,
}

/// Records the document after every edit (see the module doc).
pub fn use_undo_history(document: Document, runner: Runner) -> UndoHistory {
    let history = UndoHistory {
        document,
        runner,
        history: StoredValue::new(History::default()),
        notebook_id: StoredValue::new(String::new()),
        undo_steps: RwSignal::new(0),
        redo_steps: RwSignal::new(0),
    };
    Effect::new(move |_| {
        document.track_edits();
        let id = document.saved.with(|s| s.id.clone());
        let notebook = document.snapshot();
        if history.notebook_id.with_value(|known| *known != id) {
            history.notebook_id.set_value(id);
            history.history.set_value(History::starting_at(notebook));
        } else {
            history.history.update_value(|h| {
                h.record(notebook, epoch_ms());
            });
        }
        history.show_steps();
    });
    history
}

impl UndoHistory {
    /// Shows the notebook as it was before the last edit; `false` when there is none.
    pub fn undo(&self) -> bool {
        let Some(notebook) = self.history.try_update_value(History::undo).flatten() else {
            return false;
        };
        self.show(notebook);
        true
    }

    /// Shows the notebook as it was before the last undo; `false` when there is none.
    pub fn redo(&self) -> bool {
        let Some(notebook) = self.history.try_update_value(History::redo).flatten() else {
            return false;
        };
        self.show(notebook);
        true
    }

    fn show_steps(&self) {
        let (undo, redo) = self
            .history
            .with_value(|h| (h.undo_steps(), h.redo_steps()));
        self.undo_steps.set(undo);
        self.redo_steps.set(redo);
    }

    /// Makes the document `notebook`: cells kept by id (their outputs with them), the ones
    /// missing removed, the ones back made anew; then runs what changed.
    fn show(&self, notebook: Notebook) {
        let document = self.document;
        document.deleted.set(None);
        if document.title.with_untracked(|t| *t != notebook.title) {
            document.title.set(notebook.title.clone());
        }
        let mut to_run = Vec::new();
        let entries: Vec<_> = notebook
            .cells
            .into_iter()
            .map(|cell| {
                let Some(entry) = document.entry(cell.id) else {
                    to_run.push(cell.id);
                    return document.new_entry_for(cell);
                };
                if entry.spec.with_untracked(|s| *s != cell.spec) {
                    entry.spec.set(cell.spec);
                    to_run.push(cell.id);
                }
                if entry.collapsed.get_untracked() != cell.collapsed {
                    entry.collapsed.set(cell.collapsed);
                }
                entry
            })
            .collect();
        let gone: Vec<u64> = document.cells.with_untracked(|cells| {
            cells
                .iter()
                .filter(|c| !entries.iter().any(|e| e.id == c.id))
                .map(|c| c.id)
                .collect()
        });
        document.cells.set(entries);
        for id in gone {
            self.runner.forget(id);
        }
        for id in to_run {
            self.runner.rerun(id);
        }
        self.show_steps();
    }
}
