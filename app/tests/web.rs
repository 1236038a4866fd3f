//! Browser tests of the shell (wasm-bindgen-test in headless Chromium): mount the app into
//! the page and use it as a person would.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::App;
use jukebox_app::route::Page;
use jukebox_app::theme::{THEME_KEY, Theme};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{document, sleep};

/// Mounts the app into a fresh container; the worker URL does not exist in the test page.
fn mount() -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(
        container.clone(),
        || view! { <App worker_url="./missing-engine.js"/> },
    );
    handle.forget();
    container
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

#[wasm_bindgen_test]
fn shell_has_header_and_four_pages_in_the_navigation() {
    let root = mount();
    assert!(query(&root, "[data-testid=shell-header]").is_some());
    let links = root
        .query_selector_all("[data-testid=shell-nav] a")
        .unwrap();
    let titles: Vec<String> = (0..links.length())
        .map(|i| links.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(titles, ["Notebook", "Runs", "Registry", "Settings"]);
}

#[wasm_bindgen_test]
async fn a_missing_engine_is_reported_in_words_not_a_dead_page() {
    let root = mount();
    let status = query(&root, "[data-testid=dataset-status]").unwrap();
    let mut state = status.get_attribute("data-state").unwrap_or_default();
    for _ in 0..100 {
        if state == "failed" {
            break;
        }
        sleep(Duration::from_millis(100)).await;
        state = status.get_attribute("data-state").unwrap_or_default();
    }
    assert_eq!(state, "failed");
    let error = query(&root, "[data-testid=engine-error]")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(error.contains("Reload the page"), "{error}");
}

#[wasm_bindgen_test]
fn theme_toggle_switches_and_remembers_the_theme() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(THEME_KEY, "light").unwrap();
    let root = mount();
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("light"));
    let toggle: web_sys::HtmlElement = query(&root, "[data-testid=theme-toggle]")
        .unwrap()
        .unchecked_into();
    toggle.click();
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(
        storage.get_item(THEME_KEY).unwrap().as_deref(),
        Some("dark")
    );
    assert_eq!(Theme::parse("dark").map(Theme::toggled), Some(Theme::Light));
}

#[wasm_bindgen_test]
fn fragments_name_pages_and_unknown_ones_open_the_notebook() {
    assert_eq!(Page::from_hash("#/runs"), Page::Runs);
    assert_eq!(Page::from_hash("#/settings"), Page::Settings);
    assert_eq!(Page::from_hash(""), Page::Notebook);
    assert_eq!(Page::from_hash("#/nope"), Page::Notebook);
    assert_eq!(Page::Registry.href(), "#/registry");
}

#[wasm_bindgen_test]
fn fatal_errors_fill_the_error_panel_with_summary_and_details() {
    let panel = document().create_element("section").unwrap();
    panel.set_id("fatal");
    panel.set_attribute("hidden", "").unwrap();
    panel.set_inner_html(r#"<p id="fatal-summary"></p><pre id="fatal-details"></pre>"#);
    document().body().unwrap().append_child(&panel).unwrap();
    jukebox_app::fatal::show_fatal_error("Jukebox stopped.", "panicked at app/src/lib.rs:1:1");
    assert!(!panel.has_attribute("hidden"));
    let text = |id: &str| {
        document()
            .get_element_by_id(id)
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(text("fatal-summary"), "Jukebox stopped.");
    assert_eq!(text("fatal-details"), "panicked at app/src/lib.rs:1:1");
    panel.remove();
}
