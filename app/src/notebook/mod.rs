//! The notebook page's content: the cells, in order, and the bar that adds cells. A file
//! dropped anywhere on the notebook becomes a new data source cell.
//!
//! The state is a set of small `Copy` handles, each in the context on its own; a component
//! takes the one it needs:
//!
//! - [`document::Document`]: title, cells, deleted cell, datasets, problem, which saved
//!   notebook it is; [`cell_entry`]: one cell's signals, status and output;
//! - [`run::Runner`]: what runs when, one engine round trip at a time, cancel, replay after a
//!   restart; [`edits::NotebookEdits`]: adding, moving, deleting cells, files for them;
//!   [`history::UndoHistory`]: undo and redo of every document edit;
//! - [`keys`]: Jupyter's keyboard model (a selected cell, command and edit mode), the command
//!   palette, the shortcuts sheet, toasts;
//! - [`persist`]: hooks keeping the notebook in the browser (autosave, other tabs, runs
//!   recorded, kept files, opening saved notebooks); [`open`]: which notebook opens first.
//!
//! Views: [`cell`] (toolbar, status), [`cells`] (one folder per cell kind: editor and output,
//! and the kind matches), [`widgets`] (tables, curves, maps, fields… shared by kinds),
//! [`palette`], [`notices`], [`library`] (the notebook bar).

pub mod cell;
pub mod cell_entry;
pub mod cells;
pub mod document;
pub mod edits;
pub mod history;
pub mod keys;
pub mod library;
pub mod notices;
pub mod open;
pub mod palette;
pub mod persist;
pub mod report;
pub mod run;
pub mod widgets;

use leptos::prelude::*;

pub use cell_entry::{CellEntry, CellOutput, CellStatus};
pub use document::Document;
pub use edits::NotebookEdits;
pub use run::Runner;

use cell::CellView;
use notices::NotebookNotices;
use palette::CellPalette;
use persist::autosave::{Autosave, use_autosave};
use persist::kept_files::use_kept_files;
use persist::notebooks::Notebooks;
use persist::other_tabs::use_other_tabs;
use persist::records::use_run_records;

use crate::engine_client::EngineClient;
use crate::storage::StorageSlot;

/// Makes the notebook's document, runner, edits, undo history, selection and toast (under
/// the current owner, the app's) and provides each as context. Persistence comes on top
/// ([`provide_persistence`]).
pub fn provide_notebook(
    engine: EngineClient,
    slot: StorageSlot,
) -> (Document, Runner, NotebookEdits) {
    let document = Document::new();
    let kept = use_kept_files(document, slot);
    let records = use_run_records(document, slot);
    let runner = Runner::new(document, engine, kept, records);
    let edits = NotebookEdits::new(document, runner, kept);
    provide_context(history::use_undo_history(document, runner));
    provide_context(keys::Selection::new());
    provide_context(keys::toast::Toast::new());
    provide_context(document);
    provide_context(runner);
    provide_context(edits);
    provide_context(records);
    (document, runner, edits)
}

/// Starts keeping the notebook in the browser — autosave, other tabs' saves — and provides
/// [`Autosave`], the other tabs' watch and [`Notebooks`] as context.
pub fn provide_persistence(
    document: Document,
    runner: Runner,
    slot: StorageSlot,
) -> (Notebooks, Autosave) {
    let tabs = use_other_tabs(document);
    let autosave = use_autosave(document, slot, tabs);
    let notebooks = Notebooks::new(document, runner, autosave, tabs, slot);
    provide_context(tabs);
    provide_context(autosave);
    provide_context(notebooks);
    (notebooks, autosave)
}

/// The cells and the add-cell bar.
#[component]
pub fn NotebookView() -> impl IntoView {
    let document = expect_context::<Document>();
    let edits = expect_context::<NotebookEdits>();
    let (dragging, set_dragging) = signal(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            edits.add_file_cell(file);
        }
    };
    let numbered = move || {
        document
            .cells
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    view! {
        {move || document.problem.get().map(|message| view! {
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
