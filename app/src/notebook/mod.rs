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

use jukebox_core::chart::ChartSpec;
use jukebox_core::explore::ExploreQuery;
use jukebox_core::notebook::{CellSpec, DEMO_PROPERTIES, Source};
use jukebox_core::train::{EvalSplit, SongFeatures, TrainSpec};
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

/// The newest dataset above the end of the notebook: a sensible input for a new cell.
fn last_dataset(state: &NotebookState) -> String {
    let notebook = state.snapshot();
    notebook
        .names_before(notebook.cells.len())
        .pop()
        .unwrap_or_default()
}

/// The newest model above the end of the notebook (a new Evaluate or Predict cell's model).
fn last_model(state: &NotebookState) -> String {
    let notebook = state.snapshot();
    notebook
        .models_before(notebook.cells.len())
        .pop()
        .unwrap_or_else(|| "model".into())
}

/// The palette of cell kinds: at the end of the notebook, or below cell `after`.
#[component]
pub fn CellPalette(
    #[prop(optional)] after: Option<u64>,
    #[prop(optional, into)] on_added: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let add = move |make: fn(NotebookState) -> CellSpec| {
        move |_| {
            state.insert_cell(after, make(state));
            if let Some(done) = on_added {
                done.run(());
            }
        }
    };
    view! {
        <nav class="add-cell-bar" aria-label=if after.is_some() { "Insert a cell below" } else { "Add a cell" }>
            <button type="button" class="button" data-testid="add-markdown" on:click=add(|_| CellSpec::Markdown {
                text: "## Notes\nWrite what this step does and why.".into(),
            })>"+ Markdown"</button>
            <button type="button" class="button" data-testid="add-source" on:click=add(|_| CellSpec::Source {
                source: Source::Url { name: "data".into(), url: String::new() },
            })>"+ Data source"</button>
            <button type="button" class="button" data-testid="add-prepare" on:click=add(|s| {
                let input = last_dataset(&s);
                CellSpec::Prepare { output: format!("{input}_prepared"), input, steps: Vec::new() }
            })>"+ Prepare"</button>
            <button type="button" class="button" data-testid="add-explore" on:click=add(|s| CellSpec::Explore {
                input: last_dataset(&s), query: ExploreQuery::Preview { offset: 0, limit: 100 },
            })>"+ Explore"</button>
            <button type="button" class="button" data-testid="add-chart" on:click=add(|s| CellSpec::Chart {
                input: last_dataset(&s), chart: ChartSpec::Histogram { column: "popularity".into(), bins: 40 },
            })>"+ Chart"</button>
            <button type="button" class="button" data-testid="add-train" on:click=add(|s| CellSpec::Train {
                input: last_dataset(&s), spec: TrainSpec::default(), output: "model".into(),
            })>"+ Train"</button>
            <button type="button" class="button" data-testid="add-evaluate" on:click=add(|s| CellSpec::Evaluate {
                model: last_model(&s), on: EvalSplit::Test,
            })>"+ Evaluate"</button>
            <button type="button" class="button" data-testid="add-predict" on:click=add(|s| CellSpec::Predict {
                model: last_model(&s),
                songs: DEMO_PROPERTIES.into(),
                label: String::new(),
                song: SongFeatures::new(),
            })>"+ Predict"</button>
            <button type="button" class="button" data-testid="add-load-run" on:click=add(|_| CellSpec::LoadRun {
                run: String::new(), output: "saved_model".into(),
            })>"+ Model from run"</button>
            <button type="button" class="button" data-testid="add-serve" on:click=add(|s| {
                let model = last_model(&s);
                CellSpec::Serve {
                    served_model: model.clone(),
                    model,
                    songs: DEMO_PROPERTIES.into(),
                    label: String::new(),
                    song: SongFeatures::new(),
                    base_url: edit::serve::DEFAULT_BASE_URL.into(),
                }
            })>"+ Served model"</button>
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
