//! Each feature's reference and current distributions overlaid (shares of each sample over
//! shared bins), as small SVG histograms side by side; colours from the CSS tokens.

use jukebox_core::format::statistic;
use jukebox_core::monitor::drift_cell::FeatureHistogram;
use leptos::prelude::*;

/// The drawing's size in SVG units (it scales with its box).
const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 80.0;

#[component]
pub fn DriftHistograms(histograms: Vec<FeatureHistogram>) -> impl IntoView {
    view! {
        <figure class="drift-histograms" data-testid="drift-histograms">
            <figcaption>
                <span class="drift-legend drift-legend-reference">"reference"</span>
                <span class="drift-legend drift-legend-current">"current"</span>
                " — share of each sample per bin"
            </figcaption>
            <div class="drift-histogram-grid">
                {histograms.into_iter().map(|h| view! { <FeatureHistogramView histogram=h/> }).collect_view()}
            </div>
        </figure>
    }
}

/// One feature: reference bars, then current bars over them (translucent).
#[component]
fn FeatureHistogramView(histogram: FeatureHistogram) -> impl IntoView {
    let n = histogram.reference.len().max(1);
    let top = histogram
        .reference
        .iter()
        .chain(&histogram.current)
        .fold(0.0_f64, |m, &v| m.max(v))
        .max(f64::MIN_POSITIVE);
    #[allow(clippy::cast_precision_loss)] // 30 bins
    let bar_width = WIDTH / n as f64;
    let bars = |shares: &[f64], class: &'static str| {
        shares
            .iter()
            .enumerate()
            .map(|(i, &share)| {
                let height = share / top * HEIGHT;
                #[allow(clippy::cast_precision_loss)]
                let x = i as f64 * bar_width;
                view! {
                    <rect class=class x=format!("{x:.2}") y=format!("{:.2}", HEIGHT - height)
                        width=format!("{:.2}", bar_width) height=format!("{height:.2}")/>
                }
            })
            .collect_view()
    };
    let (lo, hi) = (
        histogram.edges.first().copied().unwrap_or(0.0),
        histogram.edges.last().copied().unwrap_or(1.0),
    );
    let label = format!(
        "{}: reference and current distributions from {} to {}",
        histogram.feature,
        statistic(lo),
        statistic(hi)
    );
    view! {
        <div class="drift-histogram" data-testid="drift-histogram" data-feature=histogram.feature.clone()>
            <span class="drift-histogram-name">{histogram.feature.clone()}</span>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none" role="img" aria-label=label>
                {bars(&histogram.reference, "hist-reference")}
                {bars(&histogram.current, "hist-current")}
            </svg>
            <span class="drift-histogram-range"><span>{statistic(lo)}</span><span>{statistic(hi)}</span></span>
        </div>
    }
}
