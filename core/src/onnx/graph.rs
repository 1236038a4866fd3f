//! The graph's nodes and constants: the inputs (one per feature, concatenated, or one
//! matrix), the optional folded scaler, then the network's or the logistic regression's
//! layers — core `ai.onnx` operators of opset 13 only.

use super::proto::{self, Dim, Message};
use super::{InputLayout, OUTPUT_NAME, OnnxError, SINGLE_INPUT_NAME};
use crate::train::Activation;
use crate::train::network::Network;
use crate::train::scaler::Scaler;

/// The batch dimension's name in every input and the output.
const BATCH: &str = "N";
/// Prefix of the graph's own value names, so none can be taken for a feature's input.
const PREFIX: &str = "jukebox/";

/// Nodes (in topological order, as they are added), initializers and inputs so far.
#[derive(Debug, Default)]
pub struct Graph {
    pub nodes: Vec<Message>,
    pub initializers: Vec<Message>,
    pub inputs: Vec<Message>,
    n_values: usize,
}

impl Graph {
    /// A float constant named `name`.
    fn constant(&mut self, name: &str, dims: &[usize], values: &[f32]) -> String {
        let name = format!("{PREFIX}{name}");
        self.initializers
            .push(proto::float_tensor(&name, dims, values));
        name
    }

    /// Adds `op_type` on `inputs`, writing `output` (a fresh name when `None`); returns it.
    fn op(
        &mut self,
        op_type: &str,
        inputs: &[&str],
        output: Option<&str>,
        attributes: Vec<Message>,
    ) -> String {
        self.n_values += 1;
        let output = output.map_or_else(
            || format!("{PREFIX}{}_{}", op_type.to_lowercase(), self.n_values),
            str::to_string,
        );
        let name = format!("{PREFIX}{op_type}_{}", self.n_values);
        self.nodes
            .push(proto::node(op_type, &name, inputs, &[&output], attributes));
        output
    }

    /// The graph's output, `[N, n_classes]` floats.
    pub fn output(n_classes: usize) -> Message {
        proto::float_value_info(OUTPUT_NAME, &[Dim::Named(BATCH), Dim::Fixed(n_classes)])
    }

    /// The inputs for `features` in `layout`, as one `[N, n_features]` value; scaled in the
    /// graph by `scaler` when given.
    pub fn features(
        &mut self,
        features: &[String],
        layout: InputLayout,
        scaler: Option<&Scaler>,
    ) -> Result<String, OnnxError> {
        if layout == InputLayout::PerFeature {
            check_input_names(features)?;
        }
        let x = match layout {
            InputLayout::PerFeature => {
                for feature in features {
                    let dims = [Dim::Named(BATCH), Dim::Fixed(1)];
                    self.inputs.push(proto::float_value_info(feature, &dims));
                }
                let names: Vec<&str> = features.iter().map(String::as_str).collect();
                let axis = proto::int_attribute("axis", 1);
                self.op("Concat", &names, None, vec![axis])
            }
            InputLayout::Single => {
                let dims = [Dim::Named(BATCH), Dim::Fixed(features.len())];
                self.inputs
                    .push(proto::float_value_info(SINGLE_INPUT_NAME, &dims));
                SINGLE_INPUT_NAME.to_string()
            }
        };
        let Some(scaler) = scaler else { return Ok(x) };
        let n = features.len();
        let offset = self.constant("scaler_offset", &[n], &to_f32(&scaler.offset));
        let factor = self.constant("scaler_factor", &[n], &to_f32(&scaler.factor));
        let shifted = self.op("Sub", &[&x, &offset], None, Vec::new());
        Ok(self.op("Mul", &[&shifted, &factor], None, Vec::new()))
    }

    /// The network's Dense layers on `x`: `MatMul`, `Add`, the activation between hidden
    /// layers, `Softmax` last, into the graph's output.
    pub fn network(&mut self, network: &Network, x: String) -> Result<(), OnnxError> {
        let last = network.layers.len().checked_sub(1).ok_or_else(|| {
            OnnxError::Invalid("the network has no layers; train it again".into())
        })?;
        let mut x = x;
        for (l, layer) in network.layers.iter().enumerate() {
            if layer.weights.len() != layer.n_in * layer.n_out || layer.bias.len() != layer.n_out {
                return Err(OnnxError::Invalid(format!(
                    "layer {} has {} weights and {} biases for {} inputs and {} units; the saved model is damaged, train it again",
                    l + 1,
                    layer.weights.len(),
                    layer.bias.len(),
                    layer.n_in,
                    layer.n_out
                )));
            }
            let w = self.constant(
                &format!("dense_{l}_weights"),
                &[layer.n_in, layer.n_out],
                &layer.weights,
            );
            let b = self.constant(&format!("dense_{l}_bias"), &[layer.n_out], &layer.bias);
            let product = self.op("MatMul", &[&x, &w], None, Vec::new());
            let z = self.op("Add", &[&product, &b], None, Vec::new());
            x = if l == last {
                let axis = proto::int_attribute("axis", -1);
                self.op("Softmax", &[&z], Some(OUTPUT_NAME), vec![axis])
            } else {
                self.op(activation_op(network.activation), &[&z], None, Vec::new())
            };
        }
        Ok(())
    }

