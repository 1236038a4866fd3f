//! Multinomial logistic regression as scikit-learn's `LogisticRegression(solver="lbfgs")`:
//! our L-BFGS minimises the mean cross-entropy plus `alpha`/(2n) · ‖W‖² (intercepts not
//! penalised; `alpha` = 1/C), in f64, from zero weights. With two classes one weight vector
//! scores the second class against the first, as scikit-learn's binomial fit.

// The optimiser's usual notation (x, y, f, g, s, d).
#![allow(clippy::many_single_char_names)]
use super::lbfgs::minimise;
use crate::train::distinct::Merged;
use crate::train::error::TrainError;
use crate::train::{LogisticParams, Matrix};

const NAME: &str = "logistic regression";
/// scikit-learn's defaults.
const MAX_ITER: usize = 100;
const TOL: f64 = 1e-4;

/// Weights `w` (features × present classes, row-major) and intercepts `b` per present class.
#[derive(Debug)]
pub struct Logistic {
    pub(super) present: Vec<u32>,
    pub(super) w: Vec<f64>,
    pub(super) b: Vec<f64>,
    pub(super) n_features: usize,
    pub(super) n_classes: usize,
}

pub fn fit(x: &Matrix, y: &[u32], n_classes: usize, p: LogisticParams) -> Logistic {
    fit_with(x, y, n_classes, p, MAX_ITER, TOL)
}

/// [`fit`] with scikit-learn's `max_iter` and `tol`.
pub fn fit_with(
    x: &Matrix,
    y: &[u32],
    n_classes: usize,
    p: LogisticParams,
    max_iter: usize,
    tol: f64,
) -> Logistic {
    let mut present = y.to_vec();
    present.sort_unstable();
    present.dedup();
    let problem = Problem::new(x, y, &present, p.alpha);
    let (n_features, k) = (x.n_cols, present.len());
    let mut theta = vec![0.0; (n_features + 1) * k];
    minimise(|t, g| problem.loss_grad(t, g), &mut theta, max_iter, tol);
    let b = theta.split_off(n_features * k);
    Logistic {
        present,
        w: theta,
        b,
        n_features,
        n_classes,
    }
}

/// The objective's data, per distinct feature row (the course's rows are daily chart entries
/// of far fewer songs, so one song's rows share their features and differ in their label):
/// the row in f64, how many training rows it stands for, and how many of them carry each
/// label. Each row's cross-entropy depends on its features and label only, so the sum over
/// the distinct rows weighted by these counts is the sum over the training rows.
pub struct Problem {
    x: Vec<f64>,
    merged: Merged,
    n_rows: usize,
    n_features: usize,
    k: usize,
    alpha: f64,
}

impl Problem {
    pub fn new(x: &Matrix, y: &[u32], present: &[u32], alpha: f64) -> Problem {
        let merged = Merged::new(x, y, present);
        Problem {
            x: merged.rows(x).data.iter().map(|&v| f64::from(v)).collect(),
            merged,
            n_rows: y.len(),
            n_features: x.n_cols,
            k: present.len(),
            alpha,
        }
    }

    /// The objective at `theta` (weights then intercepts); its gradient into `grad`.
    #[allow(clippy::cast_precision_loss)] // row counts below 2^53
    pub fn loss_grad(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (nf, k) = (self.n_features, self.k);
        grad.fill(0.0);
        let (w, b) = theta.split_at(nf * k);
        let (gw, gb) = grad.split_at_mut(nf * k);
        let mut z = vec![0.0; k];
        let mut loss = 0.0;
        for (g, row) in self.x.chunks_exact(nf).enumerate() {
            let (labels, n) = (self.merged.labels(g), self.merged.count(g));
            scores(row, w, b, &mut z);
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            // Each row's cross-entropy: log Σ exp(score − max) − (its label's score − max).
            for &(c, m) in labels {
                loss -= m * (z[c] - max);
            }
            loss += n * softmax(&mut z, max);
            // z becomes n · softmax minus the label counts: the gradient of the rows' loss.
            for s in &mut z {
                *s *= n;
            }
            for &(c, m) in labels {
                z[c] -= m;
            }
            add_outer(row, &z, gw, gb);
        }
        loss += 0.5 * self.alpha * w.iter().map(|v| v * v).sum::<f64>();
        for (g, &v) in gw.iter_mut().zip(w) {
            *g += self.alpha * v;
        }
        if k == 2 {
            // Binomial: the first class's scores stay 0.
            for j in 0..=nf {
                grad[j * k] = 0.0;
            }
        }
        let scale = 1.0 / self.n_rows as f64;
        for g in &mut *grad {
            *g *= scale;
        }
        loss * scale
    }
}

