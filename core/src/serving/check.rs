//! A served model's declared inputs and outputs read against a run: which layout to send,
//! and what looks wrong (in words).

use super::{MetadataCheck, ModelMetadata, ServedLayout, ServingError, TensorMetadata};

/// Checks `metadata` against a run's `features` (model order) and `n_classes`.
///
/// As many inputs as features, each `[1,1]` or `[-1,1]` → one input per feature, matched to
/// the features by name (case-insensitively; by position with a warning when names differ).
/// One input whose last dimension is the feature count (or `-1`) → one tensor. Anything else
/// cannot take a song's features and is an error.
pub fn check_metadata(
    metadata: &ModelMetadata,
    features: &[String],
    n_classes: usize,
) -> Result<MetadataCheck, ServingError> {
    let mut warnings = Vec::new();
    let layout = if per_feature(&metadata.inputs, features.len()) {
        ServedLayout::PerFeature {
            names: match_names(&metadata.inputs, features, &mut warnings),
        }
    } else if let [input] = metadata.inputs.as_slice()
        && takes_row(&input.shape, features.len())
    {
        ServedLayout::Single {
            name: input.name.clone(),
            // Other float widths take the same JSON numbers; anything else gets FP32 (warned).
            datatype: if is_float(&input.datatype) {
                input.datatype.clone()
            } else {
                "FP32".to_string()
            },
        }
    } else {
        return Err(ServingError::Mismatch(no_layout(metadata, features.len())));
    };
    for input in &metadata.inputs {
        if input.datatype != "FP32" {
            warnings.push(format!(
                "input `{}` is declared {}, not FP32: the scaled features are sent as {}",
                input.name,
                input.datatype,
                sent_datatype(&layout, &input.datatype)
            ));
        }
    }
    check_output(metadata, n_classes, &mut warnings);
    Ok(MetadataCheck { layout, warnings })
}

fn per_feature(inputs: &[TensorMetadata], n_features: usize) -> bool {
    inputs.len() == n_features
        && inputs
            .iter()
            .all(|input| matches!(input.shape.as_slice(), [-1 | 1, 1]))
}

fn takes_row(shape: &[i64], n_features: usize) -> bool {
    let wanted = i64::try_from(n_features).unwrap_or(i64::MAX);
    match shape {
        [last] | [-1 | 1, last] => *last == wanted || *last == -1,
        _ => false,
    }
}

fn is_float(datatype: &str) -> bool {
    matches!(datatype, "FP16" | "FP32" | "FP64")
}

fn sent_datatype(layout: &ServedLayout, declared: &str) -> String {
    match layout {
        ServedLayout::Single { datatype, .. } if datatype == declared => declared.to_string(),
        _ => "FP32".to_string(),
    }
}

/// The input names in the run's feature order; by position when they do not all match.
fn match_names(
    inputs: &[TensorMetadata],
    features: &[String],
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let found: Vec<Option<&TensorMetadata>> = features
        .iter()
        .map(|feature| {
            inputs
                .iter()
                .find(|input| input.name.eq_ignore_ascii_case(feature))
        })
        .collect();
    if found.iter().all(Option::is_some) {
        return found
            .into_iter()
            .flatten()
            .map(|i| i.name.clone())
            .collect();
    }
    let missing: Vec<String> = features
        .iter()
        .zip(&found)
        .filter(|(_, input)| input.is_none())
        .map(|(feature, _)| format!("`{feature}`"))
        .collect();
    let unknown: Vec<String> = inputs
        .iter()
        .filter(|input| !features.iter().any(|f| f.eq_ignore_ascii_case(&input.name)))
        .map(|input| format!("`{}`", input.name))
        .collect();
    warnings.push(format!(
        "the served model's inputs {} do not match the run's features {}: the values are sent \
         by position, in the run's feature order",
        unknown.join(", "),
        missing.join(", ")
    ));
    inputs.iter().map(|input| input.name.clone()).collect()
}

fn check_output(metadata: &ModelMetadata, n_classes: usize, warnings: &mut Vec<String>) {
    let Some(output) = metadata.outputs.first() else {
        warnings.push(
            "the served model declares no outputs: the answer's first output is read as the \
             probabilities"
                .to_string(),
        );
        return;
    };
    let wanted = i64::try_from(n_classes).unwrap_or(i64::MAX);
    if !matches!(output.shape.as_slice(), [_, last] if *last == wanted || *last == -1) {
        warnings.push(format!(
            "output `{}` has shape {}, not [-1, {n_classes}] (one probability per class of \
             the run): is it the same model?",
            output.name,
            shape_text(&output.shape)
        ));
    }
    if output.datatype != "FP32" {
        warnings.push(format!(
            "output `{}` is declared {}, not FP32",
            output.name, output.datatype
        ));
    }
}

fn no_layout(metadata: &ModelMetadata, n_features: usize) -> String {
    let inputs: Vec<String> = metadata
        .inputs
        .iter()
        .map(|input| format!("`{}` {}", input.name, shape_text(&input.shape)))
        .collect();
    let declared = if inputs.is_empty() {
        "declares no inputs".to_string()
    } else {
        format!("takes {} input(s): {}", inputs.len(), inputs.join(", "))
    };
    format!(
        "the served model `{}` {declared}; this run sends {n_features} inputs of shape [1,1] \
         (one per feature) or one [1,{n_features}] tensor. Export the run as ONNX and serve \
         that file.",
        metadata.name
    )
}

/// `[-1, 72]`.
pub(super) fn shape_text(shape: &[i64]) -> String {
    let dims: Vec<String> = shape.iter().map(i64::to_string).collect();
    format!("[{}]", dims.join(", "))
}
