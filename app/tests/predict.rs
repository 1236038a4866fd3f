//! Browser tests of the Predict cell (wasm-bindgen-test in headless Chromium): the feature
//! sliders and their units, the song combobox's keyboard, the prediction's bars and table,
//! and the world map drawn from a small `TopoJSON` (injected; nothing is fetched for it).

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Features and probabilities set here are read back unchanged: exact comparisons are right.
#![allow(clippy::float_cmp)]

use std::sync::Arc;
use std::time::Duration;

use jukebox_app::notebook::CellEntry;
use jukebox_app::notebook::cells::predict::PredictionView;
use jukebox_app::notebook::cells::predict::editor::{PredictEditor, edited_label};
use jukebox_app::notebook::widgets::sliders::typical_song;
use jukebox_app::notebook::widgets::song_search::SongCombobox;
use jukebox_app::notebook::widgets::world_map::{WorldMap, fill_for};
use jukebox_core::countries::COUNTRIES;
use jukebox_core::notebook::CellSpec;
use jukebox_core::train::Prediction;
use jukebox_core::train::songs::SongHit;
use jukebox_core::world::world_outlines;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{all, get, mount, mount_cell_editor, sleep};

fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

/// Dispatches a bubbling DOM event built by JavaScript (`new KeyboardEvent('keydown', …)`),
/// as a browser would for a real keystroke or pointer.
fn fire(target: &web_sys::Element, constructor: &str, kind: &str, key: &str) {
    let make = js_sys::Function::new_with_args(
        "c, t, k",
        "return new window[c](t, {key: k, bubbles: true, cancelable: true, clientX: 10, clientY: 20})",
    );
    let event: web_sys::Event = make
        .call3(
            &JsValue::NULL,
            &constructor.into(),
            &kind.into(),
            &key.into(),
        )
        .unwrap()
        .unchecked_into();
    target.dispatch_event(&event).unwrap();
}

fn set_input(target: &web_sys::Element, value: &str, kind: &str) {
    target
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value(value);
    fire(target, "Event", kind, "");
}

fn hit(name: &str, artists: &str, tempo: f64) -> SongHit {
    let mut features = typical_song();
    features.insert("tempo".into(), tempo);
    SongHit {
        spotify_id: format!("id-{name}"),
        name: name.into(),
        artists: artists.into(),
        features,
        typical: false,
    }
}

/// Mounts a Predict editor for a notebook of one Predict cell; the engine does not exist in
/// the test page, so nothing runs, but the cell's settings change as in the app.
fn mount_editor() -> (web_sys::HtmlElement, CellEntry) {
    let mut song = typical_song();
    song.insert("duration_ms".into(), 274_000.0);
    song.insert("key".into(), 1.0);
    song.insert("mode".into(), 0.0);
    let spec = CellSpec::Predict {
        model: "model".into(),
        songs: "song_properties".into(),
        label: "Not Like Us — Kendrick Lamar".into(),
        song,
    };
    mount_cell_editor(spec, |entry| view! { <PredictEditor entry=entry/> })
}

#[wasm_bindgen_test]
async fn sliders_show_units_and_a_change_updates_the_cell() {
    let (root, entry) = mount_editor();
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-duration_ms]")),
        "4:34"
    );
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-loudness]")),
        "−6.0 dB"
    );
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-tempo]")),
        "120 BPM"
    );
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-key]")),
        "C♯/D♭"
    );
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-mode]")),
        "minor"
    );
    let tempo = get(&root, "[data-testid=feature-tempo]");
    assert_eq!(tempo.get_attribute("min").as_deref(), Some("40"));
    assert_eq!(tempo.get_attribute("max").as_deref(), Some("220"));
    let label = get(&root, "[data-testid=feature-tempo]")
        .parent_element()
        .unwrap();
    assert!(
        label
            .get_attribute("title")
            .unwrap()
            .contains("beats per minute")
    );
    // Dragging shows the value live and leaves the cell alone; releasing sets it.
    set_input(&tempo, "97", "input");
    sleep(Duration::from_millis(20)).await;
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-tempo]")),
        "97 BPM"
    );
    let unchanged =
        |spec: &CellSpec| matches!(spec, CellSpec::Predict { song, .. } if song["tempo"] == 120.0);
    assert!(entry.spec.with_untracked(unchanged));
    set_input(&tempo, "128", "change");
    sleep(Duration::from_millis(50)).await;
    let CellSpec::Predict { song, label, .. } = entry.spec.get_untracked() else {
        panic!()
    };
    assert_eq!(song["tempo"], 128.0);
    assert_eq!(song["duration_ms"], 274_000.0, "other features stay");
    assert_eq!(label, "Not Like Us — Kendrick Lamar (edited)");
    assert_eq!(
        text(&get(&root, "[data-testid=feature-value-tempo]")),
        "128 BPM"
    );
    assert_eq!(edited_label(&label), label, "edited once");
}

