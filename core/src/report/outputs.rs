//! What a notebook's cells gave, as both the CLI's run and the app's cells hold it: each
//! cell's status, time and outputs. The report is built from these.

use crate::chart::Chart;
use crate::contract::{DataContract, Validation};
use crate::explain::explain_cell::ExplainOutput;
use crate::explore::ExploreOutput;
use crate::monitor::drift_cell::DriftOutput;
use crate::monitor::fairness_cell::FairnessOutput;
use crate::summary::{DatasetSummary, counted, grouped};
use crate::train::metrics::Evaluation;
use crate::train::{Prediction, TrainReport};

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
    /// Wall time of the cell; `None` when it was not timed (the app keeps no time for a run
    /// that failed, nor for a cell that did not run).
    pub elapsed_ms: Option<f64>,
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
