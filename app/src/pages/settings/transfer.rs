//! Export everything to one file (`jukebox-export-YYYY-MM-DD.json`, optionally with the
//! kept data files) and import such a file back: a file picker or a drop. The file's size is
//! checked here; the engine worker reads and checks the file (`archive::for_import`), so a
//! stranger's file is never parsed on the page and a crash on it only restarts the engine.
//! What the engine answers is written in one transaction.

use jukebox_core::archive::{self, Archive, ImportCounts};
use jukebox_core::protocol::{RequestBody, ResponseBody};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::units::{human_bytes, local_date};
use crate::browser::clock::epoch_ms;
use crate::engine_client::EngineClient;
use crate::storage::{Storage, StorageChanged};

#[component]
pub(super) fn ExportImport() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let changed = expect_context::<StorageChanged>();
    let engine = expect_context::<EngineClient>();
    let include = RwSignal::new(false);
    let kept_bytes = RwSignal::new(0_u64);
    let export_status = RwSignal::new(None::<String>);
    let import_result = RwSignal::new(None::<ImportStatus>);
    let sizing = storage.clone();
    Effect::new(move || {
        changed.0.track();
        let storage = sizing.clone();
        leptos::task::spawn_local(async move {
            let files = storage.datasets().await.unwrap_or_default();
            kept_bytes.set(files.iter().map(|d| d.size).sum());
        });
    });
    let exporting = storage.clone();
    let export = move |_| {
        let storage = exporting.clone();
        let with_datasets = include.get_untracked();
        leptos::task::spawn_local(async move {
            export_status.set(Some(match export_file(&storage, with_datasets).await {
                Ok(name) => format!("Downloaded {name}."),
                Err(e) => e,
            }));
        });
    };
    let import = move |file: web_sys::File| {
        let storage = storage.clone();
        import_result.set(Some(ImportStatus::Reading(file.name())));
        leptos::task::spawn_local(async move {
            let outcome = import_file(&storage, engine, &file)
                .await
                .map(|c| imported_words(&c));
            if outcome.is_ok() {
                changed.bump();
            }
            import_result.set(Some(match outcome {
                Ok(text) => ImportStatus::Done(text),
                Err(text) => ImportStatus::Failed(text),
            }));
        });
    };
    view! {
        <div class="card settings-section">
            <h2>"Export and import"</h2>
            <p>"One file with your notebooks and runs (with their models), to keep a copy or move to another browser."</p>
            <label class="settings-check">
                <input type="checkbox" data-testid="export-include-datasets"
                    prop:checked=move || include.get()
                    on:change=move |ev| include.set(event_target_checked(&ev))/>
                {move || format!("include cached data files ({})", human_bytes(kept_bytes.get() as f64))}
            </label>
            <button type="button" class="button primary" data-testid="export-all" on:click=export>
                "Export everything"
            </button>
            {move || export_status.get().map(|s| view! { <p role="status">{s}</p> })}
            <ImportDrop on_file=import/>
            {move || import_result.get().map(|status| {
                let (class, state, text) = match status {
                    ImportStatus::Reading(name) => ("muted", "reading", format!("Reading {name}…")),
                    ImportStatus::Done(text) => ("settings-ok", "done", text),
                    ImportStatus::Failed(text) => ("settings-error", "failed", text),
                };
                view! {
                    <p class=class role="status" data-testid="import-result" data-state=state
                        aria-busy=move || (state == "reading").to_string()>{text}</p>
                }
            })}
        </div>
    }
}

/// Where an import stands: the file being read, or what came of it.
#[derive(Clone)]
enum ImportStatus {
    Reading(String),
    Done(String),
    Failed(String),
}

/// The file picker and drop zone; hands over the first file.
#[component]
fn ImportDrop(on_file: impl Fn(web_sys::File) + Clone + Send + Sync + 'static) -> impl IntoView {
    let over = RwSignal::new(false);
    let picked = on_file.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            picked(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            on_file(file);
        }
    };
    view! {
        <div class="settings-drop" class:over=move || over.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop>
            <label>
                "Import a Jukebox export: drop it here or "
                <input type="file" accept=".json,application/json" data-testid="import-file" on:change=on_change/>
            </label>
            <p class="settings-hint">"Records with the same ids are replaced; everything else stays."</p>
        </div>
    }
}

fn imported_words(counts: &ImportCounts) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Imported {}, {} and {}.",
        plural(counts.notebooks, "notebook", "notebooks"),
        plural(counts.runs, "run", "runs"),
        plural(counts.datasets, "data file", "data files"),
    )
}

/// Checks `file`'s size, has the engine read and check it, then writes what it answered.
async fn import_file(
    storage: &Storage,
    engine: EngineClient,
    file: &web_sys::File,
) -> Result<ImportCounts, String> {
    let name = file.name();
    // Refused before a byte is read: the tab must not fill its memory with a stranger's file.
    // A file's size is a whole, non-negative number of bytes, far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let size = file.size() as u64;
    archive::check_import_size(size).map_err(|e| refused(&name, &e.to_string()))?;
    let archive = read_in_engine(engine, file).await?;
    storage
        .import(&archive)
        .await
        .map_err(|e| format!("{}. Nothing was imported.", e.message.trim_end_matches('.')))
}

/// The export in `file` as the engine read and checked it (every notebook untrusted), or
/// why not in words: its refusal, or the engine stopping on it (then restarted).
async fn read_in_engine(engine: EngineClient, file: &web_sys::File) -> Result<Archive, String> {
    let name = file.name();
    engine.until_ready().await.map_err(|e| refused(&name, &e))?;
    let request = RequestBody::ReadArchive {
        file_name: name.clone(),
    };
    let reply = engine.request(request, Some(file.clone()), None).await;
    match (reply.body, reply.engine_stopped) {
        (_, Some(stopped)) => Err(format!(
            "Refused {name}: the data engine stopped while reading it ({}) and was restarted. Nothing was imported; what this browser had saved is unchanged.",
            stopped.trim_end_matches('.')
        )),
        (ResponseBody::ArchiveRead { archive }, None) => Ok(*archive),
        (ResponseBody::Failed { message }, None) => Err(refused(&name, &message)),
        (_, None) => Err(refused(
            &name,
            "the engine answered with something other than the export (a bug: please report it)",
        )),
    }
}

/// Why `name` was refused, ending in what was (not) done.
fn refused(name: &str, why: &str) -> String {
    format!(
        "Refused {name}: {}. Nothing was imported.",
        why.trim_end_matches('.')
    )
}

/// Exports, then downloads the file; its name, or the error in words.
async fn export_file(storage: &Storage, with_datasets: bool) -> Result<String, String> {
    let archive = storage.export(with_datasets).await.map_err(|e| e.message)?;
    let bytes = archive::to_bytes(&archive);
    let name = format!("jukebox-export-{}.json", local_date(epoch_ms()));
    download(&name, &bytes).map_err(|e| format!("The download did not start: {e:?}"))?;
    Ok(name)
}

fn download(name: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}
