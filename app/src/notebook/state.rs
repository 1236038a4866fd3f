//! The notebook's reactive state and its runner. Cells run one at a time, in notebook order,
//! each awaiting the engine's reply; editing a cell re-runs it and the cells that depend on
//! it. When the engine restarts (a cancel or a crash), what had run is run again, so nothing
//! loaded is lost.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook, Source};
use jukebox_core::protocol::ResponseBody;
use jukebox_core::summary::TableSummary;
use leptos::prelude::*;

pub use super::cell_entry::{CellEntry, CellOutput, CellStatus};
use crate::engine_client::{EngineClient, EngineStatus, Progress};
use crate::storage::Storage;

/// The notebook for the context: a `Copy` struct of signals and the runner's state.
#[derive(Debug, Clone, Copy)]
pub struct NotebookState {
    pub title: RwSignal<String>,
    pub cells: RwSignal<Vec<CellEntry>>,
    /// Every dataset loaded or prepared so far, by name (columns for the editors).
    pub datasets: RwSignal<BTreeMap<String, TableSummary>>,
    /// A problem with the notebook as a whole (e.g. it could not be opened), for the page.
    pub problem: RwSignal<Option<String>>,
    /// The saved notebook this is (autosave writes there) and what the page knows of it.
    pub saved: RwSignal<SavedAs>,
    /// Whether a change re-runs the cells that depend on it (else they are marked stale).
    pub auto_run: RwSignal<bool>,
    /// The last deleted cell and where it was, for Undo.
    pub deleted: RwSignal<Option<(usize, Cell)>>,
    pub(super) engine: EngineClient,
    /// Files picked or dropped, by the id of the cell that reads them.
    pub(super) files: StoredValue<HashMap<u64, web_sys::File>, LocalStorage>,
    pub(super) queue: StoredValue<VecDeque<u64>>,
    running: StoredValue<Option<u64>>,
    /// Whether a runner task is alive (set before it is spawned, so there is only one).
    pumping: StoredValue<bool>,
    cancelled: StoredValue<Option<u64>>,
    /// The engine request id of the running cell, for a cancel the worker itself handles.
    running_request: StoredValue<Option<u64>>,
    /// Where notebooks, runs and files are kept (set once storage is open).
    pub(super) storage: StoredValue<Option<Storage>, LocalStorage>,
    /// Bumped after each write to storage (see [`crate::storage::StorageChanged`]).
    pub storage_changed: RwSignal<u64>,
    /// Another tab saved this notebook after this tab last read or wrote it.
    pub conflict: RwSignal<Option<super::persist::Conflict>>,
    /// Why the last save failed (quota, storage gone), for the page.
    pub save_error: RwSignal<Option<String>>,
    pub(super) save_generation: StoredValue<u64>,
    /// What was last written (to skip saves that change nothing).
    pub(super) last_written: StoredValue<Option<(Notebook, BTreeMap<u64, String>)>>,
    /// The owner of every cell's signals. Cells are added from event handlers, which run
    /// under the owner of the view that holds the button: signals made there would die with
    /// that page, and the autosave or the runner would then read disposed signals.
    owner: StoredValue<Owner>,
    /// Cells to run once edits pause (see [`NotebookState::rerun`]), and the pause's ticket.
    edit_batch: StoredValue<Vec<u64>>,
    edit_generation: StoredValue<u64>,
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
}

/// Edits closer together than this re-run their trainings once.
const EDIT_QUIET: Duration = Duration::from_millis(600);

/// How long a cancelled training may take to answer before the engine is restarted.
const CANCEL_GRACE: Duration = Duration::from_secs(3);

