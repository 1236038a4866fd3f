//! The confusion matrix heatmap: a canvas cell per (true, predicted) pair, coloured by its
//! share of the true class, class codes on both axes; hovering a cell names it with its
//! count; zoom buttons and a "top 20 by support" view keep 72 × 72 legible.

use jukebox_core::train::metrics::Evaluation;
use leptos::html::{Canvas, Figure};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::confusion_grid::{
    CELL_STEPS_CSS, Grid, LABEL_CSS, fitting_cell, row_share, scale_position, share_colour,
    tooltip_text, top_by_support,
};
use crate::chart::palette::{Palette, read_palette};
use crate::chart::use_chart_redraw;
use crate::shell::{Icon, IconKind};

/// Classes in the "top by support" view.
pub const TOP_CLASSES: usize = 20;
/// Width assumed before the figure has been measured.
const FALLBACK_WIDTH_CSS: f64 = 640.0;

#[component]
pub fn ConfusionMatrix(evaluation: Evaluation) -> impl IntoView {
    let n_classes = evaluation.classes.len();
    let data = StoredValue::new((evaluation.classes, evaluation.confusion));
    let figure = NodeRef::<Figure>::new();
    let canvas = NodeRef::<Canvas>::new();
    let redraw = use_chart_redraw(figure);
    let top_only = RwSignal::new(false);
    // A zoom step chosen with the buttons; `None` fits the grid to the width.
    let zoom = RwSignal::new(None::<usize>);
    let grid = Memo::new(move |_| {
        let shown = if top_only.get() {
            data.with_value(|(_, confusion)| top_by_support(confusion, TOP_CLASSES))
        } else {
            (0..n_classes).collect()
        };
        grid_for(shown, zoom.get(), redraw.width.get())
    });
    let tip = RwSignal::new(None::<(String, f64, f64)>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let grid = grid.get();
        redraw.theme_changes.track();
        let (Some(canvas), Some(figure)) = (canvas.get(), figure.get()) else {
            return;
        };
        let palette = read_palette(&figure);
        let painted = data
            .with_value(|(classes, confusion)| paint(&canvas, &grid, classes, confusion, palette));
        error.set(painted.err());
    });
    let step = move |delta: isize| {
        zoom.set(Some(zoom_step(grid.with_untracked(|g| g.cell_css), delta)));
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let Some(element) = canvas.get_untracked() else {
            return;
        };
        let rect = element.get_bounding_client_rect();
        let x = f64::from(ev.client_x()) - rect.left();
        let y = f64::from(ev.client_y()) - rect.top();
        let cell = grid.with_untracked(|g| g.cell_at(x, y));
        tip.set(cell.map(|(t, p)| {
            let text =
                data.with_value(|(classes, confusion)| tooltip_text(classes, confusion, t, p));
            (text, x, y)
        }));
    };
    view! {
        <figure class="confusion" node_ref=figure data-testid="confusion-matrix"
            data-size=move || grid.with(|g| g.shown.len()) data-cell=move || grid.with(|g| g.cell_css)>
            <figcaption class="confusion-toolbar">
                <span class="confusion-title">"Confusion matrix (row: true class, column: predicted; colour: share of the true class)"</span>
                <button type="button" class="button button-quiet" data-testid="confusion-subset"
                    on:click=move |_| { top_only.update(|t| *t = !*t); zoom.set(None); }>
                    {move || if top_only.get() { format!("Show all {n_classes}") } else { format!("Top {TOP_CLASSES} by support") }}
                </button>
                <button type="button" class="button button-quiet" aria-label="Zoom out" data-testid="confusion-zoom-out"
                    on:click=move |_| step(-1)><Icon kind=IconKind::Minus/></button>
                <button type="button" class="button button-quiet" aria-label="Zoom in" data-testid="confusion-zoom-in"
                    on:click=move |_| step(1)><Icon kind=IconKind::Plus/></button>
            </figcaption>
            <div class="confusion-scroll">
                <canvas class="confusion-canvas" node_ref=canvas role="img"
                    aria-label="Confusion matrix heatmap; hover a cell for its count"
                    on:mousemove=on_move on:mouseleave=move |_| tip.set(None)></canvas>
                {move || tip.get().map(|(text, x, y)| view! {
                    <div class="confusion-tooltip" role="tooltip" data-testid="confusion-tooltip"
                        style:left=format!("{}px", x + 14.0) style:top=format!("{}px", y + 14.0)>{text}</div>
                })}
            </div>
            <ShareScale/>
            {move || error.get().map(|message| view! { <p class="chart-error" role="alert">{message}</p> })}
        </figure>
    }
}

