//! A table's profile, in a contract's shape: what [`super::validate`] compares with the
//! expected contract, and the contract a training run records of its input table.

use std::collections::BTreeSet;

use polars_core::prelude::*;

use super::{
    CONTRACT_VERSION, ColumnContract, ColumnType, DataContract, MAX_CATEGORIES, NumericRange,
    Tolerances,
};
use crate::calendar::parse_iso_ns;
use crate::summary::date_range;

/// The contract of `df`, named `dataset`, whose data has fingerprint `dataset_version`. Its
/// tolerances are the defaults, with at least a tenth of its rows required of a new table.
pub fn profile(df: &DataFrame, dataset: &str, dataset_version: &str) -> DataContract {
    let rows = df.height();
    DataContract {
        version: CONTRACT_VERSION,
        dataset: dataset.to_string(),
        dataset_version: dataset_version.to_string(),
        rows: rows as u64,
        columns: df.columns().iter().map(|c| column(c, rows)).collect(),
        date_range: date_range(df),
        tolerances: Tolerances {
            min_rows: (rows as u64 / 10).max(1),
            ..Tolerances::default()
        },
    }
}

fn column_type(dtype: &DataType) -> ColumnType {
    match dtype {
        DataType::Float32 | DataType::Float64 => ColumnType::Float,
        dtype if dtype.is_integer() => ColumnType::Int,
        DataType::Boolean => ColumnType::Bool,
        DataType::String => ColumnType::Text,
        DataType::Date | DataType::Datetime(_, _) => ColumnType::Date,
        _ => ColumnType::Other,
    }
}

fn column(c: &Column, rows: usize) -> ColumnContract {
    let column_type = match column_type(c.dtype()) {
        ColumnType::Text if holds_dates(c) => ColumnType::Date,
        other => other,
    };
    let mut missing = c.null_count();
    let mut range = None;
    if matches!(column_type, ColumnType::Int | ColumnType::Float) {
        let mut values = numbers(c);
        missing = rows - values.len();
        range = spread(&mut values);
    }
    let (categories, distinct) = if column_type == ColumnType::Text {
        texts(c)
    } else {
        (None, None)
    };
    ColumnContract {
        name: c.name().to_string(),
        column_type,
        dtype: c.dtype().to_string(),
        null_fraction: if rows == 0 {
            0.0
        } else {
            missing as f64 / rows as f64
        },
        range,
        categories,
        distinct,
    }
}

/// The column's numbers, without nulls and NaNs.
fn numbers(c: &Column) -> Vec<f64> {
    let Ok(floats) = c.cast(&DataType::Float64) else {
        return Vec::new();
    };
    let Ok(floats) = floats.f64() else {
        return Vec::new();
    };
    floats
        .into_iter()
        .flatten()
        .filter(|x| !x.is_nan())
        .collect()
}

/// Smallest, largest, 1 % and 99 % quantiles (numpy's default, linear interpolation).
fn spread(values: &mut [f64]) -> Option<NumericRange> {
    values.sort_unstable_by(f64::total_cmp);
    let (&min, &max) = (values.first()?, values.last()?);
    Some(NumericRange {
        min,
        max,
        q01: quantile(values, 0.01),
        q99: quantile(values, 0.99),
    })
}

/// Quantile `q` of sorted, non-empty `values` with linear interpolation.
fn quantile(values: &[f64], q: f64) -> f64 {
    let position = q * (values.len() - 1) as f64;
    // The floor of a position within the slice: in 0..len, so neither sign nor size is lost.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let below = position.floor() as usize;
    let above = (below + 1).min(values.len() - 1);
    let fraction = position - below as f64;
    values[below] + (values[above] - values[below]) * fraction
}

/// Whether a text column holds ISO dates (a CSV's date column): all its non-null values but
/// one in ten, as the dataset summary counts a date column, and at least one.
fn holds_dates(c: &Column) -> bool {
    let Ok(strings) = c.str() else {
        return false;
    };
    let (mut dates, mut others) = (0usize, 0usize);
    for text in strings.into_iter().flatten() {
        if parse_iso_ns(text).is_some() {
            dates += 1;
        } else {
            others += 1;
        }
    }
    dates > 0 && others <= (dates + others) / 10
}

/// A text column's category set (when small enough) and its count of distinct values.
fn texts(c: &Column) -> (Option<Vec<String>>, Option<u64>) {
    let Ok(strings) = c.str() else {
        return (None, None);
    };
    let distinct: BTreeSet<&str> = strings.into_iter().flatten().collect();
    let count = distinct.len() as u64;
    let categories = (distinct.len() <= MAX_CATEGORIES)
        .then(|| distinct.into_iter().map(str::to_string).collect());
    (categories, Some(count))
}
