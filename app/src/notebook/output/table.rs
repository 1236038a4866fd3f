//! A table like a notebook's `df` output, virtualised: the body is as tall as all rows, only
//! the rows around the viewport are in the DOM, and the engine sends pages as the user scrolls.

use std::ops::Range;

use jukebox_core::explore::TablePage;
use leptos::html::Div;
use leptos::prelude::*;

use super::format::format_page;
use super::table_pager::TablePager;
use super::table_rows::{
    HEADER_HEIGHT_PX, PlaceholderRow, ROW_HEIGHT_PX, TableHeader, TableRow, grid_template,
    row_style,
};
use super::virtual_rows::{VirtualRows, rows_to_request};

/// The tallest the scroll container grows before it scrolls, in px.
pub const MAX_VIEWPORT_PX: f64 = 420.0;
/// Rows kept in the DOM beyond each edge of the viewport.
const OVERSCAN_ROWS: usize = 8;

/// `page` is the loaded window of rows; `on_range((first, count))` asks for another one.
#[component]
pub fn TableView(
    #[prop(into)] page: Signal<TablePage>,
    on_range: Callback<(usize, usize)>,
) -> impl IntoView {
    let scroller = NodeRef::<Div>::new();
    let scroll_px = RwSignal::new(0.0);
    let viewport_px = RwSignal::new(MAX_VIEWPORT_PX - HEADER_HEIGHT_PX);
    let asked = StoredValue::new(None::<Range<usize>>);
    let rows = Memo::new(move |_| page.with(|p| (p.offset, format_page(p))));
    let template = Memo::new(move |_| page.with(grid_template));
    let geometry = Memo::new(move |_| VirtualRows {
        n_rows: page.with(|p| p.n_rows),
        row_height_px: ROW_HEIGHT_PX,
        viewport_px: viewport_px.get(),
    });
    let request_missing = move || {
        let visible = geometry
            .get_untracked()
            .visible_rows(scroll_px.get_untracked());
        let (loaded, n_rows) =
            page.with_untracked(|p| (p.offset..p.offset + p.rows.len(), p.n_rows));
        let wanted = asked.with_value(|a| rows_to_request(&visible, &loaded, a.as_ref(), n_rows));
        if let Some((first, count)) = wanted {
            asked.set_value(Some(first..first + count));
            on_range.run((first, count));
        }
    };
    // A new page (or a new table) may still leave the visible rows missing.
    Effect::new(move || {
        page.track();
        request_missing();
    });
    let frame_pending = StoredValue::new(false);
    let on_scroll = move |_| {
        if frame_pending.get_value() {
            return;
        }
        frame_pending.set_value(true);
        // One update per frame however many scroll events the browser fires.
        request_animation_frame(move || {
            frame_pending.set_value(false);
            if let Some(element) = scroller.get_untracked() {
                viewport_px.set(
                    (f64::from(element.client_height()) - HEADER_HEIGHT_PX).max(ROW_HEIGHT_PX),
                );
                scroll_px.set(f64::from(element.scroll_top()));
                request_missing();
            }
        });
    };
    let window = Memo::new(move |_| {
        let g = geometry.get();
        let visible = g.visible_rows(scroll_px.get());
        let (offset, n_loaded) = rows.with(|(offset, cells)| (*offset, cells.len()));
        let loaded = offset..offset + n_loaded;
        let rows = visible.start.saturating_sub(OVERSCAN_ROWS)
            ..(visible.end + OVERSCAN_ROWS).min(g.n_rows);
        rows.map(|row| (row, loaded.contains(&row).then_some(offset)))
            .collect::<Vec<_>>()
    });
    let row_view = move |(row, loaded_from): (usize, Option<usize>)| {
        let style = Signal::derive(move || {
            template.with(|t| row_style(t, geometry.get().row_top_px(row, scroll_px.get())))
        });
        let cells = loaded_from
            .and_then(|offset| rows.with_untracked(|(_, cells)| cells.get(row - offset).cloned()));
        match cells {
            Some(cells) => view! { <TableRow row=row cells=cells style=style/> }.into_any(),
            None => view! { <PlaceholderRow row=row style=style/> }.into_any(),
        }
    };
    let go_to = Callback::new(move |(first, count): (usize, usize)| {
        asked.set_value(Some(first..first + count));
        on_range.run((first, count));
        if let Some(element) = scroller.get_untracked() {
            // Whole pixels: the row lands at the top, give or take a fraction of a row.
            #[allow(clippy::cast_possible_truncation)]
            element
                .set_scroll_top(geometry.get_untracked().scroll_px_for_row(first).round() as i32);
        }
    });
    let n_columns = move || page.with(|p| p.columns.len());
    view! {
        <div class="table-view" data-testid="table-view">
            <div class="table-view-scroll" node_ref=scroller on:scroll=on_scroll tabindex="0" role="table"
                aria-rowcount=move || page.with(|p| p.n_rows + 1) aria-colcount=move || n_columns() + 1
                style=format!("max-height:{MAX_VIEWPORT_PX}px;overflow:auto;position:relative")>
                {move || view! { <TableHeader columns=page.with(|p| p.columns.clone()) template=template.get()/> }}
                <div class="table-view-body" role="rowgroup"
                    style=move || format!("position:relative;overflow-y:clip;height:{}px", geometry.get().spacer_px())>
                    <For each=move || window.get() key=|entry| *entry children=row_view/>
                </div>
            </div>
            <TablePager page=page go_to=go_to/>
        </div>
    }
}
