//! The Pearson correlation matrix of numeric columns, pairwise complete, as
//! `df[columns].corr()` in pandas.

use polars_core::prelude::DataFrame;

use super::values::{is_numeric, numbers};
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
    let data = names
        .iter()
        .map(|name| numbers(df, name, "a correlation heatmap"))
        .collect::<Result<Vec<_>, _>>()?;
    let k = names.len();
    let mut values = vec![vec![None; k]; k];
    for i in 0..k {
        for j in i..k {
            let r = pearson(&data[i], &data[j]);
            values[i][j] = r;
            values[j][i] = r;
        }
    }
    Ok(Chart {
        title: "Correlation matrix (Pearson)".into(),
        x_label: String::new(),
        y_label: String::new(),
        data: ChartData::Heatmap {
            labels: names,
            values,
        },
    })
}

/// Pearson's r over the rows where both values are present (two passes: means first, so
/// large offsets such as durations in ms do not cancel digits).
pub(crate) fn pearson(xs: &[Option<f64>], ys: &[Option<f64>]) -> Option<f64> {
    let pairs = || {
        xs.iter().zip(ys).filter_map(|p| match p {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some((*x, *y)),
            _ => None,
        })
    };
    let (n, sum_x, sum_y) = pairs().fold((0_usize, 0.0, 0.0), |(n, sx, sy), (x, y)| {
        (n + 1, sx + x, sy + y)
    });
    if n < 2 {
        return None;
    }
    let (mean_x, mean_y) = (sum_x / n as f64, sum_y / n as f64);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs() {
        let (dx, dy) = (x - mean_x, y - mean_y);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let divisor = (sxx * syy).sqrt();
    // Rounding can carry |r| a hair past 1; pandas clips it back as well.
    (divisor > 0.0).then(|| (sxy / divisor).clamp(-1.0, 1.0))
}
