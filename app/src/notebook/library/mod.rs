//! The notebook's bar: its title (rename), the list of saved notebooks (open, new,
//! duplicate, delete), "Copy link", Download / Open file (`.jukebox.json`), automatic re-runs, and what storage has to say
//! (another tab's save, a failed save, memory-only storage).

mod file;
mod list;
mod notices;
mod share;

use leptos::prelude::*;

use super::document::Document;
use super::run::Runner;
use file::NotebookFileButtons;
use list::NotebookList;
use notices::StorageNotices;
use share::ShareButton;

#[component]
pub fn NotebookBar() -> impl IntoView {
    let document = expect_context::<Document>();
    let runner = expect_context::<Runner>();
    let listing = RwSignal::new(false);
    view! {
        <div class="notebook-bar">
            <input class="notebook-title" data-testid="notebook-title" aria-label="Notebook title"
                prop:value=move || document.title.get()
                on:change=move |ev| {
                    let title = event_target_value(&ev).trim().to_string();
                    document.title.set(if title.is_empty() { "Untitled notebook".into() } else { title });
                }/>
            <div class="notebook-bar-actions">
                <button type="button" class="button" data-testid="notebooks-toggle"
                    aria-expanded=move || listing.get().to_string()
                    on:click=move |_| listing.update(|l| *l = !*l)>"Notebooks"</button>
                <ShareButton/>
                <NotebookFileButtons/>
                <label class="check" title="When off, cells depending on a changed cell are marked stale instead of re-run">
                    <input type="checkbox" data-testid="auto-run" prop:checked=move || runner.auto_run.get()
                        on:change=move |ev| runner.auto_run.set(event_target_checked(&ev))/>
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
