//! The palette of cell kinds: at the end of the notebook, or below a cell. A new cell reads
//! the newest dataset (or model) above it.

use jukebox_core::chart::ChartSpec;
use jukebox_core::explore::ExploreQuery;
use jukebox_core::notebook::{CellSpec, DEMO_PROPERTIES, Source};
use jukebox_core::train::{EvalSplit, SongFeatures, TrainSpec};
use leptos::prelude::*;

use super::cells::serve::call::DEFAULT_BASE_URL;
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
    let add = move |make: fn(Document) -> CellSpec| {
        move |_| {
            edits.insert_cell(after, make(document));
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
            <button type="button" class="button" data-testid="add-prepare" on:click=add(|d| {
                let input = d.last_dataset();
                CellSpec::Prepare { output: format!("{input}_prepared"), input, steps: Vec::new() }
            })>"+ Prepare"</button>
            <button type="button" class="button" data-testid="add-explore" on:click=add(|d| CellSpec::Explore {
                input: d.last_dataset(), query: ExploreQuery::Preview { offset: 0, limit: 100 },
            })>"+ Explore"</button>
            <button type="button" class="button" data-testid="add-chart" on:click=add(|d| CellSpec::Chart {
                input: d.last_dataset(), chart: ChartSpec::Histogram { column: "popularity".into(), bins: 40 },
            })>"+ Chart"</button>
            <button type="button" class="button" data-testid="add-train" on:click=add(|d| CellSpec::Train {
                input: d.last_dataset(), spec: TrainSpec::default(), output: "model".into(),
            })>"+ Train"</button>
            <button type="button" class="button" data-testid="add-evaluate" on:click=add(|d| CellSpec::Evaluate {
                model: d.last_model(), on: EvalSplit::Test,
            })>"+ Evaluate"</button>
            <button type="button" class="button" data-testid="add-predict" on:click=add(|d| CellSpec::Predict {
                model: d.last_model(),
                songs: DEMO_PROPERTIES.into(),
                label: String::new(),
                song: SongFeatures::new(),
            })>"+ Predict"</button>
            <button type="button" class="button" data-testid="add-load-run" on:click=add(|_| CellSpec::LoadRun {
                run: String::new(), output: "saved_model".into(),
            })>"+ Model from run"</button>
            <button type="button" class="button" data-testid="add-serve" on:click=add(|d| {
                let model = d.last_model();
                CellSpec::Serve {
                    served_model: model.clone(),
                    model,
                    songs: DEMO_PROPERTIES.into(),
                    label: String::new(),
                    song: SongFeatures::new(),
                    base_url: DEFAULT_BASE_URL.into(),
                }
            })>"+ Served model"</button>
        </nav>
    }
}
