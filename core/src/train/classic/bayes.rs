//! Gaussian naive Bayes as scikit-learn's `GaussianNB`: per-class means and population
//! variances (two-pass), variances smoothed by 1e-9 × the largest feature variance, priors
//! from class shares, probabilities by log-sum-exp.

use crate::train::Matrix;

#[derive(Debug)]
pub struct GaussianNb {
    /// Classes present in training, with their log prior, means and variances.
    pub(super) classes: Vec<ClassStats>,
    pub(super) n_classes: usize,
}

#[derive(Debug)]
pub(super) struct ClassStats {
    pub(super) class: u32,
    pub(super) log_prior: f64,
    pub(super) mean: Vec<f64>,
    pub(super) var: Vec<f64>,
}

/// scikit-learn's default `var_smoothing`.
const VAR_SMOOTHING: f64 = 1e-9;

impl GaussianNb {
    /// Fits on `x` (rows checked finite) and `y` (labels below `n_classes`).
    #[allow(clippy::many_single_char_names)] // x, y, p as in the formulas
    pub fn fit(x: &Matrix, y: &[u32], n_classes: usize) -> GaussianNb {
        let p = x.n_cols;
        let mut count = vec![0usize; n_classes];
        let mut sum = vec![vec![0.0f64; p]; n_classes];
        for (i, &c) in y.iter().enumerate() {
            count[c as usize] += 1;
            for (s, &v) in sum[c as usize].iter_mut().zip(x.row(i)) {
                *s += f64::from(v);
            }
        }
        let mean: Vec<Vec<f64>> = sum
            .iter()
            .zip(&count)
            .map(|(s, &n)| s.iter().map(|v| v / n.max(1) as f64).collect())
            .collect();
        let mut sq = vec![vec![0.0f64; p]; n_classes];
        for (i, &c) in y.iter().enumerate() {
            let (m, s) = (&mean[c as usize], &mut sq[c as usize]);
            for ((s, &v), mu) in s.iter_mut().zip(x.row(i)).zip(m) {
                *s += (f64::from(v) - mu).powi(2);
            }
        }
        let epsilon = VAR_SMOOTHING * max_feature_variance(x);
        let classes = (0..n_classes)
            .filter(|&c| count[c] > 0)
            .map(|c| ClassStats {
                #[allow(clippy::cast_possible_truncation)] // c < n_classes, which came from u32 labels
                class: c as u32,
                log_prior: libm::log(count[c] as f64 / y.len() as f64),
                var: sq[c].iter().map(|s| s / count[c] as f64 + epsilon).collect(),
                mean: mean[c].clone(),
            })
            .collect();
        GaussianNb { classes, n_classes }
    }

    /// Class probabilities of each row, computed as scikit-learn's joint log-likelihood:
    /// log prior − ½ Σ ln(2π var) (a constant per class, computed once) − ½ Σ (x − μ)² / var.
    pub fn predict_proba(&self, x: &Matrix) -> Matrix {
        let constants: Vec<f64> = self
            .classes
            .iter()
            .map(|cs| {
                cs.log_prior
                    - 0.5
                        * cs.var
                            .iter()
                            .map(|var| libm::log(std::f64::consts::TAU * var))
                            .sum::<f64>()
            })
            .collect();
        let mut out = Matrix::zeros(x.n_rows, self.n_classes);
        let mut joint = vec![0.0f64; self.classes.len()];
        let mut row = vec![0.0f64; x.n_cols];
        for i in 0..x.n_rows {
            for (r, &v) in row.iter_mut().zip(x.row(i)) {
                *r = f64::from(v);
            }
            for ((j, cs), constant) in joint.iter_mut().zip(&self.classes).zip(&constants) {
                *j = constant - 0.5 * squared_distance(&row, &cs.mean, &cs.var);
            }
            let max = joint.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut total = 0.0;
            for j in &mut joint {
                *j = libm::exp(*j - max);
                total += *j;
            }
            let dst = out.row_mut(i);
            for (cs, j) in self.classes.iter().zip(&joint) {
                #[allow(clippy::cast_possible_truncation)] // probabilities fit f32
                let p = (j / total) as f32;
                dst[cs.class as usize] = p;
            }
        }
        out
    }
}

/// `Σ (row − mean)² / var` over the features.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn squared_distance(row: &[f64], mean: &[f64], var: &[f64]) -> f64 {
    row.iter()
        .zip(mean)
        .zip(var)
        .map(|((v, mu), var)| (v - mu) * (v - mu) / var)
        .sum()
}

/// The largest population variance of a feature over all rows (scikit-learn's smoothing
/// scale).
fn max_feature_variance(x: &Matrix) -> f64 {
    let n = x.n_rows.max(1) as f64;
    (0..x.n_cols)
        .map(|c| {
            let mean = (0..x.n_rows).map(|i| f64::from(x.row(i)[c])).sum::<f64>() / n;
            (0..x.n_rows)
                .map(|i| (f64::from(x.row(i)[c]) - mean).powi(2))
                .sum::<f64>()
                / n
        })
        .fold(0.0, f64::max)
}