/// `row`'s class scores into `z`: the intercepts plus the weighted features.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn scores(row: &[f64], w: &[f64], b: &[f64], z: &mut [f64]) {
    z.copy_from_slice(b);
    for (&xj, wj) in row.iter().zip(w.chunks_exact(z.len())) {
        for (s, &wc) in z.iter_mut().zip(wj) {
            *s += xj * wc;
        }
    }
}

/// The scores `z` (whose largest is `max`) turned into their softmax, each exponentiated
/// once; returns the log of the sum of the exponentials of the scores minus `max`.
fn softmax(z: &mut [f64], max: f64) -> f64 {
    // std's exp: natively the platform's (more than twice as fast here as the libm crate's,
    // which wasm32's std uses), so the CLI's weights may differ from the browser's in their
    // last bits; the network, which the CLI must match exactly, uses libm on both.
    let mut sum = 0.0;
    for s in z.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    let inv = 1.0 / sum;
    for s in z.iter_mut() {
        *s *= inv;
    }
    sum.ln()
}

/// `gw[j] += row[j] · d` for each feature `j` (rows of `gw` are classes) and `gb += d`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn add_outer(row: &[f64], d: &[f64], gw: &mut [f64], gb: &mut [f64]) {
    for (&xj, gj) in row.iter().zip(gw.chunks_exact_mut(d.len())) {
        for (g, &dc) in gj.iter_mut().zip(d) {
            *g += xj * dc;
        }
    }
    for (g, &dc) in gb.iter_mut().zip(d) {
        *g += dc;
    }
}

impl Logistic {
    /// The classes seen in training (sorted class indices), one score column each.
    pub(crate) fn present_classes(&self) -> &[u32] {
        &self.present
    }

    /// Weights, features × present classes, row-major (with two classes the first column
    /// is all zeros: the binomial fit scores the second class against the first).
    pub(crate) fn weights(&self) -> &[f64] {
        &self.w
    }

    /// Intercepts, one per present class.
    pub(crate) fn intercepts(&self) -> &[f64] {
        &self.b
    }

    pub(crate) fn n_features(&self) -> usize {
        self.n_features
    }

    /// Classes of the whole target (present in training or not).
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        if x.n_cols != self.n_features {
            return Err(TrainError::Fit {
                model: NAME,
                message: format!(
                    "{} features given, {} fitted; score rows with the features the model was trained on",
                    x.n_cols, self.n_features
                ),
            });
        }
        let mut out = Matrix::zeros(x.n_rows, self.n_classes);
        let mut z = vec![0.0f64; self.present.len()];
        let mut row = vec![0.0f64; self.n_features];
        for i in 0..x.n_rows {
            for (r, &v) in row.iter_mut().zip(x.row(i)) {
                *r = f64::from(v);
            }
            scores(&row, &self.w, &self.b, &mut z);
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            softmax(&mut z, max);
            let dst = out.row_mut(i);
            for (&c, &p) in self.present.iter().zip(&z) {
                #[allow(clippy::cast_possible_truncation)] // probabilities fit f32
                let p = p as f32;
                dst[c as usize] = p;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::cast_precision_loss, clippy::float_cmp)]
    use super::*;

    fn data() -> (Matrix, Vec<u32>) {
        let x: Vec<f32> = (0..40u8)
            .map(|i| f32::from(i % 7) * 0.3 - f32::from(i % 3))
            .collect();
        (
            Matrix::from_vec(20, 2, x).unwrap(),
            (0..20).map(|i| [0, 1, 3][i % 3]).collect(),
        )
    }

