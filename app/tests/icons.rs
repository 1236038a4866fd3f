//! Browser tests of the icons (wasm-bindgen-test in headless Chromium): buttons show inline
//! SVG, never a symbol character that the system's fonts may lack (Debian's default fonts
//! draw `＋` and `⧉` as empty boxes), and each keeps a name a screen reader can say.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::App;
use jukebox_app::notebook::CellStatus;
use jukebox_app::notebook::cell::CellView;
use jukebox_app::shell::{Icon, IconKind};
use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{all, get, mount, mount_cell_editor, sleep};

/// The symbol characters the UI used to show as icons.
const GLYPHS: &[char] = &[
    '＋', '⧉', '✕', '×', '▶', '■', '↑', '↓', '▾', '▸', '⠿', '☾', '☀', '♪', '−', '‹', '›', '✓', '✗',
    '○',
];

/// What a screen reader names `button`: its `aria-label`, else its words.
fn accessible_name(button: &web_sys::HtmlElement) -> String {
    button
        .get_attribute("aria-label")
        .filter(|label| !label.trim().is_empty())
        .unwrap_or_else(|| button.text_content().unwrap_or_default())
        .trim()
        .to_owned()
}

/// Each button under `root` shows an SVG icon, has a name and no glyph; returns their names.
fn assert_icon_buttons(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let buttons = all(root, selector);
    assert!(!buttons.is_empty(), "no button matches {selector}");
    buttons
        .iter()
        .map(|button| {
            let html = button.outer_html();
            assert!(
                button.query_selector("svg.icon").unwrap().is_some(),
                "no SVG icon in {html}"
            );
            let name = accessible_name(button);
            assert!(!name.is_empty(), "no accessible name: {html}");
            assert_no_glyph(button);
            name
        })
        .collect()
}

fn assert_no_glyph(element: &web_sys::HtmlElement) {
    let text = element.text_content().unwrap_or_default();
    assert!(
        !text.contains(GLYPHS),
        "a symbol character in {:?}: {}",
        text,
        element.outer_html()
    );
}

#[wasm_bindgen_test]
fn every_icon_is_a_hidden_unfocusable_svg_in_the_text_colour() {
    let root = mount(|| {
        IconKind::ALL
            .into_iter()
            .map(|kind| view! { <Icon kind=kind/> })
            .collect_view()
    });
    let icons = all(&root, "svg");
    assert_eq!(icons.len(), IconKind::ALL.len());
    for (svg, kind) in icons.iter().zip(IconKind::ALL) {
        assert_eq!(
            svg.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(svg.get_attribute("data-icon").as_deref(), Some(kind.slug()));
        assert_eq!(svg.get_attribute("aria-hidden").as_deref(), Some("true"));
        assert_eq!(svg.get_attribute("focusable").as_deref(), Some("false"));
        assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 16 16"));
        assert_eq!(svg.get_attribute("stroke").as_deref(), Some("currentColor"));
        let paths = all(svg, "path");
        assert!(!paths.is_empty(), "{} draws nothing", kind.slug());
        assert!(
            paths
                .iter()
                .all(|p| p.get_attribute("d").is_some_and(|d| d.len() > 4))
        );
    }
}

#[wasm_bindgen_test]
async fn cell_toolbar_buttons_show_svg_icons_and_keep_their_names() {
    let (root, entry) = mount_cell_editor(
        CellSpec::Markdown {
            text: "Notes".into(),
        },
        |entry| view! { <CellView entry=entry number=Signal::stored(1)/> },
    );
    // Running, so the Cancel button shows too.
    entry.status.set(CellStatus::Running(None));
    sleep(Duration::from_millis(50)).await;
    let names = assert_icon_buttons(&root, ".cell-toolbar button");
    assert_eq!(
        names,
        [
            "Collapse cell",
            "Run",
            "Cancel",
            "Move up",
            "Move down",
            "Insert a cell below",
            "Duplicate cell",
            "Delete cell",
        ]
    );
    let handle = get(&root, ".cell-handle");
    assert!(handle.query_selector("svg.icon").unwrap().is_some());
    assert_no_glyph(&handle);
}

#[wasm_bindgen_test]
async fn fold_button_swaps_its_chevron_and_its_name() {
    let (root, _) = mount_cell_editor(
        CellSpec::Markdown {
            text: "Notes".into(),
        },
        |entry| view! { <CellView entry=entry number=Signal::stored(1)/> },
    );
    let fold = get(&root, "[data-testid=cell-collapse]");
    let icon = || get(&fold, "svg").get_attribute("data-icon").unwrap();
    assert_eq!(icon(), "chevron-down");
    fold.click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(icon(), "chevron-right");
    assert_eq!(accessible_name(&fold), "Expand cell");
}

#[wasm_bindgen_test]
async fn the_app_shows_no_symbol_character_on_any_button() {
    let root = mount(|| view! { <App worker_url="./missing-engine.js"/> });
    // The starter notebook opens once storage is open.
    for _ in 0..100 {
        if !all(&root, "[data-testid=cell]").is_empty() {
            break;
        }
        sleep(Duration::from_millis(100)).await;
    }
    assert!(
        !all(&root, "[data-testid=cell]").is_empty(),
        "no cell opened"
    );
    let names = assert_icon_buttons(&root, "[data-testid=theme-toggle], [data-testid=run-all]");
    assert!(names[0].starts_with("Switch to"), "{names:?}");
    assert_eq!(names[1], "Run all");
    let brand = get(&root, ".shell-logo");
    assert!(brand.query_selector("svg.icon").unwrap().is_some());
    assert_no_glyph(&brand);
    for button in all(&root, "button") {
        assert_no_glyph(&button);
        assert!(
            !accessible_name(&button).is_empty(),
            "no accessible name: {}",
            button.outer_html()
        );
    }
}
