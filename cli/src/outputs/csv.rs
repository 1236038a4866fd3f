//! CSV files: the confusion matrix (class labels as header and first column) and each
//! Explore cell's table. RFC 4180 quoting; numbers as Rust prints them (shortest text that
//! reads back to the same number).

use jukebox_core::explore::{CellValue, ExploreOutput};
use jukebox_core::train::metrics::Evaluation;

/// The corner cell of the confusion matrix: rows are true classes, columns predicted ones.
pub const CONFUSION_CORNER: &str = "true/predicted";

/// `confusion[true][predicted]` with the labels around it.
pub fn confusion(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let header =
        std::iter::once(CONFUSION_CORNER.to_string()).chain(evaluation.classes.iter().cloned());
    line(&mut out, header);
    for (label, row) in evaluation.classes.iter().zip(&evaluation.confusion) {
        line(
            &mut out,
            std::iter::once(label.clone()).chain(row.iter().map(u64::to_string)),
        );
    }
    out
}

/// An Explore cell's answer as a table.
pub fn explore(output: &ExploreOutput) -> String {
    let mut out = String::new();
    match output {
        ExploreOutput::Table { page } => {
            line(&mut out, page.columns.iter().map(|c| c.name.clone()));
            for row in &page.rows {
                line(&mut out, row.iter().map(value));
            }
        }
        ExploreOutput::Describe { rows } => {
            let header = [
                "column", "count", "mean", "std", "min", "25%", "50%", "75%", "max",
            ];
            line(&mut out, header.iter().map(|h| (*h).to_string()));
            for r in rows {
                let stats = [r.mean, r.std, r.min, r.q25, r.q50, r.q75, r.max];
                let fields = [r.column.clone(), r.count.to_string()]
                    .into_iter()
                    .chain(stats.iter().map(|v| optional(*v)));
                line(&mut out, fields);
            }
        }
        ExploreOutput::Correlations { correlations } => {
            line(
                &mut out,
                ["column".to_string(), correlations.target.clone()].into_iter(),
            );
            for (column, r) in &correlations.values {
                line(&mut out, [column.clone(), optional(*r)].into_iter());
            }
        }
    }
    out
}

fn value(value: &CellValue) -> String {
    match value {
        CellValue::Null => String::new(),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Int(i) => i.to_string(),
        CellValue::Float(f) => f.to_string(),
        CellValue::Text(t) => t.clone(),
    }
}

fn optional(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn line(out: &mut String, fields: impl Iterator<Item = String>) {
    let fields: Vec<String> = fields.map(|f| quoted(&f)).collect();
    out.push_str(&fields.join(","));
    out.push('\n');
}

fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(quoted("Tyler, The Creator"), "\"Tyler, The Creator\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("plain"), "plain");
    }
}
