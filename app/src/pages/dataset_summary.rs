//! A card describing a loaded dataset: its tables, rows, columns and dates.

use jukebox_core::summary::{DatasetSummary, TableSummary};
use leptos::prelude::*;

use crate::shell::format_count;

#[component]
pub fn DatasetSummaryCard(summary: DatasetSummary, elapsed_ms: f64) -> impl IntoView {
    let title = if summary.name == jukebox_core::engine::DEMO_DATASET {
        "Built-in demo dataset".to_string()
    } else {
        format!("Dataset “{}”", summary.name)
    };
    view! {
        <article class="card dataset-summary" data-testid="dataset-summary">
            <header class="card-header">
                <h2>{title}</h2>
                <p class="muted">
                    {format!("{} tables · {} rows · ready in {:.1} s", summary.tables.len(), format_count(summary.n_rows()), elapsed_ms / 1000.0)}
                </p>
            </header>
            <div class="table-scroll">
            <table class="summary-table">
                <thead>
                    <tr>
                        <th scope="col">"Table"</th>
                        <th scope="col" class="num">"Rows"</th>
                        <th scope="col" class="num">"Columns"</th>
                        <th scope="col">"Dates"</th>
                    </tr>
                </thead>
                <tbody>
                    {summary.tables.into_iter().map(|t| view! { <TableRow table=t/> }).collect_view()}
                </tbody>
            </table>
            </div>
        </article>
    }
}

#[component]
fn TableRow(table: TableSummary) -> impl IntoView {
    let dates = table
        .date_range
        .map_or_else(|| "—".to_string(), |(from, to)| format!("{from} → {to}"));
    let columns = table
        .columns
        .iter()
        .map(|(name, dtype)| format!("{name}: {dtype}"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr data-testid=format!("table-{}", table.name)>
            <th scope="row"><code>{table.name.clone()}</code></th>
            <td class="num" data-testid="rows">{format_count(table.n_rows)}</td>
            <td class="num" title=columns>{table.n_columns}</td>
            <td>{dates}</td>
        </tr>
    }
}
