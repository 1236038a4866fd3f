//! Features and labels out of a polars frame: numeric and boolean feature columns as `f32`,
//! the target's values as class labels (sorted like `LabelEncoder`), rows with a null or NaN
//! in any of them dropped and counted.

use polars_core::prelude::DataFrame;

use super::Matrix;
use super::error::TrainError;

/// A table's rows as model inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub x: Matrix,
    /// Class index per row, into `classes`.
    pub y: Vec<u32>,
    /// Sorted class labels (text of the target's values).
    pub classes: Vec<String>,
    pub n_rows: usize,
    pub n_dropped: usize,
}

/// Takes `features` and `target` out of `df`.
pub fn extract(df: &DataFrame, features: &[String], target: &str) -> Result<Extracted, TrainError> {
    let _ = (df, features, target);
    todo!("helper C")
}
