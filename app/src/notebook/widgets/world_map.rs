//! The world map of a prediction: each chart country filled by its probability relative to
//! the most likely one (light → the theme's accent), other countries grey. Countries too
//! small for the outlines get a dot. Hovering shows "France — 12.3 %".

use std::collections::HashMap;
use std::sync::Arc;

use jukebox_core::countries;
use jukebox_core::world::{SMALL_COUNTRIES, WorldOutlines};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::percent::percent;

/// Lightest share of the accent, so the least likely country still stands out from the grey.
const MIN_ACCENT_PERCENT: f64 = 12.0;

/// Dot radius, in view-box units, for countries too small to see.
const MARKER_RADIUS: f64 = 4.0;

/// The fill of a country with probability `p` when the most likely one has `max`.
pub fn fill_for(p: f64, max: f64) -> String {
    let share = if max > 0.0 {
        (p / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let accent = MIN_ACCENT_PERCENT + (100.0 - MIN_ACCENT_PERCENT) * share;
    format!("fill: color-mix(in srgb, var(--accent) {accent:.0}%, var(--map-low))")
}

/// (name, probability) of each chart country in `ranked`, by ISO numeric code.
fn by_numeric(ranked: &[(String, f64)]) -> HashMap<&'static str, (&'static str, f64)> {
    ranked
        .iter()
        .filter_map(|(code, p)| countries::by_code(code).map(|c| (c.numeric, (c.name, *p))))
        .collect()
}

/// How many of `ranked`'s countries the map shows in colour (an outline or a dot).
pub fn coloured(map: &WorldOutlines, ranked: &[(String, f64)]) -> usize {
    by_numeric(ranked)
        .keys()
        .filter(|n| map.country(n).is_some() || SMALL_COUNTRIES.iter().any(|(m, _, _)| m == *n))
        .count()
}

#[component]
pub fn WorldMap(
    #[prop(into)] outlines: Signal<Arc<WorldOutlines>>,
    #[prop(into)] ranked: Signal<Vec<(String, f64)>>,
) -> impl IntoView {
    let tooltip = RwSignal::new(None::<(String, i32, i32)>);
    let max = Memo::new(move |_| ranked.with(|r| r.iter().map(|(_, p)| *p).fold(0.0, f64::max)));
    let drawn = move || {
        let map = outlines.get();
        let max = max.get();
        ranked.with(|ranked| {
            let probabilities = by_numeric(ranked);
            let shapes = map.countries.iter().map(|country| {
                let known = probabilities.get(country.id.as_str());
                let (style, tip) = match known {
                    Some((name, p)) => (fill_for(*p, max), format!("{name} — {}", percent(*p))),
                    None => (String::new(), country.name.clone()),
                };
                let title = tip.clone();
                view! {
                    <path d=country.path.clone() class="map-country" class:map-none=known.is_none()
                        style=style data-id=country.id.clone() data-tip=tip><title>{title}</title></path>
                }
            }).collect_view();
            let markers = SMALL_COUNTRIES.iter().filter_map(|(numeric, lon, lat)| {
                let (name, p) = probabilities.get(numeric)?;
                let (x, y) = map.point(*lon, *lat);
                let tip = format!("{name} — {}", percent(*p));
                let title = tip.clone();
                Some(view! {
                    <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r=MARKER_RADIUS.to_string() class="map-marker"
                        style=fill_for(*p, max) data-id=*numeric data-tip=tip><title>{title}</title></circle>
                })
            }).collect_view();
            let view_box = format!("0 0 {:.0} {:.0}", map.width, map.height);
            view! {
                <svg class="world-map-svg" viewBox=view_box role="img"
                    aria-label="World map of the probabilities by country">
                    {shapes}{markers}
                </svg>
            }
        })
    };
    let hover = move |ev: leptos::ev::MouseEvent| {
        let tip = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.get_attribute("data-tip"));
        tooltip.set(tip.map(|tip| (tip, ev.client_x(), ev.client_y())));
    };
    view! {
        <figure class="world-map" data-testid="world-map"
            data-coloured=move || outlines.with(|map| ranked.with(|r| coloured(map, r))).to_string()
            on:mouseover=hover on:mousemove=hover on:mouseout=move |_| tooltip.set(None)>
            {drawn}
            <figcaption class="map-legend">
                <span>"0 %"</span>
                <span class="map-legend-scale" aria-hidden="true"></span>
                <span>{move || percent(max.get())}</span>
                <span class="map-legend-none" aria-hidden="true"></span>
                <span class="muted">"not a class of the model"</span>
            </figcaption>
            {move || tooltip.get().map(|(text, x, y)| view! {
                <div class="map-tooltip" data-testid="map-tooltip" role="tooltip"
                    style=format!("left: {}px; top: {}px", x + 12, y + 12)>{text}</div>
            })}
        </figure>
    }
}