/// The zoom step `delta` steps from cells of `cell_css` (in [`CELL_STEPS_CSS`]).
fn zoom_step(cell_css: f64, delta: isize) -> usize {
    let index = CELL_STEPS_CSS
        .iter()
        .position(|c| *c >= cell_css)
        .unwrap_or(0);
    let last = CELL_STEPS_CSS.len() - 1;
    index.saturating_add_signed(delta).min(last)
}

/// The grid of the `shown` classes: cells of the zoom step chosen, else as large as fits
/// `width_css` (before the figure is measured, an assumed width).
fn grid_for(shown: Vec<usize>, zoom: Option<usize>, width_css: f64) -> Grid {
    let width = if width_css >= 1.0 {
        width_css
    } else {
        FALLBACK_WIDTH_CSS
    };
    let cell_css = zoom.and_then(|i| CELL_STEPS_CSS.get(i).copied());
    let cell_css = cell_css.unwrap_or_else(|| fitting_cell(shown.len(), width));
    Grid { shown, cell_css }
}

/// The colour scale under the grid, labelled where the shares fall on it.
#[component]
fn ShareScale() -> impl IntoView {
    let marks = [0.0, 0.01, 0.05, 0.25, 0.5, 1.0]
        .into_iter()
        .map(|share| {
            let left = format!("{:.1}%", scale_position(share) * 100.0);
            view! { <span class="confusion-scale-mark" style:left=left>{format!("{:.0} %", share * 100.0)}</span> }
        })
        .collect_view();
    view! {
        <div class="confusion-legend" aria-hidden="true">
            <div class="confusion-scale"></div>
            <div class="confusion-scale-marks">{marks}</div>
        </div>
    }
}

/// Sizes the canvas for `grid` at the screen's pixel density and draws the cells and codes.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    grid: &Grid,
    classes: &[String],
    confusion: &[Vec<u64>],
    palette: Palette,
) -> Result<(), String> {
    let failed = "The confusion matrix could not be drawn: the browser gave no 2D canvas context.";
    let scale = window().device_pixel_ratio().clamp(1.0, 4.0);
    let side = grid.side_css();
    // A few thousand pixels at most: far inside u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let px = (side * scale).round() as u32;
    canvas.set_width(px);
    canvas.set_height(px);
    let style = web_sys::HtmlElement::style(canvas);
    let _ = style.set_property("width", &format!("{side}px"));
    let _ = style.set_property("height", &format!("{side}px"));
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(failed)?;
    // Everything below is in CSS pixels.
    context
        .set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0)
        .map_err(|_| failed)?;
    let hex = |c: plotters::style::RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    context.set_fill_style_str(&hex(palette.surface));
    context.fill_rect(0.0, 0.0, side, side);
    let cell = grid.cell_css;
    // Cells of 10 px and more get a hairline gap, so rows can be followed.
    let inner = if cell >= 10.0 { cell - 1.0 } else { cell };
    for (i, &t) in grid.shown.iter().enumerate() {
        for (j, &p) in grid.shown.iter().enumerate() {
            let colour = share_colour(palette.surface, palette.accent, row_share(confusion, t, p));
            context.set_fill_style_str(&hex(colour));
            let (x, y) = (LABEL_CSS + j as f64 * cell, LABEL_CSS + i as f64 * cell);
            context.fill_rect(x, y, inner, inner);
        }
    }
    draw_codes(&context, grid, classes, &hex(palette.muted)).map_err(|_| failed)?;
    Ok(())
}

/// Class codes left of each row and above each column (turned a quarter); every other
/// one when the cells are too small for all.
fn draw_codes(
    context: &web_sys::CanvasRenderingContext2d,
    grid: &Grid,
    classes: &[String],
    colour: &str,
) -> Result<(), wasm_bindgen::JsValue> {
    let cell = grid.cell_css;
    let size = (cell * 0.8).clamp(6.0, 11.0);
    let every = if cell >= 8.0 { 1 } else { 2 };
    context.set_fill_style_str(colour);
    context.set_font(&format!("{size}px sans-serif"));
    context.set_text_baseline("middle");
    context.set_text_align("left");
    context.fill_text("pred. →", 2.0, 8.0)?;
    context.fill_text("true ↓", 2.0, 22.0)?;
    context.set_text_align("right");
    for (i, &class) in grid.shown.iter().enumerate().step_by(every) {
        let label = classes.get(class).map_or("?", String::as_str);
        let middle = LABEL_CSS + i as f64 * cell + cell / 2.0;
        context.fill_text_with_max_width(label, LABEL_CSS - 4.0, middle, LABEL_CSS - 6.0)?;
        context.save();
        context.translate(middle, LABEL_CSS - 4.0)?;
        context.rotate(-std::f64::consts::FRAC_PI_2)?;
        context.set_text_align("left");
        context.fill_text_with_max_width(label, 0.0, 0.0, LABEL_CSS - 6.0)?;
        context.restore();
    }
    Ok(())
}
