//! **Export HTML report**: the notebook's report — the core's (`jukebox_core::report`), the
//! same the CLI writes as `report.md` and `report.html` — saved as one self-contained
//! `.html` file. Each cell's status, time, settings and results come from its signals (a
//! cell that has not run, is stale or failed shows that, not old results); each Train
//! cell's run (its data fingerprints, model hash) is read from this browser's storage; each
//! chart is drawn again on a canvas of its own, 960 CSS pixels wide in the light theme (a
//! page that prints), and put in as a PNG `data:` URL. The page loads nothing and runs no
//! script (`jukebox_core::report::Document::to_html`).

use jukebox_core::APP_VERSION;
use jukebox_core::chart::Chart;
use jukebox_core::notebook::CellSpec;
use jukebox_core::notebook::file::report_file_name;
use jukebox_core::notebook::labels::{kind_key, label};
use jukebox_core::report::{self, CellResult, Output, Picture, ReportInput, Status};
use jukebox_core::runs::format::date_time;
use jukebox_plot::{Look, Palette, height_for};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::AppError;
use crate::browser::clock::epoch_ms;
use crate::browser::js_error::js_error_text;
use crate::chart::draw;
use crate::download::download_bytes;
use crate::notebook::cell_entry::{CellEntry, CellOutput, CellStatus};
use crate::notebook::document::Document;
use crate::notebook::keys::toast::Toast;
use crate::notebook::persist::records::RunRecords;

/// A chart's width in the report, in CSS pixels (as the CLI's PNG files).
const CHART_WIDTH: f64 = 960.0;
/// Pixels per CSS pixel: sharp on paper and on high-density screens.
const CHART_SCALE: f64 = 2.0;

/// Makes the report of the notebook as it stands and starts its download; the file's name.
pub async fn export_report(document: Document, records: RunRecords) -> Result<String, AppError> {
    let notebook = document.snapshot();
    let cells: Vec<CellResult> = document.cells.with_untracked(|entries| {
        entries
            .iter()
            .enumerate()
            .map(|(i, entry)| cell_result(i + 1, entry))
            .collect()
    });
    let mut runs = Vec::new();
    for (cell, result) in notebook.cells.iter().zip(&cells) {
        if let Some(record) = records.last_record(cell.id).await {
            runs.push((result.index, record));
        }
    }
    let mut pictures = Vec::new();
    let mut notes = Vec::new();
    for (_, chart) in report::charts(&cells) {
        match png_data_url(&chart) {
            Ok(src) => pictures.push(Picture {
                title: chart.title.clone(),
                src,
            }),
            Err(problem) => notes.push(format!(
                "The chart “{}” is not in the report: {problem}",
                chart.title
            )),
        }
    }
    let input = ReportInput {
        notebook: &notebook,
        made_by: format!(
            "Exported from Jukebox {APP_VERSION} (in the browser) on {} UTC",
            date_time(epoch_ms(), 0.0)
        ),
        cells: &cells,
        elapsed_ms: cells.iter().filter_map(|c| c.elapsed_ms).sum(),
        runs: runs
            .iter()
            .map(|(index, record)| (*index, record))
            .collect(),
        gates: &[],
        contracts: &[],
        pictures,
        files: &[],
        notes: &notes,
    };
    let html = report::build(&input).to_html(&format!("Jukebox {APP_VERSION}"));
    let name = report_file_name(&notebook.title);
    download_bytes(&name, "text/html;charset=utf-8", html.as_bytes())?;
    Ok(name)
}

/// A cell as the report tells it: what it gave when it last finished, or why there is
/// nothing to show.
fn cell_result(index: usize, entry: &CellEntry) -> CellResult {
    let spec = entry.spec.get_untracked();
    let markdown = matches!(spec, CellSpec::Markdown { .. });
    let (status, elapsed_ms) = match entry.status.get_untracked() {
        _ if markdown => (Status::Done, None),
        CellStatus::Done { wall_ms, .. } => (Status::Done, Some(wall_ms)),
        CellStatus::Failed { message } => (Status::Failed(message), None),
        CellStatus::Idle => (Status::Skipped("not run".into()), None),
        CellStatus::Queued | CellStatus::Running(_) => (
            Status::Skipped("still running when the report was made".into()),
            None,
        ),
        CellStatus::Cancelled => (Status::Skipped("cancelled".into()), None),
        CellStatus::Stale => (
            Status::Skipped("stale: an input changed since it ran (run it again)".into()),
            None,
        ),
        CellStatus::AwaitingConsent { hosts } => (
            Status::Skipped(format!(
                "waiting for your consent to contact {}",
                hosts.join(", ")
            )),
            None,
        ),
    };
    let outputs = if status == Status::Done {
        entry
            .output
            .with_untracked(|output| output.as_ref().and_then(report_output))
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    CellResult {
        index,
        id: entry.id,
        kind: kind_key(&spec),
        label: label(&spec),
        status,
        elapsed_ms,
        outputs,
    }
}

/// A cell's output in the report's terms; a Serve cell's exchange with a server is not in
/// the report (as in the CLI, which does not call servers).
fn report_output(output: &CellOutput) -> Option<Output> {
    Some(match output {
        CellOutput::Loaded(summary) => Output::Loaded(summary.clone()),
        CellOutput::Explored(explored) => Output::Explored(explored.clone()),
        CellOutput::Charted(chart) => Output::Charted(chart.clone()),
        CellOutput::Trained(report) => Output::Trained(Box::new(report.clone())),
        CellOutput::Evaluated(evaluation) => Output::Evaluated(Box::new(evaluation.clone())),
        CellOutput::Predicted(prediction) => Output::Predicted(prediction.clone()),
        CellOutput::Served(_) => return None,
        CellOutput::Validated(validation) => Output::Validated(validation.clone()),
        CellOutput::Drifted(drift) => Output::Drifted(drift.clone()),
        CellOutput::FairnessMeasured(fairness) => Output::FairnessMeasured(fairness.clone()),
        CellOutput::Explained(explained) => Output::Explained(explained.clone()),
    })
}

/// `chart` drawn on a canvas of its own (never shown) as a PNG `data:` URL.
fn png_data_url(chart: &Chart) -> Result<String, String> {
    let canvas: web_sys::HtmlCanvasElement = window()
        .document()
        .ok_or("the page has no document")?
        .create_element("canvas")
        .map_err(|e| js_error_text(&e))?
        .unchecked_into();
    let height = height_for(chart, CHART_WIDTH);
    // A few thousand pixels at most: far inside u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (width_px, height_px) = (
        (CHART_WIDTH * CHART_SCALE).round() as u32,
        (height * CHART_SCALE).round() as u32,
    );
    canvas.set_width(width_px);
    canvas.set_height(height_px);
    let look = Look {
        palette: Palette::LIGHT,
        scale: CHART_SCALE,
    };
    draw::render(&canvas, chart, &look).map_err(|e| format!("it could not be drawn: {e}"))?;
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|e| js_error_text(&e))
}

/// The palette's and the bar's action: exports and says where the file went (or why not).
pub fn export_and_tell(document: Document, records: RunRecords, toast: Toast) {
    leptos::task::spawn_local(async move {
        match export_report(document, records).await {
            Ok(name) => toast.show(format!("Report saved as {name}")),
            Err(error) => toast.show(error.to_string()),
        }
    });
}
