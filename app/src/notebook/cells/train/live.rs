//! What a Train cell shows while it runs: how far it has got and the curves so far.

use jukebox_core::train::TrainProgress;
use leptos::prelude::*;

use crate::engine_client::Progress;
use crate::notebook::cell_entry::{CellEntry, CellStatus};
use crate::notebook::widgets::curves::TrainingCurves;
use crate::shell::format_count;

/// "epoch 1 of 2 · batch 1,200 of 4,000": the stage, then units done of total.
pub fn progress_line(progress: &TrainProgress) -> String {
    let count = |n: u64| format_count(usize::try_from(n).unwrap_or(usize::MAX));
    let units = format!(
        "{} {} of {}",
        progress.unit,
        count(progress.done),
        count(progress.total)
    );
    if progress.stage.is_empty() {
        units
    } else {
        format!("{} · {units}", progress.stage)
    }
}

/// The live panel of cell `entry` while it trains: built once per training and updated in
/// place as progress arrives.
#[component]
pub fn LiveTraining(entry: CellEntry) -> impl IntoView {
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
    }
}

/// A progress bar and the live curves of a running training.
#[component]
pub fn TrainingLive(#[prop(into)] progress: Signal<TrainProgress>) -> impl IntoView {
    let points = Signal::derive(move || progress.with(|p| p.points.clone()));
    let history = Signal::derive(move || progress.with(|p| p.history.clone()));
    view! {
        <section class="training-live" aria-label="Training progress">
            <div class="training-progress" data-testid="train-progress"
                data-done=move || progress.with(|p| p.done) data-total=move || progress.with(|p| p.total)>
                <progress max=move || progress.with(|p| p.total.max(1))
                    value=move || progress.with(|p| p.done.min(p.total))></progress>
                <span class="training-progress-text">{move || progress.with(progress_line)}</span>
            </div>
            <TrainingCurves points=points history=history/>
        </section>
    }
}
