//! Tests of the Prepare steps: small inline tables for every step and error, and the
//! course's files (`course_data`) checked against pandas.

mod course_data;
mod filter;
mod join;
mod steps;

use std::collections::BTreeMap;

use polars_core::prelude::*;

use super::*;
// The step value, not polars' `Scalar` that the prelude glob also brings.
use super::Scalar;
use crate::missing_column::MissingColumn;

fn no_datasets() -> BTreeMap<String, DataFrame> {
    BTreeMap::new()
}

fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn texts(df: &DataFrame, column: &str) -> Vec<Option<String>> {
    let values = df.column(column).unwrap().str().unwrap();
    values.iter().map(|v| v.map(str::to_string)).collect()
}

fn ints(df: &DataFrame, column: &str) -> Vec<Option<i64>> {
    let values = df.column(column).unwrap().cast(&DataType::Int64).unwrap();
    values.i64().unwrap().iter().collect()
}

fn run(step: &PrepareStep, df: &DataFrame) -> Result<DataFrame, PrepareError> {
    apply_step(step, df.clone(), &no_datasets())
}

/// `df` with `column` cast to `dtype` (to build date and timestamp columns from numbers).
fn cast(mut df: DataFrame, column: &str, dtype: &DataType) -> DataFrame {
    let cast = df.column(column).unwrap().cast(dtype).unwrap();
    df.with_column(cast).unwrap();
    df
}
