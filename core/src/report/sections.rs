//! The report's sections, each from what the cells gave.

use super::document::{Align, Block, Document, Line, Table, code, strong, text};
use super::{
    CellResult, ContractCheck, GateLine, Output, PER_CLASS_ROWS, Picture, ReportInput, Status,
    TABLE_ROWS,
};
use crate::contract::Severity;
use crate::explore::{CellValue, ExploreOutput};
use crate::notebook::CellSpec;
use crate::runs::RunRecord;
use crate::runs::format::{duration, short_sha};
use crate::summary::{DatasetSummary, grouped};
use crate::train::metrics::Evaluation;
use crate::train::{EvalSplit, TrainReport};

use Align::{Left, Right};

/// Longest settings text shown for one cell.
const SETTINGS_CHARS: usize = 400;

pub(super) fn byline(doc: &mut Document, input: &ReportInput) {
    let mut line = vec![text(format!(
        "{} · {} cells in {}",
        input.made_by,
        input.cells.len(),
        duration(input.elapsed_ms)
    ))];
    if let Some(failed) = input
        .cells
        .iter()
        .find(|c| matches!(c.status, Status::Failed(_)))
    {
        line.push(text(" · "));
        line.push(strong(format!("cell {} failed", failed.index)));
    }
    doc.paragraph(line);
}

pub(super) fn gates(doc: &mut Document, gates: &[GateLine]) {
    if gates.is_empty() {
        return;
    }
    heading(doc, "Quality gates");
    let mut table = Table::new(&[("Gate", Left), ("Value", Right), ("Result", Left)]);
    for gate in gates {
        let value = gate
            .value
            .map_or("no such metric".into(), |v| format!("{v:.4}"));
        table.rows.push(vec![
            vec![code(&gate.gate)],
            vec![text(value)],
            vec![verdict(gate.passed)],
        ]);
    }
    doc.push(Block::Table(table));
}

/// Each Train cell's input: its version, and its check against a contract with the
/// anomalies found.
pub(super) fn contracts(doc: &mut Document, checks: &[ContractCheck]) {
    if checks.is_empty() {
        return;
    }
    heading(doc, "Data contract");
    for check in checks {
        let c = &check.contract;
        doc.paragraph(vec![
            text(format!("Cell {}: ", check.cell_index)),
            code(&c.dataset),
            text(format!(
                ", {} rows, {} columns, dataset version ",
                grouped(usize::try_from(c.rows).unwrap_or(usize::MAX)),
                c.columns.len()
            )),
            code(short_sha(&c.dataset_version)),
            text(format!(
                "{}.",
                c.date_range
                    .as_ref()
                    .map(|(first, last)| format!(", {first} to {last}"))
                    .unwrap_or_default()
            )),
        ]);
        let Some(v) = &check.validation else {
            continue;
        };
        let headline = v.headline();
        let rest = headline.split_once(": ").map_or("", |(_, r)| r);
        doc.paragraph(vec![
            text("Checked against the contract of "),
            code(&v.contract_dataset),
            text(" (version "),
            code(short_sha(&v.contract_version)),
            text("): "),
            verdict(v.passed()),
            text(format!(", {rest}.")),
        ]);
        if v.anomalies.is_empty() {
            continue;
        }
        let mut table = Table::new(&[
            ("Severity", Left),
            ("Anomaly", Left),
            ("Column", Left),
            ("Expected", Left),
            ("Found", Left),
        ]);
        for a in &v.anomalies {
            let severity = match a.severity {
                Severity::Error => strong("error"),
                Severity::Warning => text("warning"),
            };
            table.rows.push(vec![
                vec![severity],
                vec![code(a.kind.code())],
                vec![text(a.column.as_deref().unwrap_or("—"))],
                vec![text(&a.expected)],
                vec![text(&a.found)],
            ]);
        }
        doc.push(Block::Table(table));
    }
}

pub(super) fn cells(doc: &mut Document, cells: &[CellResult]) {
    heading(doc, "Cells");
    let mut table = Table::new(&[
        ("#", Right),
        ("Cell", Left),
        ("Status", Left),
        ("Time", Right),
        ("Note", Left),
    ]);
    for cell in cells {
        let note = match &cell.status {
            Status::Done => cell
                .outputs
                .iter()
                .map(Output::summary)
                .collect::<Vec<_>>()
                .join("; "),
            Status::Skipped(m) | Status::Failed(m) => m.clone(),
        };
        let time = if cell.kind != "markdown" && !matches!(cell.status, Status::Skipped(_)) {
            duration(cell.elapsed_ms)
        } else {
            "—".into()
        };
        let status = match cell.status {
            Status::Failed(_) => strong("failed"),
            _ => text(cell.status.word()),
        };
        table.rows.push(vec![
            vec![text(cell.index.to_string())],
            label(&cell.label),
            vec![status],
            vec![text(time)],
            vec![text(note)],
        ]);
    }
    doc.push(Block::Table(table));
}

