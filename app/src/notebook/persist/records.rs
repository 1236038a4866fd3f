//! Trainings recorded as runs: each finished (or cancelled) training is written as a run
//! (record and model in one transaction) and named in the notebook at once; a saved run's
//! model is read back for a "Model from run" cell, or to restore a Train cell whose last run
//! still matches instead of training again.

use jukebox_core::notebook::CellSpec;
use jukebox_core::protocol::SavedModel;
use jukebox_core::runs::{RunArtifacts, RunOrigin, RunRecord, record};
use jukebox_core::train::TrainReport;
use leptos::prelude::*;

use crate::browser::AppError;
use crate::browser::clock::epoch_ms;
use crate::browser::ids::new_run_id;
use crate::notebook::document::Document;
use crate::storage::StorageSlot;

/// The runs hook's handle: the notebook and where runs are kept.
#[derive(Debug, Clone, Copy)]
pub struct RunRecords {
    document: Document,
    slot: StorageSlot,
}

/// Records the notebook's trainings in `slot`'s storage.
pub fn use_run_records(document: Document, slot: StorageSlot) -> RunRecords {
    RunRecords { document, slot }
}

impl RunRecords {
    /// A run's model as the engine installs it, or why it cannot be had.
    pub async fn saved_model(&self, run_id: &str) -> Result<SavedModel, AppError> {
        let storage = self.slot.get().ok_or(AppError::new(
            "The browser's storage is not open yet: run the cell again in a moment.",
        ))?;
        let missing = || {
            AppError::new(format!(
                "Run `{run_id}` is not saved in this browser (deleted, or the notebook came from a link or another browser). Pick another run on the Runs page."
            ))
        };
        let record = storage.run(run_id).await?.ok_or_else(missing)?;
        let model = storage.model(run_id).await?.ok_or_else(missing)?;
        Ok(SavedModel {
            run_id: record.id,
            report: record.report,
            datasets: record.datasets,
            model,
        })
    }

    /// The run Train cell `cell_id` last recorded, if any.
    pub fn last_run(&self, cell_id: u64) -> Option<String> {
        self.document
            .saved
            .with_untracked(|s| s.last_runs.get(&cell_id).cloned())
    }

    /// The run Train cell `cell_id` last recorded, read from storage; `None` when it has
    /// none or the run is no longer saved.
    pub async fn last_record(&self, cell_id: u64) -> Option<RunRecord> {
        let run_id = self.last_run(cell_id)?;
        self.slot.get()?.run(&run_id).await.ok().flatten()
    }

    /// Records a finished (or cancelled) training of cell `cell_id` as a run: record and
    /// model in one transaction. `wall_ms`: how long the user waited for it. A failure is
    /// shown; the notebook goes on.
    pub fn record_run(
        &self,
        cell_id: u64,
        report: &TrainReport,
        artifacts: RunArtifacts,
        wall_ms: f64,
    ) {
        let Some(storage) = self.slot.get() else {
            return;
        };
        let document = self.document;
        let input = match document.snapshot().cells.iter().find(|c| c.id == cell_id) {
            Some(cell) => match &cell.spec {
                CellSpec::Train { input, .. } => input.clone(),
                _ => return,
            },
            None => return,
        };
        let ended_ms = epoch_ms();
        let started_ms = ended_ms - wall_ms;
        let origin = RunOrigin {
            notebook_id: document.saved.with_untracked(|s| s.id.clone()),
            notebook_title: document.title.get_untracked(),
            cell_id,
            input,
            started_ms,
            ended_ms,
            user_agent: user_agent(),
        };
        let record = record(new_run_id(started_ms), origin, report.clone(), &artifacts);
        let model = artifacts.model;
        // The notebook names its new run at once, so the save that follows (the autosave, or
        // the flush when the tab closes right after the training) keeps the notebook with it;
        // if the run cannot be written, the cell's previous run is named again.
        let previous = self.last_run(cell_id);
        document
            .saved
            .update(|s| drop(s.last_runs.insert(cell_id, record.id.clone())));
        let slot = self.slot;
        leptos::task::spawn_local(async move {
            match storage.put_run(&record, &model).await {
                Ok(()) => slot.bump(),
                Err(e) => {
                    document.saved.update(|s| {
                        if s.last_runs.get(&cell_id) == Some(&record.id) {
                            match previous {
                                Some(run) => drop(s.last_runs.insert(cell_id, run)),
                                None => drop(s.last_runs.remove(&cell_id)),
                            }
                        }
                    });
                    document.show_problem(format!(
                        "The training of `{}` finished but was not saved as a run: {e}",
                        record.model_name
                    ));
                }
            }
        });
    }
}

fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}
