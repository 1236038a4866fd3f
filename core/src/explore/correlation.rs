//! Pearson correlations like `df.corr(numeric_only=True)`: numeric and bool (0/1) columns,
//! each pair over the rows where both are present (pandas' pairwise-complete rule).

use polars_core::prelude::*;

use super::column::{float_values, floats, is_number_or_bool};
use super::stats::{centered, dot, pearson, pearson_centered};
use super::{CorrelationMatrix, Correlations, ExploreError};

/// `df.corr(numeric_only=True)[target].drop(target).sort_values(ascending=False)`; undefined
/// correlations (a constant column, no common rows) last.
pub fn correlations(df: &DataFrame, target: &str) -> Result<Correlations, ExploreError> {
    let y = Series::new(floats(df, target, "a correlation target", true)?);
    let mut values = df
        .columns()
        .iter()
        .filter(|c| is_number_or_bool(c.dtype()) && c.name().as_str() != target)
        .map(|c| {
            Ok((
                c.name().to_string(),
                Series::new(float_values(c)?).pearson(&y),
            ))
        })
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
        .map(|n| Ok(Series::new(floats(df, n, "a correlation matrix", true)?)))
        .collect::<Result<Vec<_>, ExploreError>>()?;
    let k = names.len();
    let mut values = vec![vec![None; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let r = data[i].pearson(&data[j]);
            values[i][j] = r;
            values[j][i] = r;
        }
    }
    Ok(CorrelationMatrix {
        columns: names,
        values,
    })
}

/// A column's values (`NaN` for missing), and when none is missing their centred copy
/// with its sum of squares.
struct Series {
    values: Vec<f64>,
    centered: Option<(Vec<f64>, f64)>,
}

impl Series {
    fn new(values: Vec<f64>) -> Self {
        let centered = centered(&values).map(|c| {
            let ssq = dot(&c, &c);
            (c, ssq)
        });
        Self { values, centered }
    }

    /// Complete columns take the fast two-pass path; any missing value, pandas' pairwise
    /// Welford updates.
    fn pearson(&self, other: &Self) -> Option<f64> {
        match (&self.centered, &other.centered) {
            (Some((x, ssq_x)), Some((y, ssq_y))) => pearson_centered(x, y, (*ssq_x, *ssq_y)),
            _ => pearson(&self.values, &other.values),
        }
    }
}
