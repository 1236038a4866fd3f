//! The model card: what a registry or a reader of `model.onnx` needs to use it well.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::OnnxOptions;
use super::metadata::scaler_name;
use crate::runs::{DatasetFingerprint, MetricGroup, RunRecord};
use crate::train::TrainSpec;

/// `model-card.json`, written beside `model.onnx`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    /// `jukebox-model-card`.
    pub format: String,
    pub version: u32,
    pub run_id: String,
    pub model_name: String,
    /// The model kind in words (`Dense network`).
    pub model_kind: String,
    /// The Train cell's model settings (hyper-parameters) as JSON.
    pub hyper_parameters: serde_json::Value,
    /// Features in the model's input order.
    pub features: Vec<String>,
    pub target: String,
    /// Class labels in output column order.
    pub classes: Vec<String>,
    /// `minmax` / `standard` / `none`, and per feature `x' = (x - offset) * factor`.
    pub scaler: String,
    pub scaler_offset: Vec<f64>,
    pub scaler_factor: Vec<f64>,
    /// The export's choices: `per_feature`/`single` inputs, scaler folded or not.
    pub onnx: OnnxOptions,
    /// SHA-256 (hex) of the `model.onnx` it describes.
    pub onnx_sha256: String,
    /// Metric name → value (validation/test accuracy, test top-5, macro/weighted F1…).
    pub metrics: BTreeMap<String, f64>,
    pub datasets: Vec<DatasetFingerprint>,
    pub seed: u64,
    pub app_version: String,
    pub started_ms: f64,
    pub ended_ms: f64,
}

/// `ModelCard.format`.
pub const CARD_FORMAT: &str = "jukebox-model-card";
/// `ModelCard.version`.
pub const CARD_VERSION: u32 = 1;

/// The card of `record`'s model exported with `options` as bytes hashing to `onnx_sha256`.
pub fn model_card(record: &RunRecord, options: &OnnxOptions, onnx_sha256: &str) -> ModelCard {
    let report = &record.report;
    let spec = &report.spec;
    ModelCard {
        format: CARD_FORMAT.to_string(),
        version: CARD_VERSION,
        run_id: record.id.clone(),
        model_name: record.model_name.clone(),
        model_kind: spec.model.label().to_string(),
        hyper_parameters: hyper_parameters(spec),
        features: spec.features.clone(),
        target: spec.target.clone(),
        classes: report.classes.clone(),
        scaler: scaler_name(report.scaler.kind).to_string(),
        scaler_offset: report.scaler.offset.clone(),
        scaler_factor: report.scaler.factor.clone(),
        onnx: *options,
        onnx_sha256: onnx_sha256.to_string(),
        metrics: metrics(record),
        datasets: record.datasets.clone(),
        seed: spec.seed,
        // The app that trained the model; the exporting app's is `producer_version` in the file.
        app_version: record.app_version.clone(),
        started_ms: record.started_ms,
        ended_ms: record.ended_ms,
    }
}

/// The model's settings (its `model` tag and parameters) with the split and row cap.
fn hyper_parameters(spec: &TrainSpec) -> serde_json::Value {
    let mut value = serde_json::to_value(&spec.model).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut value {
        map.insert(
            "split".into(),
            serde_json::to_value(spec.split).unwrap_or_default(),
        );
        map.insert(
            "max_train_rows".into(),
            serde_json::to_value(spec.max_train_rows).unwrap_or_default(),
        );
    }
    value
}

/// The run's headline scores and averaged precision/recall ([`crate::runs::metrics`]; the
/// baselines are left out). Non-finite values are left out (JSON has no NaN).
fn metrics(record: &RunRecord) -> BTreeMap<String, f64> {
    crate::runs::metrics(record)
        .into_iter()
        .filter(|m| m.group != MetricGroup::Baselines)
        .map(|m| (m.name.to_string(), m.value))
        .collect()
}
