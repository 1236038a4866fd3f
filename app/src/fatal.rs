//! When the app cannot go on, say so: the panic hook logs the panic to the console and
//! fills the error panel that index.html keeps hidden (`#fatal`), instead of leaving a
//! dead page. The page's own script (app/boot.js) uses the same panel when the wasm fails to load.

use std::panic::PanicHookInfo;

/// Logs panics to the console and shows them in the error panel.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show_fatal_error(
            "Jukebox stopped because of an internal error.",
            &info.to_string(),
        );
    }));
}

/// Shows the error panel with a summary and the technical details.
pub fn show_fatal_error(summary: &str, details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(panel) = document.get_element_by_id("fatal") {
        let _ = panel.remove_attribute("hidden");
    }
    if let Some(element) = document.get_element_by_id("fatal-summary") {
        element.set_text_content(Some(summary));
    }
    if let Some(element) = document.get_element_by_id("fatal-details") {
        element.set_text_content(Some(details));
    }
}

/// Removes the plain-HTML loading screen once the app has mounted.
pub fn remove_loading_screen() {
    let loading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"));
    if let Some(element) = loading {
        element.remove();
    }
}
