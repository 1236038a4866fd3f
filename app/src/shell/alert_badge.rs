//! "2 alerts" in the header: the notebook's Drift and Fairness cells whose last run raised
//! an alert (drift, unfairness). Clicking it shows the first such cell (the URL's
//! fragment names pages, so it scrolls rather than links).

use jukebox_core::format::counted;
use leptos::prelude::*;

use crate::notebook::document::Document;

/// The cells whose last run alerted, in notebook order: (cell id, the alert's words). The
/// alerts are kept with the saved notebook, so a reopened one shows them at once.
fn alerts(document: &Document) -> Vec<(u64, String)> {
    document.saved.with(|saved| {
        document.cells.with(|cells| {
            cells
                .iter()
                .filter_map(|entry| saved.alerts.get(&entry.id).map(|a| (entry.id, a.clone())))
                .collect()
        })
    })
}

/// The header's alert count; nothing when no cell alerts.
#[component]
pub fn AlertBadge() -> impl IntoView {
    let document = expect_context::<Document>();
    let found = Memo::new(move |_| alerts(&document));
    move || {
        let found = found.get();
        let (first, text) = found.first()?.clone();
        let title = found
            .iter()
            .map(|(_, a)| a.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        Some(view! {
            <button type="button" class="alert-badge" data-testid="alert-badge" data-count=found.len().to_string()
                title=title aria-label=format!("{}: {text} Show the cell.", counted(found.len(), "alert", "alerts"))
                on:click=move |_| scroll_to_cell(first)>
                {counted(found.len(), "alert", "alerts")}
            </button>
        })
    }
}

/// Scrolls cell `id` into view (its `<article id="cell-<id>">`).
fn scroll_to_cell(id: u64) {
    if let Some(cell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("cell-{id}")))
    {
        cell.scroll_into_view();
    }
}
