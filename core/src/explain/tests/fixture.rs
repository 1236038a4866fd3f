//! The reference fixture and the models the tests explain.

use std::sync::OnceLock;

use serde_json::Value;

use crate::explain::{Classifier, ExplainError};
use crate::train::Matrix;

/// `../fixtures/explain_reference.json`, parsed once.
pub(super) fn reference() -> &'static Value {
    static REFERENCE: OnceLock<Value> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        serde_json::from_str(include_str!("../fixtures/explain_reference.json")).unwrap()
    })
}

pub(super) fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// A list of rows as an `f32` matrix (the fixture's values are exact in `f32`).
#[allow(clippy::cast_possible_truncation)] // f32-exact by construction
pub(super) fn matrix(v: &Value) -> Matrix {
    let rows: Vec<Vec<f64>> = v.as_array().unwrap().iter().map(floats).collect();
    let n_cols = rows.first().map_or(0, Vec::len);
    let data = rows.iter().flatten().map(|&x| x as f32).collect();
    Matrix::from_vec(rows.len(), n_cols, data).unwrap()
}

/// A dense network with tanh hidden layers and a softmax output, computed in `f64` and
/// returned as `f32` (as every model returns), so it matches the script's numpy model to
/// within `f32` rounding of the probabilities.
#[derive(Debug, Clone)]
pub(super) struct Mlp {
    /// (weights `[n_in][n_out]`, bias) per layer.
    pub layers: Vec<(Vec<Vec<f64>>, Vec<f64>)>,
}

impl Mlp {
    /// The fixture's model.
    pub fn reference() -> Mlp {
        let layers = reference()["model"]["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|layer| {
                let weights = layer["weights"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(floats)
                    .collect();
                (weights, floats(&layer["bias"]))
            })
            .collect();
        Mlp { layers }
    }

    pub fn proba_row(&self, x: &[f32]) -> Vec<f64> {
        let mut a: Vec<f64> = x.iter().map(|&v| f64::from(v)).collect();
        for (index, (weights, bias)) in self.layers.iter().enumerate() {
            let mut z = bias.clone();
            for (input, row) in a.iter().zip(weights) {
                for (out, w) in z.iter_mut().zip(row) {
                    *out += input * w;
                }
            }
            if index + 1 < self.layers.len() {
                for v in &mut z {
                    *v = v.tanh();
                }
            }
            a = z;
        }
        let top = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = a.iter().map(|v| (v - top).exp()).collect();
        let sum: f64 = exp.iter().sum();
        exp.iter().map(|e| e / sum).collect()
    }
}

impl Classifier for Mlp {
    fn n_features(&self) -> usize {
        self.layers[0].0.len()
    }

    fn n_classes(&self) -> usize {
        self.layers.last().unwrap().1.len()
    }

    #[allow(clippy::cast_possible_truncation)] // models return f32 probabilities
    fn predict_proba(&self, x: &Matrix) -> Result<Matrix, ExplainError> {
        let data = (0..x.n_rows)
            .flat_map(|i| self.proba_row(x.row(i)))
            .map(|p| p as f32)
            .collect();
        Ok(Matrix::from_vec(x.n_rows, self.n_classes(), data).unwrap())
    }
}

/// A progress callback that never cancels.
pub(super) fn quiet() -> impl FnMut(usize, usize) -> bool {
    |_, _| true
}
