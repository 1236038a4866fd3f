//! The header's badge: what the engine holds right now.

use leptos::prelude::*;

use jukebox_core::format::{counted, grouped};
use jukebox_core::notebook::CellSpec;

use crate::engine_client::{EngineClient, EngineStatus};
use crate::notebook::{CellStatus, Document};

/// `1234567` → `1,234,567`.
pub fn format_count(n: usize) -> String {
    grouped(n)
}

/// What the header says about the data, from the engine and the notebook's source cells.
#[derive(Debug, Clone, PartialEq)]
enum DataState {
    Starting,
    EngineFailed,
    /// No dataset, and no source loading or failed: a blank notebook, a damaged link.
    Empty,
    Loading,
    Ready {
        n_datasets: usize,
        n_rows: usize,
    },
    /// Some source cells failed (and maybe others loaded).
    SourcesFailed {
        n_failed: usize,
        n_datasets: usize,
        n_rows: usize,
    },
}

impl DataState {
    fn slug(&self) -> &'static str {
        match self {
            DataState::Starting | DataState::Loading => "loading",
            DataState::EngineFailed => "failed",
            DataState::Empty => "empty",
            DataState::Ready { .. } => "ready",
            DataState::SourcesFailed { .. } => "problem",
        }
    }

    fn text(&self) -> String {
        let datasets = |n: usize, rows: usize| {
            format!(
                "{} · {}",
                counted(n, "dataset", "datasets"),
                counted(rows, "row", "rows")
            )
        };
        match self {
            DataState::Starting => "Starting the engine…".into(),
            DataState::EngineFailed => "Engine failed — see the notebook".into(),
            DataState::Empty => "No data yet".into(),
            DataState::Loading => "Loading data…".into(),
            DataState::Ready { n_datasets, n_rows } => datasets(*n_datasets, *n_rows),
            DataState::SourcesFailed {
                n_failed,
                n_datasets,
                n_rows,
            } => {
                let failed = format!("{} failed", counted(*n_failed, "source", "sources"));
                if *n_datasets == 0 {
                    failed
                } else {
                    format!("{} · {failed}", datasets(*n_datasets, *n_rows))
                }
            }
        }
    }
}

/// The notebook's data as the header tells it: loading while a source cell waits or runs,
/// then what is loaded, and how many sources failed.
fn data_state(engine: &EngineClient, notebook: &Document) -> DataState {
    match engine.status.get() {
        EngineStatus::Starting => return DataState::Starting,
        EngineStatus::Failed { .. } => return DataState::EngineFailed,
        EngineStatus::Ready => {}
    }
    let (mut loading, mut n_failed) = (false, 0);
    notebook.cells.with(|cells| {
        for cell in cells {
            if !cell.spec.with(|s| matches!(s, CellSpec::Source { .. })) {
                continue;
            }
            match cell.status.get() {
                CellStatus::Queued | CellStatus::Running(_) => loading = true,
                CellStatus::Failed { .. } => n_failed += 1,
                _ => {}
            }
        }
    });
    let (n_datasets, n_rows) = notebook
        .datasets
        .with(|d| (d.len(), d.values().map(|t| t.n_rows).sum::<usize>()));
    match (loading, n_failed, n_datasets) {
        (true, _, _) => DataState::Loading,
        (false, 0, 0) => DataState::Empty,
        (false, 0, _) => DataState::Ready { n_datasets, n_rows },
        (false, _, _) => DataState::SourcesFailed {
            n_failed,
            n_datasets,
            n_rows,
        },
    }
}

/// A one-line status of the engine and the datasets it holds, with a state for styling
/// and tests (`data-state`: loading, empty, ready, problem, failed).
#[component]
pub fn DatasetStatus() -> impl IntoView {
    let engine = expect_context::<EngineClient>();
    let notebook = expect_context::<Document>();
    let state = Memo::new(move |_| data_state(&engine, &notebook));
    view! {
        <p class="dataset-status" data-state=move || state.with(DataState::slug)
            data-testid="dataset-status" role="status">
            <span class="dataset-status-dot" aria-hidden="true"></span>
            <span class="dataset-status-text">{move || state.with(DataState::text)}</span>
        </p>
    }
}