impl NotebookState {
    /// An empty notebook that runs its cells whenever the engine (re)starts; open one
    /// with [`NotebookState::replace`].
    pub fn new(engine: EngineClient) -> Self {
        let state = Self {
            title: RwSignal::new(String::new()),
            cells: RwSignal::new(Vec::new()),
            datasets: RwSignal::new(BTreeMap::new()),
            problem: RwSignal::new(None),
            saved: RwSignal::new(SavedAs::default()),
            auto_run: RwSignal::new(true),
            deleted: RwSignal::new(None),
            engine,
            files: StoredValue::new_local(HashMap::new()),
            queue: StoredValue::new(VecDeque::new()),
            running: StoredValue::new(None),
            pumping: StoredValue::new(false),
            cancelled: StoredValue::new(None),
            running_request: StoredValue::new(None),
            storage: StoredValue::new_local(None),
            storage_changed: RwSignal::new(0),
            conflict: RwSignal::new(None),
            save_error: RwSignal::new(None),
            save_generation: StoredValue::new(0),
            last_written: StoredValue::new(None),
            // A child of the app's owner: disposed with the app, never with a page.
            owner: StoredValue::new(Owner::new()),
            edit_batch: StoredValue::new(Vec::new()),
            edit_generation: StoredValue::new(0),
        };
        Effect::new(move |_| {
            let generation = engine.generation.get();
            if generation == 0 {
                return;
            }
            // A fresh worker holds nothing: run every cell that had not failed or been stopped.
            let ids = state.cells.with_untracked(|cells| {
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
            state.schedule(ids);
        });
        state
    }

    /// Replaces the whole notebook (opening one) and runs it once the engine is ready.
    pub fn replace(&self, notebook: Notebook) {
        self.open_with(notebook, |_| true);
    }

    /// Replaces the whole notebook and runs the cells `armed` allows (see
    /// [`CellEntry::armed`]) once the engine is ready.
    pub(super) fn open_with(&self, notebook: Notebook, armed: impl Fn(&Cell) -> bool) {
        self.queue.update_value(VecDeque::clear);
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
        if self.engine.status.get_untracked() == EngineStatus::Ready {
            self.schedule(ids);
        }
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

    /// Signals for a cell the user adds, owned by the notebook (whatever view is current): a
    /// Train cell waits to be started (see [`CellEntry::armed`]), unless it trained before
    /// (a deleted cell put back).
    pub(super) fn new_entry_for(&self, cell: Cell) -> CellEntry {
        let trained_before = self
            .saved
            .with_untracked(|s| s.last_runs.contains_key(&cell.id));
        let armed = trained_before || !matches!(cell.spec, CellSpec::Train { .. });
        self.owner
            .with_value(|owner| CellEntry::new_in(owner, cell, armed))
    }

    pub(super) fn index_of(&self, id: u64) -> Option<usize> {
        self.cells
            .with_untracked(|cells| cells.iter().position(|c| c.id == id))
    }

    fn entry(&self, id: u64) -> Option<CellEntry> {
        self.cells
            .with_untracked(|cells| cells.iter().find(|c| c.id == id).copied())
    }

    /// Datasets the cell `id` may read: those written by the cells above it.
    pub fn names_before(&self, id: u64) -> Vec<String> {
        let index = self.index_of(id).unwrap_or(0);
        self.cells.with(|cells| {
            let mut names: Vec<String> = Vec::new();
            for cell in cells.iter().take(index) {
                for name in cell.spec.with(CellSpec::outputs) {
                    if !names.contains(&name) {
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

    /// Replaces a cell's settings and runs it and everything that depends on it. Applied
    /// after the current event: the editor that asked is rebuilt by the change, and must
    /// not be disposed while its handler still runs.
    pub fn update_spec(&self, id: u64, spec: CellSpec) {
        self.set_spec_later(id, spec, false);
    }

    /// Sets a cell's settings after the current event and runs what depends on them; with
    /// `even_if_same`, also when they did not change (a file picked again).
    pub(super) fn set_spec_later(&self, id: u64, spec: CellSpec, even_if_same: bool) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let Some(entry) = state.entry(id) else { return };
            if entry.spec.get_untracked() == spec && !even_if_same {
                return;
            }
            entry.spec.set(spec);
            state.rerun(id);
        });
    }

    /// Runs cell `id` because the user asked (▶ Run, Train, Load): a waiting Train cell is
    /// armed from now on. Then as [`NotebookState::rerun`].
    pub fn run(&self, id: u64) {
        if let Some(entry) = self.entry(id) {
            entry.armed.set(true);
        }
        self.rerun(id);
    }

    /// Runs cell `id` and the cells downstream of it after a change; with automatic re-runs
    /// off, runs only the cell and marks those downstream stale. A Train cell not started
    /// yet stays waiting. When a training is among them, the runs start after the edits
    /// pause ([`EDIT_QUIET`]), so a burst of changes trains once and stores one run.
    pub(super) fn rerun(&self, id: u64) {
        let Some(index) = self.index_of(id) else {
            return;
        };
        let notebook = self.snapshot();
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
            if let Some(entry) = self.entry(*other)
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
            self.entry(*id).is_some_and(|e| {
                e.armed.get_untracked()
                    && e.spec
                        .with_untracked(|s| matches!(s, CellSpec::Train { .. }))
            })
        });
        if !trains && self.edit_batch.with_value(Vec::is_empty) {
            self.schedule(ids);
            return;
        }
        for id in &ids {
            if let Some(entry) = self.entry(*id) {
                entry.status.set(CellStatus::Queued);
            }
        }
        self.edit_batch.update_value(|batch| {
            for id in ids {
                if !batch.contains(&id) {
                    batch.push(id);
                }
            }
        });
        let generation = self.edit_generation.get_value() + 1;
        self.edit_generation.set_value(generation);
        let state = *self;
        set_timeout(
            move || {
                if state.edit_generation.get_value() == generation {
                    let batch = state
                        .edit_batch
                        .try_update_value(std::mem::take)
                        .unwrap_or_default();
                    state.schedule(batch);
                }
            },
            EDIT_QUIET,
        );
    }

    /// Runs every stale cell, in notebook order.
    pub fn run_stale(&self) {
        let ids = self.cells.with_untracked(|cells| {
            cells
                .iter()
                .filter(|c| c.status.get_untracked() == CellStatus::Stale)
                .map(|c| c.id)
                .collect()
        });
        self.schedule(ids);
    }

    /// Runs every cell from the top (the user asked, or a notebook opened: Train cells
    /// waiting to be started are started).
    pub fn run_all(&self) {
        let ids = self.cells.with_untracked(|cells| {
            cells
                .iter()
                .map(|c| {
                    c.armed.set(true);
                    c.id
                })
                .collect()
        });
        self.schedule(ids);
    }

    /// Stops cell `id`: a queued cell leaves the queue. A running training is asked to stop
    /// (it answers with the model so far, and the worker keeps its data); if it does not
    /// answer within [`CANCEL_GRACE`], or the cell is not a training, the engine is
    /// restarted and runs again what it had.
    pub fn cancel(&self, id: u64) {
        self.queue.update_value(|q| q.retain(|x| *x != id));
        let Some(entry) = self.entry(id) else { return };
        entry.status.set(CellStatus::Cancelled);
        if self.running.get_value() != Some(id) {
            return;
        }
        let is_training = entry
            .spec
            .with_untracked(|s| matches!(s, CellSpec::Train { .. }));
        let request = self.running_request.get_value();
        if let (true, Some(request)) = (is_training, request)
            && self.engine.cancel(request)
        {
            let state = *self;
            set_timeout(
                move || {
                    if state.running_request.get_value() == Some(request) {
                        state.restart_to_cancel(id);
                    }
                },
                CANCEL_GRACE,
            );
            return;
        }
        self.restart_to_cancel(id);
    }

    fn restart_to_cancel(&self, id: u64) {
        self.cancelled.set_value(Some(id));
        self.engine.restart("Cancelled.");
    }

    fn schedule(&self, ids: Vec<u64>) {
        for id in ids {
            let Some(entry) = self.entry(id) else {
                continue;
            };
            let queued = self.queue.with_value(|q| q.contains(&id));
            if !queued {
                self.queue.update_value(|q| q.push_back(id));
            }
            entry.status.set(CellStatus::Queued);
        }
        // Keep notebook order whatever the order of requests.
        let order: Vec<u64> = self
            .cells
            .with_untracked(|c| c.iter().map(|c| c.id).collect());
        self.queue.update_value(|q| {
            q.make_contiguous()
                .sort_by_key(|id| order.iter().position(|x| x == id));
        });
        if !self.pumping.get_value() {
            self.pumping.set_value(true);
            let state = *self;
            leptos::task::spawn_local(async move { state.pump().await });
        }
    }

    async fn pump(self) {
        while self.engine.status.get_untracked() == EngineStatus::Ready {
            let Some(id) = self.queue.try_update_value(VecDeque::pop_front).flatten() else {
                break;
            };
            self.running.set_value(Some(id));
            self.run_one(id).await;
            self.running.set_value(None);
        }
        self.pumping.set_value(false);
    }

    async fn run_one(&self, id: u64) {
        let Some(entry) = self.entry(id) else { return };
        let spec = entry.spec.get_untracked();
        if waits_for_user(&spec) || !entry.armed.get_untracked() {
            // Nothing chosen yet: wait for the user, without an error.
            entry.status.set(CellStatus::Idle);
            return;
        }
        entry.status.set(CellStatus::Running(None));
        let mut file = self.files.with_value(|f| f.get(&id).cloned());
        let request = match self.request_for(id, spec, &mut file).await {
            Ok(Some(request)) => request,
            Ok(None) => {
                // Markdown: nothing to compute.
                entry.status.set(CellStatus::Done {
                    elapsed_ms: 0.0,
                    wall_ms: 0.0,
                });
                return;
            }
            Err(message) => {
                entry.status.set(CellStatus::Failed { message });
                return;
            }
        };
        let on_progress = Callback::new(move |p: Progress| {
            // A training asked to stop still reports until it answers: stay "cancelled".
            if entry.status.get_untracked() != CellStatus::Cancelled {
                entry.status.set(CellStatus::Running(Some(p)));
            }
        });
        let started = now_ms();
        // The request takes this id when first polled, right below, before anything else runs.
        self.running_request
            .set_value(Some(self.engine.next_request_id()));
        let reply = self.engine.request(request, file, Some(on_progress)).await;
        self.running_request.set_value(None);
        if self.cancelled.get_value() == Some(id) {
            self.cancelled.set_value(None);
            entry.status.set(CellStatus::Cancelled);
            return;
        }
        if let ResponseBody::SongScored { .. } = reply {
            // The engine's part is done; the page now calls the served model.
            super::serve::finish(entry, reply, started).await;
            return;
        }
        self.take_reply(entry, reply, now_ms() - started);
    }

    fn take_reply(&self, entry: CellEntry, reply: ResponseBody, wall_ms: f64) {
        let (output, elapsed_ms) = match reply {
            ResponseBody::Loaded {
                summary,
                elapsed_ms,
            } => {
                self.datasets.update(|d| {
                    for table in &summary.tables {
                        d.insert(table.name.clone(), table.clone());
                    }
                });
                (CellOutput::Loaded(summary), elapsed_ms)
            }
            ResponseBody::Explored { output, elapsed_ms } => {
                (CellOutput::Explored(output), elapsed_ms)
            }
            ResponseBody::Charted { chart, elapsed_ms } => (CellOutput::Charted(chart), elapsed_ms),
            ResponseBody::Trained {
                report,
                elapsed_ms,
                artifacts,
                ..
            } => {
                if let Some(artifacts) = artifacts {
                    self.record_run(entry.id, &report, *artifacts, wall_ms);
                }
                // A cancelled training keeps the model as it was: show it, marked stopped.
                if report.cancelled {
                    entry.output.set(Some(CellOutput::Trained(report)));
                    entry.status.set(CellStatus::Cancelled);
                    return;
                }
                (CellOutput::Trained(report), elapsed_ms)
            }
            ResponseBody::Evaluated {
                evaluation,
                elapsed_ms,
            } => (CellOutput::Evaluated(evaluation), elapsed_ms),
            ResponseBody::Predicted {
                prediction,
                elapsed_ms,
            } => (CellOutput::Predicted(prediction), elapsed_ms),
            ResponseBody::Failed { message } => {
                entry.status.set(CellStatus::Failed { message });
                return;
            }
            ResponseBody::Ready { .. }
            | ResponseBody::Progress { .. }
            | ResponseBody::Training { .. }
            | ResponseBody::Exported { .. }
            | ResponseBody::SongScored { .. }
            | ResponseBody::Songs { .. }
            | ResponseBody::TrainingPlanned { .. } => return,
        };
        entry.output.set(Some(output));
        entry.status.set(CellStatus::Done {
            elapsed_ms,
            wall_ms,
        });
    }
}

/// A source cell with nothing chosen yet: it waits for the user instead of failing.
fn waits_for_user(spec: &CellSpec) -> bool {
    match spec {
        CellSpec::Source {
            source: Source::File { file_name, .. },
        } => file_name.is_empty(),
        CellSpec::Source {
            source: Source::Url { url, .. },
        } => url.is_empty(),
        _ => false,
    }
}

pub(super) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// A dataset name from a file name (the core's).
pub use jukebox_core::notebook::dataset_name_for;
