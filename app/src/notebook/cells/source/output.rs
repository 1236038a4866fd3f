//! Output of a Data source or Prepare cell: the datasets it produced, their size and dates.

use jukebox_core::summary::{DatasetSummary, TableSummary};
use leptos::prelude::*;

use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::shell::format_count;

/// A Data source or Prepare cell's output: its datasets, once loaded.
#[component]
pub fn LoadedCellOutput(entry: CellEntry) -> impl IntoView {
    move || {
        entry.output.with(|o| match o {
            Some(CellOutput::Loaded(summary)) => {
                Some(view! { <LoadedView summary=summary.clone()/> })
            }
            _ => None,
        })
    }
}

#[component]
pub fn LoadedView(summary: DatasetSummary) -> impl IntoView {
    let headline = summary.headline();
    view! {
        <div class="table-scroll" data-testid="dataset-summary">
            <table class="summary-table">
                <caption data-testid="loaded-headline">{headline}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Dataset"</th>
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
            <td class="num" data-testid="columns" title=columns>{table.n_columns}</td>
            <td data-testid="dates">{dates}</td>
        </tr>
    }
}
