//! What can go wrong while explaining a model, in words a user can act on.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExplainError {
    /// The person pressed Cancel (the progress callback returned `false`).
    #[error("the explanation was cancelled")]
    Cancelled,
    /// A row or matrix does not have one value per model feature.
    #[error(
        "{what} has {found} feature values but the model takes {expected}: pass the model's features in its order"
    )]
    WrongWidth {
        what: &'static str,
        found: usize,
        expected: usize,
    },
    /// A feature value is NaN or infinite.
    #[error("{what} has no usable value for `{feature}` ({value}): fill in a number")]
    NotFinite {
        what: &'static str,
        feature: String,
        value: f64,
    },
    /// The country asked about is not one of the model's classes.
    #[error(
        "model `{model}` has no country `{country}` among its {countries} countries: pick one it was trained on"
    )]
    UnknownCountry {
        country: String,
        model: String,
        countries: usize,
    },
    /// The class asked about is not one the model scores.
    #[error("class {class} does not exist: the model scores {n_classes} classes (0 to {last})", last = n_classes.saturating_sub(1))]
    UnknownClass { class: usize, n_classes: usize },
    /// Nothing to compare against or to score.
    #[error("{what} has no rows: {advice}")]
    NoRows {
        what: &'static str,
        advice: &'static str,
    },
    /// Labels and rows do not pair up.
    #[error("there are {labels} labels for {rows} rows: give one label per row")]
    LabelCount { labels: usize, rows: usize },
    /// A permutation given for permutation importance is not one of the rows.
    #[error("permutation {repeat} is not a reordering of the {rows} rows: {what}")]
    BadPermutation {
        repeat: usize,
        rows: usize,
        what: String,
    },
    /// A setting is outside what the computation can use.
    #[error("{setting} is {value}: {expected}")]
    BadSetting {
        setting: &'static str,
        value: String,
        expected: &'static str,
    },
    /// Even the approximate method does not fit in the budget of model rows.
    #[error(
        "explaining this row needs at least {needed} model evaluations but the budget allows {budget}: raise the budget or use fewer background rows"
    )]
    OverBudget { needed: usize, budget: usize },
    /// Kernel SHAP's least-squares system has no unique solution.
    #[error(
        "Kernel SHAP could not separate the features' effects with {samples} coalitions: raise the budget or use fewer background rows"
    )]
    Singular { samples: usize },
    /// A counterfactual constraint is inconsistent.
    #[error("the allowed range of `{feature}` is wrong: {what}")]
    BadConstraint { feature: String, what: String },
    /// The model failed to score rows.
    #[error("the model could not score rows: {message}")]
    Model { message: String },
    /// The model returned a matrix of the wrong shape (a bug in the model, not the data).
    #[error(
        "the model returned {found_rows} × {found_cols} probabilities for {rows} rows of {classes} classes"
    )]
    BadModelOutput {
        rows: usize,
        classes: usize,
        found_rows: usize,
        found_cols: usize,
    },
}
