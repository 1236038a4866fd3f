//! The editors of the four cell kinds: compact forms over a cell's settings. Each change
//! builds the new settings and hands them to the notebook, which re-runs what depends on them.

mod chart;
mod explore;
mod prepare;
mod source;
mod step;

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
    let kind = move || entry.spec.with(CellSpec::kind);
    move || match kind() {
        "Data source" => view! { <source::SourceEditor entry=entry/> }.into_any(),
        "Prepare" => view! { <prepare::PrepareEditor entry=entry/> }.into_any(),
        "Explore" => view! { <explore::ExploreEditor entry=entry/> }.into_any(),
        _ => view! { <chart::ChartEditor entry=entry/> }.into_any(),
    }
}
