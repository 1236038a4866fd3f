//! Browser tests of the Evaluate cell's view (wasm-bindgen-test in headless Chromium): the
//! cards, the sortable per-class table and the confusion heatmap with its tooltip. The engine
//! is not running here: every evaluation is built in the test.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Shares compared here are set by the tests and read back unchanged.
#![allow(clippy::float_cmp)]

use std::time::Duration;

use jukebox_app::notebook::cells::evaluate::EvaluationView;
use jukebox_app::notebook::widgets::confusion_grid::{Grid, LABEL_CSS, top_by_support};
use jukebox_app::notebook::widgets::curves::nice_ticks;
use jukebox_core::countries::COUNTRIES;
use jukebox_core::train::EpochRecord;
use jukebox_core::train::metrics::{ClassMetrics, Evaluation};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{get, mount_wide, scored, sleep, testid, testid_text};

/// Index of the country `code` among the 72.
fn class(code: &str) -> usize {
    COUNTRIES.iter().position(|c| c.code == code).unwrap()
}

/// 72 classes: each predicts itself `40 + i` times and its neighbour `i % 5` times; France
/// is the biggest class (2,733 rows), 123 of them predicted as Germany.
fn evaluation() -> Evaluation {
    let n = COUNTRIES.len();
    let mut confusion = vec![vec![0_u64; n]; n];
    for (i, row) in confusion.iter_mut().enumerate() {
        row[i] = 40 + i as u64;
        row[(i + 1) % n] = (i % 5) as u64;
    }
    let fr = class("FR");
    confusion[fr] = vec![0; n];
    confusion[fr][fr] = 2_610;
    confusion[fr][class("DE")] = 123;
    let mut evaluation = scored(&confusion, &COUNTRIES.map(|c| c.code));
    // A two-epoch training's history: the view draws its curves above the scores.
    evaluation.history = [(1, 3.1, 0.15), (2, 2.7, 0.2)]
        .map(|(epoch, loss, accuracy)| EpochRecord {
            epoch,
            train_loss: loss,
            train_accuracy: accuracy,
            validation_loss: loss + 0.1,
            validation_accuracy: accuracy - 0.01,
        })
        .into();
    evaluation
}

