//! Jukebox's charts, drawn with plotters on any backend: the app draws a computed
//! [`Chart`] (from `jukebox_core::chart`) on a `<canvas>`, the CLI the same chart into a PNG
//! file with plotters' bitmap backend — one drawing code, so both look alike.
//!
//! - [`render`]: the shared look (title, caption, axes) and the histogram and scatter plot;
//!   `bar`, `line`, `heatmap` draw the other kinds;
//! - [`Look`] and [`Palette`]: colours (the app reads them from its theme, the CLI takes the
//!   light theme) and the pixel scale;
//! - [`labels`]: tick labels, shortened names, captions, file names.

mod bar;
mod heatmap;
pub mod labels;
mod line;
mod palette;

use std::error::Error;

use jukebox_core::chart::{Chart, ChartData};
use plotters::chart::{ChartBuilder, MeshStyle};
use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;

pub use palette::{Palette, SERIES, diverging, text_on};

use labels::{caption, number_label};

/// What a drawing step returns; plotters' errors say what failed on the backend.
pub type Drawn = Result<(), Box<dyn Error>>;

/// The drawing area a chart is drawn on.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// Colours and the device-pixel scale: the backend has `scale` pixels per CSS pixel, so
/// every size is given in CSS pixels and scaled here.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub palette: Palette,
    pub scale: f64,
}

impl Look {
    /// `css` CSS pixels in backend pixels.
    pub fn px(&self, css: f64) -> u32 {
        // Sizes are small and positive; the scale is a browser's devicePixelRatio (≤ ~4).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let px = (css * self.scale).round().max(1.0) as u32;
        px
    }

    pub fn px_i32(&self, css: f64) -> i32 {
        i32::try_from(self.px(css)).unwrap_or(i32::MAX)
    }

    /// Text of `css_size` CSS pixels in `colour`.
    pub fn font(&self, css_size: f64, colour: RGBColor) -> TextStyle<'static> {
        ("sans-serif", css_size * self.scale)
            .into_font()
            .color(&colour)
    }

    pub fn label(&self) -> TextStyle<'static> {
        self.font(12.0, self.palette.muted)
    }

    pub fn axis_title(&self) -> TextStyle<'static> {
        self.font(13.0, self.palette.text)
    }
}

/// The chart's kind in one word (`histogram`, `bar`, …): the app's `data-kind`, the CLI's
/// file names.
pub fn kind(chart: &Chart) -> &'static str {
    match chart.data {
        ChartData::Histogram { .. } => "histogram",
        ChartData::Scatter { .. } => "scatter",
        ChartData::Bar { .. } => "bar",
        ChartData::Line { .. } => "line",
        ChartData::Heatmap { .. } => "heatmap",
    }
}

/// Height in CSS pixels for a chart `width` wide: a heatmap stays about square.
pub fn height_for(chart: &Chart, width: f64) -> f64 {
    match chart.data {
        ChartData::Heatmap { .. } => (width * 0.8).clamp(300.0, 720.0),
        _ => (width * 0.55).clamp(260.0, 440.0),
    }
}

/// Draws `chart` on `root` (its whole area), then presents it.
pub fn render<DB>(root: &Area<DB>, chart: &Chart, look: &Look) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    root.fill(&look.palette.surface)?;
    let (plot, note) = match caption(chart) {
        Some(text) => {
            let height = root.dim_in_pixel().1;
            let (plot, note) = root.split_vertically(height.saturating_sub(look.px(22.0)));
            (plot, Some((note, text)))
        }
        None => (root.clone(), None),
    };
    let titled = plot.titled(&chart.title, look.font(15.0, look.palette.text))?;
    let area = titled.margin(look.px(4.0), look.px(8.0), look.px(8.0), look.px(16.0));
    match &chart.data {
        ChartData::Histogram { edges, counts, .. } => histogram(&area, chart, look, edges, counts),
        ChartData::Scatter { points, .. } => scatter(&area, chart, look, points),
        ChartData::Bar { labels, values } => bar::bar(&area, chart, look, labels, values),
        ChartData::Line { series, x_is_date } => line::line(&area, chart, look, series, *x_is_date),
        ChartData::Heatmap { labels, values } => heatmap::heatmap(&area, look, labels, values),
    }?;
    if let Some((note, text)) = note {
        let style = look.font(12.0, look.palette.muted);
        note.draw_text(&text, &style, (look.px_i32(16.0), 0))?;
    }
    root.present()?;
    Ok(())
}

/// A chart builder with room for tick labels and axis titles.
pub(crate) fn builder<'a, 'b, DB: DrawingBackend>(
    area: &'a Area<DB>,
    look: &Look,
    x_area_css: f64,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .x_label_area_size(look.px(x_area_css))
        .y_label_area_size(look.px(64.0))
        .margin_right(look.px(8.0));
    builder
}

/// The theme's axes, grid and labels, and the chart's axis titles.
pub(crate) fn themed<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    chart: &Chart,
    look: &Look,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    let palette = look.palette;
    mesh.axis_style(palette.border.stroke_width(look.px(1.0)))
        .bold_line_style(palette.border.mix(0.6).stroke_width(look.px(1.0)))
        .light_line_style(TRANSPARENT)
        .label_style(look.label())
        .axis_desc_style(look.axis_title())
        .set_all_tick_mark_size(look.px(4.0))
        .x_desc(chart.x_label.clone())
        .y_desc(chart.y_label.clone())
}

/// `lo..hi` widened by 5% each side (by 0.5 when flat), so points at the ends stay visible.
pub(crate) fn padded(lo: f64, hi: f64) -> std::ops::Range<f64> {
    let pad = if hi > lo { (hi - lo) * 0.05 } else { 0.5 };
    (lo - pad)..(hi + pad)
}

fn histogram<DB>(
    area: &Area<DB>,
    chart: &Chart,
    look: &Look,
    edges: &[f64],
    counts: &[u64],
) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let (Some(&lo), Some(&hi)) = (edges.first(), edges.last()) else {
        return Ok(());
    };
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64 * 1.05;
    let mut plot = builder(area, look, 44.0).build_cartesian_2d(lo..hi, 0.0..top)?;
    themed(&mut plot.configure_mesh(), chart, look)
        .disable_x_mesh()
        .x_label_formatter(&|v| number_label(*v))
        .y_label_formatter(&|v| number_label(*v))
        .draw()?;
    let fill = look.palette.accent.filled();
    let gap = look.palette.surface.stroke_width(look.px(1.0));
    plot.draw_series(edges.windows(2).zip(counts).flat_map(|(edge, &count)| {
        let corners = [(edge[0], 0.0), (edge[1], count as f64)];
        [Rectangle::new(corners, fill), Rectangle::new(corners, gap)]
    }))?;
    Ok(())
}

fn scatter<DB>(area: &Area<DB>, chart: &Chart, look: &Look, points: &[(f64, f64)]) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let range = |pick: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = points
            .iter()
            .map(pick)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo.is_finite() {
            padded(lo, hi)
        } else {
            0.0..1.0
        }
    };
    let mut plot = builder(area, look, 44.0).build_cartesian_2d(range(|p| p.0), range(|p| p.1))?;
    themed(&mut plot.configure_mesh(), chart, look)
        .x_label_formatter(&|v| number_label(*v))
        .y_label_formatter(&|v| number_label(*v))
        .draw()?;
    // Translucent dots show where many overlap.
    let dot = look.palette.accent.mix(0.55).filled();
    let radius = look.px(2.5);
    plot.draw_series(points.iter().map(|&p| Circle::new(p, radius, dot)))?;
    Ok(())
}
