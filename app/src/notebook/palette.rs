//! The palette of cell kinds: at the end of the notebook, or below a cell. A new cell reads
//! the newest dataset (or model) above it.

use jukebox_core::notebook::NewCell;
use leptos::prelude::*;

use super::document::Document;
use super::edits::NotebookEdits;

/// The palette of cell kinds: at the end of the notebook, or below cell `after`.
#[component]
pub fn CellPalette(
    #[prop(optional)] after: Option<u64>,
    #[prop(optional, into)] on_added: Option<Callback<()>>,
) -> impl IntoView {
    let document = expect_context::<Document>();
    let edits = expect_context::<NotebookEdits>();
    let add = move |kind: NewCell| {
        move |_| {
            // A new cell reads the newest dataset (or model) of the notebook: the core's
            // defaults for each kind (`Notebook::new_cell`).
            let notebook = document.snapshot();
            let spec = notebook.new_cell(kind, notebook.cells.len());
            edits.insert_cell(after, spec);
            if let Some(done) = on_added {
                done.run(());
            }
        }
    };
    view! {
        <nav class="add-cell-bar" aria-label=if after.is_some() { "Insert a cell below" } else { "Add a cell" }>
            <button type="button" class="button" data-testid="add-markdown" on:click=add(NewCell::Markdown)>"+ Markdown"</button>
            <button type="button" class="button" data-testid="add-source" on:click=add(NewCell::Source)>"+ Data source"</button>
            <button type="button" class="button" data-testid="add-prepare" on:click=add(NewCell::Prepare)>"+ Prepare"</button>
            <button type="button" class="button" data-testid="add-explore" on:click=add(NewCell::Explore)>"+ Explore"</button>
            <button type="button" class="button" data-testid="add-chart" on:click=add(NewCell::Chart)>"+ Chart"</button>
            <button type="button" class="button" data-testid="add-train" on:click=add(NewCell::Train)>"+ Train"</button>
            <button type="button" class="button" data-testid="add-evaluate" on:click=add(NewCell::Evaluate)>"+ Evaluate"</button>
            <button type="button" class="button" data-testid="add-predict" on:click=add(NewCell::Predict)>"+ Predict"</button>
            <button type="button" class="button" data-testid="add-load-run" on:click=add(NewCell::LoadRun)>"+ Model from run"</button>
            <button type="button" class="button" data-testid="add-serve" on:click=add(NewCell::Serve)>"+ Served model"</button>
            <button type="button" class="button" data-testid="add-validate" on:click=add(NewCell::Validate)>"+ Validate"</button>
            <button type="button" class="button" data-testid="add-drift" on:click=add(NewCell::Drift)>"+ Drift"</button>
            <button type="button" class="button" data-testid="add-fairness" on:click=add(NewCell::Fairness)>"+ Fairness"</button>
            <button type="button" class="button" data-testid="add-explain" on:click=add(NewCell::Explain)>"+ Explain"</button>
        </nav>
    }
}
