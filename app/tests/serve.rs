//! Browser tests of the Serve cell (wasm-bindgen-test in headless Chromium): its editor
//! fields, the output drawn from given metadata and infer answers (the course's `KServe` v2
//! example), and a real fetch to a closed port giving the error in words (not CORS: the
//! second `no-cors` request gets no answer either).

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Values set here are read back unchanged: exact comparisons are right.
#![allow(clippy::float_cmp)]

use std::time::Duration;

use jukebox_app::notebook::CellEntry;
use jukebox_app::notebook::cells::serve::ServeEditor;
use jukebox_app::notebook::cells::serve::ServeView;
use jukebox_app::notebook::cells::serve::{Exchange, Score, ServeOutput, call};
use jukebox_app::notebook::widgets::sliders::typical_song;
use jukebox_core::countries::COUNTRIES;
use jukebox_core::course::FEATURES;
use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{all, get, mount, mount_cell_editor, sleep};

/// The course's served network answering one song (`../shared/data/kserve`).
const RESPONSE_EXAMPLE: &str =
    include_str!("../../core/src/serving/fixtures/v2_response_example.json");

fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

fn change(target: &web_sys::Element, value: &str) {
    target
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value(value);
    let make = js_sys::Function::new_no_args("return new Event('change', {bubbles: true})");
    let event: web_sys::Event = make.call0(&JsValue::NULL).unwrap().unchecked_into();
    target.dispatch_event(&event).unwrap();
}

/// A notebook of one Serve cell with the editor mounted (no engine: nothing runs).
fn mount_editor() -> (web_sys::HtmlElement, CellEntry) {
    let spec = CellSpec::Serve {
        model: "course_network".into(),
        songs: "song_properties".into(),
        label: "Typical song".into(),
        song: typical_song(),
        base_url: "http://127.0.0.1:8080".into(),
        served_model: "course_network".into(),
    };
    mount_cell_editor(spec, |entry| view! { <ServeEditor entry=entry/> })
}

/// The Serve cell's base URL, served model name, song tempo and song label.
fn served_settings(entry: CellEntry) -> (String, String, f64, String) {
    let CellSpec::Serve {
        base_url,
        served_model,
        song,
        label,
        ..
    } = entry.spec.get_untracked()
    else {
        panic!("the cell is still a Serve cell");
    };
    (base_url, served_model, song["tempo"], label)
}

#[wasm_bindgen_test]
async fn the_editor_has_the_predict_fields_and_edits_the_server_address() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(20)).await;
    // The Predict editor's model and song pickers, on the Serve cell's settings.
    let model = get(&root, "[data-testid=predict-model]");
    let chosen = js_sys::Reflect::get(&model, &"value".into()).unwrap();
    assert_eq!(chosen.as_string().as_deref(), Some("course_network"));
    assert!(text(&get(&root, "[data-testid=song-label]")).contains("Typical song"));
    change(&get(&root, "[data-testid=feature-tempo]"), "97");
    // Each edit lands after its event (as a person's would, one at a time).
    sleep(Duration::from_millis(50)).await;
    let base = get(&root, "[data-testid=serve-base-url]");
    assert_eq!(
        base.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "http://127.0.0.1:8080"
    );
    change(&base, " http://127.0.0.1:9000/ ");
    sleep(Duration::from_millis(50)).await;
    change(&get(&root, "[data-testid=serve-model-name]"), "jukebox");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        served_settings(entry),
        (
            "http://127.0.0.1:9000/".into(),
            "jukebox".into(),
            97.0,
            "Typical song (edited)".into()
        )
    );
}

fn classes() -> Vec<String> {
    COUNTRIES.iter().map(|c| c.code.to_string()).collect()
}

fn example_probabilities() -> Vec<f64> {
    let value: serde_json::Value = serde_json::from_str(RESPONSE_EXAMPLE).unwrap();
    serde_json::from_value(value["outputs"][0]["data"].clone()).unwrap()
}

fn score(local: Vec<f64>) -> Score {
    Score {
        features: FEATURES.iter().map(ToString::to_string).collect(),
        scaled: (0..13u8).map(|i| f32::from(i) / 12.0).collect(),
        classes: classes(),
        probabilities: local,
    }
}

/// 13 per-feature inputs, one named `bpm` instead of `tempo`.
fn metadata_text() -> String {
    let inputs: Vec<serde_json::Value> = FEATURES
        .iter()
        .map(|f| if *f == "tempo" { "bpm" } else { f })
        .map(|f| serde_json::json!({"name": f, "datatype": "FP32", "shape": [-1, 1]}))
        .collect();
    serde_json::json!({
        "name": "jukebox", "versions": ["1"], "platform": "onnx", "inputs": inputs,
        "outputs": [{"name": "output", "datatype": "FP32", "shape": [-1, 72]}],
    })
    .to_string()
}

