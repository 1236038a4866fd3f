//! Browser tests of the Explain cell (wasm-bindgen-test in headless Chromium): its editor (the
//! Predict cell's song fields, the country, background rows, the counterfactual's goal and
//! global importance) and its output — the SHAP waterfall largest |SHAP| first with its
//! additivity, the counterfactual's changed features (or why there is none) and the global
//! importance bars. The engine is not running here: outputs are built in `monitor_values`.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Values set here are read back unchanged: exact comparisons are right.
#![allow(clippy::float_cmp)]

use std::time::Duration;

use jukebox_app::notebook::CellEntry;
use jukebox_app::notebook::cells::explain::ExplainEditor;
use jukebox_app::notebook::cells::explain::output::ExplainView;
use jukebox_core::course::FEATURES;
use jukebox_core::explain::Target;
use jukebox_core::explain::explain_cell::{DEFAULT_BACKGROUND_ROWS, ExplainSpec};
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, NewCell, Notebook, Source};
use jukebox_core::train::TrainSpec;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::monitor_values;
use common::{
    all, change, find, get, mount, notebook_in_context, sleep, testid, testid_text, text, value,
};
use monitor_values::{ESPRESSO, SHAP, explain_output};

/// The Explain cell's id in [`explain_notebook`].
const EXPLAIN_ID: u64 = 3;

/// `song_properties` loaded and `course_network` trained, then a new Explain cell (the
/// notebook's defaults) whose song was picked: "Espresso".
fn explain_notebook() -> Vec<Cell> {
    let mut cells = vec![
        Cell::new(
            1,
            CellSpec::Source {
                source: Source::Url {
                    name: "song_properties".into(),
                    url: String::new(),
                },
            },
        ),
        Cell::new(
            2,
            CellSpec::Train {
                input: "song_properties".into(),
                spec: TrainSpec::default(),
                output: "course_network".into(),
            },
        ),
    ];
    let above = Notebook {
        version: NOTEBOOK_VERSION,
        title: "explain".into(),
        cells: cells.clone(),
    };
    let mut spec = above.new_cell(NewCell::Explain, 2);
    let choice = spec.song_choice().unwrap();
    *choice.label = "Espresso — Sabrina Carpenter".into();
    *choice.song = FEATURES
        .iter()
        .zip(ESPRESSO)
        .map(|(f, v)| ((*f).to_string(), v))
        .collect();
    cells.push(Cell::new(EXPLAIN_ID, spec));
    cells
}

fn mount_editor() -> (web_sys::HtmlElement, CellEntry) {
    let entry = StoredValue::new(None);
    let root = mount(move || {
        let document = notebook_in_context(explain_notebook());
        let cell = document.entry(EXPLAIN_ID).unwrap();
        entry.set_value(Some(cell));
        view! { <ExplainEditor entry=cell/> }
    });
    (root, entry.get_value().unwrap())
}

