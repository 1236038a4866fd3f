//! A short description of a loaded dataset, for the shell's status and the notebook:
//! its tables, their rows and columns, and the date range they cover.

#[cfg(feature = "engine")]
use polars_core::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "engine")]
mod date_range;

#[cfg(feature = "engine")]
pub(crate) use date_range::{date_range, row_days};

/// What one table holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSummary {
    pub name: String,
    pub n_rows: usize,
    pub n_columns: usize,
    /// `(name, dtype)` of each column, dtype as polars prints it.
    pub columns: Vec<(String, String)>,
    /// First and last day, `YYYY-MM-DD`, of the table's date column: a date or timestamp
    /// column, or text of ISO dates, one named `date`/`snapshot_date` first (`date_range`).
    pub date_range: Option<(String, String)>,
}

/// What a dataset (one or more tables) holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetSummary {
    pub name: String,
    pub tables: Vec<TableSummary>,
}

impl DatasetSummary {
    pub fn n_rows(&self) -> usize {
        self.tables.iter().map(|t| t.n_rows).sum()
    }

    /// What a Data source or Prepare cell made, in words: `1 dataset · 21,900 rows`. (Each
    /// table is a dataset the notebook's cells name.)
    pub fn headline(&self) -> String {
        format!(
            "{} · {}",
            counted(self.tables.len(), "dataset", "datasets"),
            counted(self.n_rows(), "row", "rows")
        )
    }
}

#[cfg(feature = "engine")]
/// Summarises one table.
pub fn summarize_table(name: &str, df: &DataFrame) -> TableSummary {
    let columns = df
        .schema()
        .iter()
        .map(|(n, dtype)| (n.to_string(), dtype.to_string()))
        .collect();
    TableSummary {
        name: name.to_string(),
        n_rows: df.height(),
        n_columns: df.width(),
        columns,
        date_range: date_range(df),
    }
}

// Moved to `format`; kept here for callers that name them by the summary.
pub use crate::format::{counted, grouped};

#[cfg(test)]
mod tests;
