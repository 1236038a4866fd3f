//! What running a notebook gave: each cell's status, time and outputs, and the runs recorded.

use jukebox_core::contract::Validation;
use jukebox_core::notebook::Notebook;
pub use jukebox_core::report::{CellResult, ContractCheck, Output, Status};
use jukebox_core::runs::RunRecord;
use jukebox_core::summary::DatasetSummary;

/// A notebook after its run.
#[derive(Debug, Clone)]
pub struct NotebookRun {
    /// The notebook as it ran: `--set` applied, data sources as they were read.
    pub notebook: Notebook,
    /// Where the notebook came from, in words.
    pub origin: String,
    /// The id the notebook has in the export (`nb-…`).
    pub notebook_id: String,
    pub cells: Vec<CellResult>,
    pub runs: Vec<RecordedRun>,
    /// The data contract of each Train cell's input, checked against `--contract` if given.
    pub contracts: Vec<ContractCheck>,
    /// Milliseconds since 1970 (UTC) when the run began, and its wall time.
    pub started_ms: f64,
    pub elapsed_ms: f64,
}

impl NotebookRun {
    /// The first cell that failed.
    pub fn failed_cell(&self) -> Option<&CellResult> {
        self.cells
            .iter()
            .find(|c| matches!(c.status, Status::Failed(_)))
    }

    /// The alerts of the notebook's Drift and Fairness cells: (cell position, words).
    pub fn alerts(&self) -> Vec<(usize, String)> {
        self.cells
            .iter()
            .flat_map(|cell| {
                cell.outputs.iter().filter_map(move |output| {
                    let alert = match output {
                        Output::Drifted(d) => d.alert(),
                        Output::FairnessMeasured(f) => f.alert(),
                        _ => None,
                    };
                    alert.map(|a| (cell.index, a))
                })
            })
            .collect()
    }

    /// The first Validate cell whose table broke its contract: (cell position, the check).
    pub fn failed_validation(&self) -> Option<(usize, &Validation)> {
        self.cells.iter().find_map(|cell| {
            cell.outputs.iter().find_map(|output| match output {
                Output::Validated(v) if !v.passed() => Some((cell.index, v.as_ref())),
                _ => None,
            })
        })
    }

    /// The first contract check that failed.
    pub fn failed_contract(&self) -> Option<&ContractCheck> {
        self.contracts
            .iter()
            .find(|c| c.validation.as_ref().is_some_and(|v| !v.passed()))
    }

    /// Every dataset a cell loaded or prepared, the last of each name.
    pub fn datasets(&self) -> Vec<&DatasetSummary> {
        let mut out: Vec<&DatasetSummary> = Vec::new();
        for cell in &self.cells {
            for output in &cell.outputs {
                if let Output::Loaded(summary) = output {
                    out.retain(|s| s.name != summary.name);
                    out.push(summary);
                }
            }
        }
        out
    }
}

/// A training recorded as the app records it: the run and its model's bytes.
#[derive(Debug, Clone)]
pub struct RecordedRun {
    /// The Train cell's position.
    pub cell_index: usize,
    pub record: RunRecord,
    pub model: Vec<u8>,
}
