//! The notebook's bar: its title (rename), the list of saved notebooks (open, new,
//! duplicate, delete), "Copy link", automatic re-runs, and what storage has to say
//! (another tab's save, a failed save, memory-only storage).

use jukebox_core::notebook::{NOTEBOOK_VERSION, Notebook, starter};
use jukebox_core::store::NotebookInfo;
use leptos::prelude::*;

use super::state::NotebookState;

#[component]
pub fn NotebookBar() -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let listing = RwSignal::new(false);
    view! {
        <div class="notebook-bar">
            <input class="notebook-title" data-testid="notebook-title" aria-label="Notebook title"
                prop:value=move || state.title.get()
                on:change=move |ev| {
                    let title = event_target_value(&ev).trim().to_string();
                    state.title.set(if title.is_empty() { "Untitled notebook".into() } else { title });
                }/>
            <div class="notebook-bar-actions">
                <button type="button" class="button" data-testid="notebooks-toggle"
                    aria-expanded=move || listing.get().to_string()
                    on:click=move |_| listing.update(|l| *l = !*l)>"Notebooks"</button>
                <ShareButton/>
                <label class="check" title="When off, cells depending on a changed cell are marked stale instead of re-run">
                    <input type="checkbox" data-testid="auto-run" prop:checked=move || state.auto_run.get()
                        on:change=move |ev| state.auto_run.set(event_target_checked(&ev))/>
                    " Re-run dependent cells"
                </label>
            </div>
        </div>
        <Show when=move || listing.get()>
            <NotebookList on_open=Callback::new(move |()| listing.set(false))/>
        </Show>
        <StorageNotices/>
    }
}

/// The notebooks saved in this browser.
#[component]
fn NotebookList(on_open: Callback<()>) -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let list = LocalResource::new(move || {
        state.storage_changed.track();
        let storage = state.storage();
        async move {
            match storage {
                Some(storage) => storage.notebooks().await.map_err(|e| e.to_string()),
                None => Ok(Vec::new()),
            }
        }
    });
    let open = move |id: String| {
        leptos::task::spawn_local(async move {
            state.save_now().await;
            if let Err(e) = state.open_saved(&id).await {
                state
                    .problem
                    .set(Some(format!("The notebook could not be opened: {e}.")));
            }
            on_open.run(());
        });
    };
    let create = move |notebook: Notebook| {
        leptos::task::spawn_local(async move {
            state.save_now().await;
            state.create_new(notebook);
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
    let state = expect_context::<NotebookState>();
    let confirming = RwSignal::new(false);
    let current = {
        let id = info.id.clone();
        move || state.saved.with(|s| s.id == id)
    };
    let (id_open, id_copy, id_delete) = (info.id.clone(), info.id.clone(), info.id.clone());
    let duplicate = move |_| {
        let id = id_copy.clone();
        leptos::task::spawn_local(async move {
            let Some(storage) = state.storage() else {
                return;
            };
            if let Ok(Some(mut stored)) = storage.notebook(&id).await {
                stored.notebook.title = format!("{} (copy)", stored.notebook.title);
                state.save_now().await;
                state.create_new(stored.notebook);
            }
        });
    };
    let delete = move |_| {
        let id = id_delete.clone();
        leptos::task::spawn_local(async move {
            let Some(storage) = state.storage() else {
                return;
            };
            match storage.delete_notebook(&id).await {
                Ok(()) => {
                    state.bump_changed();
                    if state.saved.with_untracked(|s| s.id == id) {
                        state.show_new(starter());
                    }
                }
                Err(e) => state
                    .problem
                    .set(Some(format!("The notebook was not deleted: {e}."))),
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

/// "Copy link": the notebook (cells and settings, not data or runs) in the URL fragment.
#[component]
fn ShareButton() -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let link = RwSignal::new(None::<Result<String, String>>);
    let copy = move |_| {
        let result = jukebox_core::share::encode(&state.snapshot())
            .map(|fragment| format!("{}#{fragment}", page_address()))
            .map_err(|e| e.to_string());
        if let Ok(url) = &result {
            copy_to_clipboard(url);
        }
        link.set(Some(result));
    };
    view! {
        <button type="button" class="button" data-testid="copy-link" on:click=copy>"Copy link"</button>
        {move || link.get().map(|result| match result {
            Ok(url) => view! {
                <span class="share-result" role="status">
                    {format!("Link copied ({} characters): ", url.len())}
                    <input readonly class="share-link" data-testid="share-link" prop:value=url aria-label="Share link"/>
                </span>
            }.into_any(),
            Err(message) => view! {
                <span class="cell-error" role="alert" data-testid="share-error">{message}</span>
            }.into_any(),
        })}
    }
}

/// Another tab's save, a failed save, memory-only storage.
#[component]
fn StorageNotices() -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let load_theirs = move |_| {
        let id = state.saved.with_untracked(|s| s.id.clone());
        leptos::task::spawn_local(async move {
            if let Err(e) = state.open_saved(&id).await {
                state.problem.set(Some(e));
            }
        });
    };
    view! {
        {move || state.conflict.get().map(|c| view! {
            <div class="notice notice-warning" role="alert" data-testid="notebook-conflict">
                <span>{format!("This notebook was changed in another tab ({}). Your edits here are not saved until you choose.", local_time(c.updated_ms))}</span>
                <button type="button" class="button" data-testid="conflict-load" on:click=load_theirs>"Load that version"</button>
                <button type="button" class="button" data-testid="conflict-keep" on:click=move |_| state.keep_mine()>"Keep mine"</button>
            </div>
        })}
        {move || state.save_error.get().map(|message| view! {
            <div class="notice notice-warning" role="alert" data-testid="save-error">{message}</div>
        })}
    }
}

fn page_address() -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let location = window.location();
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        // A refused clipboard (no permission) still leaves the link shown to copy by hand.
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// A time as the browser's locale writes it.
pub fn local_time(ms: f64) -> String {
    js_sys::Date::new(&ms.into())
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}
