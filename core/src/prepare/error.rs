//! Why a Prepare step failed, in words a person can act on: which column, dataset or value,
//! and what to do instead.

#[cfg(feature = "engine")]
use polars_core::prelude::{DataFrame, DataType, PolarsError, TimeUnit};
use thiserror::Error;

use crate::missing_column::{MissingColumn, list, table};

/// A Prepare step that cannot run on its input.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PrepareError {
    #[error(
        "there is no loaded dataset `{name}` to join with (loaded: {}). Load it first, or pick one of those",
        list(.available)
    )]
    UnknownDataset {
        name: String,
        available: Vec<String>,
    },
    #[error(transparent)]
    MissingColumn(#[from] MissingColumn),
    #[error(
        "join key `{column}` is {left_dtype} in the input but {right_dtype} in `{right}`: keys must hold the same kind of values. Join on another column, or convert one of them first"
    )]
    KeyTypeMismatch {
        column: String,
        right: String,
        left_dtype: String,
        right_dtype: String,
    },
    #[error(
        "column `{column}` ({dtype}) in {} cannot be a join key. Join on text, integer, true/false or date columns",
        table(.dataset.as_deref())
    )]
    UnsupportedKey {
        column: String,
        dataset: Option<String>,
        dtype: String,
    },
    #[error(
        "a join needs at least one key column: name the columns both tables share (e.g. `spotify_id`)"
    )]
    NoJoinKeys,
    #[error("the result would have two columns named `{column}`: {what_to_do}")]
    DuplicateColumn { column: String, what_to_do: String },
    #[error(
        "column `{column}` holds {dtype} values, so it cannot be compared with {value}. {what_to_do}"
    )]
    ValueType {
        column: String,
        dtype: String,
        value: String,
        what_to_do: &'static str,
    },
    #[error(
        "`{value}` is not a date or time for column `{column}`. Write dates as YYYY-MM-DD, optionally with a time: 2023-12-20 or 2023-12-20 14:30:00"
    )]
    BadDate { column: String, value: String },
    #[error("column `{column}` ({dtype}) cannot be {operation}. {what_to_do}")]
    UnsupportedColumn {
        column: String,
        dtype: String,
        operation: &'static str,
        what_to_do: &'static str,
    },
    #[error(
        "cannot sample {n} rows from a table of {n_rows} rows without replacement. Ask for at most {n_rows}"
    )]
    SampleTooLarge { n: usize, n_rows: usize },
    #[error("choose at least one column to {operation}")]
    NoColumns { operation: &'static str },
    #[error("step {number} ({op}): {cause}")]
    Step {
        /// Counted from 1, as the cell shows its steps.
        number: usize,
        op: &'static str,
        cause: Box<PrepareError>,
    },
    /// The dataframe library refused something these checks did not foresee.
    #[error(
        "{context} failed in the dataframe library: {message}. This is a bug in Jukebox; please report it with this cell's steps"
    )]
    Frame { context: String, message: String },
}

#[cfg(feature = "engine")]
impl PrepareError {
    /// Wraps a polars error with what was being done (the message is kept as text so the
    /// error stays `Clone` and comparable in tests).
    pub fn frame(context: impl Into<String>, source: &PolarsError) -> Self {
        Self::Frame {
            context: context.into(),
            message: source.to_string(),
        }
    }

    /// The error for `column` missing from `df`, with the closest existing name.
    pub fn unknown_column(df: &DataFrame, column: &str, dataset: Option<&str>) -> Self {
        Self::MissingColumn(MissingColumn::new(
            column,
            dataset,
            df.get_column_names().iter().map(|name| name.as_str()),
        ))
    }
}

#[cfg(feature = "engine")]
/// The dtype as pandas names it, so people recognise it from the course notebooks.
pub fn dtype_name(dtype: &DataType) -> String {
    match dtype {
        DataType::String => "str".into(),
        DataType::Boolean => "bool".into(),
        DataType::Date => "date".into(),
        DataType::Datetime(unit, _) => {
            let unit = match unit {
                TimeUnit::Nanoseconds => "ns",
                TimeUnit::Microseconds => "us",
                TimeUnit::Milliseconds => "ms",
            };
            format!("datetime64[{unit}]")
        }
        other => other.to_string(),
    }
}
