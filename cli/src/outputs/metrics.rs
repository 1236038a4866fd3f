//! `metrics.json`: flat metric names → numbers, named as the registries get them (MLflow's
//! final metrics; the model card and Kubeflow take a subset of these names).

use std::collections::BTreeMap;

use jukebox_core::runs::RunRecord;

use crate::run::RecordedRun;

/// A run's final scores under the names MLflow logs them at step 0
/// (`core/src/registry/mlflow/data.rs`, crate-private there; the core is about to list them
/// once for every destination, `runs::metrics`, and this should call it then). Non-finite
/// values are left out: JSON has no NaN.
pub fn run_metrics(record: &RunRecord) -> Vec<(&'static str, f64)> {
    let report = &record.report;
    let mut out = vec![
        ("validation_accuracy", report.validation_accuracy),
        ("test_accuracy", report.test_accuracy),
    ];
    if let Some(e) = &record.evaluation {
        out.extend([
            ("test_top5_accuracy", e.top5_accuracy),
            ("test_macro_precision", e.macro_avg.precision),
            ("test_macro_recall", e.macro_avg.recall),
            ("test_macro_f1", e.macro_avg.f1),
            ("test_weighted_precision", e.weighted_avg.precision),
            ("test_weighted_recall", e.weighted_avg.recall),
            ("test_weighted_f1", e.weighted_avg.f1),
            ("test_chance_accuracy", e.chance_accuracy),
            ("test_majority_accuracy", e.majority_accuracy),
        ]);
    }
    out.retain(|(_, v)| v.is_finite());
    out
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
