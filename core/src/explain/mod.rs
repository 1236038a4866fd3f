//! Explaining a model's probability for one class: SHAP values of a song's features (exact
//! interventional Shapley values over a background sample, or seeded Kernel SHAP), global
//! importance (permutation importance, mean |SHAP|) and counterfactuals (the smallest change
//! that makes a class the top one). Works for every model through its probability function.
//!
//! Everything works in the model's scaled input space (what [`Classifier`] scores), except
//! counterfactuals, which take and return raw values and scale them with the run's scaler.
//! Long computations take a progress callback `(done, total) -> bool`; returning `false`
//! cancels with [`ExplainError::Cancelled`]. Numbers are checked against shap's exact and
//! kernel explainers and scikit-learn's `permutation_importance`
//! (`scripts/explain_reference.py`).
//!
//! - `classifier`: the [`Classifier`] trait, for the network and (with `engine`) any
//!   trained model;
//! - `background`: the seeded background sample;
//! - `batch`: rows scored a batch at a time into one reused buffer, with progress;
//! - `shapley`: [`shap_values`] (exact or Kernel SHAP by budget) and mean |SHAP|;
//! - `exact_shap`: every coalition, one background row's game at a time;
//! - `kernel_plan` and `kernel_shap`: coalitions as shap's `KernelExplainer` picks them and
//!   the constrained weighted least squares;
//! - `permutation`: permutation importance;
//! - `counterfactual`, `counterfactual_search` and `counterfactual_shrink`: the smallest
//!   change reaching a goal;
//! - [`explain_cell`]: the Explain cell's settings and output.

mod background;
mod batch;
mod classifier;
pub mod counterfactual;
mod counterfactual_search;
mod counterfactual_shrink;
mod error;
mod exact_shap;
pub mod explain_cell;
mod kernel_plan;
mod kernel_shap;
pub mod permutation;
pub mod shapley;

#[cfg(test)]
mod tests;

pub use background::background_sample;
pub use batch::Progress;
pub use classifier::Classifier;
pub use counterfactual::{
    Change, Counterfactual, CounterfactualOptions, FeatureConstraints, Goal, Target, counterfactual,
};
pub use error::ExplainError;
pub use exact_shap::exact_model_rows;
pub use kernel_shap::kernel_shap;
pub use permutation::{
    Importance, PermutationImportance, permutation_importance, permutation_importance_with,
};
pub use shapley::{
    GlobalImportance, ShapMethod, ShapOptions, ShapValues, global_importance, mean_abs_shap,
    shap_values,
};
