//! What can go wrong while training, evaluating or predicting, in words a user can act on.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum TrainError {
    /// A feature or the target is not a column of the table.
    #[error(transparent)]
    MissingColumn(#[from] crate::missing_column::MissingColumn),
    /// A feature column holds text or dates.
    #[error(
        "feature `{column}` is {dtype}, not numbers. Remove it from the features or encode it in a Prepare cell"
    )]
    NotNumeric { column: String, dtype: String },
    /// Too few rows (or classes) left to train.
    #[error("{what}")]
    TooLittleData { what: String },
    /// A Train cell's setting is outside the editor's bounds ([`super::TrainSpec::check`]).
    #[error(transparent)]
    Spec(#[from] super::checked::SpecError),
    /// A hyper-parameter is out of range.
    #[error("{field} is {value}: {expected}")]
    BadParameter {
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    /// A model library failed.
    #[error("{model} could not be trained: {message}")]
    Fit {
        model: &'static str,
        message: String,
    },
    /// No model of that name was trained in this notebook.
    #[error(
        "there is no trained model named `{name}` (trained: {available}). Run the Train cell that creates it first"
    )]
    UnknownModel { name: String, available: String },
    /// A Predict cell lacks a feature the model needs.
    #[error("the song has no value for `{feature}`, which model `{model}` needs")]
    MissingFeature { feature: String, model: String },
}
