//! A column's values as a chart reads them: numbers (true/false as 1/0), axis positions
//! (dates as days since 1970) or category labels. Nulls stay as `None` so rows stay aligned
//! across columns; NaN counts as missing, as in pandas.

use std::collections::HashMap;

use polars_core::prelude::*;

use super::ChartError;
use crate::missing_column::MissingColumn;

const NS_PER_DAY: f64 = 86_400e9;
const US_PER_DAY: f64 = 86_400e6;
const MS_PER_DAY: f64 = 86_400e3;

/// The column named `name`, or an error listing the columns there are.
pub(crate) fn series<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series, ChartError> {
    match df.column(name) {
        Ok(column) => Ok(column.as_materialized_series()),
        Err(_) => {
            Err(
                MissingColumn::new(name, None, df.get_column_names().iter().map(|n| n.as_str()))
                    .into(),
            )
        }
    }
}

/// A dtype in words, for error messages.
pub(crate) fn kind(dtype: &DataType) -> String {
    match dtype {
        DataType::String => "text".into(),
        DataType::Boolean => "true/false".into(),
        DataType::Date => "a date".into(),
        DataType::Datetime(_, _) => "a timestamp".into(),
        DataType::Null => "entirely null".into(),
        t if t.is_float() => "decimal numbers".into(),
        t if t.is_integer() => "whole numbers".into(),
        other => format!("of type {other}"),
    }
}

/// Whether a column can be read by [`numbers`].
pub(crate) fn is_numeric(dtype: &DataType) -> bool {
    dtype.is_primitive_numeric() || dtype.is_bool()
}

/// Whether a column can be read by [`categories`].
pub(crate) fn is_category(dtype: &DataType) -> bool {
    dtype.is_string() || dtype.is_integer() || dtype.is_bool()
}

fn wrong_type(series: &Series, role: &'static str, expected: &'static str) -> ChartError {
    ChartError::WrongType {
        column: series.name().to_string(),
        kind: kind(series.dtype()),
        role,
        expected,
    }
}

fn as_f64(series: &Series, step: &str) -> Result<Vec<Option<f64>>, ChartError> {
    let cast = series
        .cast(&DataType::Float64)
        .map_err(|e| ChartError::frame(format!("{step} `{}`", series.name()), e))?;
    let values = cast
        .f64()
        .map_err(|e| ChartError::frame(format!("{step} `{}`", series.name()), e))?;
    Ok(values.iter().map(|v| v.filter(|x| !x.is_nan())).collect())
}

/// Numeric values (true/false as 1/0); `role` names the chart part for the error, e.g.
/// "a histogram".
pub(crate) fn numbers(
    df: &DataFrame,
    name: &str,
    role: &'static str,
) -> Result<Vec<Option<f64>>, ChartError> {
    let series = series(df, name)?;
    if !is_numeric(series.dtype()) {
        return Err(wrong_type(series, role, "a numeric or true/false column"));
    }
    as_f64(series, "reading numbers of")
}

/// Positions on an axis: numbers as they are, dates and timestamps as (fractional) days
/// since 1970-01-01. The flag says whether they were dates.
pub(crate) fn positions(
    df: &DataFrame,
    name: &str,
    role: &'static str,
) -> Result<(Vec<Option<f64>>, bool), ChartError> {
    let series = series(df, name)?;
    let per_day = match series.dtype() {
        DataType::Date => 1.0,
        DataType::Datetime(TimeUnit::Nanoseconds, _) => NS_PER_DAY,
        DataType::Datetime(TimeUnit::Microseconds, _) => US_PER_DAY,
        DataType::Datetime(TimeUnit::Milliseconds, _) => MS_PER_DAY,
        t if is_numeric(t) => return Ok((as_f64(series, "reading numbers of")?, false)),
        _ => {
            return Err(wrong_type(
                series,
                role,
                "a date, timestamp or numeric column",
            ));
        }
    };
    // Dates are days and timestamps are ticks since 1970 underneath.
    let physical = series.to_physical_repr();
    let ticks = as_f64(&physical, "reading dates of")?;
    Ok((
        ticks.into_iter().map(|t| t.map(|t| t / per_day)).collect(),
        true,
    ))
}

/// The distinct labels of a category column and, per row, the index of its label
/// (`None` for null), so grouping a million rows hashes each label once.
#[derive(Debug, Default)]
pub(crate) struct Categories {
    pub names: Vec<String>,
    pub codes: Vec<Option<usize>>,
}

impl Categories {
    /// One category named `name` for all `n_rows` rows.
    pub(crate) fn single(name: &str, n_rows: usize) -> Self {
        Self {
            names: vec![name.to_owned()],
            codes: vec![Some(0); n_rows],
        }
    }

    fn push(&mut self, index: &mut HashMap<String, usize>, label: Option<&str>) {
        let code = label.map(|label| {
            if let Some(&code) = index.get(label) {
                return code;
            }
            self.names.push(label.to_owned());
            index.insert(label.to_owned(), self.names.len() - 1);
            self.names.len() - 1
        });
        self.codes.push(code);
    }
}

/// The categories of a text, whole-number or true/false column (pandas spells them
/// `True`/`False`).
pub(crate) fn categories(
    df: &DataFrame,
    name: &str,
    role: &'static str,
) -> Result<Categories, ChartError> {
    let series = series(df, name)?;
    let context = || format!("reading labels of `{name}`");
    let mut out = Categories::default();
    let mut index = HashMap::new();
    match series.dtype() {
        DataType::String => {
            let text = series.str().map_err(|e| ChartError::frame(context(), e))?;
            text.iter().for_each(|v| out.push(&mut index, v));
        }
        DataType::Boolean => {
            let flags = series.bool().map_err(|e| ChartError::frame(context(), e))?;
            let word = |b: bool| if b { "True" } else { "False" };
            flags.iter().for_each(|v| out.push(&mut index, v.map(word)));
        }
        t if t.is_integer() => {
            let cast = series
                .cast(&DataType::Int64)
                .map_err(|e| ChartError::frame(context(), e))?;
            let ints = cast.i64().map_err(|e| ChartError::frame(context(), e))?;
            for v in ints {
                out.push(&mut index, v.map(|i| i.to_string()).as_deref());
            }
        }
        _ => {
            return Err(wrong_type(
                series,
                role,
                "a text, whole-number or true/false column",
            ));
        }
    }
    Ok(out)
}
