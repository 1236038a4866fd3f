//! What a run tells while it goes. Human mode writes to stderr: a line per cell, and while a
//! model trains an indicatif bar on a terminal, or a plain line every few seconds otherwise
//! (CI logs). `--json` writes one JSON object per line to stdout instead (events below), so a
//! pipeline can read it while stderr keeps the errors. `--quiet` writes only errors.
//!
//! JSON events (`event` field): `start` (notebook, origin, cells), `cell_started` (cell,
//! label), `training` (cell, stage, done, total, unit; at most one a second), `cell_finished`
//! (cell, kind, label, status, `elapsed_ms`, summary, message), `file` (path), `note`
//! (message: an output not written, e.g. no ONNX for a forest), `gate` (gate,
//! metric, value, passed), `finished` (`exit_code`, message).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use jukebox_core::contract::{Anomaly, Validation};
use jukebox_core::train::TrainProgress;
use serde_json::{Value, json};

use crate::gate::GateResult;
use crate::run::{CellResult, Status};

/// Least time between two plain progress lines of one training.
const PLAIN_EVERY: Duration = Duration::from_secs(5);
/// Least time between two JSON `training` events of one training.
const JSON_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Quiet,
    Human,
    Json,
}

/// Writes a run's progress in one of the [`Mode`]s.
#[derive(Debug)]
pub struct Reporter {
    mode: Mode,
    terminal: bool,
    bar: Option<ProgressBar>,
    last_line: Option<(Instant, String)>,
}

