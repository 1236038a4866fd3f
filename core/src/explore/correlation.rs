//! Pearson correlations like `df.corr(numeric_only=True)`: numeric and bool (0/1) columns,
//! each pair over the rows where both are present (pandas' pairwise-complete rule).

use polars_core::prelude::*;

use super::column::{float_values, floats, is_number_or_bool};
use super::stats::pearson;
use super::{CorrelationMatrix, Correlations, ExploreError};

/// `df.corr(numeric_only=True)[target].drop(target).sort_values(ascending=False)`; undefined
/// correlations (a constant column, no common rows) last.
pub fn correlations(df: &DataFrame, target: &str) -> Result<Correlations, ExploreError> {
    let y = floats(df, target, "a correlation target", true)?;
    let mut values = df
        .columns()
        .iter()
        .filter(|c| is_number_or_bool(c.dtype()) && c.name().as_str() != target)
        .map(|c| Ok((c.name().to_string(), pearson(&float_values(c)?, &y))))
        .collect::<Result<Vec<_>, ExploreError>>()?;
    // Stable: equal correlations keep table order. None sorts last.
    values.sort_by(|(_, a), (_, b)| match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    Ok(Correlations {
        target: target.to_string(),
        values,
    })
}

/// The correlation matrix of `columns` (every numeric and bool column when empty).
pub fn correlation_matrix(
    df: &DataFrame,
    columns: &[String],
) -> Result<CorrelationMatrix, ExploreError> {
    let names: Vec<String> = if columns.is_empty() {
        df.columns()
            .iter()
            .filter(|c| is_number_or_bool(c.dtype()))
            .map(|c| c.name().to_string())
            .collect()
    } else {
        columns.to_vec()
    };
    if names.is_empty() {
        return Err(ExploreError::NoNumericColumns {
            purpose: "correlate",
        });
    }
    let data = names
        .iter()
        .map(|n| floats(df, n, "a correlation matrix", true))
        .collect::<Result<Vec<_>, ExploreError>>()?;
    let k = names.len();
    let mut values = vec![vec![None; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let r = pearson(&data[i], &data[j]);
            values[i][j] = r;
            values[j][i] = r;
        }
    }
    Ok(CorrelationMatrix {
        columns: names,
        values,
    })
}