/// Each cell's settings as the notebook holds them, so a reader can tell how a number came
/// about without opening the app.
pub(super) fn settings(doc: &mut Document, input: &ReportInput) {
    let mut table = Table::new(&[("#", Right), ("Cell", Left), ("Settings", Left)]);
    for (cell, result) in input.notebook.cells.iter().zip(input.cells) {
        if matches!(cell.spec, CellSpec::Markdown { .. }) {
            continue;
        }
        table.rows.push(vec![
            vec![text(result.index.to_string())],
            label(&result.label),
            vec![code(settings_text(&cell.spec))],
        ]);
    }
    if table.rows.is_empty() {
        return;
    }
    heading(doc, "Cell settings");
    doc.push(Block::Table(table));
}

/// `input: charts, query: {"query":"describe"}`: the spec's fields in order (its kind left
/// out: the cell's label says it), nested values as compact JSON, cut at
/// [`SETTINGS_CHARS`].
pub(super) fn settings_text(spec: &CellSpec) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(spec) else {
        return String::new();
    };
    let parts: Vec<String> = map
        .into_iter()
        .filter(|(key, _)| key != "cell")
        .map(|(key, value)| match value {
            serde_json::Value::String(s) => format!("{key}: {s}"),
            other => format!("{key}: {other}"),
        })
        .collect();
    let all = parts.join(", ");
    if all.chars().count() <= SETTINGS_CHARS {
        all
    } else {
        let cut: String = all.chars().take(SETTINGS_CHARS).collect();
        format!("{cut}…")
    }
}

pub(super) fn datasets(doc: &mut Document, cells: &[CellResult]) {
    let mut summaries: Vec<&DatasetSummary> = Vec::new();
    for output in cells.iter().flat_map(|c| &c.outputs) {
        if let Output::Loaded(summary) = output {
            summaries.retain(|s| s.name != summary.name);
            summaries.push(summary);
        }
    }
    if summaries.is_empty() {
        return;
    }
    heading(doc, "Datasets");
    let mut table = Table::new(&[
        ("Dataset", Left),
        ("Rows", Right),
        ("Columns", Right),
        ("Dates", Left),
    ]);
    for t in summaries.iter().flat_map(|d| &d.tables) {
        let dates = t
            .date_range
            .as_ref()
            .map_or(String::new(), |(first, last)| format!("{first} to {last}"));
        table.rows.push(vec![
            vec![code(&t.name)],
            vec![text(grouped(t.n_rows))],
            vec![text(t.n_columns.to_string())],
            vec![text(dates)],
        ]);
    }
    doc.push(Block::Table(table));
}

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
            duration(cell.elapsed_ms)
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

/// Each Explore cell's answer, its first [`TABLE_ROWS`] rows.
pub(super) fn explorations(doc: &mut Document, cells: &[CellResult]) {
    let mut header = false;
    for cell in cells {
        for output in &cell.outputs {
            let Output::Explored(explored) = output else {
                continue;
            };
            if !header {
                heading(doc, "Explore");
                header = true;
            }
            let mut title = vec![text(format!("Cell {}: ", cell.index))];
            title.extend(label(&cell.label));
            doc.heading(3, title);
            let (columns, rows, total) = explore_table(explored);
            let header: Vec<(&str, Align)> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), if i == 0 { Left } else { Right }))
                .collect();
            let mut table = Table::new(&header);
            for row in rows.into_iter().take(TABLE_ROWS) {
                table.texts(row);
            }
            let shown = table.rows.len();
            doc.push(Block::Table(table));
            if total > shown {
                doc.paragraph(vec![text(format!(
                    "The first {} of {} rows.",
                    grouped(shown),
                    grouped(total)
                ))]);
            }
        }
    }
}

