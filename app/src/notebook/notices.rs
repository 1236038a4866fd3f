//! The notebook's notices: "This notebook wants to fetch data from `a.example` · Run them /
//! Review cells" for a notebook from elsewhere, "Cell deleted · Undo", and "N stale cells ·
//! Run stale cells" when re-runs are manual.

use jukebox_core::notebook::Cell;
use jukebox_core::notebook::trust;
use leptos::prelude::*;

use super::cell_entry::CellStatus;
use super::document::Document;
use super::edits::NotebookEdits;
use super::run::Runner;
use crate::shell::{Icon, IconKind};

#[component]
pub fn NotebookNotices() -> impl IntoView {
    let document = expect_context::<Document>();
    let edits = expect_context::<NotebookEdits>();
    let runner = expect_context::<Runner>();
    let stale = move || {
        document.cells.with(|cells| {
            cells
                .iter()
                .filter(|c| c.status.get() == CellStatus::Stale)
                .count()
        })
    };
    // The contacts not agreed to yet, tracked: an edit or a choice updates the question.
    let question = move || {
        let consent = document.saved.with(|s| s.consent.clone());
        if consent.is_trusted() {
            return None;
        }
        let cells = document.cells.with(|cells| {
            cells
                .iter()
                .map(|c| Cell::new(c.id, c.spec.get()))
                .collect::<Vec<_>>()
        });
        let uses: Vec<_> = cells.iter().flat_map(trust::cell_uses).collect();
        let waiting = consent.waiting(&uses);
        let first = waiting.first().map(|u| u.cell)?;
        trust::question(&waiting).map(|q| (q, first))
    };
    let review = move |first: u64| {
        if let Some(cell) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("cell-{first}")))
        {
            cell.scroll_into_view();
            if let Ok(cell) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(cell) {
                let _ = cell.focus();
            }
        }
    };
    view! {
        {move || question().map(|(question, first)| view! {
            <div class="notice notice-consent" role="alert" data-testid="consent-notice">
                <span data-testid="consent-question">{question}</span>
                <span class="muted">" Nothing was sent: the cells that stay in this tab ran; these wait for you."</span>
                <button type="button" class="button button-primary" data-testid="consent-run"
                    on:click=move |_| runner.trust_and_run()>"Run them"</button>
                <button type="button" class="button" data-testid="consent-review"
                    on:click=move |_| review(first)>"Review cells"</button>
            </div>
        })}
        {move || document.deleted.with(|d| d.as_ref().map(|(_, cell)| cell.spec.kind())).map(|kind| view! {
            <div class="notice" role="status" data-testid="undo-delete-notice">
                <span>{format!("{kind} cell deleted.")}</span>
                <button type="button" class="button" data-testid="undo-delete" on:click=move |_| edits.undo_delete()>"Undo"</button>
            </div>
        })}
        {move || (stale() > 0).then(|| view! {
            <div class="notice" role="status" data-testid="stale-notice">
                <span>{move || format!("{} cell{} out of date.", stale(), if stale() == 1 { " is" } else { "s are" })}</span>
                <button type="button" class="button" data-testid="run-stale" on:click=move |_| runner.run_stale()><Icon kind=IconKind::Play/>" Run stale cells"</button>
            </div>
        })}
    }
}
