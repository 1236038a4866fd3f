//! Runs side by side: one row per setting and metric, values formatted for people, and
//! whether the runs differ in it. Hyper-parameters are read from the spec's JSON, so every
//! field of every model is compared without being listed here.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::RunRecord;

/// A value a run does not have (another model kind's parameter, no test scores).
pub const MISSING: &str = "—";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    pub label: String,
    /// One per run, in the runs' order.
    pub values: Vec<String>,
    /// Not every run shows the same value.
    pub differs: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The runs' ids, in order.
    pub runs: Vec<String>,
    pub settings: Vec<ComparisonRow>,
    pub metrics: Vec<ComparisonRow>,
}

/// Compares `runs` (in the order given).
pub fn compare(runs: &[&RunRecord]) -> Comparison {
    let mut settings = vec![row(runs, "Model", |r| {
        Some(r.report.spec.model.label().into())
    })];
    settings.extend(hyper_parameter_rows(runs));
    settings.extend([
        row(runs, "Features", |r| {
            Some(r.report.spec.features.join(", "))
        }),
        row(runs, "Target", |r| Some(r.report.spec.target.clone())),
        row(runs, "Split", |r| {
            let s = r.report.spec.split;
            Some(format!(
                "{} · test {} · validation {}",
                json_text(&serde_json::to_value(s.method).unwrap_or(Value::Null)),
                s.test_ratio,
                s.validation_ratio
            ))
        }),
        row(runs, "Scaler", |r| {
            Some(json_text(
                &serde_json::to_value(r.report.spec.scaler).unwrap_or(Value::Null),
            ))
        }),
        row(runs, "Seed", |r| Some(r.report.spec.seed.to_string())),
        row(runs, "Max train rows", |r| {
            Some(
                r.report
                    .spec
                    .max_train_rows
                    .map_or("all".into(), |n| thousands(n as u64)),
            )
        }),
        row(runs, "Input", |r| Some(r.input.clone())),
        row(runs, "Dataset", |r| {
            r.datasets.first().map(|d| {
                let short: String = d.sha256.chars().take(12).collect();
                format!("{} · {short} · {} rows", d.name, thousands(d.rows))
            })
        }),
        row(runs, "Classes", |r| {
            Some(r.report.classes.len().to_string())
        }),
    ]);
    let metrics = vec![
        row(runs, "Validation accuracy", |r| {
            Some(score(r.report.validation_accuracy))
        }),
        row(runs, "Test accuracy", |r| {
            r.evaluation.as_ref().map(|e| score(e.accuracy))
        }),
        row(runs, "Top-5 accuracy", |r| {
            r.evaluation.as_ref().map(|e| score(e.top5_accuracy))
        }),
        row(runs, "Macro F1", |r| {
            r.evaluation.as_ref().map(|e| score(e.macro_avg.f1))
        }),
        row(runs, "Weighted F1", |r| {
            r.evaluation.as_ref().map(|e| score(e.weighted_avg.f1))
        }),
        row(runs, "Duration", |r| {
            Some(format!("{:.1} s", (r.ended_ms - r.started_ms) / 1000.0))
        }),
        row(runs, "Epochs", |r| Some(r.report.history.len().to_string())),
    ];
    Comparison {
        runs: runs.iter().map(|r| r.id.clone()).collect(),
        settings,
        metrics,
    }
}

fn row(
    runs: &[&RunRecord],
    label: &str,
    value: impl Fn(&RunRecord) -> Option<String>,
) -> ComparisonRow {
    let values: Vec<String> = runs
        .iter()
        .map(|r| value(r).unwrap_or_else(|| MISSING.to_string()))
        .collect();
    ComparisonRow {
        label: label.to_string(),
        differs: values.windows(2).any(|w| w[0] != w[1]),
        values,
    }
}

/// One row per hyper-parameter any run has, in first-seen order (`a.b` for nested fields).
fn hyper_parameter_rows(runs: &[&RunRecord]) -> Vec<ComparisonRow> {
    let flat: Vec<Vec<(String, String)>> = runs
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            let value = serde_json::to_value(&r.report.spec.model).unwrap_or(Value::Null);
            flatten("", &value, &mut out);
            // The kind is its own row.
            out.retain(|(key, _)| key != "model");
            out
        })
        .collect();
    let mut keys: Vec<&str> = Vec::new();
    for (key, _) in flat.iter().flatten() {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    keys.iter()
        .map(|key| {
            let values: Vec<String> = flat
                .iter()
                .map(|fields| {
                    fields
                        .iter()
                        .find(|(k, _)| k == key)
                        .map_or_else(|| MISSING.to_string(), |(_, v)| v.clone())
                })
                .collect();
            ComparisonRow {
                label: (*key).to_string(),
                differs: values.windows(2).any(|w| w[0] != w[1]),
                values,
            }
        })
        .collect()
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                let key = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&key, v, out);
            }
        }
        other => out.push((prefix.to_string(), json_text(other))),
    }
}

/// A JSON value as people read it: text unquoted, lists comma-separated, null as "none".
fn json_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn score(value: f64) -> String {
    format!("{value:.4}")
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
