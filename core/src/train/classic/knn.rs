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

/// The largest value (in absolute terms) a training row may hold. smartcore squares each
/// coordinate difference in `f32`, which overflows past about 1.8e19; an infinite distance
/// sends its cover tree into endless recursion, a stack overflow that aborts the worker.
/// Scaled features are far below this; only raw features or damaged saved models reach it.
const MAX_ABS_VALUE: f32 = 1e18;

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
    let too_large = x
        .data
        .iter()
        .position(|v| !(v.is_finite() && v.abs() <= MAX_ABS_VALUE));
    if let Some(at) = too_large {
        return Err(fit_error(
            NAME,
            &format!(
                "training row {} holds {:e}, beyond the ±{MAX_ABS_VALUE:e} that distances can be measured over; scale the features (MinMax or Standard scaler) or remove the row",
                at / x.n_cols.max(1),
                x.data[at]
            ),
        ));
    }
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
