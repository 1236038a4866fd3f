//! A cell's output: datasets produced, an exploration's answer, a chart, a model's report.
//! The last output stays shown while the cell runs again, so paging and edits do not
//! flicker; a running training shows its progress and live curves above it.

use jukebox_core::explore::{ExploreOutput, ExploreQuery};
use jukebox_core::notebook::CellSpec;
use jukebox_core::train::TrainProgress;
use leptos::prelude::*;

use super::loaded::LoadedView;
use super::model::{EvaluationView, PredictionView, TrainedView, TrainingLive};
use super::output::ExploreOutputView;
use super::serve::view::ServeView;
use super::state::{CellEntry, CellOutput, CellStatus, NotebookState};
use crate::chart::ChartView;
use crate::engine_client::Progress;

#[component]
pub fn CellOutputView(entry: CellEntry) -> impl IntoView {
    let state = expect_context::<NotebookState>();
    // Paging a preview changes the cell's offset, which re-runs just this cell.
    let on_page = Callback::new(move |(offset, limit): (usize, usize)| {
        let mut spec = entry.spec.get_untracked();
        if let CellSpec::Explore {
            query:
                ExploreQuery::Preview {
                    offset: o,
                    limit: l,
                },
            ..
        } = &mut spec
        {
            *o = offset;
            *l = limit;
            state.update_spec(entry.id, spec);
        }
    });
    // A memo, so a new output of the same kind updates the view in place (a table keeps its
    // scroll position while paging) instead of rebuilding it.
    let kind = Memo::new(move |_| {
        entry.output.with(|o| match o {
            None => 0,
            Some(CellOutput::Loaded(_)) => 1,
            Some(CellOutput::Explored(_)) => 2,
            Some(CellOutput::Charted(_)) => 3,
            Some(CellOutput::Trained(_)) => 4,
            Some(CellOutput::Evaluated(_)) => 5,
            Some(CellOutput::Predicted(_)) => 6,
            Some(CellOutput::Served(_)) => 7,
        })
    });
    let explored = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Explored(output)) => output,
        _ => ExploreOutput::Describe { rows: Vec::new() },
    });
    let chart = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Charted(chart)) => Some(chart),
        _ => None,
    });
    let report = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Trained(report)) => Some(report),
        _ => None,
    });
    let evaluation = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Evaluated(evaluation)) => Some(evaluation),
        _ => None,
    });
    let prediction = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Predicted(prediction)) => Some(prediction),
        _ => None,
    });
    // The live panel is built once per training and updated in place as progress arrives.
    let training = Memo::new(move |_| match entry.status.get() {
        CellStatus::Running(Some(Progress {
            training: Some(progress),
            ..
        })) => Some(progress),
        _ => None,
    });
    let live = Signal::derive(move || {
        training.get().unwrap_or_else(|| TrainProgress {
            stage: String::new(),
            done: 0,
            total: 0,
            unit: String::new(),
            points: Vec::new(),
            history: Vec::new(),
        })
    });
    view! {
        <Show when=move || training.with(Option::is_some)>
            <TrainingLive progress=live/>
        </Show>
        <div class="cell-output" data-testid="cell-output">
            {move || match kind.get() {
                1 => {
                    let loaded = move || entry.output.with(|o| match o {
                        Some(CellOutput::Loaded(summary)) => Some(view! { <LoadedView summary=summary.clone()/> }),
                        _ => None,
                    });
                    view! { {loaded} }.into_any()
                }
                2 => view! { <ExploreOutputView output=explored on_page=on_page/> }.into_any(),
                3 => {
                    let drawn = move || chart.get().map(|chart| view! { <ChartView chart=chart/> });
                    view! { {drawn} }.into_any()
                }
                4 => view! { <TrainedView report=report/> }.into_any(),
                5 => view! { <EvaluationView evaluation=evaluation/> }.into_any(),
                6 => view! { <PredictionView prediction=prediction/> }.into_any(),
                7 => {
                    let served = move || entry.output.with(|o| match o {
                        Some(CellOutput::Served(output)) => Some(view! { <ServeView output=(**output).clone()/> }),
                        _ => None,
                    });
                    view! { {served} }.into_any()
                }
                _ => ().into_any(),
            }}
        </div>
    }
}
