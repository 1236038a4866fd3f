//! `report.md`: what ran and what came of it, for a reviewer to open in a merge request —
//! the cells (kind, status, time), the datasets, each training (model, epochs, accuracies),
//! each evaluation (accuracy, top-5, macro F1, the per-class table's top rows), predictions,
//! the quality gates and the files written.

mod sections;

use std::fmt::Write as _;

use jukebox_core::contract::Severity;
use jukebox_core::summary::grouped;

use super::Written;
use crate::gate::GateResult;
use crate::run::{NotebookRun, Status};

/// Rows of a per-class table shown (the classes with the most test rows).
pub const PER_CLASS_ROWS: usize = 10;

/// The report's text.
pub fn render(run: &NotebookRun, written: &Written, gates: &[GateResult]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", escape(&run.notebook.title));
    let failed = run
        .failed_cell()
        .map_or(String::new(), |c| format!(" · **cell {} failed**", c.index));
    let _ = writeln!(
        md,
        "Run by jukebox {} from {} · {} cells in {}{failed}\n",
        crate::VERSION,
        escape(&run.origin),
        run.cells.len(),
        duration(run.elapsed_ms)
    );
    sections::gates(&mut md, gates);
    contracts(&mut md, run);
    cells(&mut md, run);
    sections::datasets(&mut md, run);
    sections::trainings(&mut md, run);
    sections::evaluations(&mut md, run);
    sections::predictions(&mut md, run);
    charts(&mut md, written);
    files(&mut md, written);
    md
}

fn cells(md: &mut String, run: &NotebookRun) {
    md.push_str("## Cells\n\n| # | Cell | Status | Time | Note |\n|---:|---|---|---:|---|\n");
    for cell in &run.cells {
        let note = match &cell.status {
            Status::Done => cell
                .outputs
                .iter()
                .map(crate::run::Output::summary)
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
            Status::Failed(_) => "**failed**",
            _ => cell.status.word(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {status} | {time} | {} |",
            cell.index,
            escape(&cell.label),
            escape(&note)
        );
    }
    md.push('\n');
}

/// Each Train cell's input: its version, and its check against `--contract` with the
/// anomalies found.
fn contracts(md: &mut String, run: &NotebookRun) {
    if run.contracts.is_empty() {
        return;
    }
    md.push_str(
        "## Data contract

",
    );
    for check in &run.contracts {
        let c = &check.contract;
        let _ = writeln!(
            md,
            "Cell {}: `{}`, {} rows, {} columns, dataset version `{}`{}.",
            check.cell_index,
            escape(&c.dataset),
            count(usize::try_from(c.rows).unwrap_or(usize::MAX)),
            c.columns.len(),
            short_version(&c.dataset_version),
            c.date_range
                .as_ref()
                .map(|(first, last)| format!(", {first} to {last}"))
                .unwrap_or_default()
        );
        let Some(v) = &check.validation else {
            md.push('\n');
            continue;
        };
        let verdict = if v.passed() { "passed" } else { "**failed**" };
        let headline = v.headline();
        let rest = headline.split_once(": ").map_or("", |(_, r)| r);
        let _ = writeln!(
            md,
            "Checked against the contract of `{}` (version `{}`): {verdict}, {rest}.\n",
            escape(&v.contract_dataset),
            short_version(&v.contract_version)
        );
        if v.anomalies.is_empty() {
            continue;
        }
        md.push_str("| Severity | Anomaly | Column | Expected | Found |\n|---|---|---|---|---|\n");
        for a in &v.anomalies {
            let severity = match a.severity {
                Severity::Error => "**error**",
                Severity::Warning => "warning",
            };
            let _ = writeln!(
                md,
                "| {severity} | `{}` | {} | {} | {} |",
                a.kind.code(),
                escape(a.column.as_deref().unwrap_or("—")),
                escape(&a.expected),
                escape(&a.found)
            );
        }
        md.push('\n');
    }
}

/// The first 12 hex digits of a version, as the Runs page shows it.
pub fn short_version(version: &str) -> &str {
    version.get(..12).unwrap_or(version)
}

/// The charts' PNG files, shown where the report is read (a merge request, a browser).
fn charts(md: &mut String, written: &Written) {
    if written.charts.is_empty() {
        return;
    }
    md.push_str("## Charts\n\n");
    for (title, file) in &written.charts {
        let _ = writeln!(md, "![{}]({file})\n", escape(title));
    }
}

fn files(md: &mut String, written: &Written) {
    md.push_str("## Files\n\n");
    for file in &written.files {
        let _ = writeln!(md, "- `{file}`");
    }
    md.push_str("- `report.md`\n");
    for note in &written.notes {
        let _ = writeln!(md, "\n{}", escape(note));
    }
}

/// `12 ms`, `3.4 s`, `2 min 05 s`.
pub fn duration(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else if ms < 60_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        // Whole seconds of a run: far below 2^52.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let s = (ms / 1000.0).round() as u64;
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

/// A count with thousands separators.
fn count(n: usize) -> String {
    grouped(n)
}

/// Text in a Markdown table cell: pipes escaped, on one line.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration(12.4), "12 ms");
        assert_eq!(duration(3_400.0), "3.4 s");
        assert_eq!(duration(125_000.0), "2 min 05 s");
    }

    #[test]
    fn table_text_stays_in_its_cell() {
        assert_eq!(escape("a|b\nc"), "a\\|b c");
    }
}
