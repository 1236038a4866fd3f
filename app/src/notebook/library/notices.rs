//! What storage has to say about the notebook: another tab's newer save (load it or keep
//! mine), a failed save.

use leptos::prelude::*;

use crate::browser::clock::local_time;
use crate::notebook::document::Document;
use crate::notebook::persist::autosave::Autosave;
use crate::notebook::persist::notebooks::Notebooks;
use crate::notebook::persist::other_tabs::OtherTabs;

/// Another tab's save, a failed save, memory-only storage.
#[component]
pub(super) fn StorageNotices() -> impl IntoView {
    let (document, notebooks) = (expect_context::<Document>(), expect_context::<Notebooks>());
    let (autosave, tabs) = (expect_context::<Autosave>(), expect_context::<OtherTabs>());
    let load_theirs = move |_| {
        let id = document.saved.with_untracked(|s| s.id.clone());
        leptos::task::spawn_local(async move {
            if let Err(e) = notebooks.open_saved(&id).await {
                document.show_problem(e);
            }
        });
    };
    view! {
        {move || tabs.conflict.get().map(|c| view! {
            <div class="notice notice-warning" role="alert" data-testid="notebook-conflict">
                <span>{format!("This notebook was changed in another tab ({}). Your edits here are not saved until you choose.", local_time(c.updated_ms))}</span>
                <button type="button" class="button" data-testid="conflict-load" on:click=load_theirs>"Load that version"</button>
                <button type="button" class="button" data-testid="conflict-keep" on:click=move |_| autosave.keep_mine()>"Keep mine"</button>
            </div>
        })}
        {move || autosave.save_error.get().map(|message| view! {
            <div class="notice notice-warning" role="alert" data-testid="save-error">{message}</div>
        })}
    }
}
