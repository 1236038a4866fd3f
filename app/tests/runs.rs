//! Browser tests of the Runs page (wasm-bindgen-test in headless Chromium): the table's
//! values and order, sorting by header, filters and the count, tags and notes, delete with
//! confirmation, Open in Predict, and the comparison (differing rows, overlaid curves).
//! Runs are built here as real `RunRecord`s; the store's callbacks record what they hear.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use jukebox_core::runs::RunStatus;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::run_records;
use common::{all, get, testid};
use run_records::{
    HOUR_MS, T0_MS, browser_local, mount_page, network, row, row_ids, settle, store, text,
    three_runs,
};

/// Sets a field's value and fires `kind` (`input`, `change`, `blur`) on it.
fn fire(element: &web_sys::HtmlElement, value: Option<&str>, kind: &str) {
    if let Some(value) = value {
        js_sys::Reflect::set(element, &"value".into(), &value.into()).unwrap();
    }
    element
        .dispatch_event(&web_sys::Event::new(kind).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn table_shows_one_row_per_run_with_formatted_values_newest_first() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-c", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "3 of 3 runs");
    let a = row(&root, "run-a");
    assert_eq!(
        text(&get(&a, "[data-testid=run-started]")),
        browser_local(T0_MS)
    );
    assert_eq!(
        text(&get(&a, "[data-testid=run-model]")),
        "Dense network · model"
    );
    assert_eq!(text(&get(&a, "[data-testid=run-duration]")), "12.3 s");
    assert_eq!(text(&get(&a, "[data-testid=run-epochs]")), "2 epochs");
    // Validation: the last epoch's 0.55; test: 131 of 198 right.
    assert_eq!(text(&get(&a, "[data-testid=run-validation]")), "55.0 %");
    assert_eq!(
        text(&get(&a, "[data-testid=run-test]")),
        format!("{:.1} %", 131.0 / 198.0 * 100.0)
    );
    let c = row(&root, "run-c");
    assert_eq!(text(&get(&c, "[data-testid=run-epochs]")), "50 trees");
    assert_eq!(text(&get(&c, "[data-testid=run-duration]")), "850 ms");
    assert_eq!(text(&get(&c, "[data-testid=run-tags]")), "forest");
    assert_eq!(
        text(&get(&row(&root, "run-b"), "[data-testid=run-duration]")),
        "1 min 35 s"
    );
    let started = get(&root, "th[aria-sort] [data-sort=started]")
        .parent_element()
        .unwrap();
    assert_eq!(started.get_attribute("aria-sort").unwrap(), "descending");
}

#[wasm_bindgen_test]
async fn a_cancelled_run_is_marked_and_counts_its_epochs() {
    let mut runs = three_runs();
    runs[0].status = RunStatus::Cancelled;
    runs[0].report.spec.model = network(3);
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let a = row(&root, "run-a");
    assert!(a.class_list().contains("run-cancelled"));
    assert_eq!(text(&get(&a, "[data-testid=run-status]")), "cancelled");
    assert_eq!(text(&get(&a, "[data-testid=run-epochs]")), "2 of 3 epochs");
}

#[wasm_bindgen_test]
async fn clicking_a_header_sorts_and_a_second_click_reverses() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&root, "[data-sort=test]").click();
    settle().await;
    // Test accuracies: b 158/198, a 131/198, c 99/198.
    assert_eq!(row_ids(&root), ["run-b", "run-a", "run-c"]);
    let header = get(&root, "[data-sort=test]").parent_element().unwrap();
    assert_eq!(header.get_attribute("aria-sort").unwrap(), "descending");
    get(&root, "[data-sort=test]").click();
    settle().await;
    assert_eq!(row_ids(&root), ["run-c", "run-a", "run-b"]);
    assert_eq!(header.get_attribute("aria-sort").unwrap(), "ascending");
    get(&root, "[data-sort=duration]").click();
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-a", "run-c"]);
    assert_eq!(header.get_attribute("aria-sort").unwrap(), "none");
    get(&root, "[data-sort=model]").click();
    settle().await;
    // A→Z: "Dense network" before "Random forest"; equal names keep newest first.
    assert_eq!(row_ids(&root), ["run-b", "run-a", "run-c"]);
}

