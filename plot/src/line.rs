//! The line chart: one line per series, a legend strip naming them, dates on the x axis as
//! `YYYY-MM-DD`.

use jukebox_core::chart::{Chart, LineSeries as Line};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::labels::{date_label, number_label, shorten};
use crate::{Area, Drawn, Look, builder, padded, themed};

/// Series with at most this many points also get a dot per point (a lone point would
/// otherwise not show at all).
const MARKED_POINTS: usize = 60;

pub(crate) fn line<DB>(
    area: &Area<DB>,
    chart: &Chart,
    look: &Look,
    series: &[Line],
    x_is_date: bool,
) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    // Several lines get a legend strip on top.
    let (legend, area) = if series.len() > 1 {
        let (strip, rest) = area.split_vertically(look.px(24.0));
        (Some(strip), rest)
    } else {
        (None, area.clone())
    };
    let area = &area;
    let all = || series.iter().flat_map(|s| s.points.iter());
    let bounds = |pick: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = all()
            .map(pick)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) }
    };
    let (x_lo, x_hi) = bounds(|p| p.0);
    // Dates fill the width exactly; numbers get room at the ends like the other charts.
    let x_range = if x_is_date && x_hi > x_lo {
        x_lo..x_hi
    } else {
        padded(x_lo, x_hi)
    };
    let (y_lo, y_hi) = bounds(|p| p.1);
    let mut plot = builder(area, look, 44.0).build_cartesian_2d(x_range, padded(y_lo, y_hi))?;
    let x_format = |v: &f64| {
        if x_is_date {
            date_label(*v)
        } else {
            number_label(*v)
        }
    };
    // A date label is ~10 characters: fewer ticks so they do not collide.
    let width_css = f64::from(area.dim_in_pixel().0) / look.scale;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let x_ticks = if x_is_date {
        ((width_css / 110.0) as usize).clamp(2, 10)
    } else {
        10
    };
    themed(&mut plot.configure_mesh(), chart, look)
        .x_labels(x_ticks)
        .x_label_formatter(&x_format)
        .y_label_formatter(&|v| number_label(*v))
        .draw()?;
    let width = look.px(2.0);
    for (index, line) in series.iter().enumerate() {
        let colour = look.palette.series(index);
        plot.draw_series(LineSeries::new(
            line.points.iter().copied(),
            colour.stroke_width(width),
        ))?;
        if line.points.len() <= MARKED_POINTS {
            let radius = look.px(3.0);
            plot.draw_series(
                line.points
                    .iter()
                    .map(|&p| Circle::new(p, radius, colour.filled())),
            )?;
        }
    }
    if let Some(strip) = legend {
        draw_legend(&strip, look, series)?;
    }
    Ok(())
}

/// One row of swatches and names above the plot (inside it, a legend would hide lines).
fn draw_legend<DB>(strip: &Area<DB>, look: &Look, series: &[Line]) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let style = look
        .font(12.0, look.palette.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let (width, height) = strip.dim_in_pixel();
    let (width, middle) = (i32::try_from(width)?, i32::try_from(height / 2)?);
    let mut x = look.px_i32(64.0);
    for (index, line) in series.iter().enumerate() {
        let name = shorten(&line.name, 24);
        let (text_width, _) = strip.estimate_text_size(&name, &style)?;
        let entry = look.px_i32(22.0) + i32::try_from(text_width)?;
        if x + entry > width {
            break;
        }
        let colour = look.palette.series(index);
        let swatch = vec![(x, middle), (x + look.px_i32(16.0), middle)];
        strip.draw(&PathElement::new(swatch, colour.stroke_width(look.px(3.0))))?;
        strip.draw(&Text::new(
            name,
            (x + look.px_i32(22.0), middle),
            style.clone(),
        ))?;
        x += entry + look.px_i32(16.0);
    }
    Ok(())
}
