//! The Train cell's editor: input, features, target, split, scaler, model and its
//! hyper-parameters, output model name.

use leptos::prelude::*;

use crate::notebook::state::CellEntry;

#[component]
pub fn TrainEditor(entry: CellEntry) -> impl IntoView {
    let _ = entry;
    view! { <p class="muted">"Train editor: to do (helper D1)"</p> }
}
