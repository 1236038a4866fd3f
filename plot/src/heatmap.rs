//! The correlation heatmap: a square grid of cells coloured on the diverging red–yellow–blue
//! scale (-1 red, 0 pale yellow, +1 blue), each annotated with its value, names on the left
//! and below (turned a quarter), and a colour bar. Laid out in pixels: a grid needs no axes.

use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::labels::shorten;
use crate::{Area, Drawn, Look, diverging, text_on};

/// Longest column name drawn, in characters.
const MAX_LABEL_CHARS: usize = 16;
/// Cells narrower than this (CSS pixels) are too small for their numbers.
const MIN_ANNOTATED_CSS: f64 = 30.0;

pub(crate) fn heatmap<DB>(
    area: &Area<DB>,
    look: &Look,
    labels: &[String],
    values: &[Vec<Option<f64>>],
) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let k = i32::try_from(labels.len().max(1))?;
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (i32::try_from(width)?, i32::try_from(height)?);
    let longest = labels
        .iter()
        .map(|l| l.chars().count().min(MAX_LABEL_CHARS))
        .max()
        .unwrap_or(1);
    let label_px = look.px_i32(longest as f64 * 7.0 + 12.0);
    let bar_px = look.px_i32(64.0);
    let cell = ((width - label_px - bar_px) / k)
        .min((height - label_px) / k)
        .max(1);
    let (x0, y0) = (label_px, 0);
    let label_style = look.label();
    for (i, row) in (0..k).zip(values) {
        for (j, value) in (0..k).zip(row) {
            let fill = value.map_or(look.palette.border, diverging);
            let (x, y) = (x0 + j * cell, y0 + i * cell);
            area.draw(&Rectangle::new(
                [(x, y), (x + cell, y + cell)],
                fill.filled(),
            ))?;
            if f64::from(cell) / look.scale >= MIN_ANNOTATED_CSS {
                let text = value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}"));
                let size = (f64::from(cell) / look.scale * 0.3).min(13.0);
                let style = look
                    .font(size, text_on(fill))
                    .pos(Pos::new(HPos::Center, VPos::Center));
                area.draw(&Text::new(text, (x + cell / 2, y + cell / 2), style))?;
            }
        }
    }
    let gap = look.px_i32(6.0);
    for (i, label) in (0..k).zip(labels) {
        let name = shorten(label, MAX_LABEL_CHARS);
        let middle = i * cell + cell / 2;
        let left = label_style.pos(Pos::new(HPos::Right, VPos::Center));
        area.draw(&Text::new(name.clone(), (x0 - gap, y0 + middle), left))?;
        // Turned to read upwards, ending just under its column.
        let under = label_style
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Right, VPos::Center));
        area.draw(&Text::new(name, (x0 + middle, y0 + k * cell + gap), under))?;
    }
    draw_colour_bar(
        area,
        look,
        x0 + k * cell + look.px_i32(16.0),
        y0,
        y0 + k * cell,
    )
}

/// The scale from +1 (top, blue) to -1 (bottom, red) at `left`, labelled at -1, 0 and +1.
fn draw_colour_bar<DB>(area: &Area<DB>, look: &Look, left: i32, top: i32, bottom: i32) -> Drawn
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let right = left + look.px_i32(14.0);
    let steps = (bottom - top).max(1);
    for step in 0..steps {
        let r = 1.0 - 2.0 * f64::from(step) / f64::from(steps);
        area.draw(&Rectangle::new(
            [(left, top + step), (right, top + step + 1)],
            diverging(r).filled(),
        ))?;
    }
    let style = look.label().pos(Pos::new(HPos::Left, VPos::Center));
    let x = right + look.px_i32(4.0);
    for (text, y) in [
        ("+1", top),
        ("0", i32::midpoint(top, bottom)),
        ("-1", bottom),
    ] {
        area.draw(&Text::new(text, (x, y), style.clone()))?;
    }
    Ok(())
}