#[wasm_bindgen_test]
fn the_output_shows_metadata_warnings_the_top_ten_and_the_largest_difference() {
    let served = example_probabilities();
    let mut local = served.clone();
    local[3] += 2.5e-6;
    let mut output = ServeOutput::new(score(local));
    let check = output.take_metadata(&metadata_text()).unwrap();
    let request = jukebox_core::serving::infer_request(&check.layout, &output.score.scaled);
    output.take_infer(RESPONSE_EXAMPLE);
    output.exchanges.push(Exchange {
        method: "POST",
        url: "http://127.0.0.1:8080/v2/models/jukebox/infer".into(),
        request: Some(request.to_string()),
        status: Some(200),
        response: RESPONSE_EXAMPLE.into(),
        round_trip_ms: 12.0,
    });
    let root = mount(move || view! { <ServeView output=output/> });

    let metadata = get(&root, "[data-testid=serve-metadata]");
    assert_eq!(
        all(&root, "[data-testid=serve-metadata] tbody tr").len(),
        14
    );
    assert!(text(&metadata).contains("bpm"));
    let warnings = all(&root, "[data-testid=serve-warning]");
    assert_eq!(warnings.len(), 1);
    assert!(text(&warnings[0]).contains("`bpm`") && text(&warnings[0]).contains("`tempo`"));

    let rows = all(&root, "[data-testid=serve-probabilities] tbody tr");
    assert_eq!(rows.len(), 10);
    // The example's most likely class is index 24 (0.461618…).
    let best = COUNTRIES[24].code;
    assert!(text(&rows[0]).starts_with(best), "{}", text(&rows[0]));
    assert!(text(&rows[0]).contains("0.461618"), "{}", text(&rows[0]));

    let diff = get(&root, "[data-testid=serve-max-diff]");
    let value: f64 = diff.get_attribute("data-value").unwrap().parse().unwrap();
    assert!((value - 2.5e-6).abs() < 1e-12, "{value}");
    assert!(
        text(&diff).contains("≤ 1e-5: the served model agrees"),
        "{}",
        text(&diff)
    );

    let nerds = get(&root, "[data-testid=serve-nerds]");
    assert_eq!(nerds.tag_name(), "DETAILS");
    assert_eq!(
        text(&get(&root, "[data-testid=serve-request]")),
        request.to_string()
    );
    assert_eq!(
        text(&get(&root, "[data-testid=serve-response]")),
        RESPONSE_EXAMPLE
    );
    assert!(
        text(&nerds).contains("→ HTTP 200 in 12 ms"),
        "{}",
        text(&nerds)
    );
    assert!(
        root.query_selector("[data-testid=serve-error]")
            .unwrap()
            .is_none()
    );
}

#[wasm_bindgen_test]
fn a_served_model_that_differs_says_so() {
    let served = example_probabilities();
    let local: Vec<f64> = served.iter().map(|p| p * 0.9).collect();
    let mut output = ServeOutput::new(score(local));
    output.take_infer(RESPONSE_EXAMPLE);
    let expected = served[24] * 0.1;
    assert!((output.max_diff().unwrap() - expected).abs() < 1e-12);
    let root = mount(move || view! { <ServeView output=output/> });
    let diff = get(&root, "[data-testid=serve-max-diff]");
    assert!(
        text(&diff).contains("> 1e-5: the served model differs"),
        "{}",
        text(&diff)
    );
}

#[wasm_bindgen_test]
async fn a_closed_port_is_an_error_in_words_saying_the_server_could_not_be_reached() {
    // Nothing listens there in the test machine: the fetch fails, and so does the second
    // `no-cors` request, so it is not a CORS refusal (that one would answer opaquely).
    let output = call("http://127.0.0.1:47/", "jukebox", score(vec![0.0; 72])).await;
    let error = output.error.clone().unwrap();
    assert!(
        error.starts_with("GET http://127.0.0.1:47/v2/models/jukebox failed (TypeError: "),
        "{error}"
    );
    assert!(
        error.contains(
            "The server at 127.0.0.1:47 could not be reached: the connection was refused"
        ),
        "{error}"
    );
    assert!(error.contains("Check the cell's base URL"), "{error}");
    assert!(!error.contains("CORS"), "{error}");
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert!(error.contains(&origin), "{error}");
    assert_eq!(output.exchanges.len(), 1);
    assert_eq!(output.exchanges[0].status, None);
    assert!(output.served.is_none() && output.metadata.is_none());
    let root = mount(move || view! { <ServeView output=output/> });
    assert_eq!(text(&get(&root, "[data-testid=serve-error]")), error);
    assert!(
        root.query_selector("[data-testid=serve-metadata]")
            .unwrap()
            .is_none()
    );
}

/// Typing in a field is not undone by another change to the cell before the field is
/// committed (a new cell's first preset song arrives while its address is being typed), and
/// two edits made in the same task both land.
#[wasm_bindgen_test]
async fn typing_survives_another_change_to_the_cell_and_edits_in_one_task_all_land() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(20)).await;
    let base = get(&root, "[data-testid=serve-base-url]");
    let input = base.unchecked_ref::<web_sys::HtmlInputElement>();
    input.set_value("http://127.0.0.1:34187");
    entry.spec.update(|spec| {
        if let CellSpec::Serve { label, .. } = spec {
            "The first preset".clone_into(label);
        }
    });
    sleep(Duration::from_millis(20)).await;
    assert_eq!(
        input.value(),
        "http://127.0.0.1:34187",
        "the typed address is kept"
    );
    change(&base, "http://127.0.0.1:34187");
    change(
        &get(&root, "[data-testid=serve-model-name]"),
        "course_network_single",
    );
    change(&get(&root, "[data-testid=feature-tempo]"), "97");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        served_settings(entry),
        (
            "http://127.0.0.1:34187".into(),
            "course_network_single".into(),
            97.0,
            "The first preset (edited)".into()
        )
    );
}
