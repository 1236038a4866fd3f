//! Browser tests of the header's alert count (wasm-bindgen-test in headless Chromium): a
//! notebook's Drift and Fairness cells whose last run alerted, kept with the notebook so a
//! reopened one counts them before anything runs. The engine is not running here: each run's
//! output is built in `monitor_values` and shown as the runner shows it.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::notebook::{CellOutput, Document};
use jukebox_app::shell::AlertBadge;
use jukebox_core::monitor::drift::DriftTest;
use jukebox_core::notebook::NewCell;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::monitor_values;
use common::{find, mount, notebook_in_context, sleep, testid, testid_text};
use monitor_values::{
    OTHER_ROWS, PRIVILEGED_ROWS, course_notebook, drift_output, drifted_features, explain_output,
    fairness_output,
};

const ROWS: (usize, usize) = (PRIVILEGED_ROWS, OTHER_ROWS);

fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

/// A notebook of a Drift, a Fairness, an Explain and another Drift cell (ids 3 to 6), its
/// state in context and the header's badge mounted.
fn mount_badge() -> (web_sys::HtmlElement, Document) {
    let document = StoredValue::new(None);
    let root = mount(move || {
        let kinds = [
            NewCell::Drift,
            NewCell::Fairness,
            NewCell::Explain,
            NewCell::Drift,
        ];
        document.set_value(Some(notebook_in_context(course_notebook(&kinds))));
        view! { <AlertBadge/> }
    });
    (root, document.get_value().unwrap())
}

/// Cell `id`'s run ends with `output`, as the runner shows it: its alert (or none) is kept
/// with the notebook, then the output is shown.
fn ran(document: Document, id: u64, output: Option<CellOutput>) {
    document.set_alert(id, output.as_ref().and_then(CellOutput::alert));
    document.entry(id).unwrap().output.set(output);
}

#[wasm_bindgen_test]
async fn the_header_counts_the_cells_whose_last_run_alerted() {
    let (root, document) = mount_badge();
    sleep(Duration::from_millis(30)).await;
    assert!(
        find(&root, "[data-testid=alert-badge]").is_none(),
        "nothing run"
    );
    let drifted = drift_output(drifted_features(), DriftTest::MeanShift);
    let calm = drift_output(
        drifted_features().into_iter().skip(1).collect(),
        DriftTest::MeanShift,
    );
    let unfair = fairness_output("FR", ROWS);
    ran(document, 3, Some(CellOutput::Drifted(Box::new(drifted))));
    ran(
        document,
        4,
        Some(CellOutput::FairnessMeasured(Box::new(unfair))),
    );
    let explained = explain_output(true, false);
    ran(
        document,
        5,
        Some(CellOutput::Explained(Box::new(explained))),
    );
    ran(document, 6, Some(CellOutput::Drifted(Box::new(calm))));
    sleep(Duration::from_millis(30)).await;
    let badge = testid(&root, "alert-badge");
    assert_eq!(text(&badge), "2 alerts");
    assert_eq!(badge.get_attribute("data-count").as_deref(), Some("2"));
    let title = badge.get_attribute("title").unwrap();
    let lines: Vec<&str> = title.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("Drift in 1 of 3 features") && lines[1].starts_with("Unfair"));
    assert!(
        badge
            .get_attribute("aria-label")
            .unwrap()
            .starts_with("2 alerts: Drift in 1 of 3 features")
    );
    // The Fairness cell runs again for a fair country; then the drifted cell's output goes.
    let fair = fairness_output("DE", ROWS);
    ran(
        document,
        4,
        Some(CellOutput::FairnessMeasured(Box::new(fair))),
    );
    sleep(Duration::from_millis(30)).await;
    assert_eq!(testid_text(&root, "alert-badge"), "1 alert");
    ran(document, 3, None);
    sleep(Duration::from_millis(30)).await;
    assert!(find(&root, "[data-testid=alert-badge]").is_none());
}

#[wasm_bindgen_test]
async fn a_reopened_notebook_counts_its_saved_alerts_before_anything_runs() {
    let (root, document) = mount_badge();
    document.saved.update(|saved| {
        saved
            .alerts
            .insert(4, "Unfair across `is_explicit` for FR".into());
        saved.alerts.insert(6, "Drift in 1 of 3 features".into());
        // A cell deleted since: not counted.
        saved.alerts.insert(9, "Drift in 2 of 13 features".into());
    });
    sleep(Duration::from_millis(30)).await;
    let badge = testid(&root, "alert-badge");
    assert_eq!(text(&badge), "2 alerts");
    assert_eq!(
        badge.get_attribute("title").unwrap(),
        "Unfair across `is_explicit` for FR\nDrift in 1 of 3 features",
        "in notebook order"
    );
}
