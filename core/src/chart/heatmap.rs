//! The Pearson correlation matrix of numeric columns, pairwise complete, as
//! `df[columns].corr()` in pandas (computed by [`crate::explore::correlation_matrix`]).

use polars_core::prelude::DataFrame;

use super::values::is_numeric;
use super::{Chart, ChartData, ChartError};

/// Correlations between `columns` (every numeric and true/false column, in table order,
/// when empty). A pair uses the rows where both are present; `None` where that leaves
/// fewer than two rows or a constant column.
pub fn heatmap(df: &DataFrame, columns: &[String]) -> Result<Chart, ChartError> {
    let names: Vec<String> = if columns.is_empty() {
        df.columns()
            .iter()
            .filter(|c| is_numeric(c.dtype()))
            .map(|c| c.name().to_string())
            .collect()
    } else {
        columns.to_vec()
    };
    if names.is_empty() {
        return Err(ChartError::NoNumericColumns);
    }
    // One Pearson implementation for the app: explore's, checked against pandas.
    let matrix = crate::explore::correlation_matrix(df, &names)?;
    Ok(Chart {
        title: "Correlation matrix (Pearson)".into(),
        x_label: String::new(),
        y_label: String::new(),
        data: ChartData::Heatmap {
            labels: matrix.columns,
            values: matrix.values,
        },
    })
}