#[wasm_bindgen_test]
async fn text_and_metric_filters_narrow_the_rows_and_the_count() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    fire(&testid(&root, "runs-filter-text"), Some("Forest"), "input");
    settle().await;
    assert_eq!(row_ids(&root), ["run-c"]);
    assert_eq!(text(&testid(&root, "runs-count")), "1 of 3 runs");
    fire(
        &testid(&root, "runs-filter-text"),
        Some("deeper next"),
        "input",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-c"], "words of the note, in any order");
    fire(&testid(&root, "runs-filter-text"), Some(""), "input");
    // At least 60 %: a (66.2 %) and b (79.8 %).
    fire(&testid(&root, "runs-filter-min-test"), Some("60"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "2 of 3 runs");
    fire(&testid(&root, "runs-filter-max-test"), Some("70"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-a"]);
    fire(&testid(&root, "runs-filter-min-test"), Some(""), "change");
    fire(&testid(&root, "runs-filter-max-test"), Some(""), "change");
    fire(
        &testid(&root, "runs-filter-model"),
        Some("Dense network"),
        "change",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-a"]);
    fire(&testid(&root, "runs-filter-model"), Some(""), "change");
    fire(&testid(&root, "runs-filter-tag"), Some("forest"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-c"]);
}

#[wasm_bindgen_test]
async fn date_filters_keep_the_runs_started_on_those_local_days() {
    let mut runs = three_runs();
    runs[1].started_ms = T0_MS + 48.0 * HOUR_MS;
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let day = |ms: f64| browser_local(ms)[..10].to_string();
    fire(
        &testid(&root, "runs-filter-from"),
        Some(&day(T0_MS + 48.0 * HOUR_MS)),
        "change",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-b"]);
    fire(&testid(&root, "runs-filter-from"), Some(""), "change");
    fire(
        &testid(&root, "runs-filter-to"),
        Some(&day(T0_MS + HOUR_MS)),
        "change",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-c", "run-a"]);
}

#[wasm_bindgen_test]
async fn details_show_settings_fingerprints_history_scores_and_the_model() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-a"), "[data-testid=run-details]").click();
    settle().await;
    let detail = testid(&root, "run-detail");
    let settings = text(&get(&detail, "[data-testid=run-settings]"));
    assert!(settings.contains("learning_rate0.001"), "{settings}");
    assert!(settings.contains("hidden32, 64, 128, 256"), "{settings}");
    assert!(settings.contains("Seed42"), "{settings}");
    assert!(text(&get(&detail, "[data-testid=run-dataset]")).contains("3f2a9c01d4e5"));
    assert_eq!(all(&detail, "[data-testid=run-history] tbody tr").len(), 2);
    assert_eq!(
        text(&get(&detail, "[data-testid=run-score-accuracy]")),
        format!("{:.1} %", 131.0 / 198.0 * 100.0)
    );
    assert_eq!(
        text(&get(&detail, "[data-testid=run-model-bytes]")),
        "1.2 MB · sha256 ab12cd34ef56"
    );
}

#[wasm_bindgen_test]
async fn tags_and_note_edits_call_back_with_the_run_id() {
    let (store, heard) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-a"), "[data-testid=run-details]").click();
    settle().await;
    fire(
        &testid(&root, "run-tags-input"),
        Some(" fast, baseline, ,fast"),
        "change",
    );
    settle().await;
    assert_eq!(
        heard.lock().unwrap().notes,
        [(
            "run-a".to_string(),
            vec!["fast".to_string(), "baseline".to_string()],
            String::new()
        )]
    );
    assert_eq!(
        text(&get(&row(&root, "run-a"), "[data-testid=run-tags]")),
        "fastbaseline"
    );
    let note = testid(&root, "run-note");
    fire(&note, Some("lr too high?"), "input");
    assert_eq!(
        heard.lock().unwrap().notes.len(),
        1,
        "typing alone saves nothing"
    );
    fire(&note, None, "blur");
    settle().await;
    assert_eq!(
        heard.lock().unwrap().notes[1],
        (
            "run-a".to_string(),
            vec!["fast".to_string(), "baseline".to_string()],
            "lr too high?".to_string()
        )
    );
    assert_eq!(
        store
            .runs
            .with_untracked(|r| r.iter().find(|r| r.id == "run-a").unwrap().note.clone()),
        "lr too high?"
    );
}

#[wasm_bindgen_test]
async fn delete_asks_for_confirmation_and_calls_back_only_after_confirming() {
    let (store, heard) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-c"), "[data-testid=run-delete]").click();
    settle().await;
    let dialog = text(&testid(&root, "run-delete-dialog"));
    assert!(
        dialog.contains(&format!("“model · {}”", browser_local(T0_MS + HOUR_MS))),
        "{dialog}"
    );
    assert!(heard.lock().unwrap().deleted.is_empty());
    let focused = document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("data-testid").unwrap(),
        "run-delete-cancel"
    );
    testid(&root, "run-delete-cancel").click();
    settle().await;
    assert!(
        root.query_selector("[data-testid=run-delete-dialog]")
            .unwrap()
            .is_none()
    );
    assert_eq!(row_ids(&root).len(), 3);
    assert!(heard.lock().unwrap().deleted.is_empty());
    get(&row(&root, "run-c"), "[data-testid=run-delete]").click();
    settle().await;
    testid(&root, "run-delete-confirm").click();
    settle().await;
    assert_eq!(heard.lock().unwrap().deleted, ["run-c"]);
    assert_eq!(row_ids(&root), ["run-b", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "2 of 2 runs");
}

#[wasm_bindgen_test]
async fn open_in_predict_calls_back_with_the_run_id() {
    let (store, heard) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-b"), "[data-testid=run-open-predict]").click();
    assert_eq!(heard.lock().unwrap().opened, ["run-b"]);
}

#[wasm_bindgen_test]
async fn without_runs_the_page_says_where_they_come_from() {
    let (store, _) = store(Vec::new());
    let root = mount_page(store);
    settle().await;
    let empty = testid(&root, "runs-empty");
    assert!(text(&empty).contains("No runs yet — every training in a notebook is kept here"));
    assert_eq!(
        get(&empty, "a").get_attribute("href").unwrap(),
        "#/notebook"
    );
    assert!(
        root.query_selector("[data-testid=runs-table]")
            .unwrap()
            .is_none()
    );
}

/// Each run shows the version (short hash) of the data it trained on; the Data version
/// filter keeps the runs on that data.
#[wasm_bindgen_test]
async fn the_data_version_is_shown_and_filters_the_runs() {
    let mut runs = three_runs();
    for (run, sha) in
        runs.iter_mut()
            .zip(["aaaa1111bbbb2222", "cccc3333dddd4444", "aaaa1111bbbb2222"])
    {
        run.datasets[0].sha256 = sha.into();
        run.input = run.datasets[0].name.clone();
    }
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let b = row(&root, "run-b");
    assert_eq!(
        text(&get(&b, "[data-testid=run-data-version]")),
        "cccc3333dddd"
    );
    let select = testid(&root, "runs-filter-data-version");
    fire(&select, Some("aaaa1111bbbb"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-c", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "2 of 3 runs");
}
