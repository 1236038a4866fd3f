//! `report.md` and `report.html`: the core's report of the run (`jukebox_core::report`, the
//! same the app exports), for a reviewer to open in a merge request or a browser — the
//! quality gates, the data contract, the cells (status, time, settings), the datasets, each
//! training with its data fingerprints, each evaluation, the Explore tables, predictions,
//! monitoring, the Markdown cells' text, the charts and the files written. The Markdown
//! links the charts' PNG files; the HTML page holds them (it is one self-contained file).

use jukebox_core::report::{self, GateLine, Picture, ReportInput};
use jukebox_core::runs::format::date_time;

use super::Written;
use crate::gate::GateResult;
use crate::run::NotebookRun;

/// The report's two files: (`report.md`, `report.html`).
pub fn render(run: &NotebookRun, written: &Written, gates: &[GateResult]) -> (String, String) {
    let gates: Vec<GateLine> = gates
        .iter()
        .map(|g| GateLine {
            gate: g.gate.to_string(),
            value: g.value,
            passed: g.passed(),
        })
        .collect();
    let mut files = written.files.clone();
    files.extend(["report.md".to_string(), "report.html".to_string()]);
    let input = ReportInput {
        notebook: &run.notebook,
        made_by: format!(
            "Run by jukebox {} from {} on {} UTC",
            crate::VERSION,
            run.origin,
            date_time(run.started_ms, 0.0)
        ),
        cells: &run.cells,
        elapsed_ms: run.elapsed_ms,
        runs: run.runs.iter().map(|r| (r.cell_index, &r.record)).collect(),
        gates: &gates,
        contracts: &run.contracts,
        pictures: pictures(written, |chart| chart.file.clone()),
        files: &files,
        notes: &written.notes,
    };
    let markdown = report::build(&input).to_markdown();
    let input = ReportInput {
        pictures: pictures(written, |chart| report::png_data_url(&chart.png)),
        ..input
    };
    let html = report::build(&input).to_html(&format!("jukebox {}", crate::VERSION));
    (markdown, html)
}

fn pictures(written: &Written, src: impl Fn(&super::WrittenChart) -> String) -> Vec<Picture> {
    written
        .charts
        .iter()
        .map(|chart| Picture {
            title: chart.title.clone(),
            src: src(chart),
        })
        .collect()
}

/// The first 12 hex digits of a version, as the Runs page shows it.
pub fn short_version(version: &str) -> &str {
    version.get(..12).unwrap_or(version)
}
