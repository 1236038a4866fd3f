//! ONNX export of the models that core `ai.onnx` operators can express (the course's dense
//! network, logistic regression): opset 13, float32, the course's signature — 13 named
//! inputs of shape `[N,1]` concatenated in the graph (or one `[N,13]` input), one output
//! `output` of shape `[N, n_classes]` with probabilities. Class labels, feature order and the
//! scaler's parameters go into `metadata_props`; the scaler can be folded into the graph.
//! Forests, trees, kNN and naive Bayes need `ai.onnx.ml` operators (which OpenVINO Model
//! Server refuses) and are refused with a sentence instead.
//!
//! `proto`: the protobuf wire format of the few ONNX messages written (no code generation).
//! `card`: the model card JSON that travels beside `model.onnx`.

pub mod card;

pub use card::{ModelCard, model_card};

use serde::{Deserialize, Serialize};

use crate::train::ModelSpec;
use crate::train::model::TrainedModel;

/// The ONNX opset written.
pub const OPSET: i64 = 13;
/// Name of the graph's output.
pub const OUTPUT_NAME: &str = "output";
/// Name of the single input when [`InputLayout::Single`] is chosen.
pub const SINGLE_INPUT_NAME: &str = "features";

/// How the graph takes its features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputLayout {
    /// One `[N,1]` float input per feature, named as the feature (the course's signature).
    #[default]
    PerFeature,
    /// One `[N, n_features]` float input named [`SINGLE_INPUT_NAME`].
    Single,
}

/// Export choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OnnxOptions {
    pub inputs: InputLayout,
    /// `true`: the graph takes raw feature values and scales them itself (`Sub`, `Mul`);
    /// `false`: it takes features already scaled with the run's scaler (as the course's
    /// served model does). Written to `metadata_props` as `jukebox.inputs` =
    /// `raw` / `scaled`, and said in the graph's doc string.
    pub fold_scaler: bool,
}

/// Why a model was not exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OnnxError {
    /// The model kind needs operators outside core `ai.onnx` (e.g. `TreeEnsembleClassifier`).
    #[error(
        "{model} cannot be exported as ONNX with core operators only ({reason}); export a dense network or a logistic regression, or keep this model in Jukebox"
    )]
    Unsupported { model: String, reason: String },
    /// The model's pieces do not fit together (e.g. weights of the wrong length).
    #[error("the model cannot be exported: {0}")]
    Invalid(String),
}

/// `Ok` when `spec` can be exported, else the reason as [`OnnxError::Unsupported`].
pub fn supports(spec: &ModelSpec) -> Result<(), OnnxError> {
    let _ = spec;
    todo!("contract")
}

/// `model` as an ONNX `ModelProto` (bytes of `model.onnx`).
pub fn export(model: &TrainedModel, options: &OnnxOptions) -> Result<Vec<u8>, OnnxError> {
    let _ = (model, options);
    todo!("contract")
}
