//! A table like a notebook's `df` output, virtualised: the body is as tall as all rows, only
//! the rows around the viewport are in the DOM, and the engine sends pages as the user scrolls.

use jukebox_core::explore::TablePage;
use leptos::prelude::*;

use super::format::format_page;
use super::table_pager::TablePager;
use super::table_rows::{PlaceholderRow, TableHeader, TableRow, grid_template, row_style};
use super::virtual_scroll::{MAX_VIEWPORT_PX, use_virtual_scroll};

/// Rows kept in the DOM beyond each edge of the viewport.
const OVERSCAN_ROWS: usize = 8;

/// `page` is the loaded window of rows; `on_range((first, count))` asks for another one.
#[component]
pub fn TableView(
    #[prop(into)] page: Signal<TablePage>,
    on_range: Callback<(usize, usize)>,
) -> impl IntoView {
    let scroll = use_virtual_scroll(page, on_range);
    let (geometry, scroll_px) = (scroll.geometry, scroll.scroll_px);
    let loaded = Memo::new(move |_| page.with(|p| (p.offset, format_page(p))));
    let columns = Memo::new(move |_| page.with(|p| p.columns.clone()));
    let template = Memo::new(move |_| page.with(grid_template));
    // Bumped for every page that arrives, so rows of an older answer (another query with
    // the same offsets) are never kept.
    let version = Memo::new(move |previous: Option<&u64>| {
        loaded.track();
        previous.map_or(0, |v| v + 1)
    });
    // The rows in the DOM: each with the offset of the page it comes from, if loaded.
    let window = Memo::new(move |_| {
        let version = version.get();
        let g = geometry.get();
        let visible = g.visible_rows(scroll_px.get());
        let (offset, n_loaded) = loaded.with(|(offset, cells)| (*offset, cells.len()));
        let first = visible.start.saturating_sub(OVERSCAN_ROWS);
        let end = (visible.end + OVERSCAN_ROWS).min(g.n_rows);
        (first..end)
            .map(|row| {
                (
                    row,
                    (offset..offset + n_loaded)
                        .contains(&row)
                        .then_some((offset, version)),
                )
            })
            .collect::<Vec<_>>()
    });
    let row_view = move |(row, page): (usize, Option<(usize, u64)>)| {
        let page_offset = page.map(|(offset, _)| offset);
        let style = Signal::derive(move || {
            template.with(|t| row_style(t, geometry.get().row_top_px(row, scroll_px.get())))
        });
        // The key names the page the row came from; a newer page simply rebuilds the row.
        let cells = page_offset.and_then(|offset| {
            loaded.with_untracked(|(loaded_offset, cells)| {
                (*loaded_offset == offset).then(|| cells.get(row - offset).cloned())?
            })
        });
        match cells {
            Some(cells) => view! { <TableRow row=row cells=cells style=style/> }.into_any(),
            None => view! { <PlaceholderRow row=row style=style/> }.into_any(),
        }
    };
    let go_to = Callback::new(move |(first, count)| scroll.go_to(first, count));
    view! {
        <div class="table-view" data-testid="table-view">
            <div class="table-view-scroll" node_ref=scroll.scroller on:scroll=move |_| scroll.on_scroll()
                tabindex="0" role="table" aria-rowcount=move || page.with(|p| p.n_rows + 1)
                aria-colcount=move || columns.with(Vec::len) + 1
                style=format!("max-height:{MAX_VIEWPORT_PX}px;overflow:auto;position:relative")>
                {move || view! { <TableHeader columns=columns.get() template=template.get()/> }}
                <div class="table-view-body" role="rowgroup"
                    style=move || format!("position:relative;overflow-y:clip;height:{}px", geometry.get().spacer_px())>
                    <For each=move || window.get() key=|entry| *entry children=row_view/>
                </div>
            </div>
            <TablePager page=page go_to=go_to/>
        </div>
    }
}
