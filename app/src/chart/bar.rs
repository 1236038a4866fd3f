//! The bar chart: one bar per category, labels under the bars (upright while they fit,
//! turned a quarter when there are many, always cut to a readable length).

use jukebox_core::chart::Chart;
use plotters::prelude::*;
use plotters::style::FontTransform;

use super::draw::{Area, Drawn, Look, builder, themed};
use super::labels::{number_label, shorten};

/// Longest category label drawn, in characters.
const MAX_LABEL_CHARS: usize = 18;

pub(super) fn bar(area: &Area, chart: &Chart, look: &Look, labels: &[String], values: &[f64]) -> Drawn {
    let n = i32::try_from(labels.len().max(1))?;
    let lo = values.iter().copied().fold(0.0, f64::min) * 1.05;
    let hi = values.iter().copied().fold(0.0, f64::max) * 1.05;
    let hi = if hi > lo { hi } else { lo + 1.0 };
    // Each bar's slot in CSS pixels: upright labels need about 7 px per character.
    let width_css = f64::from(area.dim_in_pixel().0) / look.scale;
    let slot_css = width_css / f64::from(n);
    let longest = labels.iter().map(|l| l.chars().count().min(MAX_LABEL_CHARS)).max().unwrap_or(0);
    let turned = slot_css < longest as f64 * 7.0 + 8.0;
    let label_area = if turned { longest as f64 * 7.0 + 24.0 } else { 44.0 };
    let mut plot = builder(area, look, label_area).build_cartesian_2d((0..n).into_segmented(), lo..hi)?;
    let label_style = if turned { look.label().transform(FontTransform::Rotate90) } else { look.label() };
    let name = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i))
            .map(|l| shorten(l, MAX_LABEL_CHARS))
            .unwrap_or_default(),
        _ => String::new(),
    };
    themed(&mut plot.configure_mesh(), chart, look)
        .disable_x_mesh()
        .x_labels(labels.len())
        .x_label_style(label_style)
        .x_label_formatter(&name)
        .y_label_formatter(&|v| number_label(*v))
        .draw()?;
    let fill = look.palette.accent.filled();
    let gap = look.px((slot_css * 0.12).clamp(1.0, 12.0));
    plot.draw_series((0..n).zip(values).map(|(i, &value)| {
        let mut rect = Rectangle::new([(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), value)], fill);
        rect.set_margin(0, 0, gap, gap);
        rect
    }))?;
    Ok(())
}
