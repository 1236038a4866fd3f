//! The Predict cell's editor: the model, a song (search, presets) and its 13 features as
//! sliders.

use leptos::prelude::*;

use crate::notebook::state::CellEntry;

#[component]
pub fn PredictEditor(entry: CellEntry) -> impl IntoView {
    let _ = entry;
    view! { <p class="muted">"Predict editor: to do (helper D2)"</p> }
}
