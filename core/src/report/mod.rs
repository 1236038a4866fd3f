//! The report of a notebook's run, one source for every place it is read: the CLI's
//! `report.md` (a merge request) and `report.html`, and the app's **Export HTML report**.
//! Both build a [`ReportInput`] from what their cells gave ([`CellResult`]) and call
//! [`build`]; the [`Document`] it returns is written as Markdown or as one self-contained
//! HTML page, so the two say the same.
//!
//! Sections, each only when it has something to say: the quality gates, the data contract,
//! the cells (status, time, what each gave), each cell's settings, the datasets, each
//! training (run, data fingerprints, epochs, accuracies), each evaluation, the Explore
//! tables, the predictions, monitoring (drift, fairness, explanations), the Markdown cells'
//! text, the charts and the files written.

mod document;
mod explore;
mod models;
mod outputs;
mod sections;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use document::{Align, Block, Document, Line, Span, Table, code, escape_html, strong, text};
pub use outputs::{CellResult, ContractCheck, Output, Status};

use crate::chart::Chart;
use crate::notebook::Notebook;
use crate::runs::RunRecord;

/// Rows of a per-class table shown (the classes with the most test rows).
pub const PER_CLASS_ROWS: usize = 10;

/// Rows of an Explore cell's table shown (the CLI's CSV files hold them all).
pub const TABLE_ROWS: usize = 20;

/// A quality gate and how it went (the CLI's `--gate`).
#[derive(Debug, Clone, PartialEq)]
pub struct GateLine {
    pub gate: String,
    /// The metric's value; `None`: no such metric.
    pub value: Option<f64>,
    pub passed: bool,
}

/// A chart's picture: its title and where a reader finds it (a PNG file beside
/// `report.md`, or a `data:` URL inside the HTML page: [`png_data_url`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub title: String,
    pub src: String,
}

/// PNG bytes as a `data:` URL, for a picture inside the HTML page.
pub fn png_data_url(png: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// What a report is made from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// The notebook as it ran.
    pub notebook: &'a Notebook,
    /// What ran it, from where and when, in words (`Run by jukebox 0.1.0 from starter on
    /// 2026-12-07 14:31 UTC`).
    pub made_by: String,
    /// Each cell's run, in the notebook's order (`index` 1-based).
    pub cells: &'a [CellResult],
    /// Wall time of the whole run.
    pub elapsed_ms: f64,
    /// Each Train cell's recorded run: (the cell's position, the run).
    pub runs: Vec<(usize, &'a RunRecord)>,
    pub gates: &'a [GateLine],
    /// Each Train cell's input checked against a data contract (the CLI's `--contract`).
    pub contracts: &'a [ContractCheck],
    pub pictures: Vec<Picture>,
    /// Files written beside the report (the CLI's `--out`), and notes on what was not.
    pub files: &'a [String],
    pub notes: &'a [String],
}

/// Each chart the cells drew, with its file name: a Chart cell's chart as
/// `chart-<cell>.png`, a Drift cell's drift over time as `drift-<cell>.png`.
pub fn charts(cells: &[CellResult]) -> Vec<(String, Chart)> {
    cells
        .iter()
        .flat_map(|cell| {
            cell.outputs.iter().filter_map(move |output| match output {
                Output::Charted(chart) => {
                    Some((format!("chart-{}.png", cell.index), chart.clone()))
                }
                Output::Drifted(drift) => drift
                    .over_time
                    .as_ref()
                    .map(|weeks| (format!("drift-{}.png", cell.index), weeks.chart())),
                _ => None,
            })
        })
        .collect()
}

/// The report of `input`.
pub fn build(input: &ReportInput) -> Document {
    let mut doc = Document {
        title: input.notebook.title.clone(),
        blocks: Vec::new(),
    };
    sections::byline(&mut doc, input);
    sections::gates(&mut doc, input.gates);
    sections::contracts(&mut doc, input.contracts);
    sections::cells(&mut doc, input.cells);
    sections::settings(&mut doc, input);
    sections::datasets(&mut doc, input.cells);
    models::trainings(&mut doc, input);
    models::evaluations(&mut doc, input.cells);
    explore::explorations(&mut doc, input.cells);
    sections::predictions(&mut doc, input);
    sections::monitoring(&mut doc, input.cells);
    sections::notes(&mut doc, input);
    sections::charts(&mut doc, &input.pictures);
    sections::files(&mut doc, input.files, input.notes);
    doc
}
