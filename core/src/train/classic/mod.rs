//! Classic models from smartcore behind one interface: logistic regression, decision tree,
//! random forest (trees fitted one at a time, so progress is per tree and a cancel stops
//! between trees), k-nearest neighbours, Gaussian naive Bayes. Every random step is seeded.

use super::error::TrainError;
use super::{Matrix, ModelSpec};

/// A fitted classic model.
#[derive(Debug)]
pub enum ClassicModel {
    Todo,
}

impl ClassicModel {
    /// Class probabilities, one row per row of `x` (scaled), `n_classes` columns.
    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        let _ = x;
        todo!("helper B")
    }
}

/// A classic model being fitted, in units (trees for a forest, one unit otherwise).
#[derive(Debug)]
pub struct ClassicTrainer {
    _todo: (),
}

impl ClassicTrainer {
    pub fn new(
        spec: &ModelSpec,
        train: (Matrix, Vec<u32>),
        n_classes: usize,
        seed: u64,
    ) -> Result<ClassicTrainer, TrainError> {
        let _ = (spec, train, n_classes, seed);
        todo!("helper B")
    }

    pub fn total_units(&self) -> u64 {
        todo!("helper B")
    }

    pub fn done_units(&self) -> u64 {
        todo!("helper B")
    }

    /// "tree" for a forest, "fit" otherwise.
    pub fn unit(&self) -> &'static str {
        todo!("helper B")
    }

    /// Fits up to `max_units` more units; true when done.
    pub fn run_units(&mut self, max_units: usize) -> Result<bool, TrainError> {
        let _ = max_units;
        todo!("helper B")
    }

    /// The model as fitted so far (a forest of the trees done; needs at least one unit).
    pub fn into_model(self) -> Result<ClassicModel, TrainError> {
        todo!("helper B")
    }
}

/// Seconds a fit of `spec` on `n_rows` × `n_features` is expected to take in the browser,
/// from measured rates; the Train cell warns above a minute and offers a sample.
pub fn estimate_seconds(
    spec: &ModelSpec,
    n_rows: usize,
    n_features: usize,
    n_classes: usize,
) -> f64 {
    let _ = (spec, n_rows, n_features, n_classes);
    todo!("helper B")
}
