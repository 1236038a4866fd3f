//! Why an explore query could not be answered, naming the column or setting at fault, what
//! the table offers instead and what to do.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExploreError {
    #[error(transparent)]
    MissingColumn(#[from] crate::missing_column::MissingColumn),
    #[error(
        "column `{column}` is {kind} ({dtype}); {purpose} needs a numeric column. Pick one of: {numeric}"
    )]
    NotNumeric {
        column: String,
        kind: &'static str,
        dtype: String,
        purpose: String,
        numeric: String,
    },
    #[error("column `{column}` is {dtype}, not a date or timestamp; pick a date column ({dates})")]
    NotDate {
        column: String,
        dtype: String,
        dates: String,
    },
    #[error(
        "cannot group or count by column `{column}`: its values are {dtype}. Pick a text, number, bool or date column"
    )]
    NotGroupable { column: String, dtype: String },
    #[error("{what} names no column; choose at least one column to {purpose}")]
    NoColumns {
        what: &'static str,
        purpose: &'static str,
    },
    #[error(
        "this table has no numeric or true/false columns, so there is nothing to {purpose}; pick a table with numbers"
    )]
    NoNumericColumns { purpose: &'static str },
    #[error("`{field}` is `{value}`, not a date; write it as YYYY-MM-DD, e.g. 2023-12-20")]
    BadDate { field: &'static str, value: String },
    #[error(
        "the date window is empty: start {start} is not before end {end} (end is exclusive); pick an end after the start"
    )]
    EmptyWindow { start: String, end: String },
    /// A polars operation failed; `context` says which step.
    #[cfg(feature = "engine")]
    #[error("{context}: {source}")]
    Frame {
        context: String,
        #[source]
        source: polars_core::error::PolarsError,
    },
}

#[cfg(feature = "engine")]
impl ExploreError {
    pub(super) fn frame(
        context: impl Into<String>,
        source: polars_core::error::PolarsError,
    ) -> Self {
        Self::Frame {
            context: context.into(),
            source,
        }
    }
}
