//! The runner: cells run one at a time, in notebook order, each awaiting the engine's reply;
//! editing a cell re-runs it and the cells that depend on it. When the engine restarts (a
//! cancel or a crash), what had run is run again, so nothing loaded is lost.
//!
//! - [`Runner`]: what runs when — dependencies, stale cells, edits batched until they pause;
//! - [`scheduler`]: running it — the queue, one engine round trip at a time, cancel;
//! - [`queue`]: the bookkeeping as plain data; [`request`]: a cell's engine request with
//!   what only the page has; [`reply`]: the one path every reply takes.

mod queue;
mod reply;
mod request;
mod scheduler;

use std::time::Duration;

use jukebox_core::notebook::trust::{Consent, cell_uses};
use jukebox_core::notebook::{Cell, CellSpec, Notebook};
use leptos::prelude::*;

use super::cell_entry::{CellEntry, CellStatus};
use super::document::Document;
use super::persist::kept_files::KeptFiles;
use super::persist::records::RunRecords;
use crate::engine_client::EngineClient;
use crate::engine_client::EngineStatus;
use queue::EditBatch;
use scheduler::Scheduler;

/// Edits closer together than this re-run their trainings once.
const EDIT_QUIET: Duration = Duration::from_millis(600);

/// The runner's handle for the context.
#[derive(Debug, Clone, Copy)]
pub struct Runner {
    document: Document,
    engine: EngineClient,
    scheduler: Scheduler,
    /// Whether a change re-runs the cells that depend on it (else they are marked stale).
    pub auto_run: RwSignal<bool>,
    /// Cells to run once edits pause (see [`Runner::rerun`]).
    batch: StoredValue<EditBatch>,
}

/// Changes cell `entry`'s settings with `change` and re-runs what depends on them (the
/// editors' one way to edit; the runner comes from the context). See [`Runner::edit_later`].
pub fn edit(entry: CellEntry, change: impl FnOnce(&mut CellSpec) + 'static) {
    expect_context::<Runner>().edit_later(entry.id, change, false);
}

impl Runner {
    /// A runner for `document` that runs its cells whenever the engine (re)starts: a fresh
    /// worker holds nothing, so every cell that had not failed or been stopped runs again.
    pub fn new(
        document: Document,
        engine: EngineClient,
        kept: KeptFiles,
        records: RunRecords,
    ) -> Self {
        let scheduler = Scheduler::new(document, engine, kept, records);
        Effect::new(move |_| {
            let generation = engine.generation.get();
            if generation == 0 {
                return;
            }
            let ids = document.cells.with_untracked(|cells| {
                cells
                    .iter()
                    .filter(|c| {
                        !matches!(
                            c.status.get_untracked(),
                            CellStatus::Failed { .. } | CellStatus::Cancelled
                        ) || generation == 1
                    })
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            });
            scheduler.schedule(ids);
        });
        Self {
            document,
            engine,
            scheduler,
            auto_run: RwSignal::new(true),
            batch: StoredValue::new(EditBatch::default()),
        }
    }

    /// Replaces the whole notebook (opening one) and runs it once the engine is ready.
    pub fn replace(&self, notebook: Notebook) {
        self.open(notebook, |_| true);
    }

    /// Replaces the whole notebook and runs the cells `armed` allows (see
    /// [`CellEntry::armed`]) once the engine is ready.
    pub fn open(&self, notebook: Notebook, armed: impl Fn(&Cell) -> bool) {
        self.scheduler.clear();
        let ids = self.document.replace(notebook, armed);
        if self.engine.status.get_untracked() == EngineStatus::Ready {
            self.scheduler.schedule(ids);
        }
    }

    /// Changes cell `id`'s settings with `change` after the current event and runs it and
    /// everything that depends on it; with `even_if_same`, also when nothing changed (a file
    /// picked again). Later, because the editor that asked may be rebuilt by the change and
    /// must not be disposed while its handler runs; `change` is applied to the settings as
    /// they are *then*, so edits made in the same task all land, none undoing another.
    pub(crate) fn edit_later(
        &self,
        id: u64,
        change: impl FnOnce(&mut CellSpec) + 'static,
        even_if_same: bool,
    ) {
        let runner = *self;
        leptos::task::spawn_local(async move {
            let Some(entry) = runner.document.entry(id) else {
                return;
            };
            let mut spec = entry.spec.get_untracked();
            let before = entry.spec.get_untracked();
            change(&mut spec);
            if before == spec && !even_if_same {
                return;
            }
            // A host the user typed into a cell (a URL, a base URL) is one they chose.
            let hosts_before: Vec<String> = cell_uses(&Cell::new(id, before))
                .into_iter()
                .map(|u| u.host)
                .collect();
            let typed = Cell::new(id, spec.clone());
            if cell_uses(&typed)
                .iter()
                .any(|u| !hosts_before.contains(&u.host))
            {
                runner.document.allow_hosts_of(&typed);
            }
            entry.spec.set(spec);
            runner.rerun(id);
        });
    }

