//! `df.describe().T` as pandas prints it: each statistic is a float64 column, formatted as a
//! whole ([`format_float_column`]); as text, the table `to_string()` gives.

use std::fmt::Write as _;

use super::pandas::format_float_column;
use crate::explore::DescribeRow;

/// The statistics in pandas' order and with its labels.
pub const DESCRIBE_STATS: [&str; 8] = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];

fn stat_values(row: &DescribeRow) -> [Option<f64>; 8] {
    [
        Some(row.count as f64),
        row.mean,
        row.std,
        row.min,
        row.q25,
        row.q50,
        row.q75,
        row.max,
    ]
}

/// The text of every statistic, row by row. Each statistic is a float64 column of
/// `describe().T`, so each is formatted as one column the way pandas prints it: `count` reads
/// `14245.0`, and a column with a value above 1e6 and long decimals turns scientific.
pub fn describe_texts(rows: &[DescribeRow]) -> Vec<[String; 8]> {
    let values: Vec<[Option<f64>; 8]> = rows.iter().map(stat_values).collect();
    let columns: Vec<Vec<String>> = (0..DESCRIBE_STATS.len())
        .map(|s| format_float_column(&values.iter().map(|v| v[s]).collect::<Vec<_>>()))
        .collect();
    (0..rows.len())
        .map(|i| std::array::from_fn(|s| columns[s][i].clone()))
        .collect()
}

/// `df.describe().T.to_string()`: the column names left-aligned under an empty header, then
/// one right-aligned column per statistic, a space apart; numbers not below zero keep pandas'
/// sign space.
pub fn describe_text(rows: &[DescribeRow]) -> String {
    let texts: Vec<[String; 8]> = describe_texts(rows)
        .into_iter()
        .map(|row| row.map(|text| with_sign_space(&text)))
        .collect();
    let index_width = rows
        .iter()
        .map(|r| r.column.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..DESCRIBE_STATS.len())
        .map(|s| {
            texts
                .iter()
                .map(|row| row[s].chars().count())
                .chain([DESCRIBE_STATS[s].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |index: &str, cells: &[&str]| {
        let mut out = format!("{index:<index_width$}");
        for (cell, width) in cells.iter().zip(&widths) {
            let _ = write!(out, " {cell:>width$}");
        }
        out
    };
    let mut lines = vec![line("", &DESCRIBE_STATS)];
    for (row, cells) in rows.iter().zip(&texts) {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        lines.push(line(&row.column, &cells));
    }
    lines.join("\n")
}

/// pandas leaves a space before a number that is not negative, so signs line up.
fn with_sign_space(text: &str) -> String {
    if text.starts_with('-') || text == "NaN" {
        text.to_string()
    } else {
        format!(" {text}")
    }
}
