//! "Copy link": the notebook (cells and settings, not data or runs) in the URL fragment.

use leptos::prelude::*;

use crate::notebook::document::Document;

/// "Copy link": the notebook (cells and settings, not data or runs) in the URL fragment.
#[component]
pub(super) fn ShareButton() -> impl IntoView {
    let document = expect_context::<Document>();
    let link = RwSignal::new(None::<Result<String, String>>);
    let copy = move |_| {
        let result = jukebox_core::share::encode(&document.snapshot())
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
