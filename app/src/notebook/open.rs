//! Which notebook the page opens: a shared link (`#nb=1.…`, opened as a new notebook, never
//! over a saved one), else the one `?notebook=<url>` names (fetched), else the notebook shown
//! last in this browser, else the starter notebook "Jukebox: from charts to a model".
//! A link's or a URL's notebook passes the checks every way in gets and opens untrusted:
//! its cells that would contact a host wait for the reader (`trust`).

use jukebox_core::notebook::file::{MAX_NOTEBOOK_FILE_BYTES, read_notebook_file};
use jukebox_core::notebook::{Notebook, starter};

use super::document::Document;
use super::persist::journal::current_id;
use super::persist::notebooks::Notebooks;
use crate::browser::AppError;
use crate::browser::fetch::fetch_text;
use crate::storage::StorageSlot;

/// The `notebook` parameter of the page's query string, if any.
fn notebook_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("notebook").filter(|v| !v.is_empty())
}

/// The fragment when it is a shared notebook (`#nb=…`).
fn shared_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#nb=").map(|_| hash.clone())
}

/// Leaves the shared link's fragment for the notebook page's own (`#/notebook`), so a
/// reload opens the saved copy instead of a second copy of the link.
fn forget_fragment() {
    if let Some(window) = web_sys::window()
        && let Ok(history) = window.history()
    {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/notebook"));
    }
}

/// Opens the first notebook (storage must be in `slot` already).
pub async fn open_initial(notebooks: Notebooks, document: Document, slot: StorageSlot) {
    if let Some(fragment) = shared_fragment() {
        forget_fragment();
        match jukebox_core::share::decode(&fragment) {
            Ok(notebook) => notebooks.show_from_elsewhere(notebook),
            Err(e) => {
                document.show_problem(format!(
                    "This link's notebook could not be opened: {e}. An empty notebook opened instead; your saved notebooks are untouched."
                ));
                notebooks.show_new(Notebook {
                    version: jukebox_core::notebook::NOTEBOOK_VERSION,
                    title: "Untitled notebook".into(),
                    cells: Vec::new(),
                });
            }
        }
        return;
    }
    if let Some(url) = notebook_param() {
        match fetch_notebook(&url).await {
            Ok(notebook) => notebooks.show_from_elsewhere(notebook),
            Err(error) => {
                document.show_problem(error);
                notebooks.show_new(starter());
            }
        }
        return;
    }
    if let Some(id) = current_id()
        && notebooks.open_saved(&id).await.is_ok()
    {
        return;
    }
    let newest = match slot.get() {
        Some(storage) => storage
            .notebooks()
            .await
            .ok()
            .and_then(|l| l.into_iter().next()),
        None => None,
    };
    if let Some(info) = newest
        && notebooks.open_saved(&info.id).await.is_ok()
    {
        return;
    }
    notebooks.show_new(starter());
}

async fn fetch_notebook(url: &str) -> Result<Notebook, AppError> {
    let fail = |what: String| {
        AppError::new(format!(
            "The notebook at {url} could not be opened: {what}. The starter notebook opened instead."
        ))
    };
    let text = fetch_text(url, MAX_NOTEBOOK_FILE_BYTES)
        .await
        .map_err(|e| fail(e.to_string()))?;
    // The checks every way in gets: size, version, cell count, distinct ids, bounds.
    read_notebook_file(text.as_bytes()).map_err(fail)
}