fn first_labels(root: &web_sys::HtmlElement, n: usize) -> Vec<String> {
    let rows = root
        .query_selector_all("[data-testid=eval-per-class] tbody tr")
        .unwrap();
    (0..u32::try_from(n).unwrap())
        .map(|i| {
            rows.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-label")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn evaluation_view_shows_scores_and_the_per_class_table_sorts_by_header() {
    let evaluation = evaluation();
    let (accuracy, top5) = (evaluation.accuracy, evaluation.top5_accuracy);
    let root = mount_wide(
        900,
        move || view! { <EvaluationView evaluation=Some(evaluation)/> },
    );
    testid(&root, "evaluation-view");
    let card = testid(&root, "eval-accuracy");
    assert_eq!(
        card.get_attribute("data-value").unwrap(),
        accuracy.to_string()
    );
    assert!(testid_text(&root, "eval-accuracy").contains(&format!("{:.1} %", accuracy * 100.0)));
    assert!(testid_text(&root, "eval-top5").contains(&format!("{:.1} %", top5 * 100.0)));
    assert!(testid_text(&root, "eval-chance").contains("1.4 %"));
    // Default: most rows first — France (2,733), then the others by their row sums.
    assert_eq!(first_labels(&root, 3), expected_order(|m| m.support as f64));
    assert_eq!(first_labels(&root, 1), ["FR"]);
    assert!(
        get(&root, "[data-testid=eval-per-class] tbody tr")
            .text_content()
            .unwrap()
            .starts_with("FR · France")
    );
    get(&root, "[data-sort=label]").click();
    sleep(Duration::from_millis(20)).await;
    assert_eq!(
        first_labels(&root, 2),
        [COUNTRIES[0].code, COUNTRIES[1].code]
    );
    get(&root, "[data-sort=label]").click();
    sleep(Duration::from_millis(20)).await;
    assert_eq!(first_labels(&root, 1), [COUNTRIES[71].code]);
    // Recall: classes with i % 5 = 0 predict only themselves (100 %), ties in class order.
    get(&root, "[data-sort=recall]").click();
    sleep(Duration::from_millis(20)).await;
    assert_eq!(first_labels(&root, 3), expected_order(|m| m.recall));
}

/// The first three labels of the test evaluation by `key`, highest first (a stable sort,
/// so ties keep the class order).
fn expected_order(key: fn(&ClassMetrics) -> f64) -> Vec<String> {
    let mut rows = evaluation().per_class;
    rows.sort_by(|a, b| key(b).total_cmp(&key(a)));
    rows.into_iter().take(3).map(|r| r.label).collect()
}

/// Fires a `mousemove` at page coordinates `(x, y)` on `target`.
fn hover(target: &web_sys::Element, x: f64, y: f64) {
    let fire = js_sys::Function::new_with_args(
        "el, x, y",
        "el.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, bubbles: true}));",
    );
    fire.call3(&wasm_bindgen::JsValue::NULL, target, &x.into(), &y.into())
        .unwrap();
}

#[wasm_bindgen_test]
async fn confusion_canvas_fits_every_class_and_hovering_a_cell_names_it() {
    let root = mount_wide(
        900,
        move || view! { <EvaluationView evaluation=Some(evaluation())/> },
    );
    sleep(Duration::from_millis(100)).await;
    let figure = testid(&root, "confusion-matrix");
    assert_eq!(figure.get_attribute("data-size").unwrap(), "72");
    let cell: f64 = figure.get_attribute("data-cell").unwrap().parse().unwrap();
    let canvas: web_sys::HtmlCanvasElement = get(&root, ".confusion-canvas").unchecked_into();
    let side = LABEL_CSS + 72.0 * cell;
    let scale = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(f64::from(canvas.width()), (side * scale).round());
    assert_eq!(
        web_sys::HtmlElement::style(&canvas)
            .get_property_value("width")
            .unwrap(),
        format!("{side}px")
    );
    assert!(side <= 900.0, "72 classes fit the width: cell {cell} px");

    let rect = canvas.get_bounding_client_rect();
    let (fr, de) = (class("FR") as f64, class("DE") as f64);
    hover(
        &canvas,
        rect.left() + LABEL_CSS + de * cell + cell / 2.0,
        rect.top() + LABEL_CSS + fr * cell + cell / 2.0,
    );
    sleep(Duration::from_millis(20)).await;
    assert_eq!(
        testid_text(&root, "confusion-tooltip"),
        "true FR · predicted DE: 123 (4.5 % of FR)"
    );

    testid(&root, "confusion-subset").click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(figure.get_attribute("data-size").unwrap(), "20");
    let cell_size = || -> f64 { figure.get_attribute("data-cell").unwrap().parse().unwrap() };
    let fitted = cell_size();
    testid(&root, "confusion-zoom-out").click();
    sleep(Duration::from_millis(50)).await;
    let smaller = cell_size();
    assert!(
        smaller < fitted,
        "zooming out shrinks the cells: {fitted} → {smaller}"
    );
    testid(&root, "confusion-zoom-in").click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(cell_size(), fitted, "zooming back in restores the size");
}

#[wasm_bindgen_test]
fn grid_maps_pixels_to_classes_and_keeps_the_biggest_classes_in_order() {
    let grid = Grid {
        shown: vec![3, 7, 9],
        cell_css: 10.0,
    };
    assert_eq!(grid.side_css(), LABEL_CSS + 30.0);
    assert_eq!(
        grid.cell_at(LABEL_CSS + 15.0, LABEL_CSS + 25.0),
        Some((9, 7))
    );
    assert_eq!(grid.cell_at(LABEL_CSS - 1.0, LABEL_CSS + 5.0), None);
    assert_eq!(grid.cell_at(LABEL_CSS + 30.0, LABEL_CSS), None);
    let confusion = vec![vec![5, 0, 0], vec![1, 1, 0], vec![0, 2, 9]];
    assert_eq!(top_by_support(&confusion, 2), vec![0, 2]);
}

#[wasm_bindgen_test]
fn ticks_are_round_and_cover_the_values() {
    assert_eq!(nice_ticks(0.0, 2.0, 5), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
    // Range 0.275 in about 4 steps: 0.069 rounds up to a step of 0.1.
    let ticks = nice_ticks(0.137, 0.412, 4);
    assert_eq!(ticks.len(), 5, "{ticks:?}");
    assert_eq!(ticks.first(), Some(&0.1));
    assert!((ticks.last().unwrap() - 0.5).abs() < 1e-9, "{ticks:?}");
}
