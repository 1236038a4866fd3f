//! The report's sections about data, models and gates.

use std::fmt::Write as _;

use jukebox_core::notebook::CellSpec;
use jukebox_core::train::metrics::Evaluation;
use jukebox_core::train::{EvalSplit, TrainReport};

use super::{PER_CLASS_ROWS, count, duration, escape};
use crate::gate::GateResult;
use crate::run::{NotebookRun, Output, RecordedRun};

pub(super) fn gates(md: &mut String, gates: &[GateResult]) {
    if gates.is_empty() {
        return;
    }
    md.push_str("## Quality gates\n\n| Gate | Value | Result |\n|---|---:|---|\n");
    for gate in gates {
        let value = gate
            .value
            .map_or("no such metric".into(), |v| format!("{v:.4}"));
        let result = if gate.passed() {
            "passed"
        } else {
            "**failed**"
        };
        let _ = writeln!(md, "| `{}` | {value} | {result} |", gate.gate);
    }
    md.push('\n');
}

pub(super) fn datasets(md: &mut String, run: &NotebookRun) {
    let datasets = run.datasets();
    if datasets.is_empty() {
        return;
    }
    md.push_str("## Datasets\n\n| Dataset | Rows | Columns | Dates |\n|---|---:|---:|---|\n");
    for table in datasets.iter().flat_map(|d| &d.tables) {
        let dates = table
            .date_range
            .as_ref()
            .map_or(String::new(), |(first, last)| format!("{first} to {last}"));
        let _ = writeln!(
            md,
            "| `{}` | {} | {} | {dates} |",
            escape(&table.name),
            count(table.n_rows),
            table.n_columns
        );
    }
    md.push('\n');
}

pub(super) fn trainings(md: &mut String, run: &NotebookRun) {
    if run.runs.is_empty() {
        return;
    }
    md.push_str("## Training\n\n");
    for recorded in &run.runs {
        training(md, recorded);
    }
}

fn training(md: &mut String, recorded: &RecordedRun) {
    let record = &recorded.record;
    let report: &TrainReport = &record.report;
    let sizes = report.sizes;
    let _ = writeln!(
        md,
        "### `{}` — {} (cell {})\n",
        escape(&record.model_name),
        report.spec.model.label(),
        recorded.cell_index
    );
    let _ = writeln!(
        md,
        "Run `{}` on `{}` in {}: {} training rows, {} validation, {} test ({} rows read, {} dropped for missing values), {} classes, seed {}.\n",
        record.id,
        escape(&record.input),
        duration(record.ended_ms - record.started_ms),
        count(sizes.n_train),
        count(sizes.n_validation),
        count(sizes.n_test),
        count(sizes.n_rows),
        count(sizes.n_dropped),
        report.classes.len(),
        report.spec.seed
    );
    let _ = writeln!(md, "Settings: {}.\n", escape(&settings(report)));
    if !report.history.is_empty() {
        md.push_str("| Epoch | Loss | Accuracy | Validation loss | Validation accuracy |\n");
        md.push_str("|---:|---:|---:|---:|---:|\n");
        for e in &report.history {
            let _ = writeln!(
                md,
                "| {} | {:.4} | {:.4} | {:.4} | {:.4} |",
                e.epoch, e.train_loss, e.train_accuracy, e.validation_loss, e.validation_accuracy
            );
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "Validation accuracy **{:.4}**, test accuracy **{:.4}**.\n",
        report.validation_accuracy, report.test_accuracy
    );
}

/// The model's hyper-parameters, the split and the scaler in one line.
fn settings(report: &TrainReport) -> String {
    let spec = &report.spec;
    let mut parts = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&spec.model) {
        for (key, value) in map.into_iter().filter(|(k, _)| k != "model") {
            parts.push(format!("{key} {value}"));
        }
    }
    let split = serde_json::to_value(spec.split.method).unwrap_or_default();
    parts.push(format!(
        "{} split (test {}, validation {})",
        split.as_str().unwrap_or("course"),
        spec.split.test_ratio,
        spec.split.validation_ratio
    ));
    let scaler = serde_json::to_value(spec.scaler).unwrap_or_default();
    parts.push(format!("scaler {}", scaler.as_str().unwrap_or("?")));
    if let Some(rows) = spec.max_train_rows {
        parts.push(format!("sample of {} training rows", count(rows)));
    }
    parts.push(format!(
        "{} features → `{}`",
        spec.features.len(),
        spec.target
    ));
    parts.join(", ").replace('"', "")
}

