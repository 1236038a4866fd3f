//! A short description of a loaded dataset, for the shell's status and the notebook:
//! its tables, their rows and columns, and the date range they cover.

use polars_core::prelude::*;
use serde::{Deserialize, Serialize};

use crate::calendar::iso_date_from_ns;

/// What one table holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSummary {
    pub name: String,
    pub n_rows: usize,
    pub n_columns: usize,
    /// `(name, dtype)` of each column, dtype as polars prints it.
    pub columns: Vec<(String, String)>,
    /// First and last date of the first date/timestamp column, `YYYY-MM-DD`.
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
}

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

fn date_range(df: &DataFrame) -> Option<(String, String)> {
    let column = df
        .columns()
        .iter()
        .find(|c| matches!(c.dtype(), DataType::Datetime(_, _)))?;
    let DataType::Datetime(unit, _) = column.dtype() else {
        return None;
    };
    let to_ns = match unit {
        TimeUnit::Nanoseconds => 1,
        TimeUnit::Microseconds => 1_000,
        TimeUnit::Milliseconds => 1_000_000,
    };
    let physical = column.datetime().ok()?.physical();
    let (min, max) = (physical.min()?, physical.max()?);
    Some((iso_date_from_ns(min * to_ns), iso_date_from_ns(max * to_ns)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoConfig, generate};

    #[test]
    fn summarizes_the_demo_rankings_with_their_date_range() {
        let config = DemoConfig {
            n_songs: 500,
            n_days: 10,
            ..DemoConfig::default()
        };
        let tables = generate(&config).expect("demo generates");
        let summary = summarize_table("song_rankings", &tables.song_rankings);
        assert_eq!(summary.n_rows, 73 * 50 * 10);
        assert_eq!(summary.n_columns, 11);
        assert_eq!(
            summary.columns[8],
            ("snapshot_date".into(), "datetime[ns]".into())
        );
        assert_eq!(
            summary.date_range,
            Some(("2024-06-21".to_string(), "2024-06-30".to_string()))
        );
    }
}