#[wasm_bindgen_test]
async fn keyboard_moves_through_the_hits_and_enter_picks_one() {
    let hits = RwSignal::new(Vec::<SongHit>::new());
    let queries = RwSignal::new(Vec::<String>::new());
    let picked = RwSignal::new(None::<SongHit>);
    let root = mount(move || {
        view! {
            <SongCombobox hits=hits
                on_query=Callback::new(move |q: String| queries.update(|v| v.push(q)))
                on_pick=Callback::new(move |h: SongHit| picked.set(Some(h)))/>
        }
    });
    let input = get(&root, "[data-testid=song-search]");
    set_input(&input, "kendrick", "input");
    hits.set(vec![
        hit("Not Like Us", "Kendrick Lamar", 101.0),
        hit("HUMBLE.", "Kendrick Lamar", 150.0),
        hit("luther", "Kendrick Lamar, SZA", 138.0),
    ]);
    sleep(Duration::from_millis(20)).await;
    assert_eq!(queries.get_untracked(), ["kendrick"]);
    let list = get(&root, "[data-testid=song-hits]");
    assert!(!list.has_attribute("hidden"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let options = all(&root, "[data-testid=song-hit]");
    assert_eq!(options.len(), 3);
    assert_eq!(text(&options[2]), "luther — Kendrick Lamar, SZA");
    // ↓ ↓ ↓ wraps to the first, ↑ goes back to the last; Enter picks it.
    for key in [
        "ArrowDown",
        "ArrowDown",
        "ArrowDown",
        "ArrowDown",
        "ArrowUp",
    ] {
        fire(&input, "KeyboardEvent", "keydown", key);
    }
    sleep(Duration::from_millis(20)).await;
    let selected: Vec<bool> = all(&root, "[data-testid=song-hit]")
        .iter()
        .map(|o| o.get_attribute("aria-selected").as_deref() == Some("true"))
        .collect();
    assert_eq!(selected, [false, false, true]);
    assert_eq!(
        input.get_attribute("aria-activedescendant"),
        options[2].get_attribute("id")
    );
    fire(&input, "KeyboardEvent", "keydown", "Enter");
    sleep(Duration::from_millis(20)).await;
    assert_eq!(picked.get_untracked().unwrap().name, "luther");
    assert!(list.has_attribute("hidden"), "the list closes after a pick");
    assert_eq!(
        input.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "luther — Kendrick Lamar, SZA"
    );
    // Typing opens it again; Escape closes it without picking.
    set_input(&input, "hum", "input");
    fire(&input, "KeyboardEvent", "keydown", "ArrowDown");
    fire(&input, "KeyboardEvent", "keydown", "Escape");
    sleep(Duration::from_millis(20)).await;
    assert!(list.has_attribute("hidden"));
    assert_eq!(picked.get_untracked().unwrap().name, "luther");
}

/// All 72 countries, the probabilities falling with the index (they sum to 1).
fn ranked_countries() -> Vec<(String, f64)> {
    let weights: Vec<f64> = (0..COUNTRIES.len())
        .map(|i| 0.9_f64.powi(i32::try_from(i).unwrap()))
        .collect();
    let total: f64 = weights.iter().sum();
    // Least likely first in the class order, so the ranking differs from the alphabet.
    let mut ranked: Vec<(String, f64)> = COUNTRIES
        .iter()
        .rev()
        .zip(&weights)
        .map(|(c, w)| (c.code.to_string(), w / total))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

#[wasm_bindgen_test]
async fn prediction_shows_ten_bars_in_order_and_every_class_in_the_table() {
    let ranked = ranked_countries();
    let expected = ranked.clone();
    let prediction = Signal::stored(Some(Prediction {
        model: "model".into(),
        ranked,
    }));
    let root = mount(move || view! { <PredictionView prediction=prediction/> });
    sleep(Duration::from_millis(50)).await;
    let bars = all(&root, "[data-testid=top-country]");
    assert_eq!(bars.len(), 10);
    let codes: Vec<String> = bars
        .iter()
        .map(|b| b.get_attribute("data-code").unwrap())
        .collect();
    let top: Vec<&str> = expected.iter().take(10).map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, top);
    assert_eq!(top[0], "ZA");
    assert_eq!(
        text(&get(&root, "[data-testid=top-country] .top-country-name")),
        "South Africa"
    );
    let first_p: f64 = bars[0].get_attribute("data-p").unwrap().parse().unwrap();
    assert_eq!(first_p, expected[0].1);
    assert_eq!(
        text(&get(&root, "[data-testid=top-country] .top-country-p")),
        format!("{:.1} %", expected[0].1 * 100.0)
    );
    let rows = all(&root, "[data-testid=prediction-table] tbody tr");
    assert_eq!(rows.len(), 72);
    assert_eq!(
        text(&rows[1]),
        format!("2{}Vietnam{:.1} %", "VN", expected[1].1 * 100.0)
    );
    assert_eq!(
        text(&get(&root, "[data-testid=prediction-table] summary")),
        "All 72 classes"
    );
    // The test page has no world-atlas file: the map's place holds a note, not a panic.
    for _ in 0..50 {
        if root
            .query_selector("[data-testid=map-note]")
            .unwrap()
            .is_some()
        {
            break;
        }
        sleep(Duration::from_millis(20)).await;
    }
    assert!(text(&get(&root, "[data-testid=map-note]")).contains("world map could not be loaded"));
}

/// Three square "countries": France (250) and Germany (276), classes of the model, and
/// Russia (643), which is not. Singapore (702) has no outline, as in world-atlas at 1:110 m.
const SMALL_ATLAS: &str = r#"{"type": "Topology", "arcs": [
    [[0, 40], [5, 40], [5, 45], [0, 45], [0, 40]],
    [[5, 40], [10, 40], [10, 45], [5, 45], [5, 40]],
    [[30, 50], [60, 50], [60, 60], [30, 60], [30, 50]]],
  "objects": {"countries": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "id": "250", "properties": {"name": "France"}, "arcs": [[0]]},
    {"type": "Polygon", "id": "276", "properties": {"name": "Germany"}, "arcs": [[1]]},
    {"type": "Polygon", "id": "643", "properties": {"name": "Russia"}, "arcs": [[2]]}]}}}"#;

