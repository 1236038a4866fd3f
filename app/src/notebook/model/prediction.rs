//! A Predict cell's output: top-10 bars, the sorted table, the world map.

use jukebox_core::train::Prediction;
use leptos::prelude::*;

#[component]
pub fn PredictionView(#[prop(into)] prediction: Signal<Option<Prediction>>) -> impl IntoView {
    let _ = prediction;
    view! { <p class="muted">"Prediction: to do (helper D2)"</p> }
}