pub(super) fn evaluations(md: &mut String, run: &NotebookRun) {
    let evaluations: Vec<(usize, &Evaluation)> = run
        .cells
        .iter()
        .flat_map(|c| c.outputs.iter().map(move |o| (c.index, o)))
        .filter_map(|(index, o)| match o {
            Output::Evaluated(e) => Some((index, e.as_ref())),
            _ => None,
        })
        .collect();
    if evaluations.is_empty() {
        return;
    }
    md.push_str("## Evaluation\n\n");
    for (index, e) in evaluations {
        evaluation(md, index, e);
    }
}

fn evaluation(md: &mut String, index: usize, e: &Evaluation) {
    let part = match e.split {
        EvalSplit::Test => "test",
        EvalSplit::Validation => "validation",
        EvalSplit::Train => "training",
    };
    let _ = writeln!(
        md,
        "### `{}` on the {part} part (cell {index}, {} rows)\n",
        escape(&e.model),
        count(e.n_rows)
    );
    md.push_str("| Metric | Value |\n|---|---:|\n");
    for (name, value) in [
        ("Accuracy", e.accuracy),
        ("Top-5 accuracy", e.top5_accuracy),
        ("Macro F1", e.macro_avg.f1),
        ("Weighted F1", e.weighted_avg.f1),
        ("Chance (1 / classes)", e.chance_accuracy),
        ("Always the majority class", e.majority_accuracy),
    ] {
        let _ = writeln!(md, "| {name} | {value:.4} |");
    }
    let mut rows: Vec<_> = e.per_class.iter().collect();
    rows.sort_by(|a, b| {
        b.support
            .cmp(&a.support)
            .then(b.f1.total_cmp(&a.f1))
            .then(a.label.cmp(&b.label))
    });
    let _ = writeln!(
        md,
        "\nPer class, the {} with the most rows (of {}; equal rows: highest F1 first):\n",
        PER_CLASS_ROWS.min(rows.len()),
        rows.len()
    );
    md.push_str("| Class | Precision | Recall | F1 | Support |\n|---|---:|---:|---:|---:|\n");
    for c in rows.iter().take(PER_CLASS_ROWS) {
        let _ = writeln!(
            md,
            "| {} | {:.4} | {:.4} | {:.4} | {} |",
            escape(&c.label),
            c.precision,
            c.recall,
            c.f1,
            c.support
        );
    }
    if !e.unseen_in_training.is_empty() {
        let _ = writeln!(
            md,
            "\nClasses with rows here but none in training (the model cannot predict them): {}.",
            escape(&e.unseen_in_training.join(", "))
        );
    }
    md.push('\n');
}

pub(super) fn predictions(md: &mut String, run: &NotebookRun) {
    let mut header = false;
    for cell in &run.cells {
        for output in &cell.outputs {
            let Output::Predicted(prediction) = output else {
                continue;
            };
            if !header {
                md.push_str("## Predictions\n\n");
                header = true;
            }
            let song = match run.notebook.cells.get(cell.index - 1).map(|c| &c.spec) {
                Some(CellSpec::Predict { label, .. }) if !label.is_empty() => label.clone(),
                _ => "the song".into(),
            };
            let top: Vec<String> = prediction
                .ranked
                .iter()
                .take(5)
                .map(|(class, p)| format!("{class} {:.1} %", p * 100.0))
                .collect();
            let _ = writeln!(
                md,
                "- Cell {}: `{}` on {}: {}",
                cell.index,
                escape(&prediction.model),
                escape(&song),
                top.join(", ")
            );
        }
    }
    if header {
        md.push('\n');
    }
}
