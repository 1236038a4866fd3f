//! Tests of chart data on small inline frames (expected values worked out by hand or with
//! numpy/pandas, as each test says) and on the course's song properties.

// Tests: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::float_cmp)]

mod bar;
mod heatmap;
mod histogram;
mod line;
mod scatter;

use polars_core::prelude::*;

use super::*;

/// The chart `spec` asks for, which must succeed.
fn chart(spec: &ChartSpec, df: &DataFrame) -> Chart {
    compute(spec, df).unwrap()
}

/// The error message `spec` gives on `df`, going through the core's top error like the
/// app does.
fn message(spec: &ChartSpec, df: &DataFrame) -> String {
    let error: crate::JukeboxError = compute(spec, df).unwrap_err().into();
    error.to_string()
}

fn floats(name: &str, values: &[Option<f64>]) -> Column {
    Column::new(name.into(), values)
}

fn texts(name: &str, values: &[Option<&str>]) -> Column {
    Column::new(name.into(), values)
}

/// A `Date` column from days since 1970-01-01.
fn dates(name: &str, days: &[Option<i32>]) -> Column {
    Column::new(name.into(), days)
        .cast(&DataType::Date)
        .unwrap()
}

fn frame(columns: Vec<Column>) -> DataFrame {
    DataFrame::new_infer_height(columns).unwrap()
}

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-12,
        "{actual} is not {expected}"
    );
}
