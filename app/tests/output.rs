//! Browser tests of the explore output views (wasm-bindgen-test in headless Chromium): the
//! pandas-like number formatting and colour scale, then each view mounted with sample data.
//! Reference texts come from pandas 3.1.1 (`pandas.io.formats.format.format_array` with
//! `leading_space=True`, and `DataFrame.describe().T.to_string()`), leading spaces stripped.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// The pixel figures compared here are whole numbers, exact in floating point.
#![allow(clippy::float_cmp)]

use std::time::Duration;

use jukebox_app::notebook::cells::explore::{CorrelationsView, DescribeView, ExploreOutputView};
use jukebox_app::notebook::widgets::format::rdylbu_hex;
use jukebox_app::notebook::widgets::table::TableView;
use jukebox_app::notebook::widgets::table_rows::HEADER_HEIGHT_PX;
use jukebox_app::notebook::widgets::virtual_rows::{
    MARGIN_ROWS, REQUEST_ROWS, VirtualRows, rows_to_request,
};
use jukebox_core::explore::{
    CellValue, ColumnInfo, Correlations, DescribeRow, ExploreOutput, TablePage,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{mount, sleep};

const N_ROWS: usize = 1_146_100;

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap()
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn describe_rows() -> Vec<DescribeRow> {
    // pandas: describe() of x = [1, 2, 3, 4, 1234567], tempo = [120.5, 98.25, 130, 77.123, 101].
    let row = |column: &str, stats: [f64; 7]| DescribeRow {
        column: column.to_string(),
        count: 5,
        mean: Some(stats[0]),
        std: Some(stats[1]),
        min: Some(stats[2]),
        q25: Some(stats[3]),
        q50: Some(stats[4]),
        q75: Some(stats[5]),
        max: Some(stats[6]),
    };
    vec![
        row(
            "x",
            [
                246_915.4,
                552_114.028_922_739_8,
                1.0,
                2.0,
                3.0,
                4.0,
                1_234_567.0,
            ],
        ),
        row(
            "tempo",
            [
                105.374_600_000_000_02,
                20.635_152_066_316_35,
                77.123,
                98.25,
                101.0,
                120.5,
                130.0,
            ],
        ),
    ]
}

#[wasm_bindgen_test]
fn describe_view_shows_each_statistic_under_its_column_and_stat() {
    let root = mount(|| view! { <DescribeView rows=describe_rows()/> });
    assert_eq!(
        text(&root, "[data-column=tempo][data-stat=mean]"),
        "105.3746"
    );
    assert_eq!(text(&root, r#"[data-column=x][data-stat="50%"]"#), "3.0");
    let headers: Vec<String> = all(&root, "thead th")
        .iter()
        .map(|h| h.text_content().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "", "count", "mean", "std", "min", "25%", "50%", "75%", "max"
        ]
    );
}

#[wasm_bindgen_test]
fn correlations_view_keeps_the_given_order_with_three_decimals_and_coloured_bars() {
    let correlations = Correlations {
        target: "is_charting".into(),
        values: vec![
            ("danceability".into(), Some(0.731_234)),
            ("energy".into(), Some(-0.25)),
            ("mode".into(), None),
        ],
    };
    let root = mount(move || view! { <CorrelationsView correlations=correlations/> });
    assert!(text(&root, "[data-testid=correlations-view]").contains("is_charting"));
    let rows = all(&root, "[data-testid=correlation-row]");
    let order: Vec<String> = rows
        .iter()
        .map(|r| r.get_attribute("data-column").unwrap())
        .collect();
    assert_eq!(order, ["danceability", "energy", "mode"]);
    let values: Vec<String> = all(&root, "[data-testid=correlation-value]")
        .iter()
        .map(|v| v.text_content().unwrap())
        .collect();
    assert_eq!(values, ["0.731", "-0.250", "NaN"]);
    let bar = |column: &str| {
        root.query_selector(&format!("[data-column={column}] .correlation-bar"))
            .unwrap()
            .map(|bar| bar.get_attribute("style").unwrap())
    };
    let positive = bar("danceability").unwrap();
    assert!(positive.contains("left:50%;width:36.56%"), "{positive}");
    assert!(positive.contains(&rdylbu_hex(0.731_234)), "{positive}");
    assert!(bar("energy").unwrap().contains("right:50%;width:12.50%"));
    assert_eq!(bar("mode"), None, "an undefined correlation has no bar");
}

#[wasm_bindgen_test]
fn a_capped_spacer_maps_the_scroll_range_onto_every_row() {
    let rows = VirtualRows {
        n_rows: N_ROWS,
        row_height_px: 28.0,
        viewport_px: 280.0,
    };
    assert!(
        N_ROWS as f64 * 28.0 > 3.2e7,
        "taller than browsers allow: the spacer is capped"
    );
    assert_eq!(rows.spacer_px(), 8_000_000.0);
    assert_eq!(rows.first_row_at(0.0), 0.0);
    let max_scroll = 8_000_000.0 - 280.0;
    assert_eq!(rows.visible_rows(max_scroll), N_ROWS - 10..N_ROWS);
    assert!((rows.row_top_px(N_ROWS - 1, max_scroll) - (8_000_000.0 - 28.0)).abs() < 1e-6);
    let half = rows.first_row_at(max_scroll / 2.0);
    assert!((half - (N_ROWS - 10) as f64 / 2.0).abs() < 1e-6, "{half}");
    // Rows keep their natural spacing around the viewport.
    let gap = rows.row_top_px(573_001, 4e6) - rows.row_top_px(573_000, 4e6);
    assert!((gap - 28.0).abs() < 1e-6);
    assert!((rows.first_row_at(rows.scroll_px_for_row(600_000)) - 600_000.0).abs() < 1e-6);
}

#[wasm_bindgen_test]
fn a_short_table_scrolls_one_pixel_per_pixel() {
    let rows = VirtualRows {
        n_rows: 100,
        row_height_px: 28.0,
        viewport_px: 280.0,
    };
    assert_eq!(rows.spacer_px(), 2800.0);
    assert_eq!(rows.first_row_at(280.0), 10.0);
    assert_eq!(rows.row_top_px(15, 280.0), 15.0 * 28.0);
    assert_eq!(rows.visible_rows(294.0), 10..21);
    assert_eq!(
        rows.scroll_px_for_row(95),
        2800.0 - 280.0,
        "the last rows fill the viewport"
    );
    let empty = VirtualRows { n_rows: 0, ..rows };
    assert_eq!(empty.visible_rows(100.0), 0..0);
}

#[wasm_bindgen_test]
fn rows_are_requested_only_when_visible_ones_are_missing() {
    assert_eq!(rows_to_request(&(10..25), &(0..50), None, N_ROWS), None);
    assert_eq!(
        rows_to_request(&(40..55), &(0..50), None, N_ROWS),
        Some((40 - MARGIN_ROWS, REQUEST_ROWS))
    );
    assert_eq!(
        rows_to_request(&(40..55), &(0..50), Some(&(20..120)), N_ROWS),
        None,
        "already asked"
    );
    assert_eq!(
        rows_to_request(&(5..20), &(100..150), None, N_ROWS),
        Some((0, REQUEST_ROWS))
    );
    assert_eq!(
        rows_to_request(&(N_ROWS - 10..N_ROWS), &(0..50), None, N_ROWS),
        Some((N_ROWS - 10 - MARGIN_ROWS, 10 + MARGIN_ROWS)),
        "never past the last row"
    );
    assert_eq!(rows_to_request(&(0..0), &(0..0), None, 0), None);
}

/// Twenty columns like the course's rankings joined with song properties.
fn columns() -> Vec<ColumnInfo> {
    let column = |name: &str, dtype: &str, null_count: usize| ColumnInfo {
        name: name.into(),
        dtype: dtype.into(),
        null_count,
    };
    let mut columns = vec![
        column("spotify_id", "object", 0),
        column("country", "object", 12),
        column("snapshot_date", "datetime64[ns]", 3),
        column("daily_rank", "int64", 0),
        column("tempo", "float64", 7),
        column("is_explicit", "bool", 0),
    ];
    columns.extend((0..14).map(|k| column(&format!("feature_{k}"), "float64", 0)));
    columns
}

/// Rows `offset .. offset + len` of the sample table: row `r` has daily rank `r % 50 + 1` and
/// tempo `r / 4`, with a missing country, date and tempo on every seventh row.
fn sample_page(offset: usize, len: usize) -> TablePage {
    let rows = (offset..(offset + len).min(N_ROWS))
        .map(|r| {
            let missing = r % 7 == 0;
            let mut row = vec![
                CellValue::Text(format!("id{r}")),
                if missing {
                    CellValue::Null
                } else {
                    CellValue::Text("DE".into())
                },
                if missing {
                    CellValue::Null
                } else {
                    CellValue::Text("2024-05-01".into())
                },
                CellValue::Int(i64::try_from(r % 50 + 1).unwrap()),
                if missing {
                    CellValue::Null
                } else {
                    CellValue::Float(r as f64 / 4.0)
                },
                CellValue::Bool(r % 2 == 0),
            ];
            row.extend((0..14).map(|k| CellValue::Float(f64::from(k) + 0.5)));
            row
        })
        .collect();
    TablePage {
        n_rows: N_ROWS,
        offset,
        columns: columns(),
        rows,
    }
}

fn data_rows(root: &web_sys::HtmlElement) -> Vec<usize> {
    all(root, "[data-testid=table-row]")
        .iter()
        .map(|row| row.get_attribute("data-row").unwrap().parse().unwrap())
        .collect()
}

fn cell(root: &web_sys::HtmlElement, row: usize, column: usize) -> String {
    // Column 1 is the row number; the table's columns follow.
    text(
        root,
        &format!("[data-row=\"{row}\"] > span:nth-child({})", column + 2),
    )
}

#[wasm_bindgen_test]
async fn table_view_shows_header_cells_and_shape_like_pandas() {
    let root =
        mount(|| view! { <TableView page=sample_page(0, 50) on_range=Callback::new(|_| {})/> });
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        text(&root, "[data-testid=table-shape]"),
        "1,146,100 rows × 20 columns"
    );
    assert_eq!(
        text(&root, "[data-testid=table-range]"),
        "rows 1–50 of 1,146,100"
    );
    assert_eq!(
        text(&root, "[data-column=country] .table-view-dtype"),
        "object · 12 null"
    );
    assert_eq!(
        text(&root, "[data-column=snapshot_date] .table-view-dtype"),
        "datetime64[ns] · 3 null"
    );
    // Row 7 has the missing values; row 8 has them all.
    assert_eq!(
        (cell(&root, 7, 1), cell(&root, 7, 2), cell(&root, 7, 4)),
        ("None".into(), "NaT".into(), "NaN".into())
    );
    assert_eq!(
        (cell(&root, 8, 3), cell(&root, 8, 4), cell(&root, 8, 5)),
        ("9".into(), "2.00".into(), "True".into())
    );
    let class = |column: usize| {
        let selector = format!("[data-row=\"7\"] > span:nth-child({})", column + 2);
        root.query_selector(&selector)
            .unwrap()
            .unwrap()
            .get_attribute("class")
            .unwrap()
    };
    assert_eq!(
        (class(1), class(4)),
        ("cell-null".into(), "cell-null cell-num".into()),
        "nulls align with their column"
    );
    assert_eq!(cell(&root, 0, 6), "0.5", "feature_0 is 0.5 on every row");
    assert_eq!(
        text(&root, "[data-row=\"8\"] > span:first-child"),
        "8",
        "the pandas index"
    );
    let rows = data_rows(&root);
    assert!(
        rows.len() < 40,
        "only a window of rows is in the DOM: {}",
        rows.len()
    );
    assert_eq!(rows.first(), Some(&0));
}

#[wasm_bindgen_test]
async fn scrolling_to_the_middle_asks_for_the_rows_there_and_shows_them_when_they_arrive() {
    let page = RwSignal::new(sample_page(0, 50));
    let asked = RwSignal::new(Vec::<(usize, usize)>::new());
    let on_range = Callback::new(move |range| asked.update(|a| a.push(range)));
    let root = mount(move || view! { <TableView page=page on_range=on_range/> });
    sleep(Duration::from_millis(50)).await;
    assert!(
        asked.get_untracked().is_empty(),
        "the first rows are loaded: nothing to ask"
    );

    let scroller: web_sys::HtmlElement = root
        .query_selector(".table-view-scroll")
        .unwrap()
        .unwrap()
        .unchecked_into();
    scroller.set_scroll_top(4_000_000);
    sleep(Duration::from_millis(200)).await;
    // The spacer is capped at 8,000,000 px; its scroll range maps linearly onto first rows
    // 0 ..= n − rows per viewport.
    let viewport = f64::from(scroller.client_height()) - HEADER_HEIGHT_PX;
    let scroll = f64::from(scroller.scroll_top());
    assert_eq!(scroll, 4_000_000.0);
    let first = (scroll / (8_000_000.0 - viewport) * (N_ROWS as f64 - viewport / 28.0)).floor();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let first = first as usize;
    assert!((572_000..574_100).contains(&first), "{first}");
    assert_eq!(asked.get_untracked(), [(first - MARGIN_ROWS, REQUEST_ROWS)]);
    assert!(
        data_rows(&root).is_empty(),
        "no loaded row is near the viewport"
    );
    let pending = all(&root, "[data-testid=table-row-pending]");
    assert!(
        !pending.is_empty() && pending.len() < 40,
        "{}",
        pending.len()
    );

    page.set(sample_page(first - MARGIN_ROWS, REQUEST_ROWS));
    sleep(Duration::from_millis(50)).await;
    let rows = data_rows(&root);
    assert!(rows.contains(&first), "{rows:?}");
    assert!(
        rows.len() < 40 && rows.iter().all(|r| r.abs_diff(first) < 40),
        "{rows:?}"
    );
    assert_eq!(cell(&root, first, 3), (first % 50 + 1).to_string());
    assert!(all(&root, "[data-testid=table-row-pending]").is_empty());
    assert_eq!(
        asked.get_untracked().len(),
        1,
        "the new page covers the viewport"
    );
}

#[wasm_bindgen_test]
async fn next_and_prev_buttons_ask_for_the_neighbouring_pages() {
    let page = RwSignal::new(sample_page(0, 50));
    let asked = RwSignal::new(Vec::<(usize, usize)>::new());
    let on_range = Callback::new(move |range| asked.update(|a| a.push(range)));
    let root = mount(move || view! { <TableView page=page on_range=on_range/> });
    let button = |id: &str| -> web_sys::HtmlButtonElement {
        root.query_selector(&format!("[data-testid={id}]"))
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    assert!(
        button("table-prev").disabled(),
        "the first page has no previous page"
    );
    button("table-next").click();
    sleep(Duration::from_millis(100)).await;
    assert_eq!(asked.get_untracked(), [(50, 50)]);
    page.set(sample_page(50, 50));
    sleep(Duration::from_millis(100)).await;
    assert_eq!(
        text(&root, "[data-testid=table-range]"),
        "rows 51–100 of 1,146,100"
    );
    assert!(
        data_rows(&root).contains(&50),
        "the view scrolled to the new page"
    );
    button("table-prev").click();
    assert_eq!(asked.get_untracked().last(), Some(&(0, 50)));
}

#[wasm_bindgen_test]
async fn explore_output_view_keeps_the_table_for_new_pages_and_switches_views_by_kind() {
    let output = RwSignal::new(ExploreOutput::Table {
        page: sample_page(0, 50),
    });
    let root =
        mount(move || view! { <ExploreOutputView output=output on_page=Callback::new(|_| {})/> });
    let table = root
        .query_selector("[data-testid=table-view]")
        .unwrap()
        .unwrap();
    output.set(ExploreOutput::Table {
        page: sample_page(10, 50),
    });
    sleep(Duration::from_millis(50)).await;
    let same = root
        .query_selector("[data-testid=table-view]")
        .unwrap()
        .unwrap();
    assert!(
        table.is_same_node(Some(&same)),
        "a new page does not rebuild the table"
    );
    assert_eq!(
        text(&root, "[data-testid=table-range]"),
        "rows 11–60 of 1,146,100"
    );
    output.set(ExploreOutput::Describe {
        rows: describe_rows(),
    });
    sleep(Duration::from_millis(50)).await;
    assert!(
        root.query_selector("[data-testid=table-view]")
            .unwrap()
            .is_none()
    );
    assert_eq!(text(&root, "[data-column=x][data-stat=max]"), "1234567.0");
}