#[wasm_bindgen_test]
async fn world_map_colours_the_classes_marks_small_countries_and_shows_a_tooltip() {
    let outlines = Arc::new(world_outlines(SMALL_ATLAS, 400.0).unwrap());
    let ranked = vec![
        ("FR".to_string(), 0.6),
        ("DE".to_string(), 0.3),
        ("SG".to_string(), 0.1),
    ];
    let root = mount(
        move || view! { <WorldMap outlines=Signal::stored(outlines) ranked=Signal::stored(ranked)/> },
    );
    sleep(Duration::from_millis(20)).await;
    let map = get(&root, "[data-testid=world-map]");
    assert_eq!(map.get_attribute("data-coloured").as_deref(), Some("3"));
    assert_eq!(all(&root, "path.map-country").len(), 3);
    let fill = |id: &str| {
        get(&root, &format!("[data-id='{id}']"))
            .get_attribute("style")
            .unwrap_or_default()
    };
    assert_eq!(fill("250"), fill_for(0.6, 0.6));
    assert_eq!(fill("276"), fill_for(0.3, 0.6));
    assert!(
        fill("250").contains("var(--accent) 100%") && fill("276").contains("var(--accent) 56%")
    );
    assert_eq!(fill("643"), "", "not a class: grey from the stylesheet");
    assert!(
        get(&root, "[data-id='643']")
            .class_list()
            .contains("map-none")
    );
    let singapore = get(&root, "circle[data-id='702']");
    assert_eq!(text(&singapore), "Singapore — 10.0 %");
    assert!(
        root.query_selector("[data-testid=map-tooltip]")
            .unwrap()
            .is_none()
    );
    fire(
        &get(&root, "[data-id='250']"),
        "MouseEvent",
        "mouseover",
        "",
    );
    sleep(Duration::from_millis(20)).await;
    let tooltip = get(&root, "[data-testid=map-tooltip]");
    assert_eq!(text(&tooltip), "France — 60.0 %");
    assert_eq!(
        text(&get(&root, "[data-id='250'] title")),
        "France — 60.0 %"
    );
    // An SVG <title> (the browser's own tooltip), not an HTML one.
    assert_eq!(
        get(&root, "[data-id='250'] title")
            .namespace_uri()
            .as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    fire(&get(&root, "[data-id='250']"), "MouseEvent", "mouseout", "");
    sleep(Duration::from_millis(20)).await;
    assert!(
        root.query_selector("[data-testid=map-tooltip]")
            .unwrap()
            .is_none()
    );
}
