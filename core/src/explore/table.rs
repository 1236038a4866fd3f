//! A computed table (group-by, value counts, top-N) before it is paged for the UI.

use super::{CellValue, ColumnInfo, TablePage};

/// Column names with pandas dtypes, and all rows.
pub(super) struct Table {
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<CellValue>>,
}

impl Table {
    /// Rows `offset .. offset + limit` (fewer at the end); null counts cover every row and
    /// `n_rows` is the whole table's length.
    pub(super) fn into_page(self, offset: usize, limit: usize) -> TablePage {
        let columns = self
            .columns
            .into_iter()
            .enumerate()
            .map(|(i, (name, dtype))| ColumnInfo {
                name,
                dtype,
                null_count: self
                    .rows
                    .iter()
                    .filter(|row| matches!(row.get(i), Some(CellValue::Null)))
                    .count(),
            })
            .collect();
        let n_rows = self.rows.len();
        let rows = self.rows.into_iter().skip(offset).take(limit).collect();
        TablePage {
            n_rows,
            offset,
            columns,
            rows,
        }
    }
}
