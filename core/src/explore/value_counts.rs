//! `df[column].value_counts()`: distinct values, most frequent first, nulls left out.
//! Ties keep the order in which values first appear. pandas 2 sorts the counts with an
//! unstable quicksort, so its order among many equal counts can differ; the counts agree.

use polars_core::prelude::*;

use super::column::{find, pandas_dtype};
use super::keys::{MISSING, factorize_column};
use super::table::Table;
use super::{CellValue, ExploreError, TablePage};

/// The `limit` most frequent values of `column` with their counts (the answer holds at most
/// `limit` rows; ask for more to see how many distinct values there are).
pub fn value_counts(df: &DataFrame, column: &str, limit: usize) -> Result<TablePage, ExploreError> {
    let source = find(df, column)?;
    let values = factorize_column(source)?;
    let mut counts = vec![0_i64; values.uniques.len()];
    for &code in values.codes.iter().filter(|&&c| c != MISSING) {
        counts[code as usize] += 1;
    }
    // Codes are in order of first appearance; a stable sort keeps it among ties.
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| counts[b].cmp(&counts[a]));
    order.truncate(limit);
    let rows = order
        .into_iter()
        .map(|code| vec![values.uniques[code].clone(), CellValue::Int(counts[code])])
        .collect();
    let table = Table {
        columns: vec![
            (column.to_string(), pandas_dtype(source.dtype())),
            ("count".to_string(), "int64".to_string()),
        ],
        rows,
    };
    Ok(table.into_page(0, limit))
}
