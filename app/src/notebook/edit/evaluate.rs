//! The Evaluate cell's editor: which model, which part of its split.

use leptos::prelude::*;

use crate::notebook::state::CellEntry;

#[component]
pub fn EvaluateEditor(entry: CellEntry) -> impl IntoView {
    let _ = entry;
    view! { <p class="muted">"Evaluate editor: to do (helper D1)"</p> }
}
