//! The Runs page's store connected to the browser's storage and the notebook: runs are read
//! again whenever storage changes; tags, notes and deletions are written; "Open in Predict"
//! adds a Model-from-run cell and a Predict cell to the notebook.

use jukebox_core::notebook::{CellSpec, DEMO_PROPERTIES};
use leptos::prelude::*;

use crate::notebook::NotebookEdits;
use crate::notebook::widgets::sliders::typical_song;
use crate::pages::RunsStore;
use crate::route::Page;
use crate::storage::StorageSlot;

/// The store the Runs page reads, kept in step with storage.
pub fn runs_store(slot: StorageSlot, edits: NotebookEdits) -> RunsStore {
    let store_slot: StoredValue<Option<RunsStore>> = StoredValue::new(None);
    let fail = move |what: &str, e: String| {
        if let Some(store) = store_slot.get_value() {
            store.error.set(Some(format!("{what}: {e}")));
        }
        slot.bump();
    };
    let set_notes = Callback::new(move |(id, tags, note): (String, Vec<String>, String)| {
        let Some(storage) = slot.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(e) = storage.set_run_notes(&id, &tags, &note).await {
                fail("The tags and note were not saved", e.to_string());
            }
        });
    });
    let delete = Callback::new(move |id: String| {
        let Some(storage) = slot.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match storage.delete_run(&id).await {
                Ok(()) => slot.bump(),
                Err(e) => fail("The run was not deleted", e.to_string()),
            }
        });
    });
    let open = Callback::new(move |id: String| open_in_predict(&edits, &id));
    let store = RunsStore::new(set_notes, delete, open);
    store_slot.set_value(Some(store));
    Effect::new(move |_| {
        slot.track();
        let Some(storage) = slot.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match storage.runs().await {
                Ok(runs) => {
                    store.runs.set(runs);
                    store.error.set(None);
                }
                Err(e) => store
                    .error
                    .set(Some(format!("The runs could not be read: {e}"))),
            }
        });
    });
    store
}

/// Adds "Model from run `id`" and a Predict cell using it at the end of the notebook, and
/// shows the notebook.
fn open_in_predict(edits: &NotebookEdits, id: &str) {
    let suffix: String = id
        .rsplit('-')
        .next()
        .unwrap_or(id)
        .chars()
        .take(6)
        .collect();
    let model = format!("run_{suffix}");
    edits.add_cell(CellSpec::LoadRun {
        run: id.to_string(),
        output: model.clone(),
    });
    edits.add_cell(CellSpec::Predict {
        model,
        songs: DEMO_PROPERTIES.to_string(),
        label: "Typical song".into(),
        song: typical_song(),
    });
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&Page::Notebook.href());
    }
}
