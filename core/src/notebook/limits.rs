//! Upper bounds on every setting of a notebook, so that a notebook from a stranger (a link, a
//! URL, a file, an import) cannot ask the engine for more than a browser tab holds: a 10⁹-bin
//! histogram, a million-unit layer, a 100 MB column name. The same check runs where a
//! notebook comes in ([`check_notebook`]: every way in) and where the engine takes a cell's
//! request ([`check_request`]: the worker and the CLI), so a setting changed after opening is
//! held to it too. Each error names the cell, the field, the value and the allowed range.
//!
//! Two layers: per kind, the counts that cost memory or time (bins, rows, layers, trees…,
//! with the Train cell's own [`TrainSpec::check`]); for every kind, any text longer than
//! [`MAX_TEXT_BYTES`] (a Markdown cell's text: [`MAX_MARKDOWN_BYTES`]) and any list or map
//! with more than [`MAX_ITEMS`] entries, found by walking the cell's serde form — a setting
//! added later is bounded without anyone remembering to.

use std::fmt::{self, Write};

use serde::Serialize;

use super::{Cell, CellSpec, Notebook, Source};
use crate::chart::ChartSpec;
use crate::contract::validate_cell::MAX_CONTRACT_BYTES;
use crate::demo::{DAYS, DemoConfig, SONGS};
use crate::explain::explain_cell::{ExplainSpec, MAX_BACKGROUND_ROWS};
use crate::explore::ExploreQuery;
use crate::monitor::drift_cell::DriftSpec;
use crate::monitor::fairness_cell::FairnessSpec;
use crate::prepare::PrepareStep;
use crate::protocol::RequestBody;
use crate::train::TrainSpec;
use crate::train::checked::{Bounds, MAX_ROWS, SpecError};

/// Longest text setting (a column, dataset or model name, a URL, a label, the title).
pub const MAX_TEXT_BYTES: usize = 10 * 1024;
/// Longest Markdown cell.
pub const MAX_MARKDOWN_BYTES: usize = 100 * 1024;
/// Most entries of any list or map setting (columns, steps, keys, a song's features).
pub const MAX_ITEMS: usize = 1_000;
/// Most preparation steps of one Prepare cell.
pub const MAX_STEPS: usize = 100;

/// Histogram bins.
pub const BINS: Bounds = Bounds::counts(1, 1_000, "bins");
/// Points a scatter plot draws.
pub const POINTS: Bounds = Bounds::counts(1, 100_000, "points");
/// Bars of a bar chart, and values of a value count.
pub const BARS: Bounds = Bounds::counts(1, 1_000, "bars");
/// Lines of a line chart.
pub const SERIES: Bounds = Bounds::counts(1, 100, "lines");
/// Rows of a preview page.
pub const PAGE_ROWS: Bounds = Bounds::counts(1, 10_000, "rows");
/// A row count or offset (`head`, `sample`, top-N, where a preview starts).
pub const ROWS: Bounds = Bounds::counts(0, MAX_ROWS, "rows");
/// Songs of the demo tables.
pub const DEMO_SONGS: Bounds = Bounds::counts(*SONGS.start(), *SONGS.end(), "songs");
/// Days of the demo's charts.
pub const DEMO_DAYS: Bounds = Bounds::counts(*DAYS.start(), *DAYS.end(), "days");
/// Background rows of an explanation.
pub const BACKGROUND: Bounds = Bounds::counts(1, MAX_BACKGROUND_ROWS, "rows");
/// Rows below which a fairness group is flagged as small.
pub const GROUP_ROWS: Bounds = Bounds::counts(0, MAX_ROWS, "rows");
/// A significance level.
pub const ALPHA: Bounds = Bounds {
    min: 0.0,
    min_included: false,
    max: 1.0,
    max_included: false,
    symbol: "α",
};
/// A probability a counterfactual aims for.
pub const PROBABILITY: Bounds = Bounds {
    min: 0.0,
    min_included: false,
    max: 1.0,
    max_included: true,
    symbol: "p",
};

/// A setting beyond its bound.
///
/// Counts read `bins 1,000,000,000 is outside the allowed 1 to 1,000`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LimitError {
    /// The cell, as the UI names its kind (`Chart`), with its id when known.
    pub cell: String,
    /// What is wrong, naming the field: `bins 1000000000 is outside 1 ≤ bins ≤ 1,000`.
    pub problem: String,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} cell: {}", self.cell, self.problem)
    }
}

