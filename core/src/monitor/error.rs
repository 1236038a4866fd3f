//! Why a Drift or Fairness cell could not compute, in words a person can act on.

use thiserror::Error;

use crate::missing_column::MissingColumn;

#[derive(Debug, Error)]
pub enum MonitorError {
    #[error(transparent)]
    MissingColumn(#[from] MissingColumn),
    #[error(
        "column `{column}` of `{dataset}` holds {dtype}, not numbers. Drift compares numeric features: pick numeric columns, or encode this one in a Prepare cell"
    )]
    NotNumeric {
        column: String,
        dataset: String,
        dtype: String,
    },
    #[error(
        "model `{model}` has no feature `{feature}` (its features: {features}). Pick one of its features, or compare datasets instead of its training rows"
    )]
    FeatureNotInModel {
        feature: String,
        model: String,
        features: String,
    },
    #[error(
        "model `{model}` has no training rows here (it was loaded from a run without its data). Load the dataset it was trained on first, or compare against a dataset"
    )]
    NoTrainingRows { model: String },
    #[error(
        "model `{model}` has no rows in that part of its split here (it was loaded without its data, or the part is empty). Load its training data first, or score another part"
    )]
    NoSplitRows { model: String },
    #[error(
        "the current rows are marked as scaled model inputs, but the reference is a dataset, not a model: pick a model's training rows as the reference so its scaler can unscale them"
    )]
    ScaledWithoutModel,
    #[error(
        "model `{model}` does not predict `{country}` (it knows {countries} countries: {first}…). Pick one of its countries (a code such as FR)"
    )]
    UnknownCountry {
        country: String,
        model: String,
        countries: usize,
        first: String,
    },
    #[error(transparent)]
    Drift(#[from] super::drift::DriftError),
    #[error(transparent)]
    Fairness(#[from] super::fairness::FairnessError),
}

impl MonitorError {
    /// `country` is not one of `classes` (model `model`'s).
    pub fn unknown_country(country: &str, model: &str, classes: &[String]) -> Self {
        MonitorError::UnknownCountry {
            country: country.to_string(),
            model: model.to_string(),
            countries: classes.len(),
            first: classes
                .iter()
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}
