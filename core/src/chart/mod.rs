//! Charts of a table: what a chart cell asks for ([`ChartSpec`]) and the small, drawable
//! result the engine computes from the data ([`Chart`]): bins, down-sampled points, series.
//! The app draws a [`Chart`] with plotters on a canvas; nothing here knows about pixels.
//! [`compute`] dispatches to one module per kind: `histogram`, `scatter`, `bar`, `line`,
//! `heatmap`; `values` reads columns as numbers, dates or categories.

#[cfg(feature = "engine")]
mod bar;
mod error;
#[cfg(feature = "engine")]
mod heatmap;
#[cfg(feature = "engine")]
mod histogram;
#[cfg(feature = "engine")]
mod line;
#[cfg(feature = "engine")]
mod scatter;
#[cfg(test)]
mod tests;
#[cfg(feature = "engine")]
mod values;

#[cfg(feature = "engine")]
use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

#[cfg(feature = "engine")]
pub use bar::bar;
pub use error::ChartError;
#[cfg(feature = "engine")]
pub use heatmap::heatmap;
#[cfg(feature = "engine")]
pub use histogram::histogram;
#[cfg(feature = "engine")]
pub use line::line;
#[cfg(feature = "engine")]
pub use scatter::scatter;

use crate::explore::Agg;

/// What a chart cell asks to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "chart", rename_all = "snake_case")]
pub enum ChartSpec {
    /// Distribution of a numeric column in `bins` equal-width bins.
    Histogram { column: String, bins: usize },
    /// `y` against `x`; at most `max_points` points (an even sample when there are more).
    Scatter {
        x: String,
        y: String,
        max_points: usize,
    },
    /// `agg` of `value` per `category` (count of rows when `value` is `None`), the
    /// `limit` largest bars.
    Bar {
        category: String,
        value: Option<String>,
        agg: Agg,
        limit: usize,
    },
    /// Mean of `y` per `x` (a date or number), one line per value of `series` (at most
    /// `max_series` lines, the most frequent values), e.g. a song's rank per day.
    Line {
        x: String,
        y: String,
        series: Option<String>,
        max_series: usize,
    },
    /// Correlation matrix of `columns` (all numeric columns when empty), annotated.
    Heatmap { columns: Vec<String> },
}

/// A line of a line chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineSeries {
    pub name: String,
    /// `(x, y)` sorted by x; for dates x is days since 1970-01-01.
    pub points: Vec<(f64, f64)>,
}

/// The data of a chart, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChartData {
    /// `counts[i]` values fall in `[edges[i], edges[i + 1])` (the last bin is closed).
    Histogram {
        edges: Vec<f64>,
        counts: Vec<u64>,
        /// Nulls and NaNs left out.
        n_missing: usize,
    },
    /// `n_total` is the number of rows with both values; more than `points.len()` means
    /// the chart shows a sample and says so.
    Scatter {
        points: Vec<(f64, f64)>,
        n_total: usize,
    },
    Bar {
        labels: Vec<String>,
        values: Vec<f64>,
    },
    Line {
        series: Vec<LineSeries>,
        x_is_date: bool,
    },
    /// `values[row][col]`, `None` where undefined.
    Heatmap {
        labels: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
    },
}

/// A computed chart: title, axis labels and data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub data: ChartData,
}

#[cfg(feature = "engine")]
/// Computes the chart `spec` asks for from `df`.
pub fn compute(spec: &ChartSpec, df: &DataFrame) -> Result<Chart, ChartError> {
    match spec {
        ChartSpec::Histogram { column, bins } => histogram(df, column, *bins),
        ChartSpec::Scatter { x, y, max_points } => scatter(df, x, y, *max_points),
        ChartSpec::Bar {
            category,
            value,
            agg,
            limit,
        } => bar(df, category, value.as_deref(), *agg, *limit),
        ChartSpec::Line {
            x,
            y,
            series,
            max_series,
        } => line(df, x, y, series.as_deref(), *max_series),
        ChartSpec::Heatmap { columns } => heatmap(df, columns),
    }
}