/// Every cell of `notebook` (and its title) within bounds: the first setting out of range
/// is the error.
pub fn check_notebook(notebook: &Notebook) -> Result<(), LimitError> {
    if notebook.title.len() > MAX_TEXT_BYTES {
        return Err(LimitError {
            cell: "Title".into(),
            problem: too_long("title", notebook.title.len(), MAX_TEXT_BYTES),
        });
    }
    notebook.cells.iter().try_for_each(check_cell)
}

/// One cell's settings within bounds.
pub fn check_cell(cell: &Cell) -> Result<(), LimitError> {
    check_spec(&cell.spec).map_err(|problem| LimitError {
        cell: format!("{} (id {})", cell.spec.kind(), cell.id),
        problem,
    })
}

/// The settings a request to the engine carries within the same bounds as its cell's: the
/// engine's own check, whoever sent the request.
pub fn check_request(body: &RequestBody) -> Result<(), LimitError> {
    let (kind, checked) = match body {
        RequestBody::LoadUrl { url, .. } => ("Data source", texts(url)),
        RequestBody::Prepare { steps, .. } => ("Prepare", prepare(steps)),
        RequestBody::Explore { query, .. } => ("Explore", explore(query)),
        RequestBody::Chart { chart, .. } => ("Chart", self::chart(chart)),
        // The demo's settings and a training's hyper-parameters are checked where they are
        // used (`DemoConfig`, `TrainSpec::check`), with the same bounds and their own words.
        RequestBody::Train { spec, .. } | RequestBody::PlanTraining { spec, .. } => {
            ("Train", texts(spec))
        }
        RequestBody::SearchSongs { query, limit, .. } => (
            "Predict",
            texts(query).and_then(|()| count("songs listed", *limit, &BARS)),
        ),
        RequestBody::Validate(spec) => ("Validate", texts(spec)),
        RequestBody::Drift(spec) => ("Drift", drift(spec)),
        RequestBody::Fairness(spec) => ("Fairness", fairness(spec)),
        RequestBody::Explain(spec) => ("Explain", explain(spec)),
        _ => return Ok(()),
    };
    checked.map_err(|problem| LimitError {
        cell: kind.into(),
        problem,
    })
}

fn check_spec(spec: &CellSpec) -> Result<(), String> {
    match spec {
        CellSpec::Source { source } => match source {
            Source::Demo { config } => demo(config),
            Source::File { .. } | Source::Url { .. } => texts(source),
        },
        CellSpec::Prepare { steps, .. } => prepare(steps).and_then(|()| texts(spec)),
        CellSpec::Explore { query, .. } => explore(query).and_then(|()| texts(spec)),
        CellSpec::Chart { chart, .. } => self::chart(chart).and_then(|()| texts(spec)),
        CellSpec::Train {
            spec: train_spec, ..
        } => train(train_spec).and_then(|()| texts(spec)),
        CellSpec::Markdown { text } => {
            if text.len() > MAX_MARKDOWN_BYTES {
                Err(too_long("text", text.len(), MAX_MARKDOWN_BYTES))
            } else {
                Ok(())
            }
        }
        CellSpec::Validate(validate) => texts(validate),
        CellSpec::Drift(drift_spec) => drift(drift_spec),
        CellSpec::Fairness(fairness_spec) => fairness(fairness_spec),
        CellSpec::Explain(explain_spec) => explain(explain_spec),
        CellSpec::Evaluate { .. }
        | CellSpec::Predict { .. }
        | CellSpec::LoadRun { .. }
        | CellSpec::Serve { .. } => texts(spec),
    }
}

fn demo(config: &DemoConfig) -> Result<(), String> {
    count("songs", config.n_songs, &DEMO_SONGS)?;
    count("days", config.n_days, &DEMO_DAYS)
}

fn prepare(steps: &[PrepareStep]) -> Result<(), String> {
    if steps.len() > MAX_STEPS {
        return Err(too_many("steps", steps.len(), MAX_STEPS));
    }
    for (i, step) in steps.iter().enumerate() {
        match step {
            PrepareStep::Head { n } => count(&format!("step {}: head n", i + 1), *n, &ROWS)?,
            PrepareStep::Sample { n, .. } => {
                count(&format!("step {}: sample n", i + 1), *n, &ROWS)?;
            }
            _ => {}
        }
    }
    texts(steps)
}

fn explore(query: &ExploreQuery) -> Result<(), String> {
    match query {
        ExploreQuery::Preview { offset, limit } => {
            count("first row", *offset, &ROWS)?;
            count("rows", *limit, &PAGE_ROWS)?;
        }
        ExploreQuery::ValueCounts { limit, .. } => count("values", *limit, &BARS)?,
        ExploreQuery::TopN { n, .. } => count("top n", *n, &ROWS)?,
        ExploreQuery::Describe
        | ExploreQuery::Correlation { .. }
        | ExploreQuery::GroupBy { .. } => {}
    }
    texts(query)
}