fn explain_spec(entry: CellEntry) -> ExplainSpec {
    match entry.spec.get_untracked() {
        CellSpec::Explain(spec) => spec,
        other => panic!("not an Explain cell: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn the_explain_editor_has_the_predict_song_fields() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(value(&root, "predict-model"), "course_network");
    assert_eq!(value(&root, "predict-songs"), "song_properties");
    assert!(find(&root, "[data-testid=song-search]").is_some());
    assert!(testid_text(&root, "song-label").contains("Espresso — Sabrina Carpenter"));
    assert_eq!(all(&root, "[data-testid^=feature-value-]").len(), 13);
    assert_eq!(testid_text(&root, "feature-value-tempo"), "104 BPM");
    change(&testid(&root, "feature-tempo"), "97");
    sleep(Duration::from_millis(50)).await;
    let spec = explain_spec(entry);
    assert_eq!(spec.song["tempo"], 97.0);
    assert_eq!(spec.song["speechiness"], 0.0285, "other features stay");
    assert_eq!(spec.label, "Espresso — Sabrina Carpenter (edited)");
}

#[wasm_bindgen_test]
async fn each_explain_field_changes_the_cell() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(value(&root, "explain-country"), "FR");
    assert_eq!(value(&root, "explain-background"), "100");
    assert_eq!(value(&root, "explain-goal"), "top");
    assert!(find(&root, "[data-testid=explain-target]").is_none());
    let global = testid(&root, "explain-global").unchecked_into::<web_sys::HtmlInputElement>();
    assert!(!global.checked());
    assert_eq!(explain_spec(entry).background_rows, DEFAULT_BACKGROUND_ROWS);
    for (id, typed) in [
        ("explain-country", " gb "),
        ("explain-background", "250"),
        ("explain-goal", "at_least"),
        ("explain-global", "on"),
    ] {
        change(&testid(&root, id), typed);
        sleep(Duration::from_millis(30)).await;
    }
    let spec = explain_spec(entry);
    assert_eq!(spec.country, "GB");
    assert_eq!(spec.background_rows, 250);
    assert_eq!(spec.target_probability, Some(0.1));
    assert!(spec.global);
    // 1 to 1,000 background rows (each costs 2^13 model rows): others are ignored.
    for bad in ["0", "5000"] {
        change(&testid(&root, "explain-background"), bad);
        sleep(Duration::from_millis(30)).await;
        assert_eq!(explain_spec(entry).background_rows, 250, "{bad}");
    }
    // "At least a probability" brings its field.
    assert_eq!(value(&root, "explain-target"), "0.1");
    change(&testid(&root, "explain-target"), "0.25");
    sleep(Duration::from_millis(30)).await;
    assert_eq!(explain_spec(entry).target_probability, Some(0.25));
    change(&testid(&root, "explain-goal"), "top");
    change(&testid(&root, "explain-global"), "off");
    sleep(Duration::from_millis(30)).await;
    let spec = explain_spec(entry);
    assert_eq!(spec.target_probability, None);
    assert!(!spec.global);
    assert!(find(&root, "[data-testid=explain-target]").is_none());
}

/// A bar's or mark's `left` and `width` (percent of the track; 0 when not set).
fn span(bar: &web_sys::Element) -> (f64, f64) {
    let style = bar.get_attribute("style").unwrap();
    let number = |name: &str| -> f64 {
        style.find(name).map_or(0.0, |at| {
            let rest = &style[at + name.len()..];
            rest[..rest.find('%').unwrap()].trim().parse().unwrap()
        })
    };
    (number("left:"), number("width:"))
}

#[wasm_bindgen_test]
fn the_waterfall_goes_from_the_average_to_the_song_largest_shap_first() {
    let output = explain_output(true, false);
    let root = mount(move || view! { <ExplainView output=output/> });
    assert_eq!(
        text(&get(&root, "h3")),
        "Why P(France) = 1.8 % for Espresso — Sabrina Carpenter · exact Shapley values over \
         100 background rows"
    );
    let steps = all(&root, "[data-testid=shap-step]");
    let order: Vec<String> = steps
        .iter()
        .map(|s| s.get_attribute("data-feature").unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "speechiness",
            "danceability",
            "is_explicit",
            "loudness",
            "valence",
            "duration_ms",
            "acousticness",
            "tempo",
            "energy",
            "liveness",
            "key",
            "instrumentalness",
            "mode"
        ]
    );
    for step in &steps {
        let feature = step.get_attribute("data-feature").unwrap();
        let j = FEATURES.iter().position(|f| *f == feature).unwrap();
        let shap: f64 = step.get_attribute("data-shap").unwrap().parse().unwrap();
        assert_eq!(shap, SHAP[j], "{feature}");
        let up = get(step, ".waterfall-bar")
            .class_list()
            .contains("waterfall-up");
        assert_eq!(up, shap >= 0.0, "{feature}");
    }
    assert_eq!(
        text(&get(&steps[0], ".waterfall-name")),
        "speechiness = 0.02850"
    );
    assert_eq!(text(&get(&steps[0], ".waterfall-value")), "-1.37 pp");
    assert_eq!(text(&get(&steps[1], ".waterfall-value")), "+1.12 pp");
    // From the average's mark, each bar starts where the one before ended.
    let totals = all(&root, ".waterfall-total");
    assert_eq!(text(&totals[0]), "average over the background1.9 %");
    assert_eq!(text(&totals[1]), "this song1.8 %");
    let (average, _) = span(&get(&totals[0], ".waterfall-mark"));
    let (left, width) = span(&get(&steps[0], ".waterfall-bar"));
    assert!(
        (left + width - average).abs() < 0.02,
        "{left} + {width} vs {average}"
    );
    for (i, step) in steps.iter().enumerate() {
        let (left, width) = span(&get(step, ".waterfall-bar"));
        assert!(
            left >= 0.0 && left + width <= 100.0 + 0.3,
            "step {i}: {left} {width}"
        );
    }
    let additivity = testid_text(&root, "shap-additivity");
    let prefix = "average 1.9 % + Σ SHAP -0.1000 pp = 1.8 % (additivity off by ";
    assert!(additivity.starts_with(prefix), "{additivity}");
    let off: f64 = additivity[prefix.len()..additivity.len() - 1]
        .parse()
        .unwrap();
    assert!(off < 1e-12, "{additivity}");
}

