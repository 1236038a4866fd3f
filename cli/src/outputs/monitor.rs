//! `monitor.json` and `monitor.prom`: what the notebook's Drift, Fairness and Explain cells
//! found, as JSON (every number, and the alerts in words) and as Prometheus gauges for a
//! node-exporter textfile collector or a Pushgateway (`pipelines/alerts.yaml` fires on them).

use jukebox_core::explain::explain_cell::ExplainOutput;
use jukebox_core::monitor::drift_cell::DriftOutput;
use jukebox_core::monitor::exposition::families;
use jukebox_core::monitor::fairness_cell::FairnessOutput;
use jukebox_core::monitor::prometheus::render;
use serde::Serialize;

use crate::run::{NotebookRun, Output};

/// One cell's result, named by its position.
#[derive(Debug, Serialize)]
struct AtCell<'a, T> {
    cell: usize,
    #[serde(flatten)]
    output: &'a T,
}

/// The alert of one cell.
#[derive(Debug, Serialize)]
struct Alert<'a> {
    cell: usize,
    message: &'a str,
}

#[derive(Debug, Serialize)]
struct MonitorFile<'a> {
    generated_ms: f64,
    alerts: Vec<Alert<'a>>,
    drift: Vec<AtCell<'a, DriftOutput>>,
    fairness: Vec<AtCell<'a, FairnessOutput>>,
    explain: Vec<AtCell<'a, ExplainOutput>>,
}

/// The two files' contents, or `None` when no cell monitors anything.
pub fn files(run: &NotebookRun, now_ms: f64) -> Option<(String, String)> {
    let mut drift = Vec::new();
    let mut fairness = Vec::new();
    let mut explain = Vec::new();
    for cell in &run.cells {
        for output in &cell.outputs {
            match output {
                Output::Drifted(d) => drift.push(AtCell {
                    cell: cell.index,
                    output: d.as_ref(),
                }),
                Output::FairnessMeasured(f) => fairness.push(AtCell {
                    cell: cell.index,
                    output: f.as_ref(),
                }),
                Output::Explained(e) => explain.push(AtCell {
                    cell: cell.index,
                    output: e.as_ref(),
                }),
                _ => {}
            }
        }
    }
    if drift.is_empty() && fairness.is_empty() && explain.is_empty() {
        return None;
    }
    let alerts = run.alerts();
    let file = MonitorFile {
        generated_ms: now_ms,
        alerts: alerts
            .iter()
            .map(|(cell, message)| Alert {
                cell: *cell,
                message,
            })
            .collect(),
        drift,
        fairness,
        explain,
    };
    let mut json = serde_json::to_string_pretty(&file).unwrap_or_default();
    json.push('\n');
    let drifts: Vec<&DriftOutput> = file.drift.iter().map(|d| d.output).collect();
    let fair: Vec<&FairnessOutput> = file.fairness.iter().map(|f| f.output).collect();
    // The names are the core's constants and label names fixed: rendering cannot fail; an
    // empty file would only mean no gauges.
    let prom = render(&families(&drifts, &fair, now_ms / 1000.0)).unwrap_or_default();
    Some((json, prom))
}
