//! Steps on whole columns: choosing, dropping and renaming them, dropping rows with missing
//! values; and the column lookup every step uses, so all name the same way what is missing.

use polars_core::prelude::{BooleanChunked, Column, DataFrame, DataType};

use super::PrepareError;

/// `df[name]`, or an error listing the columns there are and the closest name.
pub(super) fn column<'a>(
    df: &'a DataFrame,
    name: &str,
    dataset: Option<&str>,
) -> Result<&'a Column, PrepareError> {
    df.column(name)
        .map_err(|_| PrepareError::unknown_column(df, name, dataset))
}

/// Checks that every name is a column of `df`.
pub(super) fn check_columns(
    df: &DataFrame,
    names: &[String],
    dataset: Option<&str>,
) -> Result<(), PrepareError> {
    names
        .iter()
        .try_for_each(|n| column(df, n, dataset).map(|_| ()))
}

/// `isna()` of a column: null, or NaN in a float column (pandas counts NaN as missing).
pub(super) fn missing(column: &Column) -> BooleanChunked {
    let nulls = column.is_null();
    if !matches!(column.dtype(), DataType::Float32 | DataType::Float64) {
        return nulls;
    }
    match column.cast(&DataType::Float64) {
        Ok(floats) => match floats.f64() {
            Ok(values) => values.iter().map(|v| v.is_none_or(f64::is_nan)).collect(),
            Err(_) => nulls,
        },
        // A float column always casts to Float64; if not, nulls alone are still right.
        Err(_) => nulls,
    }
}

/// `df.dropna(subset=columns)`; every column when `columns` is empty.
pub(super) fn drop_nulls(df: &DataFrame, columns: &[String]) -> Result<DataFrame, PrepareError> {
    check_columns(df, columns, None)?;
    let subset: Vec<&Column> = if columns.is_empty() {
        df.columns().iter().collect()
    } else {
        columns
            .iter()
            .map(|n| column(df, n, None))
            .collect::<Result<_, _>>()?
    };
    // Only columns that can hold a missing value are looked at (nulls are counted already;
    // floats may hold NaN); a table with nothing missing is returned without a copy.
    let mut keep: Option<BooleanChunked> = None;
    for c in subset {
        let is_float = matches!(c.dtype(), DataType::Float32 | DataType::Float64);
        if c.null_count() == 0 && !is_float {
            continue;
        }
        let present = !missing(c);
        keep = Some(match keep {
            Some(keep) => &keep & &present,
            None => present,
        });
    }
    match keep {
        Some(keep) if keep.sum().unwrap_or(0) as usize != df.height() => df
            .filter(&keep)
            .map_err(|e| PrepareError::frame("dropping rows with missing values", &e)),
        _ => Ok(df.clone()),
    }
}

/// `df[columns]`.
pub(super) fn select(df: &DataFrame, columns: &[String]) -> Result<DataFrame, PrepareError> {
    if columns.is_empty() {
        return Err(PrepareError::NoColumns { operation: "keep" });
    }
    check_columns(df, columns, None)?;
    if let Some(twice) = first_repeated(columns) {
        return Err(PrepareError::DuplicateColumn {
            column: twice.to_string(),
            what_to_do: "it is chosen twice; choose each column once".into(),
        });
    }
    df.select(columns.iter().map(String::as_str))
        .map_err(|e| PrepareError::frame("choosing columns", &e))
}

/// `df.drop(columns=columns)`.
pub(super) fn drop(df: &DataFrame, columns: &[String]) -> Result<DataFrame, PrepareError> {
    check_columns(df, columns, None)?;
    Ok(df.drop_many(columns.iter().map(String::as_str)))
}

/// `df.rename(columns={from: to})`; refuses to create two columns with one name.
pub(super) fn rename(mut df: DataFrame, from: &str, to: &str) -> Result<DataFrame, PrepareError> {
    column(&df, from, None)?;
    if from == to {
        return Ok(df);
    }
    if df.get_column_index(to).is_some() {
        return Err(PrepareError::DuplicateColumn {
            column: to.to_string(),
            what_to_do: format!(
                "the table already has a column `{to}`; drop or rename it first, or pick another name for `{from}`"
            ),
        });
    }
    df.rename(from, to.into())
        .map_err(|e| PrepareError::frame("renaming a column", &e))?;
    Ok(df)
}

/// The first name that appears twice, if any.
pub(super) fn first_repeated(names: &[String]) -> Option<&str> {
    names
        .iter()
        .enumerate()
        .find(|(i, n)| names[..*i].contains(n))
        .map(|(_, n)| n.as_str())
}
