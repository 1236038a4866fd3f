//! The Markdown cell: narrative between steps. Shown rendered (`CommonMark`, raw HTML
//! removed, unsafe links neutralised by `core::markdown`, remote images of an untrusted
//! notebook as placeholders); "Edit" or a double click opens the text.

use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
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
    // A notebook from elsewhere loads no remote image before its reader agrees: a
    // placeholder names the host until then.
    let document = expect_context::<Document>();
    let rendered = move || {
        let consent = document.saved.with(|s| s.consent.clone());
        jukebox_core::markdown::render_with(&text.get(), &|host| consent.allows(host))
    };
    // After each render, the remote images it may show are fetched (see `remote_images`).
    let view_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _ = rendered();
        if let Some(root) = view_ref.get() {
            let root: web_sys::Element = root.into();
            // After this update's DOM changes.
            request_animation_frame(move || super::remote_images::load_all(&root));
        }
    });
    view! {
        <div class="cell-editor markdown-cell">
            <Show when=move || editing.get() fallback=move || view! {
                <div class="markdown" data-testid="markdown-view" node_ref=view_ref inner_html=rendered
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
