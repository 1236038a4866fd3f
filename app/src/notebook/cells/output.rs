//! A cell's output, by its kind. The last output stays shown while the cell runs again, so
//! paging and edits do not flicker; a running training shows its progress and live curves
//! above it.

use leptos::prelude::*;

use super::chart::ChartCellOutput;
use super::drift::DriftCellOutput;
use super::evaluate::EvaluateCellOutput;
use super::explain::ExplainCellOutput;
use super::explore::ExploreCellOutput;
use super::fairness::FairnessCellOutput;
use super::kind::CellKind;
use super::predict::PredictCellOutput;
use super::serve::ServeCellOutput;
use super::source::LoadedCellOutput;
use super::train::{LiveTraining, TrainCellOutput};
use super::validate::ValidateCellOutput;
use crate::notebook::cell_entry::CellEntry;

#[component]
pub fn CellOutputView(entry: CellEntry) -> impl IntoView {
    // A memo: each kind's view is built once and updates in place with new outputs (a
    // table keeps its scroll position while paging).
    let kind = Memo::new(move |_| entry.spec.with(CellKind::of));
    view! {
        <LiveTraining entry=entry/>
        <div class="cell-output" data-testid="cell-output">
            {move || match kind.get() {
                CellKind::Source | CellKind::Prepare => view! { <LoadedCellOutput entry=entry/> }.into_any(),
                CellKind::Explore => view! { <ExploreCellOutput entry=entry/> }.into_any(),
                CellKind::Chart => view! { <ChartCellOutput entry=entry/> }.into_any(),
                // A model from a run is shown as its training.
                CellKind::Train | CellKind::ModelFromRun => view! { <TrainCellOutput entry=entry/> }.into_any(),
                CellKind::Evaluate => view! { <EvaluateCellOutput entry=entry/> }.into_any(),
                CellKind::Predict => view! { <PredictCellOutput entry=entry/> }.into_any(),
                CellKind::Serve => view! { <ServeCellOutput entry=entry/> }.into_any(),
                CellKind::Validate => view! { <ValidateCellOutput entry=entry/> }.into_any(),
                CellKind::Drift => view! { <DriftCellOutput entry=entry/> }.into_any(),
                CellKind::Fairness => view! { <FairnessCellOutput entry=entry/> }.into_any(),
                CellKind::Explain => view! { <ExplainCellOutput entry=entry/> }.into_any(),
                CellKind::Markdown => ().into_any(),
            }}
        </div>
    }
}
