//! Points of two numeric columns, thinned to an even, deterministic sample when there are
//! more than a canvas can show.

use polars_core::prelude::DataFrame;

use super::values::numbers;
use super::{Chart, ChartData, ChartError};

/// `y` against `x` over the rows where both are finite numbers; when there are more than
/// `max_points`, the points at rows spread evenly through the table (the same ones each time).
pub fn scatter(df: &DataFrame, x: &str, y: &str, max_points: usize) -> Result<Chart, ChartError> {
    if max_points == 0 {
        return Err(ChartError::BadSetting {
            setting: "max_points",
            value: max_points,
            expected: "at least 1",
        });
    }
    let xs = numbers(df, x, "a scatter plot's x axis")?;
    let ys = numbers(df, y, "a scatter plot's y axis")?;
    // Plotting libraries skip points they cannot place; so does this.
    let both: Vec<(f64, f64)> = xs
        .into_iter()
        .zip(ys)
        .filter_map(|pair| match pair {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some((a, b)),
            _ => None,
        })
        .collect();
    if both.is_empty() {
        return Err(ChartError::NoValues {
            what: format!("the pair `{x}`, `{y}`"),
            n_rows: df.height(),
        });
    }
    let n_total = both.len();
    Ok(Chart {
        title: format!("{y} vs {x}"),
        x_label: x.to_owned(),
        y_label: y.to_owned(),
        data: ChartData::Scatter {
            points: even_sample(both, max_points),
            n_total,
        },
    })
}

/// `max` items at positions `⌊i · n / max⌋`, so the sample spans the whole table (the first
/// row always, then evenly); all of them when there are no more than `max`.
fn even_sample<T: Copy>(items: Vec<T>, max: usize) -> Vec<T> {
    let n = items.len();
    if n <= max {
        return items;
    }
    // i · n stays far below u128's range; the quotient is below n.
    #[allow(clippy::cast_possible_truncation)]
    let at = |i: usize| ((i as u128 * n as u128) / max as u128) as usize;
    (0..max).map(|i| items[at(i)]).collect()
}
