//! Browser tests of charts (wasm-bindgen-test in headless Chromium): mount `ChartView` with
//! each kind of chart on a page styled with the app's tokens, and look at the pixels.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::chart::ChartView;
use jukebox_app::chart::labels::{caption, date_label, file_name, number_label, shorten};
use jukebox_app::chart::palette::{diverging, parse_rgb, text_on};
use jukebox_core::chart::{Chart, ChartData, LineSeries};
use leptos::prelude::*;
use plotters::style::RGBColor;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{document, sleep};

/// The app's colour tokens, once per page, so the canvas has themes to follow.
fn install_tokens() {
    if document().get_element_by_id("test-tokens").is_none() {
        let style = document().create_element("style").unwrap();
        style.set_id("test-tokens");
        style.set_text_content(Some(include_str!("../../style/tokens.css")));
        document().head().unwrap().append_child(&style).unwrap();
    }
}

/// Mounts a chart in a 600 px wide container and waits for it to be drawn.
async fn mount(chart: Chart) -> web_sys::HtmlElement {
    install_tokens();
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    container.style().set_property("width", "600px").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let signal = Signal::stored(chart);
    leptos::mount::mount_to(
        container.clone(),
        move || view! { <ChartView chart=signal/> },
    )
    .forget();
    sleep(Duration::from_millis(100)).await;
    container
}

