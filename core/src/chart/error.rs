//! What can go wrong when computing a chart, in words that say which column or setting
//! and what to do about it.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ChartError {
    /// The spec names a column the table does not have.
    #[error(transparent)]
    MissingColumn(#[from] crate::missing_column::MissingColumn),
    /// A column has the wrong kind of values for its role in the chart.
    #[error("column `{column}` is {kind}; {role} needs {expected}")]
    WrongType {
        column: String,
        /// The column's kind in words ("text", "a date", "a list"…).
        kind: String,
        /// Which part of which chart ("a histogram", "a line chart's x axis").
        role: &'static str,
        expected: &'static str,
    },
    /// A numeric setting of the spec is out of range.
    #[error("chart setting `{setting}` is {value}; it must be {expected}")]
    BadSetting {
        setting: &'static str,
        value: usize,
        expected: &'static str,
    },
    /// Nothing is left to draw once nulls, NaNs (and, where skipped, infinities) are left out.
    #[error(
        "{what} has no values to draw: all {n_rows} rows are null, NaN or infinite; pick another column or fill the missing values"
    )]
    NoValues { what: String, n_rows: usize },
    /// An infinite value would make the bins of a histogram infinitely wide (numpy refuses too).
    #[error(
        "column `{column}` has an infinite value ({value}) at row {row}; replace or drop infinities before drawing a histogram"
    )]
    Infinite {
        column: String,
        row: usize,
        value: f64,
    },
    /// A heatmap needs columns to correlate.
    #[error(
        "the table has no numeric or true/false columns to correlate; a heatmap needs at least one"
    )]
    NoNumericColumns,
    /// A statistic behind the chart (e.g. the correlation matrix) could not be computed.
    #[error(transparent)]
    Explore(#[from] crate::explore::ExploreError),
    /// A dataframe operation failed; `context` says which step.
    #[cfg(feature = "engine")]
    #[error("{context}: {source}")]
    Frame {
        context: String,
        #[source]
        source: polars_core::error::PolarsError,
    },
}

#[cfg(feature = "engine")]
impl ChartError {
    /// Wraps a polars error with the step that caused it.
    pub(crate) fn frame(
        context: impl Into<String>,
        source: polars_core::error::PolarsError,
    ) -> Self {
        Self::Frame {
            context: context.into(),
            source,
        }
    }
}
