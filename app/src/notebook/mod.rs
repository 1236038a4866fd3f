//! The notebook page's content: the cells, in order, and the bar that adds cells. A file
//! dropped anywhere on the notebook becomes a new data source cell.
//!
//! - [`state`]: cells' signals and the runner (order, re-runs, cancel, replay after restart);
//! - [`cell`]: one cell's toolbar, status, error; [`edit`]: the editors of each kind;
//! - [`fields`]: the editors' form fields; [`output_view`], [`loaded`], [`output`], [`model`]:
//!   outputs (tables and charts; trainings, evaluations, predictions); [`serve`]: a Serve
//!   cell's calls to a served model and its output.

pub mod cell;
mod cell_entry;
pub mod edit;
mod edits;
pub mod fields;
pub mod library;
pub mod loaded;
pub mod model;
pub mod open;
pub mod output;
pub mod output_view;
pub mod persist;
pub mod saved;
pub mod serve;
pub mod state;

use jukebox_core::notebook::{CellSpec, NewCell};
use leptos::prelude::*;

use cell::CellView;
use state::{CellStatus, NotebookState};

use crate::shell::{Icon, IconKind};

/// The cells and the add-cell bar.
#[component]
pub fn NotebookView() -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let (dragging, set_dragging) = signal(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            state.add_file_cell(file);
        }
    };
    let numbered = move || {
        state
            .cells
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    view! {
        {move || state.problem.get().map(|message| view! {
            <div class="card card-error" role="alert" data-testid="notebook-problem">{message}</div>
        })}
        <NotebookNotices/>
        <div class="notebook" data-testid="notebook" class:dragging=dragging
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); set_dragging.set(true); }
            on:dragleave=move |_| set_dragging.set(false)
            on:drop=on_drop>
            <For each=numbered key=|(index, cell)| (cell.id, *index) let((index, cell))>
                <CellView entry=cell number=index + 1/>
            </For>
            <CellPalette/>
            <p class="drop-hint muted" aria-hidden="true">"Drop a CSV or Parquet file here to load it"</p>
        </div>
    }
}

/// A new cell of `kind` reading the newest dataset or model of the notebook (the core's
/// defaults, `Notebook::new_cell`).
fn new_spec(state: &NotebookState, kind: NewCell) -> CellSpec {
    let notebook = state.snapshot();
    notebook.new_cell(kind, notebook.cells.len())
}

/// The palette of cell kinds: at the end of the notebook, or below cell `after`.
#[component]
pub fn CellPalette(
    #[prop(optional)] after: Option<u64>,
    #[prop(optional, into)] on_added: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let add = move |kind: NewCell| {
        move |_| {
            state.insert_cell(after, new_spec(&state, kind));
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
        </nav>
    }
}

/// "Cell deleted · Undo", and "N stale cells · Run stale cells" when re-runs are manual.
#[component]
fn NotebookNotices() -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let stale = move || {
        state.cells.with(|cells| {
            cells
                .iter()
                .filter(|c| c.status.get() == CellStatus::Stale)
                .count()
        })
    };
    view! {
        {move || state.deleted.with(|d| d.as_ref().map(|(_, cell)| cell.spec.kind())).map(|kind| view! {
            <div class="notice" role="status" data-testid="undo-delete-notice">
                <span>{format!("{kind} cell deleted.")}</span>
                <button type="button" class="button" data-testid="undo-delete" on:click=move |_| state.undo_delete()>"Undo"</button>
            </div>
        })}
        {move || (stale() > 0).then(|| view! {
            <div class="notice" role="status" data-testid="stale-notice">
                <span>{move || format!("{} cell{} out of date.", stale(), if stale() == 1 { " is" } else { "s are" })}</span>
                <button type="button" class="button" data-testid="run-stale" on:click=move |_| state.run_stale()><Icon kind=IconKind::Play/>" Run stale cells"</button>
            </div>
        })}
    }
}