fn chart(chart: &ChartSpec) -> Result<(), String> {
    match chart {
        ChartSpec::Histogram { bins, .. } => count("bins", *bins, &BINS)?,
        ChartSpec::Scatter { max_points, .. } => count("points", *max_points, &POINTS)?,
        ChartSpec::Bar { limit, .. } => count("bars", *limit, &BARS)?,
        ChartSpec::Line { max_series, .. } => count("lines", *max_series, &SERIES)?,
        ChartSpec::Heatmap { .. } => {}
    }
    texts(chart)
}

fn train(spec: &TrainSpec) -> Result<(), String> {
    spec.check().map_err(|e| match e {
        SpecError::OutOfRange {
            field,
            value,
            allowed,
        } => format!("{field} {value} is outside {allowed}"),
        other => other
            .to_string()
            .trim_start_matches("Train cell: ")
            .to_string(),
    })?;
    texts(spec)
}

fn drift(spec: &DriftSpec) -> Result<(), String> {
    number("significance level", spec.alpha, &ALPHA)?;
    texts(spec)
}

fn fairness(spec: &FairnessSpec) -> Result<(), String> {
    count(
        "smallest group without a warning",
        spec.bounds.min_group_rows,
        &GROUP_ROWS,
    )?;
    texts(spec)
}

fn explain(spec: &ExplainSpec) -> Result<(), String> {
    count("background rows", spec.background_rows, &BACKGROUND)?;
    if let Some(p) = spec.target_probability {
        number("target probability", p, &PROBABILITY)?;
    }
    texts(spec)
}

fn count(field: &str, value: usize, bounds: &Bounds) -> Result<(), String> {
    if bounds.contains_count(value) {
        Ok(())
    } else {
        Err(format!(
            "{field} {} is outside the allowed {}",
            crate::format::grouped(value),
            bounds.range()
        ))
    }
}

fn number(field: &str, value: f64, bounds: &Bounds) -> Result<(), String> {
    if bounds.contains(value) {
        Ok(())
    } else {
        Err(format!("{field} {value} is outside {bounds}"))
    }
}

fn too_long(field: &str, bytes: usize, max: usize) -> String {
    format!(
        "{field} is {} bytes long, more than the {} allowed",
        crate::format::grouped(bytes),
        crate::format::grouped(max)
    )
}

fn too_many(field: &str, items: usize, max: usize) -> String {
    format!(
        "{field} has {} entries, more than the {} allowed",
        crate::format::grouped(items),
        crate::format::grouped(max)
    )
}

/// Every text of `settings` within [`MAX_TEXT_BYTES`] (a contract file's text: within
/// [`MAX_CONTRACT_BYTES`]) and every list or map within [`MAX_ITEMS`] entries; the error
/// names the field by its path in the settings (`steps[2].columns`).
fn texts(settings: &(impl Serialize + ?Sized)) -> Result<(), String> {
    // Plain data of strings, numbers and maps with string keys: serialising cannot fail.
    let value = serde_json::to_value(settings).unwrap_or_default();
    walk(&value, &mut String::new())
}

fn walk(value: &serde_json::Value, path: &mut String) -> Result<(), String> {
    use serde_json::Value;
    let field = |path: &str| {
        if path.is_empty() {
            "the value".to_string()
        } else {
            format!("`{path}`")
        }
    };
    match value {
        Value::String(text) => {
            let max = if is_contract_text(path) {
                MAX_CONTRACT_BYTES
            } else {
                MAX_TEXT_BYTES
            };
            if text.len() > max {
                return Err(too_long(&field(path), text.len(), max));
            }
        }
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                return Err(too_many(&field(path), items.len(), MAX_ITEMS));
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                walk(item, path)?;
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            if map.len() > MAX_ITEMS {
                return Err(too_many(&field(path), map.len(), MAX_ITEMS));
            }
            for (key, item) in map {
                if key.len() > MAX_TEXT_BYTES {
                    return Err(too_long(
                        &format!("a key of {}", field(path)),
                        key.len(),
                        MAX_TEXT_BYTES,
                    ));
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(item, path)?;
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

/// A Validate cell's contract file text (`against.text` of `ContractSource::File`), which
/// holds a whole contract.
fn is_contract_text(path: &str) -> bool {
    path == "against.text"
}

#[cfg(test)]
#[path = "limits_tests.rs"]
mod tests;
