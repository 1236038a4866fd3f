//! The course's dense network, hand-written on `f32` slices: Dense layers with an activation,
//! a softmax output, categorical cross-entropy, Adam with Keras' defaults, Glorot-uniform
//! weights and zero biases, seeded shuffling each epoch. Trained a few batches at a time by
//! [`NetworkTrainer`], so the worker can report progress and stop on request.
//!
//! - `kernels`: the vectorisable inner loops (products, activations, softmax);
//! - `batch`: a batch forward and backward on buffers allocated once;
//! - `adam`: the optimizer, as Keras 3 applies it;
//! - `params`: checks of hyper-parameters and data, with errors for people;
//! - `trainer`: epochs, shuffling, running metrics, the live curve.

mod adam;
mod batch;
mod kernels;
mod params;
mod trainer;

#[cfg(test)]
mod tests;

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::error::TrainError;
use super::{Activation, Matrix, NetworkParams};
use crate::random::rng_from_seed;

pub use trainer::NetworkTrainer;

/// Rows scored together when evaluating or predicting.
const EVAL_ROWS: usize = 256;

/// One Dense layer: `y = x · W + b`, `weights` row-major `[n_in][n_out]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dense {
    pub n_in: usize,
    pub n_out: usize,
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
}

/// A trained (or training) network: hidden layers with `activation`, a softmax output layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub layers: Vec<Dense>,
    pub activation: Activation,
}

impl Network {
    /// A fresh network: Glorot-uniform weights and zero biases, drawn from `seed`.
    pub fn new(
        n_inputs: usize,
        params: &NetworkParams,
        n_classes: usize,
        seed: u64,
    ) -> Result<Network, TrainError> {
        params::check_shape(n_inputs, &params.hidden, n_classes)?;
        let mut rng = rng_from_seed(seed);
        let mut sizes = vec![n_inputs];
        sizes.extend_from_slice(&params.hidden);
        sizes.push(n_classes);
        let layers = sizes
            .windows(2)
            .map(|pair| {
                let (n_in, n_out) = (pair[0], pair[1]);
                // Keras' GlorotUniform: U(-limit, limit), limit = √(6 / (fan_in + fan_out)).
                #[allow(clippy::cast_possible_truncation)]
                let limit = (6.0 / (n_in + n_out) as f64).sqrt() as f32;
                let weights = (0..n_in * n_out)
                    .map(|_| (rng.random::<f32>() * 2.0 - 1.0) * limit)
                    .collect();
                Dense {
                    n_in,
                    n_out,
                    weights,
                    bias: vec![0.0; n_out],
                }
            })
            .collect();
        Ok(Network {
            layers,
            activation: params.activation,
        })
    }

    /// Features the network takes.
    pub fn n_inputs(&self) -> usize {
        self.layers.first().map_or(0, |l| l.n_in)
    }

    /// Classes the network scores.
    pub fn n_classes(&self) -> usize {
        self.layers.last().map_or(0, |l| l.n_out)
    }

    /// Class probabilities (softmax), one row per row of `x` (already scaled).
    ///
    /// `x` must have `n_inputs()` columns (the training data's); extra columns are not read.
    pub fn predict_proba(&self, x: &Matrix) -> Matrix {
        let n_classes = self.n_classes();
        let mut out = Matrix::zeros(x.n_rows, n_classes);
        self.for_each_chunk(x, |start, probabilities| {
            out.data[start * n_classes..start * n_classes + probabilities.len()]
                .copy_from_slice(probabilities);
        });
        out
    }

    /// Mean categorical cross-entropy and accuracy on `x`, `y` (`(NaN, NaN)` without rows, or
    /// when `y` does not have one label per row).
    pub fn loss_and_accuracy(&self, x: &Matrix, y: &[u32]) -> (f64, f64) {
        if x.n_rows != y.len() {
            return (f64::NAN, f64::NAN);
        }
        let n_classes = self.n_classes();
        let (mut loss_sum, mut hits) = (0.0_f64, 0_usize);
        self.for_each_chunk(x, |start, probabilities| {
            for (row, &label) in probabilities.chunks_exact(n_classes).zip(&y[start..]) {
                let (loss, hit) = kernels::row_loss_and_hit(row, label as usize);
                loss_sum += loss;
                hits += usize::from(hit);
            }
        });
        let n = x.n_rows as f64;
        (loss_sum / n, hits as f64 / n)
    }

    /// Runs `x` through the network `EVAL_ROWS` rows at a time, handing each chunk's first row
    /// index and probabilities to `visit`.
    fn for_each_chunk(&self, x: &Matrix, mut visit: impl FnMut(usize, &[f32])) {
        let n_inputs = self.n_inputs();
        if n_inputs == 0 || x.n_cols < n_inputs || x.data.len() < x.n_rows * x.n_cols {
            return;
        }
        let mut forward = batch::Forward::new(self, EVAL_ROWS.min(x.n_rows));
        let mut input = Vec::with_capacity(EVAL_ROWS * n_inputs);
        for start in (0..x.n_rows).step_by(EVAL_ROWS) {
            let end = (start + EVAL_ROWS).min(x.n_rows);
            let chunk = &x.data[start * x.n_cols..end * x.n_cols];
            let rows: &[f32] = if x.n_cols == n_inputs {
                chunk
            } else {
                input.clear();
                for row in chunk.chunks_exact(x.n_cols) {
                    input.extend_from_slice(&row[..n_inputs]);
                }
                &input
            };
            forward.run(self, rows);
            visit(start, forward.probabilities());
        }
    }
}
