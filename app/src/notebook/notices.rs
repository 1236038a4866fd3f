//! The notebook's notices: "Cell deleted · Undo", and "N stale cells · Run stale cells" when
//! re-runs are manual.

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
    view! {
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
