//! Lines of the mean of `y` per distinct `x`, one per value of a series column (the most
//! frequent ones), as `df.groupby([series, x])[y].mean()` drawn per series.

use polars_core::prelude::DataFrame;

use super::values::{Categories, categories, numbers, positions};
use super::{Chart, ChartData, ChartError, LineSeries};

/// Line chart data; `x` may be a date or timestamp (then x is days since 1970 and
/// `x_is_date` is set) or a number. Rows with a missing x, y or series value are left out.
pub fn line(
    df: &DataFrame,
    x: &str,
    y: &str,
    series: Option<&str>,
    max_series: usize,
) -> Result<Chart, ChartError> {
    if max_series == 0 {
        return Err(ChartError::BadSetting {
            setting: "max_series",
            value: max_series,
            expected: "at least 1",
        });
    }
    let (xs, x_is_date) = positions(df, x, "a line chart's x axis")?;
    let ys = numbers(df, y, "a line chart's y axis")?;
    let names = match series {
        Some(column) => categories(df, column, "a line chart's series")?,
        None => Categories::single(y, df.height()),
    };
    // Rows that can be drawn, as (series code, x, y).
    let rows: Vec<(usize, f64, f64)> = names
        .codes
        .iter()
        .zip(&xs)
        .zip(&ys)
        .filter_map(|((code, x), y)| match (code, x, y) {
            (Some(c), Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some((*c, *x, *y)),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return Err(ChartError::NoValues {
            what: format!("the pair `{x}`, `{y}`"),
            n_rows: df.height(),
        });
    }
    let mut points: Vec<Vec<(f64, f64)>> = vec![Vec::new(); names.names.len()];
    for &(code, x, y) in &rows {
        points[code].push((x, y));
    }
    let lines = most_frequent(&names.names, &points, max_series)
        .into_iter()
        .map(|code| LineSeries {
            name: names.names[code].clone(),
            points: mean_per_x(std::mem::take(&mut points[code])),
        })
        .collect();
    let title = match series {
        Some(s) => format!("Mean {y} by {x}, per {s}"),
        None => format!("Mean {y} by {x}"),
    };
    Ok(Chart {
        title,
        x_label: x.to_owned(),
        y_label: format!("mean {y}"),
        data: ChartData::Line {
            series: lines,
            x_is_date,
        },
    })
}

/// The codes of the `max` series with the most rows to draw, most first (ties by name).
fn most_frequent(names: &[String], points: &[Vec<(f64, f64)>], max: usize) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..names.len())
        .filter(|&c| !points[c].is_empty())
        .collect();
    ranked.sort_by(|&a, &b| {
        points[b]
            .len()
            .cmp(&points[a].len())
            .then_with(|| names[a].cmp(&names[b]))
    });
    ranked.truncate(max);
    ranked
}

/// Sorts by x and replaces the points sharing an x by one at the mean of their y.
fn mean_per_x(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut means: Vec<(f64, f64)> = Vec::new();
    let mut start = 0;
    while start < points.len() {
        let x = points[start].0;
        // Exactly equal x values form a group, as in a pandas group-by.
        #[allow(clippy::float_cmp)]
        let end = start + points[start..].iter().take_while(|p| p.0 == x).count();
        let sum: f64 = points[start..end].iter().map(|p| p.1).sum();
        means.push((x, sum / (end - start) as f64));
        start = end;
    }
    means
}
