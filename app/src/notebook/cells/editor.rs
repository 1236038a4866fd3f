//! The editor of a cell, by its kind: compact forms over a cell's settings. Each change
//! builds the new settings and hands them to the runner ([`crate::notebook::run::edit`]),
//! which re-runs what depends on them.

use leptos::prelude::*;

use super::chart::ChartEditor;
use super::drift::DriftEditor;
use super::evaluate::EvaluateEditor;
use super::explain::ExplainEditor;
use super::explore::ExploreEditor;
use super::fairness::FairnessEditor;
use super::kind::CellKind;
use super::markdown::MarkdownEditor;
use super::model_from_run::LoadRunEditor;
use super::predict::PredictEditor;
use super::prepare::PrepareEditor;
use super::serve::ServeEditor;
use super::source::SourceEditor;
use super::train::TrainEditor;
use super::validate::ValidateEditor;
use crate::notebook::cell_entry::CellEntry;

#[component]
pub fn CellEditor(entry: CellEntry) -> impl IntoView {
    // A memo: the editor is rebuilt only when the kind changes, not on every edit (a
    // rebuilt editor would lose the focus of the field being edited).
    let kind = Memo::new(move |_| entry.spec.with(CellKind::of));
    move || match kind.get() {
        CellKind::Source => view! { <SourceEditor entry=entry/> }.into_any(),
        CellKind::Prepare => view! { <PrepareEditor entry=entry/> }.into_any(),
        CellKind::Explore => view! { <ExploreEditor entry=entry/> }.into_any(),
        CellKind::Chart => view! { <ChartEditor entry=entry/> }.into_any(),
        CellKind::Train => view! { <TrainEditor entry=entry/> }.into_any(),
        CellKind::Evaluate => view! { <EvaluateEditor entry=entry/> }.into_any(),
        CellKind::Predict => view! { <PredictEditor entry=entry/> }.into_any(),
        CellKind::Serve => view! { <ServeEditor entry=entry/> }.into_any(),
        CellKind::Markdown => view! { <MarkdownEditor entry=entry/> }.into_any(),
        CellKind::ModelFromRun => view! { <LoadRunEditor entry=entry/> }.into_any(),
        CellKind::Validate => view! { <ValidateEditor entry=entry/> }.into_any(),
        CellKind::Drift => view! { <DriftEditor entry=entry/> }.into_any(),
        CellKind::Fairness => view! { <FairnessEditor entry=entry/> }.into_any(),
        CellKind::Explain => view! { <ExplainEditor entry=entry/> }.into_any(),
    }
}
