//! Where the rows of a long table sit in a scroll container that holds only a window of them.
//! Pure arithmetic, so the table view and its tests agree on every pixel.

use std::ops::Range;

/// The tallest spacer the table builds. Browsers stop growing elements somewhere between
/// ~17.9M px (Firefox) and ~33.5M px (Chromium); past this cap the scroll position maps to
/// rows proportionally instead of one pixel per pixel.
pub const MAX_SPACER_PX: f64 = 8_000_000.0;

/// A table of `n_rows` rows of `row_height_px`, seen through `viewport_px` of height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VirtualRows {
    pub n_rows: usize,
    pub row_height_px: f64,
    pub viewport_px: f64,
}

impl VirtualRows {
    /// The height of the scrollable body: all rows, capped at [`MAX_SPACER_PX`].
    pub fn spacer_px(&self) -> f64 {
        (self.n_rows as f64 * self.row_height_px).min(MAX_SPACER_PX)
    }

    fn max_scroll_px(&self) -> f64 {
        (self.spacer_px() - self.viewport_px).max(0.0)
    }

    /// The first row (fractional) when the last rows fill the viewport.
    fn max_first_row(&self) -> f64 {
        let natural_px = self.n_rows as f64 * self.row_height_px;
        (natural_px - self.viewport_px).max(0.0) / self.row_height_px
    }

    /// The (fractional) row at the top of the viewport when the body is scrolled by `scroll_px`.
    pub fn first_row_at(&self, scroll_px: f64) -> f64 {
        let max_scroll = self.max_scroll_px();
        if max_scroll <= 0.0 {
            return 0.0;
        }
        scroll_px.clamp(0.0, max_scroll) / max_scroll * self.max_first_row()
    }

    /// Where `row` is drawn inside the body: rows keep their natural spacing around the
    /// viewport, so a capped spacer still scrolls smoothly row by row.
    pub fn row_top_px(&self, row: usize, scroll_px: f64) -> f64 {
        let scroll = scroll_px.clamp(0.0, self.max_scroll_px());
        scroll + (row as f64 - self.first_row_at(scroll)) * self.row_height_px
    }

    /// The rows at least partly visible at `scroll_px`.
    pub fn visible_rows(&self, scroll_px: f64) -> Range<usize> {
        let first = self.first_row_at(scroll_px);
        let last = first + self.viewport_px / self.row_height_px;
        to_row(first.floor()).min(self.n_rows)..to_row(last.ceil()).min(self.n_rows)
    }

    /// The scroll position that puts `row` at the top of the viewport (or as near as it goes).
    pub fn scroll_px_for_row(&self, row: usize) -> f64 {
        let max_first = self.max_first_row();
        if max_first <= 0.0 {
            return 0.0;
        }
        (row as f64).min(max_first) / max_first * self.max_scroll_px()
    }
}

/// A non-negative whole number of rows as an index (saturating far beyond any table).
fn to_row(rows: f64) -> usize {
    // Callers pass floored or ceiled values ≥ 0; `as` saturates, it never wraps.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let row = rows.max(0.0) as usize;
    row
}

/// Rows asked for above the visible ones, so scrolling back a little needs no new page.
pub const MARGIN_ROWS: usize = 20;

/// The usual size of a page asked for while scrolling.
pub const REQUEST_ROWS: usize = 100;

/// What to ask the engine for when the `visible` rows are not all `loaded`: `(first, count)`
/// starting [`MARGIN_ROWS`] above them, at least [`REQUEST_ROWS`] long, within `n_rows`.
/// `None` when they are loaded, or already `asked` for (the page is on its way).
pub fn rows_to_request(
    visible: &Range<usize>,
    loaded: &Range<usize>,
    asked: Option<&Range<usize>>,
    n_rows: usize,
) -> Option<(usize, usize)> {
    let covers = |range: &Range<usize>| range.start <= visible.start && visible.end <= range.end;
    if visible.is_empty() || covers(loaded) || asked.is_some_and(covers) {
        return None;
    }
    let first = visible.start.saturating_sub(MARGIN_ROWS);
    let wanted = REQUEST_ROWS.max(visible.end - first + MARGIN_ROWS);
    Some((first, wanted.min(n_rows.saturating_sub(first))))
}
