//! What an MLflow run records of a Jukebox run: parameters (the Train cell's settings, every
//! hyper-parameter flattened), metrics (final scores and the per-epoch history as steps) and
//! tags (ids, app version, dataset fingerprints), cut into `runs/log-batch` bodies within
//! MLflow's limits.

use serde_json::{Value, json};

use crate::registry::PushFiles;
use crate::runs::RunRecord;

/// MLflow's limits per `log-batch` call (`mlflow/utils/validation.py`).
const MAX_PARAMS_PER_BATCH: usize = 100;
const MAX_TAGS_PER_BATCH: usize = 100;
const MAX_ENTITIES_PER_BATCH: usize = 1000;
/// Longest parameter value MLflow keeps (longer ones are refused or cut by the server).
const MAX_PARAM_CHARS: usize = 6000;
const MAX_TAG_CHARS: usize = 8000;

/// A metric at a step (0 for final scores, the epoch for history).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metric {
    pub key: String,
    pub value: f64,
    pub step: u64,
}

fn cut(value: &str, max_chars: usize) -> String {
    if value.chars().count() <= max_chars {
        return value.to_string();
    }
    let mut out: String = value.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

/// `value` flattened into `prefix.key` pairs; arrays and scalars become their JSON text.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                flatten(&format!("{prefix}.{key}"), inner, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Null => out.push((prefix.to_string(), "None".into())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

/// The Train cell's settings as MLflow parameters.
pub(crate) fn params(record: &RunRecord) -> Vec<(String, String)> {
    let spec = &record.report.spec;
    let mut out = vec![
        (
            "features".to_string(),
            serde_json::to_string(&spec.features).unwrap_or_default(),
        ),
        ("n_features".into(), spec.features.len().to_string()),
        ("target".into(), spec.target.clone()),
        ("input".into(), record.input.clone()),
        ("seed".into(), spec.seed.to_string()),
        (
            "max_train_rows".into(),
            spec.max_train_rows.map_or("None".into(), |n| n.to_string()),
        ),
        ("n_classes".into(), record.report.classes.len().to_string()),
        ("n_train".into(), record.report.sizes.n_train.to_string()),
        (
            "n_validation".into(),
            record.report.sizes.n_validation.to_string(),
        ),
        ("n_test".into(), record.report.sizes.n_test.to_string()),
    ];
    flatten("split", &json!(spec.split), &mut out);
    flatten("scaler", &json!(spec.scaler), &mut out);
    // The model spec is tagged `{"model": "network", …hyper-parameters}`.
    flatten("model", &json!(spec.model), &mut out);
    if let Some(pos) = out.iter().position(|(k, _)| k == "model.model") {
        out[pos].0 = "model".into();
    }
    out.into_iter()
        .map(|(k, v)| (k, cut(&v, MAX_PARAM_CHARS)))
        .collect()
}

/// Final scores (step 0) and the per-epoch history (step = epoch); non-finite values are
/// left out, since JSON cannot carry them.
pub(crate) fn metrics(record: &RunRecord) -> Vec<Metric> {
    let report = &record.report;
    // Every score of the run, baselines included ([`crate::runs::metrics`]).
    let mut metrics: Vec<Metric> = crate::runs::metrics(record)
        .into_iter()
        .map(|m| Metric {
            key: m.name.into(),
            value: m.value,
            step: 0,
        })
        .collect();
    for epoch in &report.history {
        let step = epoch.epoch as u64;
        for (key, value) in [
            ("loss", epoch.train_loss),
            ("accuracy", epoch.train_accuracy),
            ("val_loss", epoch.validation_loss),
            ("val_accuracy", epoch.validation_accuracy),
        ] {
            metrics.push(Metric {
                key: key.into(),
                value,
                step,
            });
        }
    }
    metrics.retain(|m| m.value.is_finite());
    metrics
}

/// Tags: who made the run, from what data, and the files pushed.
pub(crate) fn tags(record: &RunRecord, files: &PushFiles) -> Vec<(String, String)> {
    let mut out = vec![
        ("jukebox.run_id".to_string(), record.id.clone()),
        ("jukebox.app_version".into(), record.app_version.clone()),
        ("jukebox.notebook".into(), record.notebook_title.clone()),
        ("jukebox.model_sha256".into(), record.model_sha256.clone()),
        ("jukebox.onnx_sha256".into(), files.onnx_sha256.clone()),
        ("mlflow.source.name".into(), "Jukebox".into()),
    ];
    for dataset in &record.datasets {
        let name = &dataset.name;
        out.push((
            format!("jukebox.dataset.{name}.sha256"),
            dataset.sha256.clone(),
        ));
        out.push((
            format!("jukebox.dataset.{name}.rows"),
            dataset.rows.to_string(),
        ));
        out.push((
            format!("jukebox.dataset.{name}.origin"),
            dataset.origin.clone(),
        ));
    }
    for tag in &record.tags {
        out.push((format!("jukebox.tag.{tag}"), "true".into()));
    }
    if !record.note.trim().is_empty() {
        out.push(("mlflow.note.content".into(), record.note.clone()));
    }
    out.into_iter()
        .map(|(k, v)| (k, cut(&v, MAX_TAG_CHARS)))
        .collect()
}

fn pairs(items: &[(String, String)]) -> Vec<Value> {
    items
        .iter()
        .map(|(key, value)| json!({"key": key, "value": value}))
        .collect()
}

/// `log-batch` bodies for `run_id`: each within 100 params, 100 tags and 1000 entities in
/// all; metrics stamped `timestamp_ms`.
pub(crate) fn batches(
    record: &RunRecord,
    files: &PushFiles,
    run_id: &str,
    timestamp_ms: i64,
) -> Vec<Value> {
    let (params, tags, metrics) = (params(record), tags(record, files), metrics(record));
    let (mut p, mut t, mut m) = (&params[..], &tags[..], &metrics[..]);
    let mut out = Vec::new();
    while !(p.is_empty() && t.is_empty() && m.is_empty()) || out.is_empty() {
        let (pp, rest_p) = p.split_at(p.len().min(MAX_PARAMS_PER_BATCH));
        let (tt, rest_t) = t.split_at(t.len().min(MAX_TAGS_PER_BATCH));
        let room = MAX_ENTITIES_PER_BATCH - pp.len() - tt.len();
        let (mm, rest_m) = m.split_at(m.len().min(room));
        let metrics: Vec<Value> = mm
            .iter()
            .map(|x| json!({"key": x.key, "value": x.value, "timestamp": timestamp_ms, "step": x.step}))
            .collect();
        out.push(json!({
            "run_id": run_id,
            "params": pairs(pp),
            "tags": pairs(tt),
            "metrics": metrics,
        }));
        (p, t, m) = (rest_p, rest_t, rest_m);
    }
    out
}
