//! Equal-width bins over a column's range, computed as `numpy.histogram` does (same edges,
//! same bin for values on an edge, last bin closed).

use polars_core::prelude::DataFrame;

use super::values::numbers;
use super::{Chart, ChartData, ChartError};

/// The histogram of `column` in `bins` bins; nulls and NaNs are counted in `n_missing`.
pub fn histogram(df: &DataFrame, column: &str, bins: usize) -> Result<Chart, ChartError> {
    if bins == 0 {
        return Err(ChartError::BadSetting {
            setting: "bins",
            value: bins,
            expected: "at least 1",
        });
    }
    let all = numbers(df, column, "a histogram")?;
    let mut values = Vec::with_capacity(all.len());
    for (row, value) in all.iter().enumerate() {
        match value {
            Some(v) if v.is_infinite() => {
                return Err(ChartError::Infinite {
                    column: column.to_owned(),
                    row,
                    value: *v,
                });
            }
            Some(v) => values.push(*v),
            None => {}
        }
    }
    if values.is_empty() {
        return Err(ChartError::NoValues {
            what: format!("column `{column}`"),
            n_rows: all.len(),
        });
    }
    let edges = edges(&values, bins);
    let counts = counts(&values, &edges);
    Ok(Chart {
        title: format!("Histogram of {column}"),
        x_label: column.to_owned(),
        y_label: "count".into(),
        data: ChartData::Histogram {
            edges,
            counts,
            n_missing: all.len() - values.len(),
        },
    })
}

/// `numpy.linspace(min, max, bins + 1)`; a constant column gets the range `[v - 0.5, v + 0.5]`
/// as numpy gives it.
fn edges(values: &[f64], bins: usize) -> Vec<f64> {
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    // Exactly equal, as numpy tests it: any spread, however small, gets bins of its own.
    #[allow(clippy::float_cmp)]
    if lo == hi {
        lo -= 0.5;
        hi += 0.5;
    }
    let step = (hi - lo) / bins as f64;
    let mut edges: Vec<f64> = (0..=bins).map(|i| lo + i as f64 * step).collect();
    // linspace sets the end point exactly, whatever the rounding of the steps.
    edges[bins] = hi;
    edges
}

/// The counts per bin, placing each value like numpy: a first guess from the scaled
/// offset, then a correction by comparing with the actual edges.
fn counts(values: &[f64], edges: &[f64]) -> Vec<u64> {
    let bins = edges.len() - 1;
    let (lo, hi) = (edges[0], edges[bins]);
    let norm = bins as f64 / (hi - lo);
    let mut counts = vec![0_u64; bins];
    for &v in values {
        // Non-negative and at most `bins` (v is within [lo, hi]): truncation is the floor.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut index = (((v - lo) * norm) as usize).min(bins - 1);
        if v < edges[index] {
            index = index.saturating_sub(1);
        } else if index + 1 < bins && v >= edges[index + 1] {
            index += 1;
        }
        counts[index] += 1;
    }
    counts
}