#[wasm_bindgen_test]
fn the_counterfactual_lists_only_the_changed_features() {
    let output = explain_output(true, false);
    let root = mount(move || view! { <ExplainView output=output/> });
    let counterfactual = testid(&root, "counterfactual");
    assert!(text(&counterfactual).contains(
        "Change 3 feature(s) to make France the top country: P goes from 1.8 % to 14.3 % (L1 \
         distance 1.370 in scaled units)."
    ));
    let rows: Vec<Vec<String>> = all(&root, "[data-testid=counterfactual-row]")
        .iter()
        .map(|r| all(r, "th, td").iter().map(|c| text(c)).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["danceability", "0.7010", "0.8200"],
            ["speechiness", "0.02850", "0.1900"],
            ["valence", "0.6900", "0.4100"]
        ]
    );
    assert!(find(&root, "[data-testid=counterfactual-none]").is_none());
    assert!(
        find(&root, "[data-testid=global-importance]").is_none(),
        "not asked for"
    );
}

#[wasm_bindgen_test]
fn a_search_that_found_nothing_says_how_close_it_got() {
    let output = explain_output(false, false);
    let root = mount(move || view! { <ExplainView output=output/> });
    assert!(find(&root, "[data-testid=counterfactual-table]").is_none());
    assert_eq!(
        testid_text(&root, "counterfactual-none"),
        "No change within the training ranges makes France the top country within 4,000 model \
         evaluations (the closest reached P = 6.1 %)."
    );
    // A song that already reaches its goal needs no change.
    let mut output = explain_output(true, false);
    output.counterfactual.goal.target = Target::AtLeast { probability: 0.01 };
    let change = output.counterfactual.change.as_mut().unwrap();
    change.after = ESPRESSO.to_vec();
    change.changed.clear();
    change.distance = 0.0;
    let root = mount(move || view! { <ExplainView output=output/> });
    assert_eq!(
        testid_text(&root, "counterfactual-none"),
        "The song already makes P(France) ≥ 1.0 %: nothing to change."
    );
}

/// The bars of `testid`: feature, bar width (percent) and text, top first.
fn bars(root: &web_sys::Element, testid: &str) -> Vec<(String, f64, String)> {
    all(root, &format!("[data-testid={testid}] li"))
        .iter()
        .map(|li| {
            let (_, width) = span(&get(li, ".top-country-bar"));
            let value = text(&get(li, ".top-country-p"));
            (li.get_attribute("data-feature").unwrap(), width, value)
        })
        .collect()
}

#[wasm_bindgen_test]
fn global_importance_draws_both_rankings_largest_first() {
    let output = explain_output(true, true);
    let root = mount(move || view! { <ExplainView output=output/> });
    let global = testid(&root, "global-importance");
    let headings: Vec<String> = all(&global, "h4").iter().map(|h| text(h)).collect();
    assert_eq!(
        headings,
        [
            "Permutation importance: accuracy drop on 2,000 test rows (baseline 21.4 %)",
            "Mean |SHAP| over 10 test rows"
        ]
    );
    let permutation = bars(&root, "permutation-bars");
    assert_eq!(permutation.len(), 13);
    assert_eq!(
        permutation[0],
        ("danceability".into(), 100.0, "+0.0310 ± 0.0020".into())
    );
    assert_eq!(permutation[1].0, "speechiness");
    assert_eq!(permutation[2].0, "loudness");
    let last = permutation.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.1, last.2.as_str()),
        ("mode", 0.0, "-0.0005 ± 0.0020"),
        "shuffling `mode` helped: no bar"
    );
    let widths: Vec<f64> = permutation.iter().map(|b| b.1).collect();
    assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{widths:?}");
    let shap = bars(&root, "mean-shap-bars");
    assert_eq!(shap.len(), 13);
    assert_eq!(shap[0], ("danceability".into(), 100.0, "0.980 pp".into()));
    assert_eq!(shap[1].0, "speechiness");
    assert_eq!(shap[12].0, "mode");
}
