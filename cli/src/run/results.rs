//! What running a notebook gave: each cell's status, time and outputs, and the runs recorded.

use jukebox_core::chart::Chart;
use jukebox_core::contract::{DataContract, Validation};
use jukebox_core::explain::explain_cell::ExplainOutput;
use jukebox_core::explore::ExploreOutput;
use jukebox_core::monitor::drift_cell::DriftOutput;
use jukebox_core::monitor::fairness_cell::FairnessOutput;
use jukebox_core::notebook::Notebook;
use jukebox_core::runs::RunRecord;
use jukebox_core::summary::{DatasetSummary, counted, grouped};
use jukebox_core::train::metrics::Evaluation;
use jukebox_core::train::{Prediction, TrainReport};

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

/// A Train cell's input table: its contract, and its check against `--contract`.
#[derive(Debug, Clone)]
pub struct ContractCheck {
    pub cell_index: usize,
    pub contract: DataContract,
    pub validation: Option<Validation>,
}

/// One cell's run.
#[derive(Debug, Clone)]
pub struct CellResult {
    /// 1-based position.
    pub index: usize,
    pub id: u64,
    /// As the notebook JSON names the kind (`train`).
    pub kind: &'static str,
    pub label: String,
    pub status: Status,
    /// Wall time of the cell.
    pub elapsed_ms: f64,
    pub outputs: Vec<Output>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Done,
    /// Not run, and why (a served model, a cell after a failure).
    Skipped(String),
    /// The engine's (or the CLI's) message.
    Failed(String),
}

impl Status {
    pub fn word(&self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Skipped(_) => "skipped",
            Status::Failed(_) => "failed",
        }
    }
}

/// What a cell produced.
#[derive(Debug, Clone)]
pub enum Output {
    Loaded(DatasetSummary),
    Explored(ExploreOutput),
    Charted(Chart),
    Trained(Box<TrainReport>),
    Evaluated(Box<Evaluation>),
    Predicted(Prediction),
    /// A Validate cell's check against a data contract.
    Validated(Box<Validation>),
    Drifted(Box<DriftOutput>),
    FairnessMeasured(Box<FairnessOutput>),
    Explained(Box<ExplainOutput>),
}

impl Output {
    /// A few words for the progress line.
    pub fn summary(&self) -> String {
        match self {
            Output::Loaded(s) => s
                .tables
                .iter()
                .map(|t| {
                    format!(
                        "{}: {} × {} columns",
                        t.name,
                        counted(t.n_rows, "row", "rows"),
                        t.n_columns
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            Output::Explored(explored) => explored_summary(explored),
            Output::Charted(chart) => format!("chart “{}”", chart.title),
            Output::Validated(v) => match v.anomalies.first() {
                Some(first) => format!("{}; {}", v.headline(), first.summary()),
                None => v.headline(),
            },
            Output::Trained(r) => format!(
                "validation accuracy {:.4}, test accuracy {:.4}",
                r.validation_accuracy, r.test_accuracy
            ),
            Output::Evaluated(e) => format!(
                "accuracy {:.4}, top-5 {:.4}, macro F1 {:.4} on {} rows",
                e.accuracy,
                e.top5_accuracy,
                e.macro_avg.f1,
                grouped(e.n_rows)
            ),
            Output::Predicted(p) => p
                .ranked
                .iter()
                .take(3)
                .map(|(class, prob)| format!("{class} {:.1} %", prob * 100.0))
                .collect::<Vec<_>>()
                .join(", "),
            Output::Drifted(d) => {
                let drifted = d.drifted_features();
                format!(
                    "{} of {} features drifted ({}){}; dataset drift: {}",
                    drifted.len(),
                    d.report.features.len(),
                    d.test.word(),
                    if drifted.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", drifted.join(", "))
                    },
                    if d.report.dataset_drift { "yes" } else { "no" }
                )
            }
            Output::FairnessMeasured(f) => match f.headline() {
                Some(c) => format!(
                    "{}: SPD {:+.4}, DIR {}{}",
                    c.label,
                    c.spd,
                    c.dir
                        .map_or_else(|| "undefined".to_string(), |d| format!("{d:.4}")),
                    if c.violation {
                        " (outside the bounds)"
                    } else {
                        ""
                    }
                ),
                None => format!(
                    "{} of {} countries outside the bounds",
                    f.report.violations().count(),
                    f.report.classes.len()
                ),
            },
            Output::Explained(e) => {
                let mut ranked: Vec<(&String, f64)> = e
                    .features
                    .iter()
                    .zip(e.shap.values.iter().copied())
                    .collect();
                ranked.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
                format!(
                    "P({}) {:.4} vs {:.4} on average; most: {}",
                    e.country,
                    e.shap.prediction,
                    e.shap.base_value,
                    ranked
                        .iter()
                        .take(3)
                        .map(|(f, v)| format!("{f} {v:+.4}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }
}

/// An Explore answer in a few words.
fn explored_summary(output: &ExploreOutput) -> String {
    match output {
        ExploreOutput::Table { page } => format!(
            "{} × {} columns",
            counted(page.rows.len(), "row", "rows"),
            page.columns.len()
        ),
        ExploreOutput::Describe { rows } => {
            format!("describe() of {}", counted(rows.len(), "column", "columns"))
        }
        ExploreOutput::Correlations { correlations } => format!(
            "{} with `{}`",
            counted(correlations.values.len(), "correlation", "correlations"),
            correlations.target
        ),
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
