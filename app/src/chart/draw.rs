//! Drawing a [`Chart`] on a canvas: `jukebox_plot` draws it (the same code draws the CLI's PNG
//! files) on plotters' canvas backend.

use jukebox_core::chart::Chart;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

pub use jukebox_plot::{Drawn, Look};

/// Draws `chart` on `canvas`, whose pixel size is already set.
pub fn render(canvas: &web_sys::HtmlCanvasElement, chart: &Chart, look: &Look) -> Drawn {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("the browser gave no 2D drawing context for the canvas")?;
    jukebox_plot::render(&backend.into_drawing_area(), chart, look)
}
