//! What a run leaves in `--out DIR`:
//!
//! - `jukebox-export.json` — the notebook as it ran and every training as a run with its
//!   model, in the app's export format (Settings → Import reads it; the notebook's Train
//!   cells then restore their models from these runs);
//! - `model.onnx` + `model-card.json` — the last Train cell's model, when ONNX can express
//!   it (dense network, logistic regression); other Train cells' under `runs/<model>/`;
//! - `metrics.json` — flat metric names → numbers (`metrics`);
//! - `confusion_matrix.csv` — the last run's test part (`csv`); others under `runs/<model>/`;
//! - `data-contract.json` — the first Train cell's input table's contract (for the next run's
//!   `--contract`), and `validation.json` — its check against `--contract`, when given;
//! - `monitor.json` + `monitor.prom` — the Drift, Fairness and Explain cells' results and
//!   alerts, and the same as Prometheus gauges (`monitor`), when the notebook has such cells;
//! - `explore-<n>.csv` — the table of the Explore cell at position n (`csv`);
//! - `validation-<n>.json` — the Validate cell at position n: its anomalies;
//! - `chart-<n>.png` — the Chart cell at position n, drawn by the app's chart code
//!   (`charts`), and `drift-<n>.png` — a Drift cell's drift over time;
//! - `report.md` — a summary for a merge request, and `report.html` — the same as one
//!   self-contained page with the charts inside (`report`), written last.

pub mod charts;
pub mod csv;
pub mod metrics;
pub mod monitor;
pub mod report;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jukebox_core::archive::{self, Archive, ArchivedRun};
use jukebox_core::engine::Engine;
use jukebox_core::hash::sha256_hex;
use jukebox_core::onnx::{OnnxOptions, model_card};
use jukebox_core::protocol::{Request, RequestBody, ResponseBody};
use jukebox_core::store::StoredNotebook;

use crate::error::{CliError, Result};
use crate::progress::Reporter;
use crate::run::{NotebookRun, Output, RecordedRun, unix_ms};

/// The export file's name.
pub const EXPORT_FILE: &str = "jukebox-export.json";

/// What was written, for the report and the gates.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub dir: PathBuf,
    /// Paths relative to `dir`, in the order written.
    pub files: Vec<String>,
    pub metrics: BTreeMap<String, f64>,
    /// What was not written and why (a model ONNX cannot express).
    pub notes: Vec<String>,
    /// The charts drawn, in order.
    pub charts: Vec<WrittenChart>,
}

/// A chart's PNG file, and its bytes for the HTML report.
#[derive(Debug, Clone)]
pub struct WrittenChart {
    pub title: String,
    pub file: String,
    pub png: Vec<u8>,
}

impl Written {
    fn put(&mut self, name: &str, bytes: &[u8], reporter: &mut Reporter) -> Result<()> {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| CliError::writing(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| CliError::writing(&path, e))?;
        reporter.wrote(&path);
        self.files.push(name.to_string());
        Ok(())
    }
}

/// Writes every file but `report.md` into `dir` (created if needed).
pub fn write(run: &NotebookRun, dir: &Path, reporter: &mut Reporter) -> Result<Written> {
    let mut written = Written {
        dir: dir.to_path_buf(),
        ..Written::default()
    };
    std::fs::create_dir_all(dir).map_err(|e| CliError::writing(dir, e))?;
    if !run.runs.is_empty() {
        written.put(EXPORT_FILE, &archive::to_bytes(&export(run)), reporter)?;
    }
    for (i, recorded) in run.runs.iter().enumerate() {
        let folder = if i + 1 == run.runs.len() {
            String::new()
        } else {
            format!("runs/{}/", safe_name(&recorded.record.model_name))
        };
        model_files(recorded, &folder, &mut written, reporter)?;
    }
    written.metrics = metrics::notebook_metrics(&run.runs);
    written.put(
        "metrics.json",
        metrics::to_json(&written.metrics).as_bytes(),
        reporter,
    )?;
    if let Some(check) = run.contracts.first() {
        written.put("data-contract.json", &pretty(&check.contract), reporter)?;
    }
    if let Some(validation) = run.contracts.iter().find_map(|c| c.validation.as_ref()) {
        written.put("validation.json", &pretty(validation), reporter)?;
    }
    if let Some((json, prom)) = monitor::files(run, unix_ms()) {
        written.put("monitor.json", json.as_bytes(), reporter)?;
        written.put("monitor.prom", prom.as_bytes(), reporter)?;
    }
    for cell in &run.cells {
        for output in &cell.outputs {
            if let Output::Explored(explored) = output {
                let name = format!("explore-{}.csv", cell.index);
                written.put(&name, csv::explore(explored).as_bytes(), reporter)?;
            }
            if let Output::Validated(validation) = output {
                let name = format!("validation-{}.json", cell.index);
                written.put(&name, &pretty(validation.as_ref()), reporter)?;
            }
        }
    }
    for (name, chart) in jukebox_core::report::charts(&run.cells) {
        match charts::png(&chart) {
            Ok(bytes) => {
                written.put(&name, &bytes, reporter)?;
                written.charts.push(WrittenChart {
                    title: chart.title,
                    file: name,
                    png: bytes,
                });
            }
            Err(problem) => written
                .notes
                .push(format!("{name} was not written: {problem}")),
        }
    }
    Ok(written)
}

