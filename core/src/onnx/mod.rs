//! ONNX export of the models that core `ai.onnx` operators can express (the course's dense
//! network, logistic regression): opset 13, float32, the course's signature — 13 named
//! inputs of shape `[N,1]` concatenated in the graph (or one `[N,13]` input), one output
//! `output` of shape `[N, n_classes]` with probabilities. Class labels, feature order and the
//! scaler's parameters go into `metadata_props`; the scaler can be folded into the graph.
//! Forests, trees, k-nearest neighbours and naive Bayes need `ai.onnx.ml` operators (which
//! the `OpenVINO` Model Server refuses) and are refused with a sentence instead.
//!
//! `proto`: the protobuf wire format of the few ONNX messages written (no code generation);
//! `graph`: the nodes and initializers; `metadata`: `metadata_props` and the doc string;
//! `card`: the model card JSON that travels beside `model.onnx`.

pub mod card;
#[cfg(feature = "engine")]
mod graph;
mod metadata;
#[cfg(feature = "engine")]
mod proto;

// Two attributes, not `all(…)`: clippy allows unwraps under a plain `cfg(test)` only.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod test_models;
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests;

pub use card::{ModelCard, model_card};

use serde::{Deserialize, Serialize};

use crate::train::ModelSpec;
#[cfg(feature = "engine")]
use crate::train::ScalerKind;
#[cfg(feature = "engine")]
use crate::train::classic::ClassicModel;
#[cfg(feature = "engine")]
use crate::train::model::{ModelKind, TrainedModel};
#[cfg(feature = "engine")]
use graph::{Graph, LogisticParts};
#[cfg(feature = "engine")]
use proto::Message;

/// The ONNX opset written.
pub const OPSET: i64 = 13;
/// The IR version of opset 13's ONNX release (1.8).
pub const IR_VERSION: i64 = 8;
/// `ModelProto.producer_name`; the version is the app's.
pub const PRODUCER_NAME: &str = "jukebox";
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
    let reason = match spec {
        ModelSpec::Network(_) | ModelSpec::LogisticRegression(_) => return Ok(()),
        ModelSpec::DecisionTree(_)
        | ModelSpec::RandomForest(_)
        | ModelSpec::HistGradientBoosting(_) => {
            "trees need `TreeEnsembleClassifier` from the `ai.onnx.ml` domain, which OpenVINO Model Server refuses"
        }
        ModelSpec::Knn(_) => {
            "k-nearest neighbours has no core operator: it would carry every training row and need `ai.onnx.ml` or a custom distance search"
        }
        ModelSpec::GaussianNb => {
            "converters write Gaussian naive Bayes with `ai.onnx.ml` operators, and this export writes core operators only"
        }
    };
    Err(OnnxError::Unsupported {
        model: spec.label().to_string(),
        reason: reason.to_string(),
    })
}

#[cfg(feature = "engine")]
/// `model` as an ONNX `ModelProto` (bytes of `model.onnx`).
pub fn export(model: &TrainedModel, options: &OnnxOptions) -> Result<Vec<u8>, OnnxError> {
    let report = &model.report;
    supports(&report.spec.model)?;
    let features = &report.spec.features;
    check_sizes(model)?;
    let fold = options.fold_scaler && report.scaler.kind != ScalerKind::None;
    let mut graph = Graph::default();
    let x = graph.features(features, options.inputs, fold.then_some(&report.scaler))?;
    match &model.kind {
        ModelKind::Network(network) => graph.network(network, x)?,
        ModelKind::Classic(ClassicModel::Logistic(m)) => {
            let parts = LogisticParts {
                present: m.present_classes(),
                weights: m.weights(),
                intercepts: m.intercepts(),
                n_features: m.n_features(),
                n_classes: m.n_classes(),
            };
            graph.logistic(&parts, x)?;
        }
        ModelKind::Classic(_) => {
            return Err(OnnxError::Invalid(format!(
                "model `{}` is recorded as a {} but holds another kind of model; train it again",
                report.model,
                report.spec.model.label()
            )));
        }
    }
    let graph_proto = Message::new()
        .messages(1, graph.nodes)
        .string(2, &graph_name(&report.model))
        .messages(5, graph.initializers)
        .string(10, &metadata::doc_string(report, *options))
        .messages(11, graph.inputs)
        .message(12, Graph::output(report.classes.len()));
    let entries = metadata::props(report, *options)
        .into_iter()
        .map(|(k, v)| proto::entry(&k, &v));
    Ok(Message::new()
        .int(1, IR_VERSION)
        .string(2, PRODUCER_NAME)
        .string(3, crate::APP_VERSION)
        .message(7, graph_proto)
        .message(8, proto::opset("", OPSET))
        .messages(14, entries)
        .into_bytes())
}

#[cfg(feature = "engine")]
/// Features, scaler, classes and model agree in size.
fn check_sizes(model: &TrainedModel) -> Result<(), OnnxError> {
    let report = &model.report;
    let n = report.spec.features.len();
    if report.scaler.offset.len() != n || report.scaler.factor.len() != n {
        return Err(OnnxError::Invalid(format!(
            "the scaler has {} offsets and {} factors for {n} features; the run is damaged, train it again",
            report.scaler.offset.len(),
            report.scaler.factor.len()
        )));
    }
    let (n_inputs, n_classes) = match &model.kind {
        ModelKind::Network(network) => (network.n_inputs(), network.n_classes()),
        ModelKind::Classic(ClassicModel::Logistic(m)) => (m.n_features(), m.n_classes()),
        ModelKind::Classic(_) => (n, report.classes.len()),
    };
    if n_inputs != n || n_classes != report.classes.len() {
        return Err(OnnxError::Invalid(format!(
            "the model takes {n_inputs} features and scores {n_classes} classes, but the run lists {n} features and {} classes; train it again",
            report.classes.len()
        )));
    }
    Ok(())
}

#[cfg(feature = "engine")]
/// The graph's name: the model's, or `jukebox` when it has none.
fn graph_name(model: &str) -> String {
    if model.trim().is_empty() {
        PRODUCER_NAME.to_string()
    } else {
        model.to_string()
    }
}
