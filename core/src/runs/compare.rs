//! What a comparison shows: one row per setting or metric, one value per run, and whether
//! the values differ. Hyper-parameters are the model spec's JSON fields, flattened, so a
//! new model kind compares without code here.

use super::RunRecord;
use super::format::{duration, epochs_or_trees, short_sha};
use super::metrics::{macro_f1, test_accuracy};
use crate::format::grouped;
use crate::train::metrics::Evaluation;
use crate::train::{ScalerKind, SplitMethod, TrainSpec};
use serde_json::Value;

/// Which half of the comparison a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowGroup {
    Settings,
    Metrics,
}

/// One row of the comparison: a label and each run's value as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub group: RowGroup,
    pub label: String,
    pub values: Vec<String>,
    /// Not every run shows the same value.
    pub differs: bool,
}

impl CompareRow {
    fn new(group: RowGroup, label: impl Into<String>, values: Vec<String>) -> Self {
        let differs = values.windows(2).any(|pair| pair[0] != pair[1]);
        Self {
            group,
            label: label.into(),
            values,
            differs,
        }
    }
}

/// The rows comparing `runs` (in the order given), settings first, then metrics.
pub fn compare_rows(runs: &[&RunRecord]) -> Vec<CompareRow> {
    let mut rows = settings_rows(runs);
    rows.extend(metric_rows(runs));
    rows
}

fn settings_rows(runs: &[&RunRecord]) -> Vec<CompareRow> {
    let settings = |label: &str, value: &dyn Fn(&RunRecord) -> String| {
        CompareRow::new(
            RowGroup::Settings,
            label,
            runs.iter().map(|r| value(r)).collect(),
        )
    };
    let mut rows = vec![settings("Model", &|r| {
        r.report.spec.model.label().to_string()
    })];
    rows.extend(hyper_parameter_rows(runs));
    rows.extend([
        settings("Features", &|r| features(&r.report.spec)),
        settings("Target", &|r| r.report.spec.target.clone()),
        settings("Split", &|r| split(&r.report.spec)),
        settings("Scaler", &|r| scaler(r.report.spec.scaler).to_string()),
        settings("Seed", &|r| r.report.spec.seed.to_string()),
        settings("Sample rows", &|r| {
            r.report
                .spec
                .max_train_rows
                .map_or_else(|| "all".to_string(), grouped)
        }),
        settings("Input", &|r| r.input.clone()),
    ]);
    rows.extend(dataset_rows(runs));
    rows
}

/// One row per hyper-parameter any of the runs has, in first-seen order.
fn hyper_parameter_rows(runs: &[&RunRecord]) -> Vec<CompareRow> {
    let flat: Vec<Vec<(String, String)>> = runs
        .iter()
        .map(|r| hyper_parameters(&r.report.spec))
        .collect();
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in flat.iter().flatten() {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names
        .into_iter()
        .map(|name| {
            let values = flat
                .iter()
                .map(|params| {
                    params
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or_else(|| "—".to_string(), |(_, v)| v.clone())
                })
                .collect();
            CompareRow::new(RowGroup::Settings, name, values)
        })
        .collect()
}

/// The model's hyper-parameters as `(name, value)`, from its serde form (`hidden` →
/// `32, 64`, `max_depth: null` → `none`; nested fields as `outer.inner`).
pub fn hyper_parameters(spec: &TrainSpec) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(Value::Object(fields)) = serde_json::to_value(&spec.model) {
        for (name, value) in fields {
            // The tag names the kind, shown as the Model row.
            if name != "model" {
                flatten(&name, &value, &mut out);
            }
        }
    }
    out
}

fn flatten(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (inner, value) in fields {
                flatten(&format!("{name}.{inner}"), value, out);
            }
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            out.push((name.to_string(), items.join(", ")));
        }
        _ => out.push((name.to_string(), scalar(value))),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "none".to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn features(spec: &TrainSpec) -> String {
    format!("{}: {}", spec.features.len(), spec.features.join(", "))
}

pub fn split(spec: &TrainSpec) -> String {
    let method = match spec.split.method {
        SplitMethod::Course => "course (test = last rows)",
        SplitMethod::Shuffled => "shuffled",
    };
    format!(
        "{method} · test {} · validation {}",
        share(spec.split.test_ratio),
        share(spec.split.validation_ratio)
    )
}

fn share(ratio: f64) -> String {
    let text = format!("{:.1}", ratio * 100.0);
    format!("{} %", text.trim_end_matches(".0"))
}

pub fn scaler(kind: ScalerKind) -> &'static str {
    match kind {
        ScalerKind::MinMax => "MinMax",
        ScalerKind::Standard => "Standard",
        ScalerKind::None => "none",
    }
}

/// One row per dataset name any run read: its short SHA-256 and rows.
fn dataset_rows(runs: &[&RunRecord]) -> Vec<CompareRow> {
    let mut names: Vec<&str> = Vec::new();
    for dataset in runs.iter().flat_map(|r| &r.datasets) {
        if !names.contains(&dataset.name.as_str()) {
            names.push(&dataset.name);
        }
    }
    names
        .into_iter()
        .map(|name| {
            let values = runs
                .iter()
                .map(|r| {
                    r.datasets.iter().find(|d| d.name == name).map_or_else(
                        || "—".to_string(),
                        |d| {
                            let rows = usize::try_from(d.rows).unwrap_or(usize::MAX);
                            format!("{} · {} rows", short_sha(&d.sha256), grouped(rows))
                        },
                    )
                })
                .collect();
            CompareRow::new(RowGroup::Settings, format!("Dataset {name}"), values)
        })
        .collect()
}

/// A share with two decimals: small differences between runs stay visible.
fn fine_percent(share: Option<f64>) -> String {
    share
        .filter(|s| s.is_finite())
        .map_or_else(|| "—".to_string(), |s| format!("{:.2} %", s * 100.0))
}

fn metric_rows(runs: &[&RunRecord]) -> Vec<CompareRow> {
    let metric = |label: &str, value: &dyn Fn(&RunRecord) -> String| {
        CompareRow::new(
            RowGroup::Metrics,
            label,
            runs.iter().map(|r| value(r)).collect(),
        )
    };
    let evaluation =
        |r: &RunRecord, pick: fn(&Evaluation) -> f64| fine_percent(r.evaluation.as_ref().map(pick));
    vec![
        metric("Validation accuracy", &|r| {
            fine_percent(Some(r.report.validation_accuracy))
        }),
        metric("Test accuracy", &|r| fine_percent(test_accuracy(r))),
        metric("Top-5 accuracy", &|r| evaluation(r, |e| e.top5_accuracy)),
        metric("Macro F1", &|r| fine_percent(macro_f1(r))),
        metric("Weighted F1", &|r| evaluation(r, |e| e.weighted_avg.f1)),
        metric("Duration", &|r| duration(r.ended_ms - r.started_ms)),
        metric("Epochs / trees", &|r| epochs_or_trees(r)),
    ]
}
