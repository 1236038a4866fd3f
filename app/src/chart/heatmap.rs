//! The correlation heatmap: a square of cells coloured on the diverging red–yellow–blue
//! scale (-1 red, 0 pale yellow, +1 blue), each annotated with its value, and a colour bar.

use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::draw::{Area, Drawn, Look};
use super::labels::shorten;
use super::palette::{diverging, text_on};

/// Longest column name drawn, in characters.
const MAX_LABEL_CHARS: usize = 16;
/// Cells narrower than this (CSS pixels) are too small for their numbers.
const MIN_ANNOTATED_CSS: f64 = 30.0;

pub(super) fn heatmap(area: &Area, look: &Look, labels: &[String], values: &[Vec<Option<f64>>]) -> Drawn {
    let k = i32::try_from(labels.len().max(1))?;
    let bar_width = look.px(64.0);
    let (width, _) = area.dim_in_pixel();
    let (cells, colour_bar) = area.split_horizontally(width.saturating_sub(bar_width));
    let label_css = labels.iter().map(|l| l.chars().count().min(MAX_LABEL_CHARS)).max().unwrap_or(0) as f64 * 7.0 + 16.0;
    let mut plot = ChartBuilder::on(&cells)
        .x_label_area_size(look.px(label_css))
        .y_label_area_size(look.px(label_css))
        .build_cartesian_2d((0..k).into_segmented(), (0..k).into_segmented())?;
    // Row 0 is drawn at the top, as pandas prints the matrix.
    let row_y = move |row: i32| k - 1 - row;
    let name = |v: &SegmentValue<i32>, flip: bool| match v {
        SegmentValue::CenterOf(i) => {
            let index = if flip { row_y(*i) } else { *i };
            usize::try_from(index).ok().and_then(|i| labels.get(i)).map(|l| shorten(l, MAX_LABEL_CHARS)).unwrap_or_default()
        }
        _ => String::new(),
    };
    plot.configure_mesh()
        .disable_mesh()
        .axis_style(look.palette.border)
        .x_labels(labels.len())
        .y_labels(labels.len())
        .label_style(look.label())
        .x_label_style(look.label().transform(FontTransform::Rotate90))
        .x_label_formatter(&|v| name(v, false))
        .y_label_formatter(&|v| name(v, true))
        .draw()?;
    let cell_css = f64::from(plot.plotting_area().dim_in_pixel().0) / look.scale / f64::from(k);
    let missing = look.palette.border;
    let cells_of = values.iter().zip(0..).flat_map(|(row, i)| row.iter().zip(0..).map(move |(v, j)| (i, j, *v)));
    for (i, j, value) in cells_of {
        let fill = value.map_or(missing, diverging);
        let (x, y) = (j, row_y(i));
        plot.draw_series(std::iter::once(Rectangle::new(
            [(SegmentValue::Exact(x), SegmentValue::Exact(y)), (SegmentValue::Exact(x + 1), SegmentValue::Exact(y + 1))],
            fill.filled(),
        )))?;
        if cell_css >= MIN_ANNOTATED_CSS {
            let text = value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}"));
            let size = (cell_css * 0.3).min(13.0);
            let style = look.font(size, text_on(fill)).pos(Pos::new(HPos::Center, VPos::Center));
            plot.draw_series(std::iter::once(Text::new(text, (SegmentValue::CenterOf(x), SegmentValue::CenterOf(y)), style)))?;
        }
    }
    draw_colour_bar(&colour_bar, look)
}

/// The scale from +1 (top, blue) to -1 (bottom, red), labelled at -1, 0 and +1.
fn draw_colour_bar(area: &Area, look: &Look) -> Drawn {
    let (_, height) = area.dim_in_pixel();
    let top = look.px_i32(24.0);
    let bottom = i32::try_from(height)?.saturating_sub(look.px_i32(40.0)).max(top + 1);
    let (left, right) = (look.px_i32(12.0), look.px_i32(26.0));
    let steps = (bottom - top).max(1);
    for step in 0..steps {
        let r = 1.0 - 2.0 * f64::from(step) / f64::from(steps);
        area.draw(&Rectangle::new([(left, top + step), (right, top + step + 1)], diverging(r).filled()))?;
    }
    area.draw(&Rectangle::new([(left, top), (right, bottom)], look.palette.border.stroke_width(1)))?;
    let style = look.label().pos(Pos::new(HPos::Left, VPos::Center));
    let x = right + look.px_i32(4.0);
    for (text, y) in [("+1", top), ("0", (top + bottom) / 2), ("-1", bottom)] {
        area.draw(&Text::new(text, (x, y), style.clone()))?;
    }
    Ok(())
}
