//! The model card: what a registry or a reader of `model.onnx` needs to use it well.

use serde::{Deserialize, Serialize};

use super::OnnxOptions;
use crate::runs::{DatasetFingerprint, RunRecord};

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
    pub metrics: std::collections::BTreeMap<String, f64>,
    pub datasets: Vec<DatasetFingerprint>,
    pub seed: u64,
    pub app_version: String,
    pub started_ms: f64,
    pub ended_ms: f64,
}

/// The card of `record`'s model exported with `options` as bytes hashing to `onnx_sha256`.
pub fn model_card(record: &RunRecord, options: &OnnxOptions, onnx_sha256: &str) -> ModelCard {
    let _ = (record, options, onnx_sha256);
    todo!("contract")
}
