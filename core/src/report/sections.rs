//! The report's sections, each from what the cells gave (Training and Evaluation in
//! `models`, Explore in `explore`), and the helpers they share.

use super::document::{Align, Block, Document, Line, Table, code, strong, text};
use super::{CellResult, ContractCheck, GateLine, Output, Picture, ReportInput, Status};
use crate::contract::Severity;
use crate::notebook::CellSpec;
use crate::runs::format::{duration, short_sha};
use crate::summary::{DatasetSummary, grouped};

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
        let time = match cell.elapsed_ms {
            Some(ms) if cell.kind != "markdown" && !matches!(cell.status, Status::Skipped(_)) => {
                duration(ms)
            }
            _ => "—".into(),
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

pub(super) fn heading(doc: &mut Document, title: &str) {
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
pub(super) fn label(label: &str) -> Line {
    label
        .split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { text(part) })
        .collect()
}
