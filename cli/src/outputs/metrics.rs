//! `metrics.json`: flat metric names → numbers, named as the registries get them (MLflow's
//! final metrics; the model card and Kubeflow take a subset of these names).

use std::collections::BTreeMap;

use jukebox_core::runs::RunRecord;

use crate::run::RecordedRun;

/// A run's final scores under the names the registries get them (`jukebox_core::runs::metrics`,
/// the one list the model card, MLflow and Kubeflow take theirs from). Non-finite values are
/// left out: JSON has no NaN.
pub fn run_metrics(record: &RunRecord) -> Vec<(&'static str, f64)> {
    jukebox_core::runs::metrics(record)
        .into_iter()
        .map(|m| (m.name, m.value))
        .collect()
}

/// The metrics of a notebook's runs: the last Train cell's under the plain names; when the
/// notebook trains more than one model, every run's also as `<model>.<name>`.
pub fn notebook_metrics(runs: &[RecordedRun]) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    if let Some(last) = runs.last() {
        for (name, value) in run_metrics(&last.record) {
            out.insert(name.to_string(), value);
        }
    }
    if runs.len() > 1 {
        for run in runs {
            for (name, value) in run_metrics(&run.record) {
                out.insert(format!("{}.{name}", run.record.model_name), value);
            }
        }
    }
    out
}

/// `metrics.json`'s text.
pub fn to_json(metrics: &BTreeMap<String, f64>) -> String {
    let mut text = serde_json::to_string_pretty(metrics).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
