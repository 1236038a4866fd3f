//! An Evaluate cell's output: scores, per-class table, confusion matrix, curves.

use jukebox_core::train::metrics::Evaluation;
use leptos::prelude::*;

#[component]
pub fn EvaluationView(#[prop(into)] evaluation: Signal<Option<Evaluation>>) -> impl IntoView {
    let _ = evaluation;
    view! { <p class="muted">"Evaluation: to do (helper D1)"</p> }
}
