//! What travels inside `model.onnx` besides the graph: `metadata_props` (classes, features,
//! scaler, which inputs the graph expects) and the graph's doc string saying it in words.

#[cfg(feature = "engine")]
use super::{InputLayout, OUTPUT_NAME, OnnxOptions, SINGLE_INPUT_NAME};
use crate::train::ScalerKind;
#[cfg(feature = "engine")]
use crate::train::TrainReport;

/// The scaler's kind as the metadata and the model card name it.
pub fn scaler_name(kind: ScalerKind) -> &'static str {
    match kind {
        ScalerKind::MinMax => "minmax",
        ScalerKind::Standard => "standard",
        ScalerKind::None => "none",
    }
}

#[cfg(feature = "engine")]
/// `true` when the graph takes raw feature values: it scales them itself, or the run had
/// no scaler.
pub fn takes_raw(report: &TrainReport, options: OnnxOptions) -> bool {
    options.fold_scaler || report.scaler.kind == ScalerKind::None
}

#[cfg(feature = "engine")]
/// `metadata_props` as (key, value) pairs; lists are JSON arrays.
pub fn props(report: &TrainReport, options: OnnxOptions) -> Vec<(String, String)> {
    let layout = match options.inputs {
        InputLayout::PerFeature => "per_feature",
        InputLayout::Single => "single",
    };
    let inputs = if takes_raw(report, options) {
        "raw"
    } else {
        "scaled"
    };
    [
        ("jukebox.classes", json(&report.classes)),
        ("jukebox.features", json(&report.spec.features)),
        ("jukebox.target", report.spec.target.clone()),
        (
            "jukebox.scaler",
            scaler_name(report.scaler.kind).to_string(),
        ),
        ("jukebox.scaler_offset", json(&report.scaler.offset)),
        ("jukebox.scaler_factor", json(&report.scaler.factor)),
        ("jukebox.inputs", inputs.to_string()),
        ("jukebox.input_layout", layout.to_string()),
        ("jukebox.run_model", report.model.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[cfg(feature = "engine")]
/// The graph's doc string: which inputs it expects and what it outputs, in words.
pub fn doc_string(report: &TrainReport, options: OnnxOptions) -> String {
    let n = report.spec.features.len();
    let inputs = match options.inputs {
        InputLayout::PerFeature => format!(
            "{n} float inputs of shape [N,1], one per feature, named as the features ({})",
            report.spec.features.join(", ")
        ),
        InputLayout::Single => format!(
            "one float input `{SINGLE_INPUT_NAME}` of shape [N,{n}], columns in this order: {}",
            report.spec.features.join(", ")
        ),
    };
    let scaling = match (report.scaler.kind, options.fold_scaler) {
        (ScalerKind::None, _) => "raw feature values (the run used no scaler)".to_string(),
        (kind, true) => format!(
            "RAW feature values: the graph applies the run's {} scaler itself (Sub jukebox.scaler_offset, then Mul jukebox.scaler_factor)",
            scaler_name(kind)
        ),
        (kind, false) => format!(
            "values ALREADY SCALED with the run's {} scaler: x' = (x - jukebox.scaler_offset) * jukebox.scaler_factor",
            scaler_name(kind)
        ),
    };
    format!(
        "Jukebox {} `{}` predicting `{}`. Inputs: {inputs}, holding {scaling}. Output `{OUTPUT_NAME}`: [N,{}] class probabilities, columns in the order of jukebox.classes.",
        report.spec.model.label(),
        report.model,
        report.spec.target,
        report.classes.len()
    )
}

#[cfg(feature = "engine")]
/// JSON text of a list. Lists of strings and numbers always serialize (serde writes a
/// non-finite number as `null`), so the fallback is never taken.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}
