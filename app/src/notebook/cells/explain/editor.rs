//! The Explain cell's editor: the song fields the Predict cell has, the country explained,
//! the background rows, the counterfactual's goal and whether to add the global importance.

use jukebox_core::explain::explain_cell::{ExplainSpec, MAX_BACKGROUND_ROWS};
use jukebox_core::notebook::CellSpec;
use jukebox_core::notebook::limits;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::cells::predict::editor::ModelSongFields;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::{
    CheckField, DecimalField, NumberField, SelectField, TextField,
};

fn edit_explain(entry: CellEntry, change: impl FnOnce(&mut ExplainSpec) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Explain(explain) = spec {
            change(explain);
        }
    });
}

fn part<T: Clone + Default + Send + Sync + 'static>(
    entry: CellEntry,
    pick: fn(&ExplainSpec) -> T,
) -> Signal<T> {
    Signal::derive(move || {
        entry.spec.with(|spec| match spec {
            CellSpec::Explain(explain) => pick(explain),
            _ => T::default(),
        })
    })
}

#[component]
pub fn ExplainEditor(entry: CellEntry) -> impl IntoView {
    let country = part(entry, |e| e.country.clone());
    let background = part(entry, |e| e.background_rows);
    let goal = part(entry, |e| {
        if e.target_probability.is_some() {
            "at_least".to_string()
        } else {
            "top".to_string()
        }
    });
    let target = part(entry, |e| e.target_probability.unwrap_or(0.1));
    let global = part(entry, |e| e.global);
    view! {
        <div class="cell-editor predict-editor explain-editor">
            <TextField label="Country" value=country testid="explain-country"
                on_change=Callback::new(move |c: String| edit_explain(entry, move |e| e.country = c.to_uppercase()))/>
            <NumberField label="Background rows" value=background testid="explain-background" bounds=limits::BACKGROUND
                on_change=Callback::new(move |n: usize| {
                    if (1..=MAX_BACKGROUND_ROWS).contains(&n) {
                        edit_explain(entry, move |e| e.background_rows = n);
                    }
                })/>
            <SelectField label="Counterfactual: make the country" testid="explain-goal" value=goal
                options=vec![("top", "the top prediction"), ("at_least", "at least a probability")]
                on_change=Callback::new(move |kind: String| edit_explain(entry, move |e| {
                    e.target_probability = (kind == "at_least").then_some(0.1);
                }))/>
            <Show when=move || goal.get() == "at_least">
                <DecimalField label="Probability" value=target testid="explain-target" step="0.01"
                    on_change=Callback::new(move |p: f64| {
                        if p > 0.0 && p <= 1.0 {
                            edit_explain(entry, move |e| e.target_probability = Some(p));
                        }
                    })/>
            </Show>
            <CheckField label="Also the global importance (slower)" value=global testid="explain-global"
                on_change=Callback::new(move |on: bool| edit_explain(entry, move |e| e.global = on))/>
            <ModelSongFields entry=entry/>
        </div>
    }
}
