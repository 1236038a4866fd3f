//! The report's Training and Evaluation sections: each run with its data, epochs and
//! accuracies, and each evaluation with its per-class table.

use super::document::{Align, Block, Document, Table, code, strong, text};
use super::sections::heading;
use super::{CellResult, Output, PER_CLASS_ROWS, ReportInput};
use crate::runs::RunRecord;
use crate::runs::format::{duration, short_sha};
use crate::summary::grouped;
use crate::train::metrics::Evaluation;
use crate::train::{EvalSplit, TrainReport};

use Align::{Left, Right};

pub(super) fn trainings(doc: &mut Document, input: &ReportInput) {
    let trained: Vec<(&CellResult, &TrainReport)> = input
        .cells
        .iter()
        .flat_map(|c| {
            c.outputs.iter().filter_map(move |o| match o {
                Output::Trained(report) => Some((c, report.as_ref())),
                _ => None,
            })
        })
        .collect();
    if trained.is_empty() {
        return;
    }
    heading(doc, "Training");
    for (cell, report) in trained {
        let record = input
            .runs
            .iter()
            .find(|(index, _)| *index == cell.index)
            .map(|(_, r)| *r);
        training(doc, cell, report, record);
    }
}

fn training(
    doc: &mut Document,
    cell: &CellResult,
    report: &TrainReport,
    record: Option<&RunRecord>,
) {
    let sizes = report.sizes;
    doc.heading(
        3,
        vec![
            code(&report.model),
            text(format!(
                " — {} (cell {})",
                report.spec.model.label(),
                cell.index
            )),
        ],
    );
    let mut line = match record {
        Some(r) => vec![
            text("Run "),
            code(&r.id),
            text(" on "),
            code(&r.input),
            text(format!(" in {}: ", duration(r.ended_ms - r.started_ms))),
        ],
        None => vec![text(format!(
            "Not recorded as a run; trained in {}: ",
            cell.elapsed_ms.map_or_else(|| "—".into(), duration)
        ))],
    };
    line.push(text(format!(
        "{} training rows, {} validation, {} test ({} rows read, {} dropped for missing values), {} classes, seed {}.",
        grouped(sizes.n_train),
        grouped(sizes.n_validation),
        grouped(sizes.n_test),
        grouped(sizes.n_rows),
        grouped(sizes.n_dropped),
        report.classes.len(),
        report.spec.seed
    )));
    doc.paragraph(line);
    doc.paragraph(vec![text(format!("Settings: {}.", train_settings(report)))]);
    if let Some(record) = record.filter(|r| !r.datasets.is_empty()) {
        let mut table = Table::new(&[
            ("Data", Left),
            ("From", Left),
            ("Rows", Right),
            ("Columns", Right),
            ("SHA-256", Left),
        ]);
        for d in &record.datasets {
            table.rows.push(vec![
                vec![code(&d.name)],
                vec![text(&d.origin)],
                vec![text(grouped(usize::try_from(d.rows).unwrap_or(usize::MAX)))],
                vec![text(d.columns.len().to_string())],
                vec![code(short_sha(&d.sha256))],
            ]);
        }
        doc.push(Block::Table(table));
    }
    if !report.history.is_empty() {
        let mut table = Table::new(&[
            ("Epoch", Right),
            ("Loss", Right),
            ("Accuracy", Right),
            ("Validation loss", Right),
            ("Validation accuracy", Right),
        ]);
        for e in &report.history {
            table.texts([
                e.epoch.to_string(),
                format!("{:.4}", e.train_loss),
                format!("{:.4}", e.train_accuracy),
                format!("{:.4}", e.validation_loss),
                format!("{:.4}", e.validation_accuracy),
            ]);
        }
        doc.push(Block::Table(table));
    }
    let mut line = vec![
        text("Validation accuracy "),
        strong(format!("{:.4}", report.validation_accuracy)),
        text(", test accuracy "),
        strong(format!("{:.4}", report.test_accuracy)),
    ];
    if let Some(r) = record {
        line.push(text(format!(
            "; model SHA-256 {} ({} bytes).",
            short_sha(&r.model_sha256),
            grouped(usize::try_from(r.model_bytes).unwrap_or(usize::MAX))
        )));
    } else {
        line.push(text("."));
    }
    if report.cancelled {
        line.push(strong(
            " Stopped before the end: the model is kept as it was then.",
        ));
    }
    doc.paragraph(line);
}

/// The model's hyper-parameters, the split and the scaler in one line.
fn train_settings(report: &TrainReport) -> String {
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
        parts.push(format!("sample of {} training rows", grouped(rows)));
    }
    parts.push(format!(
        "{} features → {}",
        spec.features.len(),
        spec.target
    ));
    parts.join(", ").replace('"', "")
}

pub(super) fn evaluations(doc: &mut Document, cells: &[CellResult]) {
    let evaluations: Vec<(usize, &Evaluation)> = cells
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
    heading(doc, "Evaluation");
    for (index, e) in evaluations {
        evaluation(doc, index, e);
    }
}

fn evaluation(doc: &mut Document, index: usize, e: &Evaluation) {
    let part = match e.split {
        EvalSplit::Test => "test",
        EvalSplit::Validation => "validation",
        EvalSplit::Train => "training",
    };
    doc.heading(
        3,
        vec![
            code(&e.model),
            text(format!(
                " on the {part} part (cell {index}, {} rows)",
                grouped(e.n_rows)
            )),
        ],
    );
    let mut table = Table::new(&[("Metric", Left), ("Value", Right)]);
    for (name, value) in [
        ("Accuracy", e.accuracy),
        ("Top-5 accuracy", e.top5_accuracy),
        ("Macro F1", e.macro_avg.f1),
        ("Weighted F1", e.weighted_avg.f1),
        ("Chance (1 / classes)", e.chance_accuracy),
        ("Always the majority class", e.majority_accuracy),
    ] {
        table.texts([name.to_string(), format!("{value:.4}")]);
    }
    doc.push(Block::Table(table));
    let mut rows: Vec<_> = e.per_class.iter().collect();
    rows.sort_by(|a, b| {
        b.support
            .cmp(&a.support)
            .then(b.f1.total_cmp(&a.f1))
            .then(a.label.cmp(&b.label))
    });
    doc.paragraph(vec![text(format!(
        "Per class, the {} with the most rows (of {}; equal rows: highest F1 first):",
        PER_CLASS_ROWS.min(rows.len()),
        rows.len()
    ))]);
    let mut table = Table::new(&[
        ("Class", Left),
        ("Precision", Right),
        ("Recall", Right),
        ("F1", Right),
        ("Support", Right),
    ]);
    for c in rows.iter().take(PER_CLASS_ROWS) {
        table.texts([
            c.label.clone(),
            format!("{:.4}", c.precision),
            format!("{:.4}", c.recall),
            format!("{:.4}", c.f1),
            c.support.to_string(),
        ]);
    }
    doc.push(Block::Table(table));
    if !e.unseen_in_training.is_empty() {
        doc.paragraph(vec![text(format!(
            "Classes with rows here but none in training (the model cannot predict them): {}.",
            e.unseen_in_training.join(", ")
        ))]);
    }
}
