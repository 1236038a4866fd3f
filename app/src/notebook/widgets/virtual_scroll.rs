//! The browser side of the virtual table: follows the scroll position (once per animation
//! frame), measures the viewport, and asks for the page of rows that comes into view.

use std::ops::Range;

use jukebox_core::explore::TablePage;
use leptos::html::Div;
use leptos::prelude::*;

use super::table_rows::{HEADER_HEIGHT_PX, ROW_HEIGHT_PX};
use super::virtual_rows::{VirtualRows, rows_to_request};

/// The tallest the scroll container grows before it scrolls, in px.
pub const MAX_VIEWPORT_PX: f64 = 420.0;

/// The scroll state of one table view (`Copy`: every field is a handle).
#[derive(Debug, Clone, Copy)]
pub struct VirtualScroll {
    /// The scroll container; the view binds it with `node_ref`.
    pub scroller: NodeRef<Div>,
    /// How far the body is scrolled, updated once per frame.
    pub scroll_px: RwSignal<f64>,
    /// Where rows sit for the current table and viewport.
    pub geometry: Memo<VirtualRows>,
    viewport_px: RwSignal<f64>,
    /// The rows last asked for, so a page on its way is not asked for again.
    asked: StoredValue<Option<Range<usize>>>,
    frame_pending: StoredValue<bool>,
    page: Signal<TablePage>,
    on_range: Callback<(usize, usize)>,
}

/// Scroll state for a table showing `page`; `on_range((first, count))` asks for other rows.
pub fn use_virtual_scroll(
    page: Signal<TablePage>,
    on_range: Callback<(usize, usize)>,
) -> VirtualScroll {
    let viewport_px = RwSignal::new(MAX_VIEWPORT_PX - HEADER_HEIGHT_PX);
    let scroll = VirtualScroll {
        scroller: NodeRef::new(),
        scroll_px: RwSignal::new(0.0),
        geometry: Memo::new(move |_| VirtualRows {
            n_rows: page.with(|p| p.n_rows),
            row_height_px: ROW_HEIGHT_PX,
            viewport_px: viewport_px.get(),
        }),
        viewport_px,
        asked: StoredValue::new(None),
        frame_pending: StoredValue::new(false),
        page,
        on_range,
    };
    // A new page (or a new table) may still leave the visible rows missing.
    Effect::new(move || {
        page.track();
        scroll.request_missing();
    });
    scroll
}

impl VirtualScroll {
    fn ask(self, first: usize, count: usize) {
        self.asked.set_value(Some(first..first + count));
        self.on_range.run((first, count));
    }

    fn request_missing(self) {
        let visible = self
            .geometry
            .get_untracked()
            .visible_rows(self.scroll_px.get_untracked());
        let (loaded, n_rows) = self
            .page
            .with_untracked(|p| (p.offset..p.offset + p.rows.len(), p.n_rows));
        let wanted = self
            .asked
            .with_value(|asked| rows_to_request(&visible, &loaded, asked.as_ref(), n_rows));
        if let Some((first, count)) = wanted {
            self.ask(first, count);
        }
    }

    /// The container scrolled: catch up on the next frame, however many events fire before.
    pub fn on_scroll(self) {
        if self.frame_pending.get_value() {
            return;
        }
        self.frame_pending.set_value(true);
        request_animation_frame(move || {
            self.frame_pending.set_value(false);
            if let Some(element) = self.scroller.get_untracked() {
                let body_px = f64::from(element.client_height()) - HEADER_HEIGHT_PX;
                self.viewport_px.set(body_px.max(ROW_HEIGHT_PX));
                self.scroll_px.set(f64::from(element.scroll_top()));
                self.request_missing();
            }
        });
    }

    /// Asks for rows `first .. first + count` and scrolls them to the top of the viewport.
    pub fn go_to(self, first: usize, count: usize) {
        self.ask(first, count);
        if let Some(element) = self.scroller.get_untracked() {
            let scroll_px = self.geometry.get_untracked().scroll_px_for_row(first);
            // Whole pixels (the DOM's unit here): the row lands within a fraction of a row.
            #[allow(clippy::cast_possible_truncation)]
            element.set_scroll_top(scroll_px.round() as i32);
        }
    }
}
