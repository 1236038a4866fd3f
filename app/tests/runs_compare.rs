//! Browser tests of comparing runs on the Runs page (wasm-bindgen-test in headless
//! Chromium): Compare enabled for two to five picked runs, the rows whose values differ
//! marked, and the overlaid curves with their validation markers.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use jukebox_core::runs::RunRecord;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::run_records;
use common::{all, get, testid};
use run_records::{
    T0_MS, browser_local, mount_page, row, run, settle, store, text, three_runs, two_differing_runs,
};

#[wasm_bindgen_test]
async fn compare_is_enabled_for_two_to_five_picked_runs() {
    let runs: Vec<RunRecord> = (0..6)
        .map(|i| {
            run(
                &format!("run-{i}"),
                f64::from(i),
                1_000.0,
                vec![vec![5, 1], vec![1, 5]],
            )
        })
        .collect();
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let button = testid(&root, "runs-compare");
    let enabled = || {
        !button
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    };
    // One checkbox per run, or the loop below would pass having clicked nothing.
    let checkboxes = all(&root, "[data-testid=run-select]");
    assert_eq!(checkboxes.len(), 6, "a checkbox for each of the 6 runs");
    let mut picked = Vec::new();
    for checkbox in checkboxes {
        checkbox.click();
        settle().await;
        picked.push(enabled());
    }
    // Compare is enabled with 2, 3, 4 and 5 runs picked, not with 1 or 6.
    assert_eq!(picked, [false, true, true, true, true, false]);
}

#[wasm_bindgen_test]
async fn compare_marks_exactly_the_rows_whose_values_differ() {
    let (store, _) = store(two_differing_runs());
    let root = mount_page(store);
    settle().await;
    for id in ["run-a", "run-b"] {
        get(&row(&root, id), "[data-testid=run-select]").click();
    }
    settle().await;
    testid(&root, "runs-compare").click();
    settle().await;
    let view = testid(&root, "compare-view");
    let differing: Vec<String> = all(&view, "[data-testid=compare-row][data-differs=true]")
        .iter()
        .map(|r| r.get_attribute("data-label").unwrap())
        .collect();
    assert_eq!(
        differing,
        [
            "epochs",
            "Seed",
            "Validation accuracy",
            "Test accuracy",
            "Macro F1",
            "Weighted F1",
            "Duration",
            "Epochs / trees"
        ]
    );
    // The rows styled as differing are exactly those (not none, which a loop would accept).
    let styled: Vec<String> = all(&view, "[data-testid=compare-row].differs")
        .iter()
        .map(|r| r.get_attribute("data-label").unwrap())
        .collect();
    assert_eq!(styled, differing);
    let seed = get(&view, "[data-testid=compare-row][data-label=Seed]");
    assert_eq!(text(&seed), "Seed427");
    let same = get(&view, "[data-testid=compare-row][data-label=learning_rate]");
    assert_eq!(same.get_attribute("data-differs").unwrap(), "false");
    assert!(!same.hidden());
    testid(&root, "compare-only-differences").click();
    settle().await;
    let shown = all(&view, "[data-testid=compare-row]")
        .into_iter()
        .filter(|r| !r.hidden())
        .count();
    assert_eq!(shown, differing.len());
    assert!(same.hidden());
}

#[wasm_bindgen_test]
async fn the_overlay_draws_one_path_per_run_with_its_validation_markers() {
    let mut runs = two_differing_runs();
    runs.push(three_runs().remove(2));
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    for id in ["run-a", "run-b", "run-c"] {
        get(&row(&root, id), "[data-testid=run-select]").click();
    }
    settle().await;
    testid(&root, "runs-compare").click();
    settle().await;
    for chart in ["compare-loss", "compare-accuracy"] {
        let svg = testid(&root, chart);
        let paths = all(&svg, "path.overlay-line");
        assert_eq!(paths.len(), 3, "{chart}");
        // run-b has 30 live points: 1 move and 29 line commands.
        let b = get(&svg, "g[data-run-id=run-b] path")
            .get_attribute("d")
            .unwrap();
        assert_eq!(b.matches('L').count(), 29, "{chart}");
        assert_eq!(all(&svg, "g[data-run-id=run-b] circle").len(), 3, "{chart}");
        assert_eq!(all(&svg, "g[data-run-id=run-a] circle").len(), 2, "{chart}");
        assert!(
            get(&svg, "g[data-run-id=run-c]")
                .class_list()
                .contains("run-colour-2")
        );
    }
    let legend: Vec<String> = all(&testid(&root, "compare-legend"), "li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(legend.len(), 3);
    assert_eq!(legend[0], format!("model · {}", browser_local(T0_MS)));
}
