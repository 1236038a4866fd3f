//! Our row-major `f32` matrix to smartcore's `DenseMatrix` and back.

use smartcore::linalg::basic::matrix::DenseMatrix;

use crate::train::Matrix;
use crate::train::error::TrainError;

/// `x` as a row-major smartcore matrix of `f32` (no conversion of the values).
pub fn to_dense_f32(x: &Matrix, model: &'static str) -> Result<DenseMatrix<f32>, TrainError> {
    DenseMatrix::new(x.n_rows, x.n_cols, x.data.clone(), false).map_err(|e| fit_error(model, &e))
}

pub fn fit_error(model: &'static str, e: &impl std::fmt::Display) -> TrainError {
    TrainError::Fit {
        model,
        message: e.to_string(),
    }
}

/// The sorted distinct labels of `y`: the column order of smartcore's probabilities.
pub fn sorted_classes(y: &[u32]) -> Vec<u32> {
    let mut c = y.to_vec();
    c.sort_unstable();
    c.dedup();
    c
}

/// One-hot (or share) rows spread to `n_classes` columns: column `j` of `rows` is our class
/// `present[j]`.
pub fn spread(rows: &[Vec<f64>], present: &[u32], n_classes: usize) -> Matrix {
    let mut out = Matrix::zeros(rows.len(), n_classes);
    for (i, row) in rows.iter().enumerate() {
        let dst = out.row_mut(i);
        for (&c, &p) in present.iter().zip(row) {
            #[allow(clippy::cast_possible_truncation)] // probabilities fit f32
            let p = p as f32;
            dst[c as usize] = p;
        }
    }
    out
}