    #[test]
    fn the_gradient_matches_finite_differences_with_and_without_a_penalty() {
        let (x, y) = data();
        for (alpha, present) in [
            (0.0, vec![0, 1, 3]),
            (2.5, vec![0, 1, 3]),
            (1.0, vec![0, 1]),
        ] {
            let y: Vec<u32> = y
                .iter()
                .map(|&c| if present.contains(&c) { c } else { 0 })
                .collect();
            let problem = Problem::new(&x, &y, &present, alpha);
            let n = 3 * present.len();
            let theta: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin()).collect();
            let mut grad = vec![0.0; n];
            problem.loss_grad(&theta, &mut grad);
            let mut scratch = vec![0.0; n];
            for i in 0..n {
                // The binomial fit keeps the first class at 0: its gradient is 0 by design.
                if present.len() == 2 && i % 2 == 0 {
                    assert_eq!(grad[i], 0.0);
                    continue;
                }
                let (mut up, mut down) = (theta.clone(), theta.clone());
                up[i] += 1e-6;
                down[i] -= 1e-6;
                let numeric = (problem.loss_grad(&up, &mut scratch)
                    - problem.loss_grad(&down, &mut scratch))
                    / 2e-6;
                assert!(
                    (numeric - grad[i]).abs() < 1e-6,
                    "alpha {alpha} component {i}: {numeric} vs {}",
                    grad[i]
                );
            }
        }
    }

    /// The objective from its definition, row by row: the mean cross-entropy of each row's
    /// softmax plus alpha/(2n) · ‖W‖², and its gradient.
    fn row_by_row(x: &Matrix, y: &[usize], k: usize, alpha: f64, theta: &[f64]) -> (f64, Vec<f64>) {
        let nf = x.n_cols;
        let n = x.n_rows as f64;
        let mut grad = vec![0.0; theta.len()];
        let mut loss = 0.0;
        for (i, &label) in y.iter().enumerate() {
            let row: Vec<f64> = x.row(i).iter().map(|&v| f64::from(v)).collect();
            let s: Vec<f64> = (0..k)
                .map(|c| {
                    theta[nf * k + c] + (0..nf).map(|j| row[j] * theta[j * k + c]).sum::<f64>()
                })
                .collect();
            let total: f64 = s.iter().map(|v| v.exp()).sum();
            loss -= (s[label].exp() / total).ln() / n;
            for c in 0..k {
                let d = (s[c].exp() / total - f64::from(u8::from(c == label))) / n;
                for j in 0..nf {
                    grad[j * k + c] += row[j] * d;
                }
                grad[nf * k + c] += d;
            }
        }
        for j in 0..nf * k {
            loss += 0.5 * alpha * theta[j] * theta[j] / n;
            grad[j] += alpha * theta[j] / n;
        }
        (loss, grad)
    }

    #[test]
    fn repeated_rows_with_different_labels_give_the_objective_of_the_rows() {
        // 60 rows of 5 distinct feature rows (as a song's daily chart entries), labels mixed
        // within each, in an order that interleaves the groups.
        let x: Vec<f32> = (0..60u8)
            .flat_map(|i| {
                [
                    f32::from(i % 5) * 0.7 - 1.0,
                    f32::from((i % 5) * (i % 5)) * 0.1,
                ]
            })
            .collect();
        let x = Matrix::from_vec(60, 2, x).unwrap();
        let y: Vec<u32> = (0..60u32)
            .map(|i| [0, 2, 3, 5][((i * 7) % 11 % 4) as usize])
            .collect();
        let present = vec![0, 2, 3, 5];
        let problem = Problem::new(&x, &y, &present, 1.5);
        assert_eq!(problem.merged.len(), 5, "five distinct rows");
        let labels: Vec<usize> = y
            .iter()
            .map(|c| present.binary_search(c).unwrap())
            .collect();
        let theta: Vec<f64> = (0..12).map(|i| (f64::from(i) * 0.61).cos()).collect();
        let mut grad = vec![0.0; 12];
        let loss = problem.loss_grad(&theta, &mut grad);
        let (want_loss, want_grad) = row_by_row(&x, &labels, 4, 1.5, &theta);
        assert!((loss - want_loss).abs() < 1e-12, "{loss} vs {want_loss}");
        for (g, want) in grad.iter().zip(&want_grad) {
            assert!((g - want).abs() < 1e-12, "{g} vs {want}");
        }
    }

    #[test]
    fn fitting_reaches_a_stationary_point_and_probabilities_sum_to_one() {
        let (x, y) = data();
        let present = vec![0, 1, 3];
        let model = fit_with(&x, &y, 4, LogisticParams { alpha: 1.0 }, 1000, 1e-8);
        let mut theta = model.w.clone();
        theta.extend(&model.b);
        let mut grad = vec![0.0; theta.len()];
        Problem::new(&x, &y, &present, 1.0).loss_grad(&theta, &mut grad);
        let largest = grad.iter().fold(0.0f64, |m, g| m.max(g.abs()));
        assert!(largest < 1e-7, "gradient {largest} after the fit");
        let proba = model.predict_proba(&x).unwrap();
        for i in 0..20 {
            let sum: f32 = proba.row(i).iter().sum();
            assert!((sum - 1.0).abs() < 1e-5 && proba.row(i)[2] == 0.0);
        }
    }
}
