//! k-nearest neighbours (smartcore, Euclidean distance): probabilities are the neighbours'
//! vote shares, uniform or weighted by 1/distance (an exact match takes all the weight, as in
//! scikit-learn).
//!
//! smartcore's classifier keeps its search structure private, so the model also keeps its
//! training rows, labels and parameters: the codec stores those and fits again on decode.

use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::metrics::distance::euclidian::Euclidian;
use smartcore::neighbors::KNNWeightFunction;
use smartcore::neighbors::knn_classifier::{KNNClassifier, KNNClassifierParameters};

use super::dense::{fit_error, sorted_classes, spread, to_dense_f32};
use crate::train::error::TrainError;
use crate::train::{KnnParams, Matrix};

const NAME: &str = "k-nearest neighbours";

type Inner = KNNClassifier<f32, u32, DenseMatrix<f32>, Vec<u32>, Euclidian<f32>>;

#[derive(Debug)]
pub struct Knn {
    inner: Inner,
    present: Vec<u32>,
    n_classes: usize,
    /// What the model was fitted on, for the codec (a second copy of the training rows).
    pub(super) x: Matrix,
    pub(super) y: Vec<u32>,
    pub(super) params: KnnParams,
}

pub fn fit(x: &Matrix, y: &[u32], n_classes: usize, p: &KnnParams) -> Result<Knn, TrainError> {
    let xd = to_dense_f32(x, NAME)?;
    let weight = if p.distance_weighted {
        KNNWeightFunction::Distance
    } else {
        KNNWeightFunction::Uniform
    };
    let params = KNNClassifierParameters::default()
        .with_k(p.k)
        .with_weight(weight);
    let inner = KNNClassifier::fit(&xd, &y.to_vec(), params).map_err(|e| fit_error(NAME, &e))?;
    Ok(Knn {
        inner,
        present: sorted_classes(y),
        n_classes,
        x: x.clone(),
        y: y.to_vec(),
        params: *p,
    })
}

impl Knn {
    pub(super) fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        let xd = to_dense_f32(x, NAME)?;
        let rows = self
            .inner
            .predict_proba(&xd)
            .map_err(|e| fit_error(NAME, &e))?;
        Ok(spread(&rows, &self.present, self.n_classes))
    }
}