    /// Multinomial logistic regression on `x`: scores of the classes seen in training,
    /// `Softmax`, then a 0/1 `[k, n_classes]` matrix that places them in the full class
    /// columns (classes absent from training get probability 0, as in the app).
    pub fn logistic(&mut self, model: &LogisticParts<'_>, x: String) -> Result<(), OnnxError> {
        let (n_features, n_present) = (model.n_features, model.present.len());
        let n_classes = model.n_classes;
        if n_present == 0
            || model.weights.len() != n_features * n_present
            || model.intercepts.len() != n_present
        {
            return Err(OnnxError::Invalid(format!(
                "the logistic regression has {} weights and {} intercepts for {n_features} features and {n_present} classes; the saved model is damaged, train it again",
                model.weights.len(),
                model.intercepts.len()
            )));
        }
        if let Some(&c) = model.present.iter().find(|&&c| c as usize >= n_classes) {
            return Err(OnnxError::Invalid(format!(
                "the logistic regression scores class {c} but the target has {n_classes} classes; the saved model is damaged, train it again"
            )));
        }
        let weights = to_f32(model.weights);
        let weights = self.constant("logistic_weights", &[n_features, n_present], &weights);
        let intercepts = to_f32(model.intercepts);
        let intercepts = self.constant("logistic_intercepts", &[n_present], &intercepts);
        let product = self.op("MatMul", &[&x, &weights], None, Vec::new());
        let scores = self.op("Add", &[&product, &intercepts], None, Vec::new());
        let axis = proto::int_attribute("axis", -1);
        let all_present =
            n_present == n_classes && model.present.iter().zip(0..).all(|(&c, i)| c == i);
        if all_present {
            self.op("Softmax", &[&scores], Some(OUTPUT_NAME), vec![axis]);
            return Ok(());
        }
        let probabilities = self.op("Softmax", &[&scores], None, vec![axis]);
        let mut placement = vec![0.0f32; n_present * n_classes];
        for (row, &c) in model.present.iter().enumerate() {
            placement[row * n_classes + c as usize] = 1.0;
        }
        let dims = [n_present, n_classes];
        let place = self.constant("present_to_all_classes", &dims, &placement);
        self.op(
            "MatMul",
            &[&probabilities, &place],
            Some(OUTPUT_NAME),
            Vec::new(),
        );
        Ok(())
    }
}

/// What the export reads of a fitted logistic regression.
#[derive(Debug, Clone, Copy)]
pub struct LogisticParts<'a> {
    pub present: &'a [u32],
    pub weights: &'a [f64],
    pub intercepts: &'a [f64],
    pub n_features: usize,
    pub n_classes: usize,
}

/// Per-feature inputs are named as the features: each name once, none the output's or ours.
fn check_input_names(features: &[String]) -> Result<(), OnnxError> {
    for (i, feature) in features.iter().enumerate() {
        let problem = if feature.is_empty() {
            "is empty"
        } else if feature == OUTPUT_NAME {
            "is the output's name"
        } else if feature.starts_with(PREFIX) {
            "starts with the export's own prefix `jukebox/`"
        } else if features[..i].contains(feature) {
            "appears twice"
        } else {
            continue;
        };
        return Err(OnnxError::Invalid(format!(
            "feature `{feature}` {problem}, so it cannot name one of the graph's inputs; rename the column in a Prepare cell, or export with a single `features` input"
        )));
    }
    Ok(())
}

fn activation_op(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "Relu",
        Activation::Tanh => "Tanh",
        Activation::Sigmoid => "Sigmoid",
    }
}

/// ONNX floats are `f32`; the scaler and the logistic regression keep `f64`.
#[allow(clippy::cast_possible_truncation)]
fn to_f32(values: &[f64]) -> Vec<f32> {
    values.iter().map(|&v| v as f32).collect()
}
