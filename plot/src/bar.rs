//! The bar chart: one bar per category, names under the bars (upright while they fit,
//! turned a quarter to read upwards when there are many, always cut to a readable length).

use jukebox_core::chart::Chart;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::labels::{number_label, shorten};
use crate::{Area, Drawn, Look, builder, themed};

/// Longest category label drawn, in characters.
const MAX_LABEL_CHARS: usize = 18;

pub(crate) fn bar<DB>(
    area: &Area<DB>,
    chart: &Chart,
    look: &Look,
    labels: &[String],
    values: &[f64],
) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let n = labels.len().max(1) as f64;
    let lo = values.iter().copied().fold(0.0, f64::min) * 1.05;
    let hi = values.iter().copied().fold(0.0, f64::max) * 1.05;
    let hi = if hi > lo { hi } else { lo + 1.0 };
    // Each bar's slot in CSS pixels: upright names need about 7 px per character.
    let slot_css = (f64::from(area.dim_in_pixel().0) / look.scale - 72.0) / n;
    let longest = labels
        .iter()
        .map(|l| l.chars().count().min(MAX_LABEL_CHARS))
        .max()
        .unwrap_or(0);
    let turned = slot_css < longest as f64 * 7.0 + 8.0;
    let label_area = if turned {
        longest as f64 * 7.0 + 40.0
    } else {
        48.0
    };
    let mut plot = builder(area, look, label_area).build_cartesian_2d(0.0..n, lo..hi)?;
    themed(&mut plot.configure_mesh(), chart, look)
        .disable_x_mesh()
        .x_labels(0)
        .y_label_formatter(&|v| number_label(*v))
        .draw()?;
    let fill = look.palette.accent.filled();
    // Gaps between bars while they are a few pixels wide; touching bars beyond that.
    let gap = if slot_css * look.scale >= 4.0 {
        0.12
    } else {
        0.0
    };
    plot.draw_series((0..).zip(values).map(|(i, &value)| {
        Rectangle::new(
            [(f64::from(i) + gap, 0.0), (f64::from(i + 1) - gap, value)],
            fill,
        )
    }))?;
    // Names are placed by hand: plotters' own tick labels cannot turn and anchor together.
    let (base_x, base_y) = area.get_base_pixel();
    let style = if turned {
        look.label()
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Right, VPos::Center))
    } else {
        look.label().pos(Pos::new(HPos::Center, VPos::Top))
    };
    let below = look.px_i32(6.0);
    for (i, label) in (0..).zip(labels) {
        let (x, y) = plot.backend_coord(&(f64::from(i) + 0.5, lo));
        area.draw(&Text::new(
            shorten(label, MAX_LABEL_CHARS),
            (x - base_x, y - base_y + below),
            style.clone(),
        ))?;
    }
    Ok(())
}
