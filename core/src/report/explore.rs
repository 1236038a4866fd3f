//! The report's Explore section: each Explore cell's table, its first rows.

use super::document::{Align, Block, Document, Table, text};
use super::sections::{heading, label};
use super::{CellResult, Output, TABLE_ROWS};
use crate::explore::{CellValue, ExploreOutput};
use crate::summary::grouped;

use Align::{Left, Right};

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
