//! The editors of the cell kinds: compact forms over a cell's settings. Each change
//! builds the new settings and hands them to the notebook, which re-runs what depends on them.

mod chart;
mod evaluate;
mod explore;
mod load_run;
mod markdown;
pub mod predict;
mod prepare;
pub mod serve;
pub mod sliders;
pub mod song_search;
mod source;
mod step;
pub mod train;

use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use super::state::{CellEntry, NotebookState};

/// Changes cell `entry`'s settings with `change` and re-runs what depends on them.
fn edit(entry: CellEntry, change: impl FnOnce(&mut CellSpec)) {
    let state = expect_context::<NotebookState>();
    let mut spec = entry.spec.get_untracked();
    change(&mut spec);
    state.update_spec(entry.id, spec);
}

/// The editor for a cell, by its kind.
#[component]
pub fn CellEditor(entry: CellEntry) -> impl IntoView {
    // A memo: the editor is rebuilt only when the kind changes, not on every edit (a
    // rebuilt editor would lose the focus of the field being edited).
    let kind = Memo::new(move |_| entry.spec.with(CellSpec::kind));
    move || match kind.get() {
        "Data source" => view! { <source::SourceEditor entry=entry/> }.into_any(),
        "Prepare" => view! { <prepare::PrepareEditor entry=entry/> }.into_any(),
        "Explore" => view! { <explore::ExploreEditor entry=entry/> }.into_any(),
        "Train" => view! { <train::TrainEditor entry=entry/> }.into_any(),
        "Evaluate" => view! { <evaluate::EvaluateEditor entry=entry/> }.into_any(),
        "Predict" => view! { <predict::PredictEditor entry=entry/> }.into_any(),
        "Markdown" => view! { <markdown::MarkdownEditor entry=entry/> }.into_any(),
        "Model from run" => view! { <load_run::LoadRunEditor entry=entry/> }.into_any(),
        "Served model" => view! { <serve::ServeEditor entry=entry/> }.into_any(),
        _ => view! { <chart::ChartEditor entry=entry/> }.into_any(),
    }
}
