//! A Predict cell's output: the ten most likely countries as bars, the world map coloured by
//! probability (outlines fetched once, when a prediction is first shown), and every class in
//! a sorted table.

use jukebox_core::countries;
use jukebox_core::train::Prediction;
use leptos::prelude::*;

use super::top_bars::TopCountries;
use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::widgets::class_names::class_name;
use crate::notebook::widgets::percent::percent;
use crate::notebook::widgets::world_atlas::{Atlas, use_world_atlas};
use crate::notebook::widgets::world_map::WorldMap;

/// A Predict cell's output: its prediction, once it has one.
#[component]
pub fn PredictCellOutput(entry: CellEntry) -> impl IntoView {
    let prediction = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Predicted(prediction)) => Some(prediction),
        _ => None,
    });
    let shown = Memo::new(move |_| prediction.with(Option::is_some));
    view! {
        <Show when=move || shown.get()>
            <PredictionView prediction=prediction/>
        </Show>
    }
}

#[component]
pub fn PredictionView(#[prop(into)] prediction: Signal<Option<Prediction>>) -> impl IntoView {
    let ranked = Signal::derive(move || {
        prediction.with(|p| p.as_ref().map(|p| p.ranked.clone()).unwrap_or_default())
    });
    let model =
        move || prediction.with(|p| p.as_ref().map(|p| p.model.clone()).unwrap_or_default());
    // Only a model whose classes are countries gets a map (one trained on another target has none).
    let has_countries =
        Memo::new(move |_| ranked.with(|r| r.iter().any(|(c, _)| countries::by_code(c).is_some())));
    view! {
        <section class="prediction" data-testid="prediction-view">
            <h3 class="prediction-title">
                "Where it would chart" <span class="muted">{move || format!(" — model {}", model())}</span>
            </h3>
            <div class="prediction-body">
                <TopCountries ranked=ranked/>
                {move || has_countries.get().then(|| view! { <AtlasMap ranked=ranked/> })}
            </div>
            <PredictionTable ranked=ranked/>
        </section>
    }
}

/// The map once the outlines are there; a note while they load or if they cannot.
#[component]
fn AtlasMap(ranked: Signal<Vec<(String, f64)>>) -> impl IntoView {
    let atlas = use_world_atlas();
    move || match atlas.get() {
        Atlas::Loading => {
            view! { <p class="muted map-note">"Loading the world map…"</p> }.into_any()
        }
        Atlas::Failed(message) => {
            view! { <p class="muted map-note" data-testid="map-note">{message}</p> }.into_any()
        }
        Atlas::Ready(outlines) => {
            view! { <WorldMap outlines=Signal::stored(outlines) ranked=ranked/> }.into_any()
        }
    }
}

/// Every class, most likely first.
#[component]
pub fn PredictionTable(#[prop(into)] ranked: Signal<Vec<(String, f64)>>) -> impl IntoView {
    let rows = move || {
        ranked.with(|ranked| {
            ranked
                .iter()
                .enumerate()
                .map(|(i, (code, p))| {
                    view! {
                        <tr>
                            <td class="num">{i + 1}</td>
                            <td><code>{code.clone()}</code></td>
                            <td>{class_name(code)}</td>
                            <td class="num">{percent(*p)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="prediction-table" data-testid="prediction-table">
            <summary>{move || format!("All {} classes", ranked.with(Vec::len))}</summary>
            <table class="data-table">
                <thead><tr><th>"Rank"</th><th>"Code"</th><th>"Country"</th><th>"Probability"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
