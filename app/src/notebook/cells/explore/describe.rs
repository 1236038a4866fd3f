//! `df.describe().T`: one row per numeric column, eight statistics across.

use jukebox_core::explore::DescribeRow;
use leptos::prelude::*;

use crate::notebook::widgets::format::format_float_column;

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

#[component]
pub fn DescribeView(rows: Vec<DescribeRow>) -> impl IntoView {
    let texts = describe_texts(&rows);
    let body = rows
        .into_iter()
        .zip(texts)
        .map(|(row, texts)| {
            let cells = DESCRIBE_STATS
                .iter()
                .zip(texts)
                .map(|(stat, text)| {
                    let class = if text == "NaN" { "num cell-null" } else { "num" };
                    view! { <td class=class data-column=row.column.clone() data-stat=*stat>{text}</td> }
                })
                .collect_view();
            view! {
                <tr data-column=row.column.clone()>
                    <th scope="row"><code>{row.column.clone()}</code></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="describe-view table-scroll" data-testid="describe-view">
            <table class="summary-table output-table">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        {DESCRIBE_STATS.map(|stat| view! { <th scope="col" class="num">{stat}</th> })}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
