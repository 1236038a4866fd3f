//! The notebooks saved in this browser: open, new (starter or blank), duplicate, delete.

use jukebox_core::notebook::{NOTEBOOK_VERSION, Notebook, starter};
use jukebox_core::store::NotebookInfo;
use leptos::prelude::*;

use crate::browser::clock::local_time;
use crate::notebook::document::Document;
use crate::notebook::persist::autosave::Autosave;
use crate::notebook::persist::notebooks::Notebooks;
use crate::storage::StorageSlot;

/// The notebooks saved in this browser.
#[component]
pub(super) fn NotebookList(on_open: Callback<()>) -> impl IntoView {
    let (document, notebooks) = (expect_context::<Document>(), expect_context::<Notebooks>());
    let (autosave, slot) = (
        expect_context::<Autosave>(),
        expect_context::<StorageSlot>(),
    );
    let list = LocalResource::new(move || {
        slot.track();
        let storage = slot.get();
        async move {
            match storage {
                Some(storage) => storage.notebooks().await.map_err(|e| e.to_string()),
                None => Ok(Vec::new()),
            }
        }
    });
    let open = move |id: String| {
        leptos::task::spawn_local(async move {
            autosave.save_now().await;
            if let Err(e) = notebooks.open_saved(&id).await {
                document.show_problem(format!("The notebook could not be opened: {e}."));
            }
            on_open.run(());
        });
    };
    let create = move |notebook: Notebook| {
        leptos::task::spawn_local(async move {
            autosave.save_now().await;
            notebooks.create_new(notebook);
            on_open.run(());
        });
    };
    view! {
        <section class="card notebook-list" data-testid="notebook-list" aria-label="Saved notebooks">
            <div class="notebook-list-new">
                <button type="button" class="button" data-testid="notebook-new-starter"
                    on:click=move |_| create(starter())>"+ Starter notebook"</button>
                <button type="button" class="button" data-testid="notebook-new-blank"
                    on:click=move |_| create(Notebook { version: NOTEBOOK_VERSION, title: "Untitled notebook".into(), cells: Vec::new() })>
                    "+ Blank notebook"</button>
            </div>
            // A Transition keeps the list shown while it is read again after a save.
            <Transition fallback=|| view! { <p class="muted">"Reading saved notebooks…"</p> }>
                {move || list.get().map(|result| match result {
                    Err(e) => view! { <p class="cell-error" role="alert">{e}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="notebook-items">
                            {items.into_iter().map(|info| view! { <NotebookItem info=info open=open/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn NotebookItem(info: NotebookInfo, open: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let (document, notebooks) = (expect_context::<Document>(), expect_context::<Notebooks>());
    let (autosave, slot) = (
        expect_context::<Autosave>(),
        expect_context::<StorageSlot>(),
    );
    let confirming = RwSignal::new(false);
    let current = {
        let id = info.id.clone();
        move || document.saved.with(|s| s.id == id)
    };
    let (id_open, id_copy, id_delete) = (info.id.clone(), info.id.clone(), info.id.clone());
    let duplicate = move |_| {
        let id = id_copy.clone();
        leptos::task::spawn_local(async move {
            let Some(storage) = slot.get() else {
                return;
            };
            if let Ok(Some(mut stored)) = storage.notebook(&id).await {
                stored.notebook.title = format!("{} (copy)", stored.notebook.title);
                autosave.save_now().await;
                notebooks.create_new(stored.notebook);
            }
        });
    };
    let delete = move |_| {
        let id = id_delete.clone();
        leptos::task::spawn_local(async move {
            let Some(storage) = slot.get() else {
                return;
            };
            match storage.delete_notebook(&id).await {
                Ok(()) => {
                    slot.bump();
                    if document.saved.with_untracked(|s| s.id == id) {
                        notebooks.show_new(starter());
                    }
                }
                Err(e) => document.show_problem(format!("The notebook was not deleted: {e}.")),
            }
        });
    };
    let title = info.title.clone();
    view! {
        <li class="notebook-item" data-testid="notebook-item" data-notebook-id=info.id.clone() class:current=current>
            <span class="notebook-item-title">{info.title.clone()}</span>
            <span class="muted">{format!("{} cells · saved {}", info.cells, local_time(info.updated_ms))}</span>
            <span class="notebook-item-actions">
                <button type="button" class="button button-quiet" data-testid="notebook-open"
                    on:click=move |_| open(id_open.clone())>"Open"</button>
                <button type="button" class="button button-quiet" data-testid="notebook-duplicate" on:click=duplicate>"Duplicate"</button>
                <Show when=move || !confirming.get() fallback=move || view! {
                    <span role="alert">{format!("Delete “{title}”? ")}</span>
                    <button type="button" class="button button-danger" data-testid="notebook-delete-confirm" on:click=delete.clone()>"Delete"</button>
                    <button type="button" class="button button-quiet" on:click=move |_| confirming.set(false)>"Keep"</button>
                }>
                    <button type="button" class="button button-quiet" data-testid="notebook-delete"
                        on:click=move |_| confirming.set(true)>"Delete…"</button>
                </Show>
            </span>
        </li>
    }
}