fn canvas(root: &web_sys::HtmlElement) -> web_sys::HtmlCanvasElement {
    root.query_selector("[data-testid=chart] canvas")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

/// The canvas's RGBA pixels.
fn pixels(canvas: &web_sys::HtmlCanvasElement) -> Vec<u8> {
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let (w, h) = (canvas.width(), canvas.height());
    assert!(w > 0 && h > 0, "the canvas has no size");
    let image = context
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap();
    image.data().0
}

/// How many pixels differ from the top-left one (the background the chart fills first).
fn drawn_pixels(canvas: &web_sys::HtmlCanvasElement) -> usize {
    let data = pixels(canvas);
    let background = &data[0..4];
    data.chunks(4).filter(|p| *p != background).count()
}

fn assert_drawn(root: &web_sys::HtmlElement) {
    let canvas = canvas(root);
    let total = (canvas.width() * canvas.height()) as usize;
    let drawn = drawn_pixels(&canvas);
    // Axes, labels and marks: well above nothing, well below everything.
    assert!(drawn * 100 > total, "only {drawn} of {total} pixels drawn");
    assert!(drawn < total, "every pixel differs from the background");
    assert!(
        root.query_selector("[data-testid=chart-error]")
            .unwrap()
            .is_none(),
        "{}",
        root.text_content().unwrap()
    );
}

fn chart(title: &str, data: ChartData) -> Chart {
    Chart {
        title: title.into(),
        x_label: "x".into(),
        y_label: "y".into(),
        data,
    }
}

fn histogram() -> Chart {
    chart(
        "Histogram of tempo",
        ChartData::Histogram {
            edges: vec![60.0, 90.0, 120.0, 150.0, 180.0],
            counts: vec![3, 12, 7, 2],
            n_missing: 0,
        },
    )
}

#[wasm_bindgen_test]
async fn histogram_draws_bars_on_the_canvas() {
    let root = mount(histogram()).await;
    assert_drawn(&root);
    let figure = root.query_selector("[data-testid=chart]").unwrap().unwrap();
    assert_eq!(
        figure.get_attribute("data-kind").as_deref(),
        Some("histogram")
    );
    let caption = root
        .query_selector("[data-testid=chart-caption]")
        .unwrap()
        .unwrap();
    assert_eq!(caption.text_content().unwrap(), "");
}

#[wasm_bindgen_test]
async fn sampled_scatter_draws_points_and_says_it_is_a_sample() {
    let points = (0..5_000)
        .map(|i| (f64::from(i), f64::from(i % 97)))
        .collect();
    let root = mount(chart(
        "loudness vs energy",
        ChartData::Scatter {
            points,
            n_total: 1_120_000,
        },
    ))
    .await;
    assert_drawn(&root);
    let caption = root
        .query_selector("[data-testid=chart-caption]")
        .unwrap()
        .unwrap();
    assert_eq!(
        caption.text_content().unwrap(),
        "showing 5,000 of 1,120,000 points (sampled)"
    );
}

#[wasm_bindgen_test]
async fn bar_chart_with_many_long_labels_is_drawn() {
    let labels: Vec<String> = (0..30)
        .map(|i| format!("A rather long song title {i}"))
        .collect();
    let values = (0..30).map(|i| f64::from(30 - i)).collect();
    let root = mount(chart("Rows per name", ChartData::Bar { labels, values })).await;
    assert_drawn(&root);
}

#[wasm_bindgen_test]
async fn line_chart_over_dates_with_two_series_is_drawn() {
    let line = |name: &str, offset: f64| LineSeries {
        name: name.into(),
        points: (19_000..19_060)
            .map(|d| (f64::from(d), offset + f64::from(d % 7)))
            .collect(),
    };
    let root = mount(chart(
        "Mean daily_rank by snapshot_date, per country",
        ChartData::Line {
            series: vec![line("US", 1.0), line("GB", 10.0)],
            x_is_date: true,
        },
    ))
    .await;
    assert_drawn(&root);
}

#[wasm_bindgen_test]
async fn heatmap_colours_cells_from_red_to_blue() {
    let labels = vec!["energy".to_owned(), "loudness".to_owned(), "k".to_owned()];
    let values = vec![
        vec![Some(1.0), Some(-1.0), None],
        vec![Some(-1.0), Some(1.0), None],
        vec![None, None, None],
    ];
    let root = mount(chart(
        "Correlation matrix (Pearson)",
        ChartData::Heatmap { labels, values },
    ))
    .await;
    assert_drawn(&root);
    let data = pixels(&canvas(&root));
    let has = |colour: RGBColor| {
        data.chunks(4)
            .any(|p| (p[0], p[1], p[2]) == (colour.0, colour.1, colour.2))
    };
    assert!(has(diverging(1.0)), "no +1 blue cell");
    assert!(has(diverging(-1.0)), "no -1 red cell");
}

#[wasm_bindgen_test]
async fn chart_background_follows_the_theme() {
    let html = document().document_element().unwrap();
    html.set_attribute("data-theme", "light").unwrap();
    let root = mount(histogram()).await;
    let light = pixels(&canvas(&root))[0..3].to_vec();
    assert_eq!(light, [255, 255, 255], "light --surface is #ffffff");
    html.set_attribute("data-theme", "dark").unwrap();
    sleep(Duration::from_millis(100)).await;
    let dark = pixels(&canvas(&root))[0..3].to_vec();
    assert_eq!(dark, [0x17, 0x1b, 0x21], "dark --surface is #171b21");
    html.set_attribute("data-theme", "light").unwrap();
}

#[wasm_bindgen_test]
async fn download_button_saves_without_an_error() {
    let root = mount(histogram()).await;
    let button: web_sys::HtmlElement = root
        .query_selector("[data-testid=chart-download]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Download PNG");
    button.click();
    sleep(Duration::from_millis(50)).await;
    assert!(
        root.query_selector("[data-testid=chart-error]")
            .unwrap()
            .is_none()
    );
}

#[wasm_bindgen_test]
fn labels_read_as_people_write_them() {
    assert_eq!(date_label(19_000.0), "2022-01-08");
    assert_eq!(number_label(12_000.0), "12,000");
    assert_eq!(number_label(-3.0), "-3");
    assert_eq!(number_label(0.25), "0.25");
    assert_eq!(number_label(0.000_01), "1.00e-5");
    assert_eq!(shorten("instrumentalness", 8), "instrum…");
    assert_eq!(shorten("tempo", 8), "tempo");
    assert_eq!(file_name("Histogram of a/b"), "Histogram of a-b.png");
    let missing = chart(
        "h",
        ChartData::Histogram {
            edges: vec![0.0, 1.0],
            counts: vec![1],
            n_missing: 3,
        },
    );
    assert_eq!(
        caption(&missing).as_deref(),
        Some("3 missing values left out")
    );
}

#[wasm_bindgen_test]
fn colours_parse_and_scale_like_rdylbu() {
    assert_eq!(parse_rgb("rgb(27, 31, 36)"), Some(RGBColor(27, 31, 36)));
    assert_eq!(parse_rgb("rgba(1, 2, 3, 0.5)"), Some(RGBColor(1, 2, 3)));
    assert_eq!(parse_rgb("light-dark(#fff, #000)"), None);
    assert_eq!(diverging(-1.0), RGBColor(165, 0, 38));
    // matplotlib's 256-entry lookup lands one step past the pale-yellow anchor at 0
    // (`#feffc0`), the same colour as the correlation bars.
    assert_eq!(diverging(0.0), RGBColor(254, 255, 192));
    assert_eq!(diverging(1.0), RGBColor(49, 54, 149));
    assert_eq!(text_on(diverging(0.0)), RGBColor(17, 17, 17));
    assert_eq!(text_on(diverging(1.0)), RGBColor(255, 255, 255));
}
