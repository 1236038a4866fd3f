//! "Download" and "Open file": the notebook as a `.jukebox.json` file — the one `jukebox run`
//! takes — and such a file (or an export of one notebook) opened as a new notebook, checked
//! as a share link is (`jukebox_core::notebook::file`).

use jukebox_core::notebook::file::{
    MAX_NOTEBOOK_FILE_BYTES, file_name, read_notebook_file, to_file_bytes,
};
use leptos::prelude::*;

use crate::browser::files::read_bytes;
use crate::download::download_bytes;
use crate::notebook::document::Document;
use crate::notebook::keys::toast::Toast;
use crate::notebook::persist::notebooks::Notebooks;
use crate::notebook::persist::records::RunRecords;

#[component]
pub(super) fn NotebookFileButtons() -> impl IntoView {
    let (document, notebooks) = (expect_context::<Document>(), expect_context::<Notebooks>());
    let download = move |_| {
        let notebook = document.snapshot();
        let name = file_name(&notebook.title);
        if let Err(error) = download_bytes(&name, "application/json", &to_file_bytes(&notebook)) {
            document.show_problem(error.to_string());
        }
    };
    let open = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            // Refused before a byte is read: a huge file must not fill the tab's memory.
            let too_big = file.size() > MAX_NOTEBOOK_FILE_BYTES as f64;
            let opened = if too_big {
                Err(format!(
                    "it is {:.0} MB, more than a notebook file may be ({} MB)",
                    file.size() / 1e6,
                    MAX_NOTEBOOK_FILE_BYTES / (1024 * 1024)
                ))
            } else {
                match read_bytes(&file).await {
                    Ok(bytes) => read_notebook_file(&bytes),
                    Err(error) => Err(error.to_string()),
                }
            };
            match opened {
                Ok(notebook) => notebooks.show_from_elsewhere(notebook),
                Err(reason) => document.show_problem(format!(
                    "{name} could not be opened: {reason}. Your notebooks are untouched."
                )),
            }
        });
    };
    let (records, toast) = (expect_context::<RunRecords>(), expect_context::<Toast>());
    let report = move |_| crate::notebook::report::export_and_tell(document, records, toast);
    view! {
        <button type="button" class="button" data-testid="download-notebook" on:click=download
            title="Save this notebook as a .jukebox.json file (jukebox run takes it)">"Download"</button>
        <button type="button" class="button" data-testid="export-report" on:click=report
            title="Save the notebook's results, charts and runs as one HTML page that opens offline and prints">"Report"</button>
        <label class="button" title="Open a .jukebox.json notebook file as a new notebook">
            "Open file"
            <input type="file" class="visually-hidden" accept=".json,application/json"
                data-testid="open-notebook-file" on:change=open/>
        </label>
    }
}
