//! Browser tests of the Settings page (wasm-bindgen-test in headless Chromium) on a memory
//! storage holding the v1 fixture's records: usage words, kept files, erase with counts,
//! import through the file input — read by a stand-in engine worker (a script of a few lines
//! that answers as the real one does, or stops as a panicking one does).

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::engine_client::{EngineClient, EngineStatus};
use jukebox_app::pages::{SettingsPage, human_bytes, usage_line};
use jukebox_app::storage::{Storage, StorageChanged};
use jukebox_core::archive;
use jukebox_core::notebook::trust::Consent;
use jukebox_core::protocol::{Response, ResponseBody};
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, StoredNotebook};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
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
    mount_page_with_engine(storage, &fake_engine(&[]), |_| ())
}

/// The page on `storage` with the engine worker at `engine_url`, handed to `engine` too.
fn mount_page_with_engine(
    storage: Storage,
    engine_url: &str,
    engine: impl FnOnce(EngineClient) + 'static,
) -> web_sys::HtmlElement {
    let engine_url = engine_url.to_string();
    mount(move || {
        let client = EngineClient::start(&engine_url);
        engine(client);
        provide_context(client);
        provide_context(storage.clone());
        provide_context(StorageChanged(RwSignal::new(0)));
        view! { <SettingsPage/> }
    })
}

/// A stand-in engine worker (a `blob:` URL): ready at once, then it answers a `read_archive`
/// request whose file travelled beside it with the reply given for that file name (the
/// request's id put in). A file name without a reply stops it as a panic stops the real
/// engine: the panic hook's message, then an uncaught error.
fn fake_engine(replies: &[(&str, Response)]) -> String {
    let replies: serde_json::Map<String, serde_json::Value> = replies
        .iter()
        .map(|(name, reply)| {
            let text = jukebox_core::protocol::encode(reply).unwrap();
            ((*name).to_string(), serde_json::Value::String(text))
        })
        .collect();
    let script = format!(
        r#"const REPLIES = {};
postMessage(JSON.stringify({{ id: null, body: {{ kind: "ready", engine_version: "test" }} }}));
onmessage = (event) => {{
  const request = JSON.parse(event.data.request ?? event.data);
  const name = request.body.file_name;
  if (request.body.kind !== "read_archive" || !(event.data.file instanceof Blob) || event.data.file.name !== name) {{
    postMessage(JSON.stringify({{ id: request.id, body: {{ kind: "failed", message: "the test engine got no export beside a read_archive request" }} }}));
  }} else if (name in REPLIES) {{
    const reply = JSON.parse(REPLIES[name]);
    reply.id = request.id;
    postMessage(JSON.stringify(reply));
  }} else {{
    postMessage(JSON.stringify({{ id: null, body: {{ kind: "failed", message: "The engine stopped because of an internal error: panicked at core/src/archive.rs:1:1: index out of bounds." }} }}));
    throw new Error("unreachable");
  }}
}};"#,
        serde_json::Value::Object(replies)
    );
    let parts = js_sys::Array::of1(&script.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

/// The engine's answer to an export: what `archive::for_import` makes of `bytes`, or its
/// refusal in words.
fn engine_reply(bytes: &[u8]) -> Response {
    let body = match archive::for_import(bytes) {
        Ok(archive) => ResponseBody::ArchiveRead {
            archive: Box::new(archive),
        },
        Err(error) => ResponseBody::Failed {
            message: error.to_string(),
        },
    };
    Response::reply(0, 1.0, body)
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
async fn import_writes_what_the_engine_read_and_shows_what_it_refused() {
    let exported = archive::to_bytes(&filled_storage().await.export(true).await.unwrap());
    let foreign = br#"{"hello": 1}"#;
    let engine = fake_engine(&[
        ("notes.json", engine_reply(foreign)),
        ("jukebox-export.json", engine_reply(&exported)),
    ]);
    let storage = Storage::memory("IndexedDB is off in this test");
    let root = mount_page_with_engine(storage.clone(), &engine, |_| ());
    choose_file(&root, "notes.json", foreign);
    until(|| text(&root, "import-result").starts_with("Refused")).await;
    assert_eq!(import_state(&root), "failed");
    assert_eq!(
        text(&root, "import-result"),
        "Refused notes.json: this is not a Jukebox export: it has no `format` field. Pick the `.json` file that Export saved. Nothing was imported."
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
    let notebooks = storage.notebooks().await.unwrap();
    assert_eq!(notebooks.len(), 2);
    for info in notebooks {
        let stored = storage.notebook(&info.id).await.unwrap().unwrap();
        assert_eq!(
            stored.consent,
            Consent::untrusted(),
            "{} opens untrusted",
            info.id
        );
    }
}

#[wasm_bindgen_test]
async fn an_engine_that_stops_on_an_export_is_reported_restarted_and_nothing_is_lost() {
    let storage = filled_storage().await;
    let before = (
        storage.notebooks().await.unwrap(),
        storage.runs().await.unwrap(),
    );
    let engine = RwSignal::new_local(None::<EngineClient>);
    let root = mount_page_with_engine(storage.clone(), &fake_engine(&[]), move |client| {
        engine.set(Some(client));
    });
    let engine = engine.get_untracked().unwrap();
    choose_file(&root, "crafted.json", b"{\"format\":\"jukebox-archive\"}");
    until(|| import_state(&root) == "failed").await;
    assert_eq!(
        text(&root, "import-result"),
        "Refused crafted.json: the data engine stopped while reading it (The engine stopped because of an internal error: panicked at core/src/archive.rs:1:1: index out of bounds) and was restarted. Nothing was imported; what this browser had saved is unchanged."
    );
    until(|| engine.generation.get_untracked() == 2).await;
    assert_eq!(
        engine.status.get_untracked(),
        EngineStatus::Ready,
        "a new engine runs"
    );
    assert_eq!(engine.generation.get_untracked(), 2);
    let after = (
        storage.notebooks().await.unwrap(),
        storage.runs().await.unwrap(),
    );
    assert_eq!(after, before, "what was saved is as it was");
    // The new engine takes the next import (it stops on this one as well).
    choose_file(&root, "again.json", b"{}");
    until(|| text(&root, "import-result").starts_with("Refused again.json")).await;
    assert_eq!(import_state(&root), "failed");
}
