//! Exact interventional Shapley values over a background sample, as shap's `Exact`
//! explainer with an `Independent` masker computes them:
//! `φ_i = Σ_S |S|!(M−|S|−1)!/M! [v(S∪{i}) − v(S)]`, where `v(S)` is the mean over background
//! rows `b` of `f(x_S, b_rest)`.
//!
//! The game is linear in the background rows (`v = mean_b v_b`), so `φ = mean_b φ_b`. In
//! `v_b` a feature where `b` already equals `x` changes nothing (a null player), and the
//! other players' Shapley values are those of the smaller game on the `k_b` features that
//! differ. So each background row costs `2^k_b` model rows instead of `2^M`: the same
//! numbers, fewer evaluations — several times fewer with the course's flags and keys, which
//! often agree.

use super::ExplainError;
use super::batch::{ClassScorer, Progress};
use super::shapley::{ShapMethod, ShapValues};
use crate::train::Matrix;

/// Model rows the exact computation scores for `x`: `Σ_b 2^k_b` (saturating).
pub fn exact_model_rows(x: &[f32], background: &Matrix) -> usize {
    (0..background.n_rows)
        .map(|b| {
            let k = differing(x, background.row(b)).len();
            if k >= usize::BITS as usize - 1 {
                usize::MAX
            } else {
                1 << k
            }
        })
        .fold(0_usize, usize::saturating_add)
}

/// Exact SHAP values of P(`class`) at `x` (inputs checked by the caller: see
/// [`super::shap_values`]); `Err(OverBudget)` past `budget_rows` model rows.
pub(crate) fn exact_shap(
    model: &dyn super::Classifier,
    x: &[f32],
    background: &Matrix,
    class: usize,
    budget_rows: usize,
    progress: Progress<'_>,
) -> Result<ShapValues, ExplainError> {
    let total = exact_model_rows(x, background);
    if total > budget_rows {
        return Err(ExplainError::OverBudget {
            needed: total,
            budget: budget_rows,
        });
    }
    let players: Vec<Vec<usize>> = (0..background.n_rows)
        .map(|b| differing(x, background.row(b)))
        .collect();
    let mut folder = GameFolder::new(&players, x.len());
    let mut scorer = ClassScorer::new(model, class, total, progress)?;
    let mut sink = |value| folder.push(value);
    for (b, features) in players.iter().enumerate() {
        let base = background.row(b);
        for coalition in 0..1_usize << features.len() {
            let row = scorer.next_row(base, &mut sink)?;
            for (bit, &j) in features.iter().enumerate() {
                if coalition >> bit & 1 == 1 {
                    row[j] = x[j];
                }
            }
        }
    }
    scorer.flush(&mut sink)?;
    let n = background.n_rows as f64;
    Ok(ShapValues {
        class,
        values: folder.phi.iter().map(|v| v / n).collect(),
        base_value: folder.base_sum / n,
        prediction: folder.prediction_sum / n,
        method: ShapMethod::Exact,
        model_rows: total,
        background_rows: background.n_rows,
    })
}

/// The features where background row `b` differs from `x`.
// Exact on purpose: a background value equal to the row's, bit for bit, is a null player.
#[allow(clippy::float_cmp)]
fn differing(x: &[f32], b: &[f32]) -> Vec<usize> {
    x.iter()
        .zip(b)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(j, _)| j)
        .collect()
}

/// Folds each background row's game into the Shapley values as soon as its `2^k` values
/// have arrived (rows arrive in the order they were generated).
struct GameFolder<'a> {
    players: &'a [Vec<usize>],
    current: usize,
    values: Vec<f64>,
    /// `Σ_b φ_b` per feature.
    phi: Vec<f64>,
    base_sum: f64,
    prediction_sum: f64,
    /// `weights[k][s] = s!(k−s−1)!/k!`, the Shapley weight of a coalition of `s` of `k`
    /// players.
    weights: Vec<Vec<f64>>,
}

impl<'a> GameFolder<'a> {
    fn new(players: &'a [Vec<usize>], n_features: usize) -> Self {
        let most = players.iter().map(Vec::len).max().unwrap_or(0);
        Self {
            players,
            current: 0,
            values: Vec::with_capacity(1 << most),
            phi: vec![0.0; n_features],
            base_sum: 0.0,
            prediction_sum: 0.0,
            weights: (0..=most).map(shapley_weights).collect(),
        }
    }

    fn push(&mut self, value: f64) {
        self.values.push(value);
        let Some(features) = self.players.get(self.current) else {
            return;
        };
        if self.values.len() == 1 << features.len() {
            self.fold(features);
            self.values.clear();
            self.current += 1;
        }
    }

    /// `φ_b` of one background row's game (values indexed by coalition bits), added in.
    fn fold(&mut self, features: &[usize]) {
        let k = features.len();
        let values = &self.values;
        self.base_sum += values[0];
        self.prediction_sum += values[values.len() - 1];
        let weights = &self.weights[k];
        for (i, &feature) in features.iter().enumerate() {
            let bit = 1_usize << i;
            let mut sum = 0.0;
            for rest in 0..1_usize << (k - 1) {
                // The coalitions without player i: a 0 inserted at bit i of `rest`.
                let without = ((rest >> i) << (i + 1)) | (rest & (bit - 1));
                let size = without.count_ones() as usize;
                sum += weights[size] * (values[without | bit] - values[without]);
            }
            self.phi[feature] += sum;
        }
    }
}

/// `s!(k−s−1)!/k! = 1 / (k · C(k−1, s))` for `s` in `0..k`.
pub(crate) fn shapley_weights(k: usize) -> Vec<f64> {
    let mut binomial = 1.0_f64; // C(k−1, 0)
    (0..k)
        .map(|s| {
            let weight = 1.0 / (k as f64 * binomial);
            binomial = binomial * (k - 1 - s) as f64 / (s + 1) as f64;
            weight
        })
        .collect()
}