/// Plain data as indented JSON (serialising it cannot fail).
fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(value).unwrap_or_default();
    text.push(b'\n');
    text
}

/// The app's export: the notebook as it ran, naming each Train cell's run, and the runs.
pub fn export(run: &NotebookRun) -> Archive {
    let now = unix_ms();
    let notebook = StoredNotebook {
        id: run.notebook_id.clone(),
        notebook: run.notebook.clone(),
        created_ms: run.started_ms,
        updated_ms: now,
        last_runs: run
            .runs
            .iter()
            .map(|r| (r.record.cell_id, r.record.id.clone()))
            .collect(),
        // The alerts as the app keeps them: by the cell's id.
        alerts: run
            .alerts()
            .into_iter()
            .filter_map(|(index, alert)| Some((run.cells.get(index.checked_sub(1)?)?.id, alert)))
            .collect(),
        // The app's import asks its reader again before any cell contacts a host.
        consent: jukebox_core::notebook::trust::Consent::Trusted,
    };
    Archive {
        app_version: jukebox_core::APP_VERSION.to_string(),
        exported_ms: now,
        notebooks: vec![notebook],
        runs: run
            .runs
            .iter()
            .map(|r| ArchivedRun {
                record: r.record.clone(),
                model: r.model.clone(),
            })
            .collect(),
        datasets: Vec::new(),
    }
}

/// `model.onnx`, `model-card.json` and `confusion_matrix.csv` of one run under `folder`.
fn model_files(
    recorded: &RecordedRun,
    folder: &str,
    written: &mut Written,
    reporter: &mut Reporter,
) -> Result<()> {
    let record = &recorded.record;
    match onnx_bytes(recorded) {
        Ok(onnx) => {
            let options = OnnxOptions::default();
            let card = model_card(record, &options, &sha256_hex(&onnx));
            let mut card = serde_json::to_string_pretty(&card).unwrap_or_default();
            card.push('\n');
            written.put(&format!("{folder}model.onnx"), &onnx, reporter)?;
            written.put(
                &format!("{folder}model-card.json"),
                card.as_bytes(),
                reporter,
            )?;
        }
        // The engine's sentence names the model and says why.
        Err(reason) => written.notes.push(reason),
    }
    if let Some(evaluation) = &record.evaluation {
        let name = format!("{folder}confusion_matrix.csv");
        written.put(&name, csv::confusion(evaluation).as_bytes(), reporter)?;
    }
    Ok(())
}

/// The run's model as ONNX, exported by the engine as the app asks it (`ExportOnnx`).
fn onnx_bytes(recorded: &RecordedRun) -> Result<Vec<u8>, String> {
    let body = RequestBody::ExportOnnx {
        report: Box::new(recorded.record.report.clone()),
        model: recorded.model.clone(),
        options: OnnxOptions::default(),
    };
    let reply = Engine::new().handle(Request { id: 1, body }, None, &|| 0.0);
    match reply.body {
        ResponseBody::Exported { onnx } => Ok(onnx),
        ResponseBody::Failed { message } => Err(message),
        _ => Err("the engine gave no ONNX file (a bug: please report it)".into()),
    }
}

/// A model name as a folder name: letters, digits, `-`, `_`, `.`; anything else `_`.
pub(crate) fn safe_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.trim_matches('.').is_empty() {
        "model".into()
    } else {
        safe
    }
}
