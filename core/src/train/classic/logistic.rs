//! Multinomial logistic regression: smartcore fits it (L-BFGS on the summed cross-entropy
//! plus `alpha`/2 · ‖w‖², i.e. scikit-learn's `C = 1/alpha`); the probabilities are the
//! softmax of its scores, which smartcore does not expose.

use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::logistic_regression::{LogisticRegression, LogisticRegressionParameters};

use super::dense::{fit_error, get_f64, to_dense_f64};
use crate::train::error::TrainError;
use crate::train::{LogisticParams, Matrix};

const NAME: &str = "logistic regression";

/// Weights per class present in training (`weights[j]`: `n_features` then the intercept).
#[derive(Debug)]
pub struct Logistic {
    present: Vec<u32>,
    weights: Vec<Vec<f64>>,
    n_classes: usize,
}

pub fn fit(
    x: &Matrix,
    y: &[u32],
    n_classes: usize,
    p: LogisticParams,
) -> Result<Logistic, TrainError> {
    let xd = to_dense_f64(x, NAME)?;
    let params = LogisticRegressionParameters::default().with_alpha(p.alpha);
    let y_vec = y.to_vec();
    let lr: LogisticRegression<f64, u32, DenseMatrix<f64>, Vec<u32>> =
        LogisticRegression::fit(&xd, &y_vec, params).map_err(|e| fit_error(NAME, &e))?;
    let present = lr.classes().clone();
    let (coef, intercept) = (lr.coefficients(), lr.intercept());
    let row = |r: usize| -> Vec<f64> {
        let mut w: Vec<f64> = (0..x.n_cols).map(|c| get_f64(coef, r, c)).collect();
        w.push(get_f64(intercept, r, 0));
        w
    };
    // Two classes: smartcore fits one sigmoid for the second class; as softmax scores that
    // is (0, w) for (first, second).
    let weights = if present.len() == 2 {
        vec![vec![0.0; x.n_cols + 1], row(0)]
    } else {
        (0..present.len()).map(row).collect()
    };
    Ok(Logistic {
        present,
        weights,
        n_classes,
    })
}

impl Logistic {
    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        let n_features = self.weights.first().map_or(0, |w| w.len() - 1);
        if x.n_cols != n_features {
            return Err(fit_error(
                NAME,
                &format!("{} features given, {n_features} fitted", x.n_cols),
            ));
        }
        let mut out = Matrix::zeros(x.n_rows, self.n_classes);
        let mut scores = vec![0.0f64; self.weights.len()];
        for i in 0..x.n_rows {
            let row = x.row(i);
            for (s, w) in scores.iter_mut().zip(&self.weights) {
                *s = w[n_features]
                    + row
                        .iter()
                        .zip(w)
                        .map(|(&v, &wi)| f64::from(v) * wi)
                        .sum::<f64>();
            }
            let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let total: f64 = scores.iter().map(|s| (s - max).exp()).sum();
            let dst = out.row_mut(i);
            for (&c, s) in self.present.iter().zip(&scores) {
                #[allow(clippy::cast_possible_truncation)] // probabilities fit f32
                let p = ((s - max).exp() / total) as f32;
                dst[c as usize] = p;
            }
        }
        Ok(out)
    }
}
