//! The ten most likely countries as horizontal bars (length relative to the first), with
//! each country's name and probability.

use leptos::prelude::*;

use crate::notebook::widgets::class_names::class_name;
use crate::notebook::widgets::percent::percent;

/// Bars shown.
pub const TOP_N: usize = 10;

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
