//! The course's dense network, hand-written on `f32` slices: Dense layers with an activation,
//! a softmax output, categorical cross-entropy, Adam with Keras' defaults, Glorot-uniform
//! weights and zero biases, seeded shuffling each epoch. Trained a few batches at a time by
//! [`NetworkTrainer`], so the worker can report progress and stop on request.

use serde::{Deserialize, Serialize};

use super::error::TrainError;
use super::{Activation, CurvePoint, EpochRecord, Matrix, NetworkParams};

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
        let _ = (n_inputs, params, n_classes, seed);
        todo!("helper A")
    }

    /// Class probabilities (softmax), one row per row of `x` (already scaled).
    pub fn predict_proba(&self, x: &Matrix) -> Matrix {
        let _ = x;
        todo!("helper A")
    }

    /// Mean categorical cross-entropy and accuracy on `x`, `y`.
    pub fn loss_and_accuracy(&self, x: &Matrix, y: &[u32]) -> (f64, f64) {
        let _ = (x, y);
        todo!("helper A")
    }
}

/// Training state: the network, Adam's moments, where in which epoch it is.
#[derive(Debug)]
pub struct NetworkTrainer {
    _todo: (),
}

impl NetworkTrainer {
    /// Starts training on `train` (scaled) with `validation` scored after each epoch.
    pub fn new(
        params: &NetworkParams,
        train: (Matrix, Vec<u32>),
        validation: (Matrix, Vec<u32>),
        n_classes: usize,
        seed: u64,
    ) -> Result<NetworkTrainer, TrainError> {
        let _ = (params, train, validation, n_classes, seed);
        todo!("helper A")
    }

    /// Batches in the whole training (all epochs).
    pub fn total_batches(&self) -> u64 {
        todo!("helper A")
    }

    /// Batches done so far.
    pub fn done_batches(&self) -> u64 {
        todo!("helper A")
    }

    /// Trains up to `max_batches` more batches; true when every epoch is done.
    pub fn run_batches(&mut self, max_batches: usize) -> bool {
        let _ = max_batches;
        todo!("helper A")
    }

    /// The live curve (running loss/accuracy within each epoch, a few points per epoch).
    pub fn points(&self) -> &[CurvePoint] {
        todo!("helper A")
    }

    /// Finished epochs, with validation loss and accuracy.
    pub fn history(&self) -> &[EpochRecord] {
        todo!("helper A")
    }

    pub fn network(&self) -> &Network {
        todo!("helper A")
    }

    pub fn into_network(self) -> Network {
        todo!("helper A")
    }
}
