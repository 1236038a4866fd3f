//! The parts of the table view: header, data rows, placeholder rows and column widths.
//! Sizes are inline styles so the virtual layout holds even before the stylesheet loads.

use jukebox_core::explore::{ColumnInfo, TablePage};
use leptos::prelude::*;

use super::format::CellText;
use crate::shell::format_count;

/// Height of one body row, in px.
pub const ROW_HEIGHT_PX: f64 = 28.0;
/// Height of the header (name over dtype and nulls), in px.
pub const HEADER_HEIGHT_PX: f64 = 48.0;

const CHAR_PX: usize = 8;
const CELL_PADDING_PX: usize = 24;

/// `float64 · 12 null`: the line under a column's name.
pub fn column_label(column: &ColumnInfo) -> String {
    format!(
        "{} · {} null",
        column.dtype,
        format_count(column.null_count)
    )
}

/// A fixed width per column, so header and absolutely placed rows line up: wide enough for
/// the name, the label and a typical value of the dtype; longer text is cut with an ellipsis.
fn column_width_px(column: &ColumnInfo) -> usize {
    let typical_chars = match column.dtype.as_str() {
        d if d.starts_with("datetime") => 19,
        "date" => 10,
        "bool" => 5,
        d if d.starts_with("float") => 12,
        d if d.starts_with("int") || d.starts_with("uint") => 8,
        _ => 16,
    };
    let chars = column
        .name
        .chars()
        .count()
        .max(column_label(column).chars().count())
        .max(typical_chars);
    (chars * CHAR_PX + CELL_PADDING_PX).clamp(72, 320)
}

/// The `grid-template-columns` of header and rows: the row number, then each column.
pub fn grid_template(page: &TablePage) -> String {
    let index_px = format_count(page.n_rows).len() * CHAR_PX + CELL_PADDING_PX;
    let widths: Vec<String> = page
        .columns
        .iter()
        .map(|column| format!("{}px", column_width_px(column)))
        .collect();
    format!("grid-template-columns:{index_px}px {}", widths.join(" "))
}

#[component]
pub fn TableHeader(columns: Vec<ColumnInfo>, template: String) -> impl IntoView {
    let style = format!("{template};height:{HEADER_HEIGHT_PX}px;position:sticky;top:0;z-index:1");
    view! {
        <div class="table-view-header" role="row" aria-rowindex="1" style=style>
            <span class="table-view-index" role="columnheader"></span>
            {columns
                .into_iter()
                .map(|column| {
                    let label = column_label(&column);
                    let (key, title) = (column.name.clone(), column.name.clone());
                    view! {
                        <span role="columnheader" data-column=key title=title>
                            <span class="table-view-name">{column.name}</span>
                            <span class="table-view-dtype">{label}</span>
                        </span>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Inline style of a body row `top_px` below the start of the body.
pub fn row_style(template: &str, top_px: f64) -> String {
    format!(
        "{template};height:{ROW_HEIGHT_PX}px;position:absolute;left:0;top:0;transform:translateY({top_px}px)"
    )
}

/// One loaded row: the row number (pandas' index), then its cells.
#[component]
pub fn TableRow(row: usize, cells: Vec<CellText>, style: Signal<String>) -> impl IntoView {
    view! {
        <div class="table-view-row" role="row" aria-rowindex=row + 2 data-testid="table-row" data-row=row style=style>
            <span class="table-view-index" role="rowheader">{row}</span>
            {cells
                .into_iter()
                .map(|cell| {
                    let title = cell.text.clone();
                    view! { <span role="cell" class=cell.kind.class() title=title>{cell.text}</span> }
                })
                .collect_view()}
        </div>
    }
}

/// A row whose page has not arrived yet.
#[component]
pub fn PlaceholderRow(row: usize, style: Signal<String>) -> impl IntoView {
    view! {
        <div class="table-view-row table-view-pending" role="row" aria-rowindex=row + 2 aria-busy="true"
            data-testid="table-row-pending" data-row=row style=style>
            <span class="table-view-index" role="rowheader">{row}</span>
            <span class="table-view-loading">"loading…"</span>
        </div>
    }
}
