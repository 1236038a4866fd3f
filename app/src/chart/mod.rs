//! Charts on a canvas: [`ChartView`] draws a computed [`Chart`] (from `jukebox_core::chart`)
//! with plotters, in the page's theme colours, sharp on high-density screens, as wide as its
//! container, with a caption for what is left out and a PNG download.
//!
//! - `draw`: the canvas backend for `jukebox_plot`, which draws every kind (the CLI's PNG
//!   files come from the same code);
//! - `palette`: theme colours read from the CSS tokens;
//! - `labels`: tick labels, shortened names, captions, file names (`jukebox_plot::labels`);
//! - `observe`: redraw triggers (container width, theme);
//! - `download`: the PNG download.

mod download;
pub mod draw;
mod observe;
pub mod palette;

use jukebox_core::chart::Chart;
pub use jukebox_plot::labels;
use jukebox_plot::{height_for, kind};
use leptos::html::{Canvas, Figure};
use leptos::prelude::*;

pub use observe::{UseChartRedrawReturn, use_chart_redraw};

/// Width used before the container has been measured (or when it has no layout).
const FALLBACK_WIDTH_CSS: f64 = 640.0;

/// A chart drawn on a canvas, redrawn when `chart`, the container's width or the theme
/// changes.
#[component]
pub fn ChartView(#[prop(into)] chart: Signal<Chart>) -> impl IntoView {
    let figure = NodeRef::<Figure>::new();
    let canvas = NodeRef::<Canvas>::new();
    let error = RwSignal::new(None::<String>);
    let redraw = use_chart_redraw(figure);
    Effect::new(move |_| {
        let chart = chart.get();
        redraw.theme_changes.track();
        let measured = redraw.width.get();
        let (Some(canvas), Some(figure)) = (canvas.get(), figure.get()) else {
            return;
        };
        let width = if measured >= 1.0 {
            measured
        } else {
            f64::from(figure.client_width())
        };
        let width = if width >= 1.0 {
            width
        } else {
            FALLBACK_WIDTH_CSS
        };
        error.set(paint(&canvas, &figure, &chart, width).err());
    });
    let on_download = move |_| {
        if let Some(canvas) = canvas.get_untracked() {
            let title = chart.with_untracked(|c| c.title.clone());
            error.set(
                download::download_png(&canvas, &title)
                    .err()
                    .map(String::from),
            );
        }
    };
    let note = move || chart.with(labels::caption);
    let description = move || {
        chart.with(|c| match labels::caption(c) {
            Some(note) => format!("{} ({note})", c.title),
            None => c.title.clone(),
        })
    };
    view! {
        <figure class="chart" data-testid="chart" data-kind=move || chart.with(kind) node_ref=figure>
            <canvas class="chart-canvas" role="img" aria-label=description node_ref=canvas></canvas>
            <figcaption class="chart-footer">
                <span class="chart-caption muted" data-testid="chart-caption">{note}</span>
                <button type="button" class="chart-download" data-testid="chart-download" on:click=on_download>
                    "Download PNG"
                </button>
            </figcaption>
            {move || error.get().map(|message| view! {
                <p class="chart-error" role="alert" data-testid="chart-error">{message}</p>
            })}
        </figure>
    }
}

/// Sizes the canvas for `width` CSS pixels at the screen's pixel density and draws `chart`.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    figure: &web_sys::Element,
    chart: &Chart,
    width: f64,
) -> Result<(), String> {
    let scale = window().device_pixel_ratio().clamp(1.0, 4.0);
    let height = height_for(chart, width);
    // Both are at most a few thousand pixels: far inside u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (px_w, px_h) = (
        (width * scale).round() as u32,
        (height * scale).round() as u32,
    );
    canvas.set_width(px_w);
    canvas.set_height(px_h);
    let style = web_sys::HtmlElement::style(canvas);
    let _ = style.set_property("width", &format!("{width}px"));
    let _ = style.set_property("height", &format!("{height}px"));
    let look = draw::Look {
        palette: palette::read_palette(figure),
        scale,
    };
    draw::render(canvas, chart, &look).map_err(|e| format!("The chart could not be drawn: {e}"))
}
