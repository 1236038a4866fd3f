//! The table's footer: its shape like pandas prints it, and Prev/Next buttons as a keyboard
//! way through the rows.

use jukebox_core::explore::TablePage;
use leptos::prelude::*;

use super::virtual_rows::REQUEST_ROWS;
use crate::shell::{Icon, IconKind, format_count};

/// `rows 1–50 of 1,146,100` for the loaded page.
pub fn page_label(page: &TablePage) -> String {
    if page.rows.is_empty() {
        return format!("no rows loaded of {}", format_count(page.n_rows));
    }
    format!(
        "rows {}–{} of {}",
        format_count(page.offset + 1),
        format_count(page.offset + page.rows.len()),
        format_count(page.n_rows)
    )
}

/// `go_to((first, count))` shows and asks for the page starting at row `first`.
#[component]
pub fn TablePager(page: Signal<TablePage>, go_to: Callback<(usize, usize)>) -> impl IntoView {
    let span = move || page.with(|p| (p.offset, p.rows.len(), p.n_rows));
    let step = move || match span().1 {
        0 => REQUEST_ROWS,
        len => len,
    };
    let previous = move |_| {
        let (offset, _, _) = span();
        go_to.run((offset.saturating_sub(step()), step()));
    };
    let next = move |_| {
        let (offset, len, n_rows) = span();
        let first = offset + len;
        go_to.run((first, step().min(n_rows.saturating_sub(first))));
    };
    let shape = move || {
        page.with(|p| {
            format!(
                "{} rows × {} columns",
                format_count(p.n_rows),
                format_count(p.columns.len())
            )
        })
    };
    view! {
        <div class="table-view-footer">
            <p class="table-view-shape" data-testid="table-shape">{shape}</p>
            <div class="table-view-pager">
                <button type="button" data-testid="table-prev" on:click=previous
                    disabled=move || span().0 == 0><Icon kind=IconKind::ChevronLeft/>" Prev"</button>
                <span data-testid="table-range" aria-live="polite">{move || page.with(page_label)}</span>
                <button type="button" data-testid="table-next" on:click=next
                    disabled=move || { let (offset, len, n_rows) = span(); offset + len >= n_rows }>"Next "<Icon kind=IconKind::ChevronRight/></button>
            </div>
        </div>
    }
}
