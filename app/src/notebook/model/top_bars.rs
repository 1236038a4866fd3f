//! The ten most likely countries as horizontal bars (length relative to the first), with
//! each country's name and probability.

use jukebox_core::countries;
use leptos::prelude::*;

/// Bars shown.
pub const TOP_N: usize = 10;

/// A class's display name: the country's name for a chart country's code, else the label.
pub fn class_name(class: &str) -> String {
    countries::by_code(class).map_or_else(|| class.to_string(), |c| c.name.to_string())
}

/// A probability as a percentage to one decimal: 0.1234 → "12.3 %".
pub fn percent(p: f64) -> String {
    format!("{:.1} %", p * 100.0)
}

/// `ranked`'s first ten (most likely first) as bars.
#[component]
pub fn TopCountries(#[prop(into)] ranked: Signal<Vec<(String, f64)>>) -> impl IntoView {
    let bars = move || {
        ranked.with(|ranked| {
            let max = ranked.first().map_or(1.0, |(_, p)| *p).max(f64::MIN_POSITIVE);
            ranked.iter().take(TOP_N).map(|(code, p)| {
                let width = format!("width: {:.1}%", (p / max * 100.0).clamp(0.0, 100.0));
                view! {
                    <li class="top-country" data-testid="top-country" data-code=code.clone() data-p=p.to_string()>
                        <span class="top-country-name">{class_name(code)}</span>
                        <span class="top-country-track" aria-hidden="true"><span class="top-country-bar" style=width></span></span>
                        <span class="top-country-p">{percent(*p)}</span>
                    </li>
                }
            }).collect_view()
        })
    };
    view! {
        <ol class="top-countries" data-testid="top-countries" aria-label="Most likely countries">{bars}</ol>
    }
}
