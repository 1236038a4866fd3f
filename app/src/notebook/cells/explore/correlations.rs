//! Correlations with a target: one row per column, as given (most positive first), each with
//! its value and a bar from the centre line coloured on the red–yellow–blue scale.

use jukebox_core::explore::Correlations;
use leptos::prelude::*;

use crate::notebook::widgets::format::rdylbu_hex;

/// The bar of `r`: from the centre, right for positive and left for negative, half the track
/// at |r| = 1.
fn bar_style(r: f64) -> String {
    let width = r.abs().min(1.0) * 50.0;
    let side = if r < 0.0 { "right" } else { "left" };
    format!("{side}:50%;width:{width:.2}%;background:{}", rdylbu_hex(r))
}

/// The legend's gradient: the scale sampled at eleven points from −1 to +1.
fn legend_gradient() -> String {
    let stops: Vec<String> = (-5..=5).map(|i| rdylbu_hex(f64::from(i) / 5.0)).collect();
    format!("background:linear-gradient(to right, {})", stops.join(", "))
}

#[component]
pub fn CorrelationsView(correlations: Correlations) -> impl IntoView {
    let rows = correlations
        .values
        .into_iter()
        .map(|(column, value)| {
            let (text, bar) = match value.filter(|r| !r.is_nan()) {
                Some(r) => (format!("{r:.3}"), Some(bar_style(r))),
                None => ("NaN".to_string(), None),
            };
            let value_class = if bar.is_some() { "num" } else { "num cell-null" };
            let key = column.clone();
            view! {
                <tr data-column=key data-testid="correlation-row">
                    <th scope="row"><code>{column}</code></th>
                    <td class=value_class data-testid="correlation-value">{text}</td>
                    <td class="correlation-track-cell">
                        <div class="correlation-track" aria-hidden="true">
                            {bar.map(|style| view! { <div class="correlation-bar" style=style></div> })}
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="correlations-view" data-testid="correlations-view">
            <p class="muted">"Pearson correlation with " <code>{correlations.target}</code></p>
            <table class="summary-table output-table correlations-table">
                <thead>
                    <tr>
                        <th scope="col">"Column"</th>
                        <th scope="col" class="num">"r"</th>
                        <th scope="col">"−1 · 0 · +1"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <figure class="correlation-legend" aria-label="Colour scale from −1 (red) through 0 (pale yellow) to +1 (blue)">
                <div class="correlation-legend-bar" style=legend_gradient()></div>
                <figcaption><span>"−1"</span><span>"0"</span><span>"+1"</span></figcaption>
            </figure>
        </div>
    }
}
