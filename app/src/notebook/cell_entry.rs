//! One cell's reactive state — settings, status, last output, folding, whether it may run
//! without being asked — and the kinds of status and output a cell has.

use jukebox_core::chart::Chart;
use jukebox_core::contract::Validation;
use jukebox_core::explain::explain_cell::ExplainOutput;
use jukebox_core::explore::ExploreOutput;
use jukebox_core::monitor::drift_cell::DriftOutput;
use jukebox_core::monitor::fairness_cell::FairnessOutput;
use jukebox_core::notebook::{Cell, CellSpec};
use jukebox_core::summary::DatasetSummary;
use jukebox_core::train::metrics::Evaluation;
use jukebox_core::train::{Prediction, TrainReport};
use leptos::prelude::*;

use crate::engine_client::Progress;

/// Where a cell is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum CellStatus {
    Idle,
    Queued,
    Running(Option<Progress>),
    /// `elapsed_ms`: the engine's own time; `wall_ms`: from sending to the answer, as the
    /// user waited (includes downloads and messaging).
    Done {
        elapsed_ms: f64,
        wall_ms: f64,
    },
    Failed {
        message: String,
    },
    Cancelled,
    /// An input changed and the cell has not run since (automatic re-runs are off).
    Stale,
    /// It would contact these hosts, which the reader of a notebook from elsewhere has not
    /// agreed to yet (see `jukebox_core::notebook::trust`).
    AwaitingConsent {
        hosts: Vec<String>,
    },
}

impl CellStatus {
    /// For styling and tests (`data-state`).
    pub fn slug(&self) -> &'static str {
        match self {
            CellStatus::Idle => "idle",
            CellStatus::Queued => "queued",
            CellStatus::Running(_) => "running",
            CellStatus::Done { .. } => "done",
            CellStatus::Failed { .. } => "failed",
            CellStatus::Cancelled => "cancelled",
            CellStatus::Stale => "stale",
            CellStatus::AwaitingConsent { .. } => "awaiting-consent",
        }
    }
}

/// What a cell last produced; it stays shown while the cell runs again.
#[derive(Debug, Clone, PartialEq)]
pub enum CellOutput {
    Loaded(DatasetSummary),
    Explored(ExploreOutput),
    Charted(Chart),
    Trained(TrainReport),
    Evaluated(Evaluation),
    Predicted(Prediction),
    /// A Serve cell: the served model's answer beside the in-browser one.
    Served(Box<super::cells::serve::served::ServeOutput>),
    /// A Validate cell's check against a data contract.
    Validated(Box<Validation>),
    Drifted(Box<DriftOutput>),
    FairnessMeasured(Box<FairnessOutput>),
    Explained(Box<ExplainOutput>),
}

impl CellOutput {
    /// The alert this output raises (a broken data contract, drift, unfairness), in words.
    pub fn alert(&self) -> Option<String> {
        match self {
            CellOutput::Validated(validation) if !validation.passed() => Some(format!(
                "`{}` breaks the data contract of `{}` ({})",
                validation.dataset,
                validation.contract_dataset,
                validation.headline()
            )),
            CellOutput::Drifted(output) => output.alert(),
            CellOutput::FairnessMeasured(output) => output.alert(),
            _ => None,
        }
    }
}

/// One cell's signals.
#[derive(Debug, Clone, Copy)]
pub struct CellEntry {
    pub id: u64,
    pub spec: RwSignal<CellSpec>,
    pub status: RwSignal<CellStatus>,
    pub output: RwSignal<Option<CellOutput>>,
    /// Folded to its toolbar.
    pub collapsed: RwSignal<bool>,
    /// Whether the runner may run this cell without being asked. A Train cell the user
    /// adds waits for **Train** (or ▶ Run): choosing its settings must not train and store
    /// a run per change. Cells of an opened notebook are armed (they run as it opens).
    pub armed: RwSignal<bool>,
}

impl CellEntry {
    /// A cell's signals, owned by `owner` (the notebook's: cells outlive the views that add them).
    pub(super) fn new_in(owner: &Owner, cell: Cell, armed: bool) -> Self {
        owner.with(|| Self {
            id: cell.id,
            spec: RwSignal::new(cell.spec),
            status: RwSignal::new(CellStatus::Idle),
            output: RwSignal::new(None),
            collapsed: RwSignal::new(cell.collapsed),
            armed: RwSignal::new(armed),
        })
    }
}
