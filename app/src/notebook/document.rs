//! The notebook as the user edits it: title, cells in order, the last deleted cell (for
//! Undo), the datasets the cells produced, a problem with the notebook as a whole, and which
//! saved notebook it is. Running cells is the [`Runner`](super::run::Runner)'s; saving is
//! the persistence hooks' (`persist`).
//!
//! The owner rule: every cell's signals are created under the notebook's own owner
//! ([`CellEntry::new_in`]). Cells are added from event handlers, which run under the owner of
//! the view that holds the button: signals made there would die with that page, and the
//! autosave or the runner would then read disposed signals (edits were lost that way).

use std::collections::BTreeMap;

use jukebox_core::notebook::trust::Consent;
use jukebox_core::notebook::{Cell, CellSpec, MODEL_PREFIX, NOTEBOOK_VERSION, Notebook};
use jukebox_core::store::StoredNotebook;
use jukebox_core::summary::TableSummary;
use leptos::prelude::*;

use super::cell_entry::CellEntry;

/// The document's handle for the context: `Copy`, signals only.
#[derive(Debug, Clone, Copy)]
pub struct Document {
    pub title: RwSignal<String>,
    pub cells: RwSignal<Vec<CellEntry>>,
    /// The last deleted cell and where it was, for Undo.
    pub deleted: RwSignal<Option<(usize, Cell)>>,
    /// Every dataset loaded or prepared so far, by name (columns for the editors).
    pub datasets: RwSignal<BTreeMap<String, TableSummary>>,
    /// A problem with the notebook as a whole (e.g. it could not be opened), for the page.
    pub problem: RwSignal<Option<String>>,
    /// The saved notebook this is (autosave writes there) and what the page knows of it.
    pub saved: RwSignal<SavedAs>,
    /// The owner of every cell's signals (see the module doc).
    owner: StoredValue<Owner>,
}

/// Which saved notebook the page shows, and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedAs {
    pub id: String,
    pub created_ms: f64,
    /// `updated_ms` of the copy this tab last wrote or read: a newer stored copy means another
    /// tab changed it.
    pub updated_ms: f64,
    /// Each Train cell's last run (cell id → run id).
    pub last_runs: BTreeMap<u64, String>,
    /// Each Drift or Fairness cell's alert at its last run (cell id → words).
    pub alerts: BTreeMap<u64, String>,
    /// Which hosts the cells may contact (a notebook from elsewhere waits for its reader).
    pub consent: Consent,
}

impl Document {
    /// An empty notebook. Call it under the app's owner: the cells' owner is a child of it,
    /// disposed with the app, never with a page.
    pub fn new() -> Self {
        Self {
            title: RwSignal::new(String::new()),
            cells: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(None),
            datasets: RwSignal::new(BTreeMap::new()),
            problem: RwSignal::new(None),
            saved: RwSignal::new(SavedAs::default()),
            owner: StoredValue::new(Owner::new()),
        }
    }

    /// Replaces title and cells with `notebook`'s, each cell armed as `armed` says (see
    /// [`CellEntry::armed`]); returns the cells' ids.
    pub fn replace(&self, notebook: Notebook, armed: impl Fn(&Cell) -> bool) -> Vec<u64> {
        self.deleted.set(None);
        self.title.set(notebook.title);
        let entries: Vec<CellEntry> = notebook
            .cells
            .into_iter()
            .map(|cell| {
                let armed = armed(&cell);
                self.owner
                    .with_value(|owner| CellEntry::new_in(owner, cell, armed))
            })
            .collect();
        let ids = entries.iter().map(|e| e.id).collect();
        self.cells.set(entries);
        ids
    }

    /// Subscribes the running effect to every edit of the document: the title, the cells and
    /// their order, each cell's settings and fold. Undo records and the autosave saves on
    /// exactly these.
    pub fn track_edits(&self) {
        self.title.track();
        self.cells.with(|cells| {
            for cell in cells {
                cell.spec.track();
                cell.collapsed.track();
            }
        });
    }

    /// The notebook as plain data (for saving, sharing and dependency questions).
    pub fn snapshot(&self) -> Notebook {
        Notebook {
            version: NOTEBOOK_VERSION,
            title: self.title.get_untracked(),
            cells: self.cells.with_untracked(|cells| {
                cells
                    .iter()
                    .map(|c| Cell {
                        id: c.id,
                        spec: c.spec.get_untracked(),
                        collapsed: c.collapsed.get_untracked(),
                    })
                    .collect()
            }),
        }
    }

