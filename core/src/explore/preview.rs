//! A page of a table's rows with pandas dtype names and per-column null counts. Only the
//! requested rows are read, so paging through a million rows stays instant.

use polars_core::prelude::*;

use super::cells::cell;
use super::column::pandas_dtype;
use super::{ColumnInfo, ExploreError, TablePage};

/// Rows `offset .. offset + limit` of `df` (fewer, or none, past the end).
pub fn preview(df: &DataFrame, offset: usize, limit: usize) -> Result<TablePage, ExploreError> {
    let columns = df
        .columns()
        .iter()
        .map(|c| ColumnInfo {
            name: c.name().to_string(),
            dtype: pandas_dtype(c.dtype()),
            // Kept with each array by polars: no scan of the column.
            null_count: c.null_count(),
        })
        .collect();
    let start = offset.min(df.height());
    let length = limit.min(df.height() - start);
    // Within `height`, which polars keeps within i64.
    let window = df.slice(i64::try_from(start).unwrap_or(i64::MAX), length);
    let mut rows = vec![Vec::with_capacity(df.width()); window.height()];
    for column in window.columns() {
        for (i, row) in rows.iter_mut().enumerate() {
            let value = column.get(i).map_err(|e| {
                ExploreError::frame(
                    format!("reading row {} of `{}`", start + i, column.name()),
                    e,
                )
            })?;
            row.push(cell(value));
        }
    }
    Ok(TablePage {
        n_rows: df.height(),
        offset,
        columns,
        rows,
    })
}