impl Reporter {
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            terminal: std::io::stderr().is_terminal(),
            bar: None,
            last_line: None,
        }
    }

    /// A reporter that writes nothing (tests).
    pub fn quiet() -> Self {
        Self::new(Mode::Quiet)
    }

    pub fn start(&mut self, title: &str, origin: &str, n_cells: usize) {
        self.emit(
            &json!({"event": "start", "notebook": title, "origin": origin, "cells": n_cells}),
            || {
                format!(
                    "jukebox {} · \"{title}\" ({origin}) · {n_cells} cells",
                    crate::VERSION
                )
            },
        );
    }

    pub fn cell_started(&mut self, index: usize, total: usize, label: &str) {
        self.last_line = None;
        if self.mode == Mode::Json {
            Self::json(&json!({"event": "cell_started", "cell": index, "label": label}));
        } else if self.mode == Mode::Human && self.terminal {
            let bar = ProgressBar::new_spinner();
            bar.set_message(format!("{} {label}", position(index, total)));
            bar.enable_steady_tick(Duration::from_millis(120));
            self.bar = Some(bar);
        }
    }

    /// A training's progress (after each time slice).
    pub fn training(&mut self, index: usize, progress: &TrainProgress) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Json => {
                if self.due(progress, JSON_EVERY) {
                    Self::json(&json!({
                        "event": "training", "cell": index, "stage": progress.stage,
                        "done": progress.done, "total": progress.total, "unit": progress.unit,
                    }));
                }
            }
            Mode::Human if self.terminal => self.draw_bar(progress),
            Mode::Human => self.plain_progress(index, progress),
        }
    }

    fn draw_bar(&mut self, progress: &TrainProgress) {
        let Some(bar) = &self.bar else { return };
        let first = bar.length().is_none();
        if first {
            // The spinner's message was the cell's position and label: now the bar's prefix.
            bar.set_prefix(bar.message());
        }
        bar.set_length(progress.total.max(1));
        bar.set_position(progress.done);
        bar.set_message(if progress.unit == jukebox_core::train::SCORING_UNIT {
            progress.stage.clone()
        } else {
            format!("{} · {}", plural(&progress.unit), progress.stage)
        });
        if first {
            bar.disable_steady_tick();
            let template = "{prefix} [{wide_bar}] {pos}/{len} {msg} ({eta})";
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
        }
    }

    fn plain_progress(&mut self, index: usize, progress: &TrainProgress) {
        if self.due(progress, PLAIN_EVERY) {
            eprintln!("      cell {index}: {}", progress_words(progress));
        }
    }

    /// Whether a training's progress is worth a line: the first, a new stage, or `every`
    /// since the last line. Notes the line when it is.
    fn due(&mut self, progress: &TrainProgress, every: Duration) -> bool {
        let due = self
            .last_line
            .as_ref()
            .is_none_or(|(at, stage)| at.elapsed() >= every || *stage != progress.stage);
        if due {
            self.last_line = Some((Instant::now(), progress.stage.clone()));
        }
        due
    }

    pub fn cell_finished(&mut self, cell: &CellResult, total: usize) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let summary: Vec<String> = cell
            .outputs
            .iter()
            .map(crate::run::Output::summary)
            .collect();
        let message = match &cell.status {
            Status::Done => None,
            Status::Skipped(m) | Status::Failed(m) => Some(m.clone()),
        };
        self.emit(
            &json!({
                "event": "cell_finished", "cell": cell.index, "kind": cell.kind,
                "label": cell.label, "status": cell.status.word(),
                "elapsed_ms": cell.elapsed_ms, "summary": summary.join("; "), "message": message,
            }),
            || {
                let detail = message.unwrap_or_else(|| summary.join("; "));
                let time = match (cell.kind, &cell.status, cell.elapsed_ms) {
                    ("markdown", _, _) | (_, Status::Skipped(_), _) | (_, _, None) => String::new(),
                    (_, _, Some(ms)) => jukebox_core::runs::format::duration(ms),
                };
                format!(
                    "{} {:<40} {:<7} {time:>8}  {detail}",
                    position(cell.index, total),
                    cell.label,
                    cell.status.word(),
                )
            },
        );
    }

    pub fn wrote(&mut self, path: &std::path::Path) {
        if self.mode == Mode::Json {
            Self::json(&json!({"event": "file", "path": path.display().to_string()}));
        }
    }

    /// Something the user should know that is not a failure (a model without ONNX).
    pub fn note(&mut self, message: &str) {
        self.emit(&json!({"event": "note", "message": message}), || {
            format!("note: {message}")
        });
    }

    /// The files written, in one line (human mode).
    pub fn wrote_all(&mut self, dir: &std::path::Path, names: &[String]) {
        if self.mode == Mode::Human {
            eprintln!("Wrote {}: {}", dir.display(), names.join(", "));
        }
    }

    /// A Train cell's input checked against `--contract`: the verdict, then each anomaly.
    pub fn contract(&mut self, index: usize, validation: &Validation) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Json => Self::json(&json!({
                "event": "contract", "cell": index, "passed": validation.passed(),
                "dataset_version": validation.dataset_version, "anomalies": validation.anomalies,
            })),
            Mode::Human => {
                let mut lines = vec![format!(
                    "cell {index}: data contract {} ({} rows of `{}`)",
                    validation.headline(),
                    validation.rows,
                    validation.dataset
                )];
                lines.extend(validation.anomalies.iter().map(anomaly_line));
                for line in lines {
                    match &self.bar {
                        Some(bar) => bar.println(line),
                        None => eprintln!("{line}"),
                    }
                }
            }
        }
    }

    pub fn gate(&mut self, result: &GateResult) {
        self.emit(
            &json!({
                "event": "gate", "gate": result.gate.to_string(), "metric": result.gate.metric,
                "value": result.value, "passed": result.passed(),
            }),
            || result.sentence(),
        );
    }

    /// The end: the exit code and, for a failure, what failed and what to do. Errors reach
    /// stderr in every mode.
    pub fn finished(&mut self, exit_code: i32, message: &str) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if self.mode == Mode::Json {
            Self::json(&json!({"event": "finished", "exit_code": exit_code, "message": message}));
        }
        if exit_code != 0 {
            eprintln!("error: {message}");
        } else if self.mode == Mode::Human {
            eprintln!("{message}");
        }
    }

    fn emit(&mut self, event: &Value, human: impl FnOnce() -> String) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Json => Self::json(event),
            Mode::Human => eprintln!("{}", human()),
        }
    }

    fn json(event: &Value) {
        let mut out = std::io::stdout().lock();
        // A closed stdout (a pipeline that stopped reading) must not stop the run.
        let _ = writeln!(out, "{event}").and_then(|()| out.flush());
    }
}

/// ``  error UNEXPECTED_DATA_TYPE in `duration_ms`: expected int (i64), found text (str)``.
pub fn anomaly_line(a: &Anomaly) -> String {
    format!("  {} {}", a.severity.word(), a.summary())
}

/// `epoch 1 of 2 · 64/1250 batches (5 %)`; the scoring phase in words alone.
fn progress_words(progress: &TrainProgress) -> String {
    if progress.unit == jukebox_core::train::SCORING_UNIT {
        return progress.stage.clone();
    }
    let percent = progress.done as f64 * 100.0 / progress.total.max(1) as f64;
    format!(
        "{} · {}/{} {} ({percent:.0} %)",
        progress.stage,
        progress.done,
        progress.total,
        plural(&progress.unit)
    )
}

/// `batch` → `batches`, `tree` → `trees`.
fn plural(unit: &str) -> String {
    if unit.ends_with("ch") || unit.ends_with('s') {
        format!("{unit}es")
    } else {
        format!("{unit}s")
    }
}

/// `[ 3/13]`.
fn position(index: usize, total: usize) -> String {
    let width = total.to_string().len();
    format!("[{index:>width$}/{total}]")
}