    /// Runs cell `id` because the user asked (▶ Run, Train, Load): a waiting Train cell is
    /// armed from now on. Then as [`Runner::rerun`].
    pub fn run(&self, id: u64) {
        if let Some(entry) = self.document.entry(id) {
            entry.armed.set(true);
            // Running a cell of a notebook from elsewhere by hand agrees to its hosts.
            self.document
                .allow_hosts_of(&Cell::new(id, entry.spec.get_untracked()));
        }
        self.rerun(id);
    }

    /// The reader of a notebook from elsewhere agrees to every host it contacts: the
    /// notebook is trusted from now on (kept with it), and the cells that waited run.
    pub fn trust_and_run(&self) {
        self.document.saved.update(|s| s.consent = Consent::Trusted);
        let waiting: Vec<u64> = self.document.cells.with_untracked(|cells| {
            cells
                .iter()
                .filter(|c| matches!(c.status.get_untracked(), CellStatus::AwaitingConsent { .. }))
                .map(|c| c.id)
                .collect()
        });
        for id in waiting {
            self.rerun(id);
        }
    }

    /// Runs cell `id` and the cells downstream of it after a change; with automatic re-runs
    /// off, runs only the cell and marks those downstream stale. A Train cell not started
    /// yet stays waiting. When a training is among them, the runs start after the edits
    /// pause ([`EDIT_QUIET`]), so a burst of changes trains once and stores one run.
    pub(crate) fn rerun(&self, id: u64) {
        let Some(index) = self.document.index_of(id) else {
            return;
        };
        let notebook = self.document.snapshot();
        let ids: Vec<u64> = notebook
            .affected_by(index)
            .into_iter()
            .map(|i| notebook.cells[i].id)
            .collect();
        if self.auto_run.get_untracked() {
            self.schedule_after_edit(ids);
            return;
        }
        for other in ids.iter().skip(1) {
            if let Some(entry) = self.document.entry(*other)
                && !matches!(
                    entry.status.get_untracked(),
                    CellStatus::Queued | CellStatus::Running(_)
                )
            {
                entry.status.set(CellStatus::Stale);
            }
        }
        self.schedule_after_edit(vec![id]);
    }

    /// Schedules `ids` now, or — when one of them trains — once edits pause: the cells show
    /// "Waiting…" at once, and every edit within [`EDIT_QUIET`] joins the same batch.
    fn schedule_after_edit(&self, ids: Vec<u64>) {
        let trains = ids.iter().any(|id| {
            self.document.entry(*id).is_some_and(|e| {
                e.armed.get_untracked()
                    && e.spec
                        .with_untracked(|s| matches!(s, CellSpec::Train { .. }))
            })
        });
        if !trains && self.batch.with_value(EditBatch::is_empty) {
            self.scheduler.schedule(ids);
            return;
        }
        for id in &ids {
            if let Some(entry) = self.document.entry(*id) {
                entry.status.set(CellStatus::Queued);
            }
        }
        let generation = self.batch.try_update_value(|batch| batch.join(ids));
        let (batch, scheduler) = (self.batch, self.scheduler);
        set_timeout(
            move || {
                let ids = generation
                    .and_then(|generation| batch.try_update_value(|b| b.take_if(generation)))
                    .flatten();
                if let Some(ids) = ids {
                    scheduler.schedule(ids);
                }
            },
            EDIT_QUIET,
        );
    }

    /// Runs every stale cell, in notebook order.
    pub fn run_stale(&self) {
        let ids = self.document.cells.with_untracked(|cells| {
            cells
                .iter()
                .filter(|c| c.status.get_untracked() == CellStatus::Stale)
                .map(|c| c.id)
                .collect()
        });
        self.scheduler.schedule(ids);
    }

    /// Runs every cell from the top (the user asked, or a notebook opened: Train cells
    /// waiting to be started are started).
    pub fn run_all(&self) {
        let ids = self.document.cells.with_untracked(|cells| {
            cells
                .iter()
                .map(|c| {
                    c.armed.set(true);
                    c.id
                })
                .collect()
        });
        self.scheduler.schedule(ids);
    }

    /// Stops cell `id` (see [`Scheduler::cancel`]).
    pub fn cancel(&self, id: u64) {
        self.scheduler.cancel(id);
    }

    /// Takes cell `id` out of the queue (it was deleted).
    pub(crate) fn forget(&self, id: u64) {
        self.scheduler.forget(id);
    }
}
