//! A Train cell's output: sizes of the split, history, final accuracies, curves.

use jukebox_core::train::TrainReport;
use leptos::prelude::*;

#[component]
pub fn TrainedView(#[prop(into)] report: Signal<Option<TrainReport>>) -> impl IntoView {
    let _ = report;
    view! { <p class="muted">"Trained: to do (helper D1)"</p> }
}
