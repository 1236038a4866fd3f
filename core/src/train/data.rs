//! Features and labels out of a polars frame: numeric and boolean feature columns as `f32`,
//! the target's values as class labels (sorted like `LabelEncoder`), rows with a null or NaN
//! in any of them dropped and counted.
//!
//! Work is column by column (one typed pass per column, then one pass gathering the kept
//! rows), so 1.1M rows × 13 features take a few tens of milliseconds.

use std::hash::Hash;

use polars_core::prelude::{Column, DataFrame, DataType, PlHashMap};

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
    df.column(name).map_err(|_| TrainError::MissingColumn {
        column: name.to_string(),
        available: df
            .columns()
            .iter()
            .map(|c| format!("`{}`", c.name()))
            .collect::<Vec<_>>()
            .join(", "),
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

/// Each row's class code (`None` where null or NaN) and the classes in code order: sorted as
/// `np.unique` sorts them (numbers numerically, text by code point), shown as Python would.
fn encode_target(
    values: &Column,
    name: &str,
) -> Result<(Vec<Option<u32>>, Vec<String>), TrainError> {
    let failed = |e: polars_core::error::PolarsError| frame_error(name, &e);
    let dtype = values.dtype().clone();
    Ok(match dtype {
        DataType::String => factorize(values.str().map_err(failed)?.iter(), str::to_string),
        DataType::Boolean => factorize(values.bool().map_err(failed)?.iter(), |b| {
            if b { "True" } else { "False" }.to_string()
        }),
        dtype if dtype.is_integer() => {
            let ints = values.cast(&DataType::Int64).map_err(failed)?;
            factorize(ints.i64().map_err(failed)?.iter(), |v| v.to_string())
        }
        dtype if dtype.is_float() => {
            let floats = values.cast(&DataType::Float64).map_err(failed)?;
            let keys = floats
                .f64()
                .map_err(failed)?
                .iter()
                .map(|v| v.filter(|v| !v.is_nan()).map(OrderedFloat));
            factorize(keys, |v| python_float(v.0))
        }
        // Dates and the rest: their text, which sorts chronologically for ISO dates.
        _ => {
            let text = values.cast(&DataType::String).map_err(failed)?;
            factorize(text.str().map_err(failed)?.iter(), str::to_string)
        }
    })
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

/// `1.0` as Python prints it (`1.0`, not Rust's `1`).
fn python_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        v.to_string()
    }
}

/// A float that can be a hash key and sorted (NaN is filtered out before).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderedFloat(f64);

impl Eq for OrderedFloat {}

impl Hash for OrderedFloat {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // -0.0 and 0.0 are equal, so they must hash alike.
        (self.0 + 0.0).to_bits().hash(state);
    }
}

impl PartialOrd for OrderedFloat {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedFloat {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Codes in sorted order of the distinct values; nulls stay `None`.
fn factorize<K: Hash + Eq + Ord + Copy>(
    values: impl Iterator<Item = Option<K>>,
    show: impl Fn(K) -> String,
) -> (Vec<Option<u32>>, Vec<String>) {
    let mut seen: PlHashMap<K, u32> = PlHashMap::default();
    let mut uniques: Vec<K> = Vec::new();
    let mut codes: Vec<Option<u32>> = values
        .map(|value| {
            value.map(|v| {
                *seen.entry(v).or_insert_with(|| {
                    // Fewer classes than rows, and a frame has at most u32::MAX rows.
                    let code = u32::try_from(uniques.len()).unwrap_or(u32::MAX);
                    uniques.push(v);
                    code
                })
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..uniques.len()).collect();
    order.sort_unstable_by_key(|&i| uniques[i]);
    let mut new_code = vec![0_u32; uniques.len()];
    for (code, &first_seen) in (0..).zip(&order) {
        new_code[first_seen] = code;
    }
    for code in codes.iter_mut().flatten() {
        *code = new_code[*code as usize];
    }
    let classes = order.iter().map(|&i| show(uniques[i])).collect();
    (codes, classes)
}

#[cfg(test)]
#[path = "data_tests.rs"]
pub(crate) mod tests;