    /// The notebook as saved: cells and settings plus the page's bookkeeping.
    pub fn stored(&self) -> StoredNotebook {
        let saved = self.saved.get_untracked();
        StoredNotebook {
            id: saved.id,
            notebook: self.snapshot(),
            created_ms: saved.created_ms,
            updated_ms: saved.updated_ms,
            last_runs: saved.last_runs,
            alerts: saved.alerts,
            consent: saved.consent,
        }
    }

    /// Keeps cell `id`'s alert (or its absence) from the output it just got, for the header
    /// and the saved notebook; a cell that alerts nothing leaves no entry.
    pub fn set_alert(&self, id: u64, alert: Option<String>) {
        let changed = self
            .saved
            .with_untracked(|s| s.alerts.get(&id) != alert.as_ref());
        if changed {
            self.saved.update(|s| match alert {
                Some(alert) => drop(s.alerts.insert(id, alert)),
                None => drop(s.alerts.remove(&id)),
            });
        }
    }

    /// Signals for a cell the user adds, owned by the notebook (whatever view is current): a
    /// Train cell waits to be started (see [`CellEntry::armed`]), unless it trained before
    /// (a deleted cell put back).
    pub fn new_entry_for(&self, cell: Cell) -> CellEntry {
        let trained_before = self
            .saved
            .with_untracked(|s| s.last_runs.contains_key(&cell.id));
        let armed = trained_before || !matches!(cell.spec, CellSpec::Train { .. });
        self.owner
            .with_value(|owner| CellEntry::new_in(owner, cell, armed))
    }

    pub fn index_of(&self, id: u64) -> Option<usize> {
        self.cells
            .with_untracked(|cells| cells.iter().position(|c| c.id == id))
    }

    pub fn entry(&self, id: u64) -> Option<CellEntry> {
        self.cells
            .with_untracked(|cells| cells.iter().find(|c| c.id == id).copied())
    }

    /// The cells' ids in notebook order.
    pub fn order(&self) -> Vec<u64> {
        self.cells
            .with_untracked(|cells| cells.iter().map(|c| c.id).collect())
    }

    /// Datasets the cell `id` may read: those written by the cells above it (models, which
    /// the dependency lists name `model:<name>`, are not datasets).
    pub fn names_before(&self, id: u64) -> Vec<String> {
        let index = self.index_of(id).unwrap_or(0);
        self.cells.with(|cells| {
            let mut names: Vec<String> = Vec::new();
            for cell in cells.iter().take(index) {
                for name in cell.spec.with(CellSpec::outputs) {
                    if !name.starts_with(MODEL_PREFIX) && !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
            names
        })
    }

    /// Models the cell `id` may use: those trained by the cells above it.
    pub fn models_before(&self, id: u64) -> Vec<String> {
        let index = self.index_of(id).unwrap_or(0);
        // Tracks the cells, so pickers update when a Train cell is added or renamed.
        self.cells.track();
        self.snapshot().models_before(index)
    }

    /// Keeps the tables a cell loaded or prepared, by name.
    pub fn add_tables(&self, tables: &[TableSummary]) {
        self.datasets.update(|d| {
            for table in tables {
                d.insert(table.name.clone(), table.clone());
            }
        });
    }

    /// Whether cell `cell` may contact the hosts it would (always, for the user's own
    /// notebook).
    pub fn lets_run(&self, cell: &Cell) -> bool {
        self.saved.with_untracked(|s| s.consent.lets_run(cell))
    }

    /// Allows the hosts `cell` contacts (the user ran it, or typed its URL) and keeps the
    /// choice with the notebook.
    pub fn allow_hosts_of(&self, cell: &Cell) {
        let uses = jukebox_core::notebook::trust::cell_uses(cell);
        if uses
            .iter()
            .any(|u| !self.saved.with_untracked(|s| s.consent.allows(&u.host)))
        {
            self.saved.update(|s| {
                for u in &uses {
                    s.consent.allow(&u.host);
                }
            });
        }
    }

    /// Shows a problem with the notebook as a whole.
    pub fn show_problem(&self, message: impl Into<String>) {
        self.problem.set(Some(message.into()));
    }
}

impl Default for Document {
    fn default() -> Self {
        Self::new()
    }
}
