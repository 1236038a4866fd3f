//! Kernel SHAP (Lundberg & Lee 2017), for rows whose exact computation would not fit the
//! budget: `v(S)` on the coalitions of [`kernel_plan`], then the weighted least squares fit
//! of `v(S) − base ≈ Σ_{i∈S} φ_i` with `Σφ = f(x) − base` built in (one feature
//! eliminated), as shap's `KernelExplainer` does with `l1_reg=False`.
//!
//! Differences from shap: features where every background row equals x get φ = 0 and
//! are left out (shap compares with `np.isclose`, we with equality); the random coalitions
//! come from our seeded generator; no L1 feature selection (shap's default keeps 10 features
//! by LARS); a singular system is an error (shap falls back to `lstsq`); tiny values are not
//! rounded to 0.

use super::batch::{ClassScorer, Progress};
use super::kernel_plan::{KernelPlan, kernel_plan};
use super::shapley::{ShapMethod, ShapValues};
use super::{Classifier, ExplainError};
use crate::random::rng_from_seed;
use crate::train::Matrix;

/// Kernel SHAP values of P(`class`) at `x` from `n_samples` coalitions (fewer when the
/// features allow fewer), drawn from `seed`.
pub fn kernel_shap(
    model: &dyn Classifier,
    x: &[f32],
    background: &Matrix,
    class: usize,
    n_samples: usize,
    seed: u64,
    progress: Progress<'_>,
) -> Result<ShapValues, ExplainError> {
    super::shapley::check_inputs(model, x, background, class)?;
    let varying = varying_features(x, background);
    let m = varying.len();
    let plan = if m >= 2 {
        if n_samples == 0 {
            return Err(ExplainError::BadSetting {
                setting: "the number of coalitions",
                value: "0".into(),
                expected: "Kernel SHAP needs at least one",
            });
        }
        kernel_plan(m, n_samples, &mut rng_from_seed(seed))
    } else {
        KernelPlan {
            masks: Vec::new(),
            weights: Vec::new(),
            n_fixed: 0,
        }
    };
    let values = coalition_values(model, x, background, class, &varying, &plan, progress)?;
    let phi_varying = solve(&plan, &values)?;
    let mut phi = vec![0.0; x.len()];
    for (&j, value) in varying.iter().zip(phi_varying) {
        phi[j] = value;
    }
    let n_rows = background.n_rows;
    Ok(ShapValues {
        class,
        values: phi,
        base_value: values.base,
        prediction: values.prediction,
        method: ShapMethod::Kernel {
            samples: plan.masks.len(),
        },
        model_rows: n_rows + 1 + plan.masks.len() * n_rows,
        background_rows: n_rows,
    })
}

/// The features where some background row differs from `x` (the others get φ = 0).
// Exact on purpose, as the exact computation's null players.
#[allow(clippy::float_cmp)]
fn varying_features(x: &[f32], background: &Matrix) -> Vec<usize> {
    (0..x.len())
        .filter(|&j| (0..background.n_rows).any(|b| background.row(b)[j] != x[j]))
        .collect()
}

/// What the model said: the base value, f(x), and v(S) of each planned coalition.
struct CoalitionValues {
    base: f64,
    prediction: f64,
    coalitions: Vec<f64>,
}

/// Scores the background rows, x, then each coalition over every background row.
fn coalition_values(
    model: &dyn Classifier,
    x: &[f32],
    background: &Matrix,
    class: usize,
    varying: &[usize],
    plan: &KernelPlan,
    progress: Progress<'_>,
) -> Result<CoalitionValues, ExplainError> {
    let n = background.n_rows;
    let total = n + 1 + plan.masks.len() * n;
    let mut sums = vec![0.0; plan.masks.len() + 2];
    let mut seen = 0_usize;
    // Row r belongs to group 0 (background), 1 (x) or 2 + k (coalition k).
    let mut sink = |value: f64| {
        let group = match seen {
            r if r < n => 0,
            r if r == n => 1,
            r => 2 + (r - n - 1) / n,
        };
        sums[group] += value;
        seen += 1;
    };
    let mut scorer = ClassScorer::new(model, class, total, progress)?;
    for b in 0..n {
        scorer.next_row(background.row(b), &mut sink)?;
    }
    scorer.next_row(x, &mut sink)?;
    for mask in &plan.masks {
        for b in 0..n {
            let row = scorer.next_row(background.row(b), &mut sink)?;
            for (&j, _) in varying.iter().zip(mask).filter(|(_, on)| **on) {
                row[j] = x[j];
            }
        }
    }
    scorer.flush(&mut sink)?;
    let n = n as f64;
    Ok(CoalitionValues {
        base: sums[0] / n,
        prediction: sums[1],
        coalitions: sums[2..].iter().map(|s| s / n).collect(),
    })
}

/// φ over the planned features: the weighted least squares fit with the last feature
/// eliminated by the efficiency constraint (`φ_last = f(x) − base − Σ` the others).
fn solve(plan: &KernelPlan, values: &CoalitionValues) -> Result<Vec<f64>, ExplainError> {
    let Some(m) = plan.masks.first().map(Vec::len) else {
        // No coalitions: zero or one varying feature; the one takes the whole difference.
        return Ok(vec![values.prediction - values.base]);
    };
    let last = m - 1;
    let gap = values.prediction - values.base;
    let mut normal = vec![0.0; last * last];
    let mut rhs = vec![0.0; last];
    let mut row = vec![0.0; last];
    for ((mask, &weight), &v) in plan.masks.iter().zip(&plan.weights).zip(&values.coalitions) {
        let last_on = f64::from(u8::from(mask[last]));
        let y = v - values.base - last_on * gap;
        for (r, &on) in row.iter_mut().zip(mask) {
            *r = f64::from(u8::from(on)) - last_on;
        }
        for i in 0..last {
            rhs[i] += weight * row[i] * y;
            for j in 0..last {
                normal[i * last + j] += weight * row[i] * row[j];
            }
        }
    }
    let mut phi = gaussian_solve(normal, rhs, last).ok_or(ExplainError::Singular {
        samples: plan.masks.len(),
    })?;
    let sum: f64 = phi.iter().sum();
    phi.push(gap - sum);
    Ok(phi)
}

/// Solves the n × n system `a · w = b` (row-major) by Gaussian elimination with partial
/// pivoting; `None` when it is (numerically) singular.
pub(crate) fn gaussian_solve(mut a: Vec<f64>, mut b: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    let scale = a.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    for col in 0..n {
        let pivot =
            (col..n).max_by(|&p, &q| a[p * n + col].abs().total_cmp(&a[q * n + col].abs()))?;
        if a[pivot * n + col].abs() <= 1e-12 * scale {
            return None;
        }
        if pivot != col {
            for k in 0..n {
                a.swap(pivot * n + k, col * n + k);
            }
            b.swap(pivot, col);
        }
        for r in col + 1..n {
            let factor = a[r * n + col] / a[col * n + col];
            for k in col..n {
                a[r * n + k] -= factor * a[col * n + k];
            }
            b[r] -= factor * b[col];
        }
    }
    let mut w = vec![0.0; n];
    for r in (0..n).rev() {
        let tail: f64 = (r + 1..n).map(|k| a[r * n + k] * w[k]).sum();
        w[r] = (b[r] - tail) / a[r * n + r];
    }
    Some(w)
}
