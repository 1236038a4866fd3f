//! Features and labels out of a polars frame: numeric and boolean feature columns as `f32`,
//! the target's values as class labels (sorted like `LabelEncoder`), rows with a null or NaN
//! in any of them dropped and counted.
//!
//! Work is column by column (one typed pass per column, then one pass gathering the kept
//! rows), so 1.1M rows × 13 features take a few tens of milliseconds.

use polars_core::prelude::{Column, DataFrame, DataType};

use super::Matrix;
use super::error::TrainError;
use crate::missing_column::MissingColumn;
use crate::prepare::EncodeOrder;
use crate::prepare::encode::label_codes;

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
    if features.is_empty() {
        return Err(TrainError::TooLittleData {
            what: "no feature columns are chosen. Pick at least one numeric column as a feature"
                .into(),
        });
    }
    let n_rows = df.height();
    let columns: Vec<Vec<f32>> = features
        .iter()
        .map(|name| feature_values(df, name))
        .collect::<Result<_, _>>()?;
    let (codes, classes) = encode_target(column(df, target)?, target)?;
    let keep: Vec<usize> = (0..n_rows)
        .filter(|&i| codes[i].is_some() && columns.iter().all(|c| !c[i].is_nan()))
        .collect();
    let n_cols = columns.len();
    let mut data = vec![0.0_f32; keep.len() * n_cols];
    for (j, values) in columns.iter().enumerate() {
        for (out, &i) in keep.iter().enumerate() {
            data[out * n_cols + j] = values[i];
        }
    }
    // Kept rows have a code (filtered above); `unwrap_or` is never taken.
    let y: Vec<u32> = keep.iter().map(|&i| codes[i].unwrap_or(0)).collect();
    // As the course drops nulls before `LabelEncoder`: classes only of the rows kept.
    let (y, classes) = only_present(y, classes);
    Ok(Extracted {
        x: Matrix {
            n_rows: keep.len(),
            n_cols,
            data,
        },
        y,
        classes,
        n_rows,
        n_dropped: n_rows - keep.len(),
    })
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column, TrainError> {
    df.column(name).map_err(|_| {
        MissingColumn::new(name, None, df.columns().iter().map(|c| c.name().as_str())).into()
    })
}

fn frame_error(name: &str, error: &polars_core::error::PolarsError) -> TrainError {
    TrainError::Fit {
        model: "data extraction",
        message: format!("column `{name}` could not be read: {error}"),
    }
}

/// A feature column as `f32`, NaN where null (booleans as 0/1).
fn feature_values(df: &DataFrame, name: &str) -> Result<Vec<f32>, TrainError> {
    let values = column(df, name)?;
    let dtype = values.dtype();
    if dtype.is_bool() {
        let bools = values.bool().map_err(|e| frame_error(name, &e))?;
        return Ok(bools
            .iter()
            .map(|b| b.map_or(f32::NAN, |b| if b { 1.0 } else { 0.0 }))
            .collect());
    }
    if !dtype.is_primitive_numeric() {
        return Err(TrainError::NotNumeric {
            column: name.to_string(),
            dtype: dtype.to_string(),
        });
    }
    let floats = values
        .cast(&DataType::Float64)
        .map_err(|e| frame_error(name, &e))?;
    let floats = floats.f64().map_err(|e| frame_error(name, &e))?;
    // Models work in f32, as Keras does; the narrowing is intended.
    #[allow(clippy::cast_possible_truncation)]
    Ok(floats
        .iter()
        .map(|v| v.map_or(f32::NAN, |v| v as f32))
        .collect())
}

/// Each row's class code (`None` where null or NaN) and the classes in code order: sorted
/// like `LabelEncoder` ([`label_codes`], the Prepare step's encoding).
fn encode_target(
    values: &Column,
    name: &str,
) -> Result<(Vec<Option<u32>>, Vec<String>), TrainError> {
    let encoded =
        label_codes(values, EncodeOrder::Alphabetical).map_err(|e| frame_error(name, &e))?;
    Ok((encoded.codes, encoded.classes))
}

/// Renumbers `y` so that classes without a row are gone (order kept).
fn only_present(mut y: Vec<u32>, classes: Vec<String>) -> (Vec<u32>, Vec<String>) {
    let mut present = vec![false; classes.len()];
    for &code in &y {
        present[code as usize] = true;
    }
    if present.iter().all(|&p| p) {
        return (y, classes);
    }
    let mut new_code = vec![0_u32; classes.len()];
    let mut kept = Vec::new();
    for (old, label) in classes.into_iter().enumerate() {
        if present[old] {
            new_code[old] = u32::try_from(kept.len()).unwrap_or(u32::MAX);
            kept.push(label);
        }
    }
    for code in &mut y {
        *code = new_code[*code as usize];
    }
    (y, kept)
}

#[cfg(test)]
#[path = "data_tests.rs"]
pub(crate) mod tests;
