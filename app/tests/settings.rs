//! Browser tests of the Settings page (wasm-bindgen-test in headless Chromium) on a memory
//! storage holding the v1 fixture's records: usage words, kept files, erase with counts,
//! import through the file input.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::pages::{SettingsPage, human_bytes, usage_line};
use jukebox_app::storage::{Storage, StorageChanged};
use jukebox_core::archive;
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, StoredNotebook};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{mount, sleep};

const FIXTURE: &str = include_str!("fixtures/storage_v1.json");

async fn filled_storage() -> Storage {
    let storage = Storage::memory("IndexedDB is off in this test");
    let value: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let notebooks: Vec<StoredNotebook> =
        serde_json::from_value(value["notebooks"].clone()).unwrap();
    for notebook in &notebooks {
        storage.put_notebook(notebook).await.unwrap();
    }
    for run in value["runs"].as_array().unwrap() {
        let model: Vec<u8> = serde_json::from_value(run["model"].clone()).unwrap();
        let record: RunRecord = serde_json::from_value(run.clone()).unwrap();
        storage.put_run(&record, &model).await.unwrap();
    }
    let bytes = kept_file();
    let info = CachedDataset {
        sha256: jukebox_core::hash::sha256_hex(&bytes),
        file_name: "charts.parquet".into(),
        size: bytes.len() as u64,
        // Noon UTC: the same local date in every time zone of the test machine.
        stored_ms: 1_764_244_800_000.0,
    };
    storage.put_dataset(&info, &bytes).await.unwrap();
    storage
}

/// A kept data file of 2.5 MB (an export checks its size and hash).
fn kept_file() -> Vec<u8> {
    vec![7; 2_500_000]
}

/// Waits (up to 5 s) until `ready` holds: the page answers asynchronously, slower on a
/// busy machine.
async fn until(ready: impl Fn() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        sleep(Duration::from_millis(50)).await;
    }
}

fn mount_page(storage: Storage) -> web_sys::HtmlElement {
    mount(move || {
        provide_context(storage.clone());
        provide_context(StorageChanged(RwSignal::new(0)));
        view! { <SettingsPage/> }
    })
}

fn text(root: &web_sys::HtmlElement, testid: &str) -> String {
    let found = root
        .query_selector(&format!("[data-testid={testid}]"))
        .unwrap();
    found
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

/// The `data-state` of the import result: `reading`, `done` or `failed` (what a test waits on).
fn import_state(root: &web_sys::HtmlElement) -> String {
    root.query_selector("[data-testid=import-result]")
        .unwrap()
        .and_then(|e| e.get_attribute("data-state"))
        .unwrap_or_default()
}

fn click(root: &web_sys::HtmlElement, testid: &str) {
    let found = root
        .query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap();
    found.unchecked_into::<web_sys::HtmlElement>().click();
}

#[wasm_bindgen_test]
fn bytes_and_usage_read_in_human_units() {
    assert_eq!(human_bytes(512.0), "512 B");
    assert_eq!(human_bytes(12_345_678.0), "12.3 MB");
    assert_eq!(
        usage_line(Some(12_345_678.0), Some(1_200_000_000.0)),
        "12.3 MB of 1.2 GB (1 %)"
    );
    assert_eq!(
        usage_line(Some(1000.0), Some(1_200_000_000.0)),
        "1.0 kB of 1.2 GB (<1 %)"
    );
    assert!(usage_line(None, None).starts_with("unknown"));
}

#[wasm_bindgen_test]
async fn the_page_shows_usage_the_fallback_warning_and_kept_files() {
    let root = mount_page(filled_storage().await);
    until(|| !text(&root, "settings-usage").contains("Measuring")).await;
    assert!(
        text(&root, "settings-usage").contains(" of "),
        "{}",
        text(&root, "settings-usage")
    );
    assert!(["yes", "no"].contains(&text(&root, "settings-persisted").as_str()));
    assert!(text(&root, "settings-fallback").contains("only in this tab"));
    let files = text(&root, "settings-datasets");
    assert!(
        files.contains("charts.parquet")
            && files.contains("2.5 MB")
            && files.contains("2025-11-27"),
        "{files}"
    );
}

#[wasm_bindgen_test]
async fn erase_names_the_counts_then_deletes_everything() {
    let storage = filled_storage().await;
    let root = mount_page(storage.clone());
    click(&root, "erase-all");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        text(&root, "erase-summary"),
        "Delete 2 notebooks, 2 runs (with their models) and 1 kept data file from this browser? This cannot be undone."
    );
    click(&root, "erase-confirm");
    sleep(Duration::from_millis(50)).await;
    assert!(storage.runs().await.unwrap().is_empty());
    assert!(storage.notebooks().await.unwrap().is_empty());
    assert!(storage.datasets().await.unwrap().is_empty());
    assert!(!text(&root, "settings-datasets").contains("charts.parquet"));
}

/// Puts `bytes` as file `name` into the page's import input, as a picker would.
fn choose_file(root: &web_sys::HtmlElement, name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = root
        .query_selector("[data-testid=import-file]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_files(transfer.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn import_writes_an_export_and_refuses_a_foreign_file() {
    let exported = archive::to_bytes(&filled_storage().await.export(true).await.unwrap());
    let storage = Storage::memory("IndexedDB is off in this test");
    let root = mount_page(storage.clone());
    choose_file(&root, "notes.json", br#"{"hello": 1}"#);
    until(|| text(&root, "import-result").starts_with("Refused")).await;
    assert_eq!(import_state(&root), "failed");
    assert!(
        text(&root, "import-result").starts_with("Refused notes.json"),
        "{}",
        text(&root, "import-result")
    );
    assert!(storage.runs().await.unwrap().is_empty());
    choose_file(&root, "jukebox-export.json", &exported);
    until(|| text(&root, "import-result").starts_with("Imported")).await;
    assert_eq!(import_state(&root), "done");
    assert_eq!(
        text(&root, "import-result"),
        "Imported 2 notebooks, 2 runs and 1 data file."
    );
    assert_eq!(storage.runs().await.unwrap().len(), 2);
    assert_eq!(
        storage
            .dataset(&jukebox_core::hash::sha256_hex(&kept_file()))
            .await
            .unwrap(),
        Some(kept_file())
    );
}
