//! The Markdown cell: narrative between steps. Shown rendered (`CommonMark`, raw HTML
//! removed, unsafe links neutralised by `core::markdown`); "Edit" or a double click opens
//! the text.

use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::run::edit;

#[component]
pub fn MarkdownEditor(entry: CellEntry) -> impl IntoView {
    let editing = RwSignal::new(false);
    let text = Memo::new(move |_| {
        entry.spec.with(|spec| match spec {
            CellSpec::Markdown { text } => text.clone(),
            _ => String::new(),
        })
    });
    let rendered = move || jukebox_core::markdown::render(&text.get());
    view! {
        <div class="cell-editor markdown-cell">
            <Show when=move || editing.get() fallback=move || view! {
                <div class="markdown" data-testid="markdown-view" inner_html=rendered
                    on:dblclick=move |_| editing.set(true)></div>
                <button type="button" class="button button-quiet markdown-edit" data-testid="markdown-edit"
                    on:click=move |_| editing.set(true)>"Edit"</button>
            }>
                <textarea class="markdown-text" data-testid="markdown-text" rows="8" aria-label="Markdown text"
                    prop:value=move || text.get()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        edit(entry, |spec| if let CellSpec::Markdown { text } = spec { *text = value; });
                    }></textarea>
                <button type="button" class="button" data-testid="markdown-done"
                    on:click=move |_| editing.set(false)>"Done"</button>
            </Show>
        </div>
    }
}
