//! `df.describe().T`: one row per numeric column, eight statistics across.

use jukebox_core::explore::DescribeRow;
use leptos::prelude::*;

pub use jukebox_core::format::{DESCRIBE_STATS, describe_texts};

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
