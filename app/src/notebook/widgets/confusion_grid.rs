//! The confusion matrix's geometry and words, apart from the browser: which classes are
//! shown, where each cell is, its colour (share of its true class) and its tooltip.

use plotters::style::RGBColor;

use super::percent::percent;
use crate::shell::format_count;

/// Room for the class codes left of and above the grid, in CSS pixels.
pub const LABEL_CSS: f64 = 40.0;
/// Cell sizes the zoom steps through, in CSS pixels.
pub const CELL_STEPS_CSS: [f64; 7] = [6.0, 8.0, 10.0, 12.0, 16.0, 20.0, 28.0];

/// A grid of `shown` classes (indices into the evaluation's classes, in class order) with
/// cells `cell_css` CSS pixels wide.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub shown: Vec<usize>,
    pub cell_css: f64,
}

impl Grid {
    /// The canvas's width and height in CSS pixels (square).
    pub fn side_css(&self) -> f64 {
        LABEL_CSS + self.cell_css * self.shown.len() as f64
    }

    /// The (true, predicted) class indices of the cell under `(x, y)` CSS pixels from the
    /// canvas's top-left corner; `None` over the labels or outside.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let index = |v: f64| {
            let i = ((v - LABEL_CSS) / self.cell_css).floor();
            // Checked to be within 0..len (a small count) before the conversion.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            (i >= 0.0 && i < self.shown.len() as f64).then(|| self.shown[i as usize])
        };
        Some((index(y)?, index(x)?))
    }
}

/// The default cell size: the largest step whose grid fits `width_css` (the smallest step
/// if none does; the grid then scrolls).
pub fn fitting_cell(n_shown: usize, width_css: f64) -> f64 {
    CELL_STEPS_CSS
        .iter()
        .rev()
        .copied()
        .find(|cell| LABEL_CSS + cell * n_shown as f64 <= width_css)
        .unwrap_or(CELL_STEPS_CSS[0])
}

/// The `n` classes with the most true rows, in class order (ties: the earlier class).
pub fn top_by_support(confusion: &[Vec<u64>], n: usize) -> Vec<usize> {
    let mut by_support: Vec<(usize, u64)> = confusion
        .iter()
        .enumerate()
        .map(|(i, row)| (i, row.iter().sum()))
        .collect();
    by_support.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut top: Vec<usize> = by_support.into_iter().take(n).map(|(i, _)| i).collect();
    top.sort_unstable();
    top
}

/// The share of true class `t`'s rows predicted as `p` (0 when the class has no rows).
pub fn row_share(confusion: &[Vec<u64>], t: usize, p: usize) -> f64 {
    let Some(row) = confusion.get(t) else {
        return 0.0;
    };
    let total: u64 = row.iter().sum();
    if total == 0 {
        0.0
    } else {
        row.get(p).copied().unwrap_or(0) as f64 / total as f64
    }
}

/// "true FR · predicted DE: 123 (4.5 % of FR)".
pub fn tooltip_text(classes: &[String], confusion: &[Vec<u64>], t: usize, p: usize) -> String {
    let name = |i: usize| classes.get(i).map_or("?", String::as_str);
    let count = confusion
        .get(t)
        .and_then(|row| row.get(p))
        .copied()
        .unwrap_or(0);
    format!(
        "true {} · predicted {}: {} ({} of {})",
        name(t),
        name(p),
        format_count(usize::try_from(count).unwrap_or(usize::MAX)),
        percent(row_share(confusion, t, p)),
        name(t)
    )
}

/// Where a share sits on the colour scale: its square root, so the small shares off the
/// diagonal stay visible beside the large ones on it.
pub fn scale_position(share: f64) -> f64 {
    share.clamp(0.0, 1.0).sqrt()
}

/// The colour of a cell with `share`: from the surface (0) to the accent (all of the row).
pub fn share_colour(surface: RGBColor, accent: RGBColor, share: f64) -> RGBColor {
    let t = scale_position(share);
    let mix = |a: u8, b: u8| {
        // A weighted mean of two channels stays within 0–255.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let c = (f64::from(a) * (1.0 - t) + f64::from(b) * t).round() as u8;
        c
    };
    RGBColor(
        mix(surface.0, accent.0),
        mix(surface.1, accent.1),
        mix(surface.2, accent.2),
    )
}