/// An Explore answer as column names, rows of texts (numbers to 4 decimals) and how many
/// rows the whole answer has.
fn explore_table(output: &ExploreOutput) -> (Vec<String>, Vec<Vec<String>>, usize) {
    match output {
        ExploreOutput::Table { page } => {
            let columns = page.columns.iter().map(|c| c.name.clone()).collect();
            let rows = page
                .rows
                .iter()
                .map(|row| row.iter().map(value).collect())
                .collect();
            (columns, rows, page.n_rows.max(page.rows.len()))
        }
        ExploreOutput::Describe { rows } => {
            let columns = [
                "column", "count", "mean", "std", "min", "25%", "50%", "75%", "max",
            ]
            .map(String::from)
            .to_vec();
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    [r.column.clone(), r.count.to_string()]
                        .into_iter()
                        .chain([r.mean, r.std, r.min, r.q25, r.q50, r.q75, r.max].map(number))
                        .collect()
                })
                .collect();
            let total = rows.len();
            (columns, rows, total)
        }
        ExploreOutput::Correlations { correlations } => {
            let columns = vec!["column".to_string(), correlations.target.clone()];
            let rows: Vec<Vec<String>> = correlations
                .values
                .iter()
                .map(|(column, r)| vec![column.clone(), number(*r)])
                .collect();
            let total = rows.len();
            (columns, rows, total)
        }
    }
}

fn value(value: &CellValue) -> String {
    match value {
        CellValue::Null => String::new(),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Int(i) => i.to_string(),
        CellValue::Float(f) => number(Some(*f)),
        CellValue::Text(t) => t.clone(),
    }
}

/// A statistic to 4 decimals, trailing zeros kept (columns line up); none: empty.
fn number(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v:.4}"))
}

pub(super) fn predictions(doc: &mut Document, input: &ReportInput) {
    let mut items = Vec::new();
    for cell in input.cells {
        for output in &cell.outputs {
            let Output::Predicted(prediction) = output else {
                continue;
            };
            let song = match input
                .notebook
                .cells
                .get(cell.index.wrapping_sub(1))
                .map(|c| &c.spec)
            {
                Some(CellSpec::Predict { label, .. }) if !label.is_empty() => label.clone(),
                _ => "the song".into(),
            };
            let top: Vec<String> = prediction
                .ranked
                .iter()
                .take(5)
                .map(|(class, p)| format!("{class} {:.1} %", p * 100.0))
                .collect();
            items.push(vec![
                text(format!("Cell {}: ", cell.index)),
                code(&prediction.model),
                text(format!(" on {song}: {}", top.join(", "))),
            ]);
        }
    }
    if !items.is_empty() {
        heading(doc, "Predictions");
        doc.push(Block::List(items));
    }
}

/// The Validate, Drift, Fairness and Explain cells: what each found, and its alert.
pub(super) fn monitoring(doc: &mut Document, cells: &[CellResult]) {
    let mut items = Vec::new();
    for cell in cells {
        for output in &cell.outputs {
            let alert = match output {
                Output::Drifted(d) => d.alert(),
                Output::FairnessMeasured(f) => f.alert(),
                Output::Validated(v) if !v.passed() => Some(v.headline()),
                Output::Validated(_) | Output::Explained(_) => None,
                _ => continue,
            };
            let mut item = vec![text(format!("Cell {} (", cell.index))];
            item.extend(label(&cell.label));
            item.push(text(format!("): {}", output.summary())));
            if let Some(alert) = alert {
                item.push(text(" — "));
                item.push(strong(format!("alert: {alert}")));
            }
            items.push(item);
        }
    }
    if !items.is_empty() {
        heading(doc, "Monitoring");
        doc.push(Block::List(items));
    }
}

/// The Markdown cells' text, in order.
pub(super) fn notes(doc: &mut Document, input: &ReportInput) {
    let texts: Vec<&str> = input
        .notebook
        .cells
        .iter()
        .filter_map(|c| match &c.spec {
            CellSpec::Markdown { text } if !text.trim().is_empty() => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if texts.is_empty() {
        return;
    }
    heading(doc, "Notes");
    for t in texts {
        doc.push(Block::Markdown(t.to_string()));
    }
}

/// The charts, shown where the report is read (a merge request, a browser).
pub(super) fn charts(doc: &mut Document, pictures: &[Picture]) {
    if pictures.is_empty() {
        return;
    }
    heading(doc, "Charts");
    for p in pictures {
        doc.push(Block::Image {
            alt: p.title.clone(),
            src: p.src.clone(),
        });
    }
}

pub(super) fn files(doc: &mut Document, files: &[String], notes: &[String]) {
    if files.is_empty() && notes.is_empty() {
        return;
    }
    heading(doc, "Files");
    doc.push(Block::List(files.iter().map(|f| vec![code(f)]).collect()));
    for note in notes {
        doc.paragraph(vec![text(note)]);
    }
}

fn heading(doc: &mut Document, title: &str) {
    doc.heading(2, vec![text(title)]);
}

fn verdict(passed: bool) -> super::Span {
    if passed {
        text("passed")
    } else {
        strong("failed")
    }
}

/// A cell's label (``Train `course_network` ``): its backquoted parts as code.
fn label(label: &str) -> Line {
    label
        .split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { text(part) })
        .collect()
}
