//! Exploring a table like pandas does: a paged preview, `describe()`, correlations with a
//! target, group-by aggregates, value counts and the top-N rows by a mean within a date window.
//! Queries and outputs are plain data (serde) so a notebook cell stores the query and the UI
//! renders the output. [`run`] answers a query; each answer is also a function of its own
//! (`preview`, `describe`, …), checked against pandas in `pandas_tests.rs`.

#[cfg(feature = "engine")]
mod cells;
#[cfg(feature = "engine")]
mod column;
#[cfg(feature = "engine")]
mod correlation;
#[cfg(feature = "engine")]
mod describe;
mod error;
#[cfg(feature = "engine")]
mod group_by;
#[cfg(feature = "engine")]
mod keys;
#[cfg(feature = "engine")]
mod preview;
#[cfg(feature = "engine")]
mod stats;
#[cfg(feature = "engine")]
mod table;
#[cfg(feature = "engine")]
mod top_n;
#[cfg(feature = "engine")]
mod value_counts;

#[cfg(test)]
mod pandas_tests;
#[cfg(test)]
mod tests;

#[cfg(feature = "engine")]
use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

#[cfg(feature = "engine")]
pub use correlation::{correlation_matrix, correlations};
#[cfg(feature = "engine")]
pub use describe::describe;
pub use error::ExploreError;
#[cfg(feature = "engine")]
pub use group_by::{group_by, group_by_columns};
#[cfg(feature = "engine")]
pub use preview::preview;
#[cfg(feature = "engine")]
pub use top_n::top_n;
#[cfg(feature = "engine")]
pub use value_counts::value_counts;

/// One value of a table shown to the user. Dates and timestamps arrive as ISO text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CellValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

/// A column's name, its dtype as pandas names it (`int64`, `float64`, `bool`, `object`,
/// `datetime64[ns]`, `datetime64[ms]`, `date`) and how many nulls it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub name: String,
    pub dtype: String,
    pub null_count: usize,
}

/// A window of rows of a table: `rows[i]` is row `offset + i`, one value per column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TablePage {
    pub n_rows: usize,
    pub offset: usize,
    pub columns: Vec<ColumnInfo>,
    pub rows: Vec<Vec<CellValue>>,
}

/// One line of `describe().T`: statistics of one numeric column over its non-null values.
/// `std` is the sample standard deviation (ddof 1); quantiles interpolate linearly, as pandas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DescribeRow {
    pub column: String,
    pub count: usize,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub q25: Option<f64>,
    pub q50: Option<f64>,
    pub q75: Option<f64>,
    pub max: Option<f64>,
}

/// Pearson correlation of every numeric (and bool) column with `target`, pairwise complete,
/// sorted from most positive to most negative; `None` (undefined, e.g. a constant column) last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correlations {
    pub target: String,
    pub values: Vec<(String, Option<f64>)>,
}

/// A square matrix of Pearson correlations between `columns` (for the heatmap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrelationMatrix {
    pub columns: Vec<String>,
    pub values: Vec<Vec<Option<f64>>>,
}

/// An aggregate of a group-by (pandas names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agg {
    Mean,
    Count,
    Sum,
    Min,
    Max,
    Median,
    Std,
    Nunique,
}

/// What an explore cell asks of its input table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "query", rename_all = "snake_case")]
pub enum ExploreQuery {
    /// Rows `offset .. offset + limit` with column types and null counts.
    Preview { offset: usize, limit: usize },
    /// `df.describe().T` of the numeric columns.
    Describe,
    /// `df.corr(numeric_only=True)[target]`, sorted descending, without the target itself.
    Correlation { target: String },
    /// `df.groupby(by)[columns].agg(agg)`, one row per group, sorted by the group keys;
    /// no columns = every numeric column that is not a key.
    GroupBy {
        by: Vec<String>,
        columns: Vec<String>,
        agg: Agg,
    },
    /// `df[column].value_counts()`: the `limit` most frequent values, most frequent first.
    ValueCounts { column: String, limit: usize },
    /// The `n` groups of `key` with the highest mean of `value` among rows whose
    /// `date_column` is in `[start, end)` (ISO dates, end exclusive).
    TopN {
        key: Vec<String>,
        value: String,
        date_column: String,
        start: String,
        end: String,
        n: usize,
    },
}

/// The answer to an [`ExploreQuery`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "output", rename_all = "snake_case")]
pub enum ExploreOutput {
    /// Preview, group-by, value counts and top-N are all tables.
    Table {
        page: TablePage,
    },
    Describe {
        rows: Vec<DescribeRow>,
    },
    Correlations {
        correlations: Correlations,
    },
}

#[cfg(feature = "engine")]
/// Answers `query` about `df`.
pub fn run(query: &ExploreQuery, df: &DataFrame) -> Result<ExploreOutput, ExploreError> {
    let table = |page| ExploreOutput::Table { page };
    Ok(match query {
        ExploreQuery::Preview { offset, limit } => table(preview(df, *offset, *limit)?),
        ExploreQuery::Describe => ExploreOutput::Describe {
            rows: describe(df)?,
        },
        ExploreQuery::Correlation { target } => ExploreOutput::Correlations {
            correlations: correlations(df, target)?,
        },
        ExploreQuery::GroupBy { by, columns, agg } => {
            table(group_by_columns(df, by, columns, *agg)?)
        }
        ExploreQuery::ValueCounts { column, limit } => table(value_counts(df, column, *limit)?),
        ExploreQuery::TopN {
            key,
            value,
            date_column,
            start,
            end,
            n,
        } => table(top_n(df, key, value, date_column, start, end, *n)?),
    })
}
