//! SHAP values of one row: what each feature adds to P(class) compared with the background
//! sample, exact when the model rows fit the budget, Kernel SHAP when they do not; and
//! mean |SHAP| over many rows, the global importance bars.

use serde::{Deserialize, Serialize};

use super::batch::Progress;
use super::classifier::{check_class, check_matrix, check_row};
use super::exact_shap::{exact_model_rows, exact_shap};
use super::kernel_plan::max_samples;
use super::kernel_shap::kernel_shap;
use super::{Classifier, ExplainError};
use crate::train::Matrix;

/// The fewest Kernel SHAP coalitions per feature worth computing.
const KERNEL_SAMPLES_PER_FEATURE: usize = 8;

/// How SHAP values are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShapOptions {
    /// Background rows the caller samples ([`super::background_sample`]); 100 as shap's
    /// `Independent` masker keeps.
    pub background_rows: usize,
    /// Most model rows one row's explanation may score; past it, Kernel SHAP.
    pub budget_rows: usize,
    /// Seeds the background sample and Kernel SHAP's coalitions.
    pub seed: u64,
}

impl Default for ShapOptions {
    fn default() -> Self {
        Self {
            background_rows: 100,
            // Twice the course's worst case: 2^13 coalitions × 100 background rows.
            budget_rows: 2 * (1 << 13) * 100,
            seed: 42,
        }
    }
}

/// How the values were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShapMethod {
    /// Exact Shapley values (every coalition).
    Exact,
    /// Kernel SHAP on `samples` coalitions: an estimate (additivity still exact).
    Kernel { samples: usize },
}

/// SHAP values of P(`class`) at one row, in the model's feature order:
/// `base_value + Σ values = prediction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShapValues {
    pub class: usize,
    pub values: Vec<f64>,
    /// Mean P(class) over the background rows.
    pub base_value: f64,
    /// P(class) at the row.
    pub prediction: f64,
    pub method: ShapMethod,
    /// Rows the model scored.
    pub model_rows: usize,
    pub background_rows: usize,
}

/// Mean |SHAP| per feature over many rows: which features move P(class) most overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlobalImportance {
    pub class: usize,
    pub mean_abs: Vec<f64>,
    pub n_rows: usize,
    /// Rows explained with Kernel SHAP rather than exactly.
    pub kernel_rows: usize,
}

/// SHAP values of P(`class`) at `x` (scaled, the model's inputs) against `background`:
/// exact when [`exact_model_rows`] fits `options.budget_rows`, else Kernel SHAP on as many
/// coalitions as the budget pays for (shap's default is 2M + 2048; we take fewer when the
/// budget says so, down to 8M, and report the count in [`ShapMethod::Kernel`]).
pub fn shap_values(
    model: &dyn Classifier,
    x: &[f32],
    background: &Matrix,
    class: usize,
    options: &ShapOptions,
    progress: Progress<'_>,
) -> Result<ShapValues, ExplainError> {
    check_inputs(model, x, background, class)?;
    let budget = options.budget_rows;
    if exact_model_rows(x, background) <= budget {
        return exact_shap(model, x, background, class, budget, progress);
    }
    let n = background.n_rows;
    let affordable = budget.saturating_sub(n + 1) / n;
    let m = x.len();
    let least = max_samples(m).min(KERNEL_SAMPLES_PER_FEATURE * m);
    if affordable < least {
        return Err(ExplainError::OverBudget {
            needed: n + 1 + least * n,
            budget,
        });
    }
    kernel_shap(
        model,
        x,
        background,
        class,
        affordable,
        options.seed,
        progress,
    )
}

/// Mean |SHAP| per feature over `values` (all of one model); zeros when empty.
pub fn mean_abs_shap(values: &[ShapValues]) -> Vec<f64> {
    let n_features = values.first().map_or(0, |v| v.values.len());
    let mut sums = vec![0.0; n_features];
    for row in values {
        for (sum, v) in sums.iter_mut().zip(&row.values) {
            *sum += v.abs();
        }
    }
    let n = values.len().max(1) as f64;
    sums.iter().map(|s| s / n).collect()
}

/// [`mean_abs_shap`] of every row of `rows`; progress in thousandths of a row.
pub fn global_importance(
    model: &dyn Classifier,
    rows: &Matrix,
    background: &Matrix,
    class: usize,
    options: &ShapOptions,
    progress: Progress<'_>,
) -> Result<GlobalImportance, ExplainError> {
    check_matrix(model, rows, "the rows to explain", "pick at least one row")?;
    let total = rows.n_rows * 1000;
    let mut explained = Vec::with_capacity(rows.n_rows);
    for i in 0..rows.n_rows {
        let mut per_row =
            |done: usize, all: usize| progress(i * 1000 + thousandths(done, all), total);
        explained.push(shap_values(
            model,
            rows.row(i),
            background,
            class,
            options,
            &mut per_row,
        )?);
    }
    Ok(GlobalImportance {
        class,
        mean_abs: mean_abs_shap(&explained),
        n_rows: rows.n_rows,
        kernel_rows: explained
            .iter()
            .filter(|v| matches!(v.method, ShapMethod::Kernel { .. }))
            .count(),
    })
}

/// `done / all` in thousandths, without overflowing a 32-bit `usize` (wasm).
fn thousandths(done: usize, all: usize) -> usize {
    let share = done as u128 * 1000 / all.max(1) as u128;
    usize::try_from(share).unwrap_or(1000)
}

/// The checks every SHAP computation starts with.
pub(crate) fn check_inputs(
    model: &dyn Classifier,
    x: &[f32],
    background: &Matrix,
    class: usize,
) -> Result<(), ExplainError> {
    check_class(model, class)?;
    check_row(model, x, "the row to explain")?;
    check_matrix(
        model,
        background,
        "the background sample",
        "pick at least one row of the training data as background",
    )
}
