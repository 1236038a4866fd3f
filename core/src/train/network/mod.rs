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

use std::sync::{Mutex, PoisonError};

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::error::TrainError;
use super::{Activation, Matrix, NetworkParams};
use crate::parallel::{Parallel, Serial};
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
        self.predict_proba_on(x, &Serial)
    }

    /// As [`Network::predict_proba`], ranges of rows side by side on `parallel` (each row's
    /// probabilities do not depend on the others', so the bits are the same).
    pub fn predict_proba_on(&self, x: &Matrix, parallel: &dyn Parallel) -> Matrix {
        let n_classes = self.n_classes();
        let mut out = Matrix::zeros(x.n_rows, n_classes);
        let group_rows = Self::group_rows(x, parallel);
        let groups: Vec<Mutex<&mut [f32]>> = out
            .data
            .chunks_mut(group_rows * n_classes.max(1))
            .map(Mutex::new)
            .collect();
        self.for_each_group(
            x,
            group_rows,
            groups.len(),
            parallel,
            &|group, start, probabilities| {
                let offset = (start - group * group_rows) * n_classes;
                groups[group].lock().unwrap_or_else(PoisonError::into_inner)
                    [offset..offset + probabilities.len()]
                    .copy_from_slice(probabilities);
            },
        );
        out
    }

    /// Mean categorical cross-entropy and accuracy on `x`, `y` (`(NaN, NaN)` without rows, or
    /// when `y` does not have one label per row).
    pub fn loss_and_accuracy(&self, x: &Matrix, y: &[u32]) -> (f64, f64) {
        self.loss_and_accuracy_on(x, y, &Serial)
    }

    /// As [`Network::loss_and_accuracy`], ranges of rows side by side on `parallel`; the rows'
    /// losses are added in row order whatever the split, so the bits are the same.
    pub fn loss_and_accuracy_on(
        &self,
        x: &Matrix,
        y: &[u32],
        parallel: &dyn Parallel,
    ) -> (f64, f64) {
        if x.n_rows != y.len() {
            return (f64::NAN, f64::NAN);
        }
        let n_classes = self.n_classes();
        let mut rows = vec![(0.0_f64, false); x.n_rows];
        let group_rows = Self::group_rows(x, parallel);
        let groups: Vec<Mutex<&mut [(f64, bool)]>> =
            rows.chunks_mut(group_rows).map(Mutex::new).collect();
        self.for_each_group(
            x,
            group_rows,
            groups.len(),
            parallel,
            &|group, start, probabilities| {
                let mut slots = groups[group].lock().unwrap_or_else(PoisonError::into_inner);
                let offset = start - group * group_rows;
                for ((slot, row), &label) in slots[offset..]
                    .iter_mut()
                    .zip(probabilities.chunks_exact(n_classes))
                    .zip(&y[start..])
                {
                    *slot = kernels::row_loss_and_hit(row, label as usize);
                }
            },
        );
        let (mut loss_sum, mut hits) = (0.0_f64, 0_usize);
        for (loss, hit) in rows {
            loss_sum += loss;
            hits += usize::from(hit);
        }
        let n = x.n_rows as f64;
        (loss_sum / n, hits as f64 / n)
    }

    /// Rows per group: the rows split evenly over four groups per thread (whole chunks of
    /// `EVAL_ROWS`), or all of them on one thread.
    fn group_rows(x: &Matrix, parallel: &dyn Parallel) -> usize {
        let groups = if parallel.width() > 1 {
            4 * parallel.width()
        } else {
            1
        };
        let chunks = x.n_rows.div_ceil(EVAL_ROWS).max(1);
        chunks.div_ceil(groups) * EVAL_ROWS
    }

    /// Runs each group of `group_rows` rows of `x` on `parallel`, `EVAL_ROWS` rows at a time,
    /// handing the group, each chunk's first row index and its probabilities to `visit`.
    fn for_each_group(
        &self,
        x: &Matrix,
        group_rows: usize,
        groups: usize,
        parallel: &dyn Parallel,
        visit: &(dyn Fn(usize, usize, &[f32]) + Sync),
    ) {
        let n_inputs = self.n_inputs();
        if n_inputs == 0 || x.n_cols < n_inputs || x.data.len() < x.n_rows * x.n_cols {
            return;
        }
        parallel.for_each(groups, &|group| {
            let first = group * group_rows;
            let end = (first + group_rows).min(x.n_rows);
            let mut forward = batch::Forward::new(self, EVAL_ROWS.min(end - first));
            let mut input = Vec::with_capacity(EVAL_ROWS * n_inputs);
            for start in (first..end).step_by(EVAL_ROWS) {
                let stop = (start + EVAL_ROWS).min(end);
                let chunk = &x.data[start * x.n_cols..stop * x.n_cols];
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
                visit(group, start, forward.probabilities());
            }
        });
    }
}
