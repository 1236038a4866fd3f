//! The Explain cell: a song (as the Predict cell picks it) and a country — why the model
//! gives it that probability (SHAP values), which features matter overall (permutation
//! importance, mean |SHAP|), and the smallest change that makes the country the top one.

use serde::{Deserialize, Serialize};

use super::counterfactual::Counterfactual;
use super::permutation::PermutationImportance;
use super::shapley::{GlobalImportance, ShapValues};
use crate::train::SongFeatures;

/// An Explain cell's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExplainSpec {
    pub model: String,
    /// The dataset searched for songs (as in Predict); `label` names the song shown.
    pub songs: String,
    pub label: String,
    pub song: SongFeatures,
    /// The class explained (a country code).
    pub country: String,
    /// Background rows sampled (seeded) from the model's training rows.
    pub background_rows: usize,
    pub seed: u64,
    /// The counterfactual's goal: the country becomes the top one (`None`), or its
    /// probability reaches this threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_probability: Option<f64>,
    /// Also the global importance (permutation importance on the test rows, mean |SHAP| over
    /// a sample of them): slower.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub global: bool,
}

/// Default background rows (shap's `Independent` masker keeps 100).
pub const DEFAULT_BACKGROUND_ROWS: usize = 100;
/// Most background rows a cell may ask for (each costs 2^13 model rows exactly).
pub const MAX_BACKGROUND_ROWS: usize = 1_000;

/// Test rows scored by the global importance's permutation importance (a seeded sample).
pub const GLOBAL_PERMUTATION_ROWS: usize = 2_000;
/// Repeats of each feature's shuffle.
pub const GLOBAL_REPEATS: usize = 5;
/// Test rows whose |SHAP| is averaged, and the background they are explained against.
pub const GLOBAL_SHAP_ROWS: usize = 10;
pub const GLOBAL_SHAP_BACKGROUND: usize = 20;

/// Global importance: which features matter for the model overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlobalExplanation {
    /// Accuracy drops on the test rows when each feature is shuffled.
    pub permutation: PermutationImportance,
    pub permutation_rows: usize,
    /// Mean |SHAP| of P(country) over a sample of test rows.
    pub mean_abs_shap: GlobalImportance,
}

/// What an Explain cell shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExplainOutput {
    pub model: String,
    pub label: String,
    pub country: String,
    /// The model's features, in its order; `values`: the song's raw values.
    pub features: Vec<String>,
    pub values: Vec<f64>,
    /// SHAP values of P(country): `base_value + Σ values = prediction`.
    pub shap: ShapValues,
    pub counterfactual: Counterfactual,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<GlobalExplanation>,
}

/// The progress stage of an explanation (its counts are model rows, shown as a share).
pub const EXPLAIN_STAGE: &str = "explaining";
