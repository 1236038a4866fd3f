//! Browser tests of the Drift cell (wasm-bindgen-test in headless Chromium): its editor in a
//! notebook with a model and datasets above it, and its output — every test side by side with
//! drift marks, the alert banner exactly when the chosen test finds drift, one histogram per
//! feature and the drift per week. The engine is not running here: outputs are built in
//! `monitor_values`.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Values set here are read back unchanged: exact comparisons are right.
#![allow(clippy::float_cmp)]

use std::time::Duration;

use jukebox_app::notebook::cells::drift::DriftEditor;
use jukebox_app::notebook::cells::drift::output::{DriftCellOutput, DriftView};
use jukebox_app::notebook::{CellEntry, CellOutput};
use jukebox_core::monitor::drift::DriftTest;
use jukebox_core::monitor::drift_cell::{DriftReference, DriftSpec};
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, NewCell, Notebook, Source};
use jukebox_core::train::TrainSpec;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use crate::monitor_values;
use common::{all, change, find, get, mount, mount_wide, notebook_in_context, sleep, testid, text};
use monitor_values::{ALPHA, drift_output, drifted_features, over_time};

fn source(name: &str) -> CellSpec {
    CellSpec::Source {
        source: Source::Url {
            name: name.into(),
            url: String::new(),
        },
    }
}

/// The Drift cell's id in [`drift_notebook`].
const DRIFT_ID: u64 = 4;

/// `charts_2024` loaded and `course_network` trained on it, then `charts_2025` loaded; a
/// new Drift cell (the notebook's defaults for that place); `charts_2026` loaded below it.
fn drift_notebook() -> Vec<Cell> {
    let mut cells = vec![
        Cell::new(1, source("charts_2024")),
        Cell::new(
            2,
            CellSpec::Train {
                input: "charts_2024".into(),
                spec: TrainSpec::default(),
                output: "course_network".into(),
            },
        ),
        Cell::new(3, source("charts_2025")),
    ];
    let above = Notebook {
        version: NOTEBOOK_VERSION,
        title: "drift".into(),
        cells: cells.clone(),
    };
    cells.push(Cell::new(DRIFT_ID, above.new_cell(NewCell::Drift, 3)));
    cells.push(Cell::new(5, source("charts_2026")));
    cells
}

fn mount_editor() -> (web_sys::HtmlElement, CellEntry) {
    let entry = StoredValue::new(None);
    let root = mount(move || {
        let document = notebook_in_context(drift_notebook());
        let cell = document.entry(DRIFT_ID).unwrap();
        entry.set_value(Some(cell));
        view! { <DriftEditor entry=cell/> }
    });
    (root, entry.get_value().unwrap())
}

fn drift_spec(entry: CellEntry) -> DriftSpec {
    match entry.spec.get_untracked() {
        CellSpec::Drift(spec) => spec,
        other => panic!("not a Drift cell: {other:?}"),
    }
}

/// A select's options as `(value, text)`, and its chosen value.
fn options(select: &web_sys::Element) -> (Vec<(String, String)>, String) {
    let options = all(select, "option")
        .iter()
        .map(|o| (o.get_attribute("value").unwrap(), text(o)))
        .collect();
    let chosen = select.unchecked_ref::<web_sys::HtmlSelectElement>().value();
    (options, chosen)
}

#[wasm_bindgen_test]
async fn a_new_drift_cell_compares_the_model_above_with_the_newest_dataset_above() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    let (references, chosen) = options(&testid(&root, "drift-reference"));
    let pair = |key: &str, words: &str| (key.to_string(), words.to_string());
    assert_eq!(
        references,
        [
            pair(
                "model:course_network",
                "training rows of model course_network"
            ),
            pair("data:charts_2024", "dataset charts_2024"),
            pair("data:charts_2025", "dataset charts_2025"),
        ],
        "the model and datasets above, nothing below"
    );
    assert_eq!(chosen, "model:course_network");
    let (current, chosen) = options(&testid(&root, "drift-current"));
    assert!(current.iter().any(|(v, _)| v == "charts_2024"));
    // A model is not a dataset: the Train cell above writes no table.
    assert!(
        !current.iter().any(|(v, _)| v.starts_with("model:")),
        "{current:?}"
    );
    assert!(!current.iter().any(|(v, _)| v == "charts_2026"));
    assert_eq!(chosen, "charts_2025");
    let (tests, chosen) = options(&testid(&root, "drift-test"));
    let words: Vec<&str> = tests.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(words, ["meanshift", "welch", "ks", "psi", "evidently"]);
    assert_eq!(chosen, "meanshift");
    let alpha = testid(&root, "drift-alpha").unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(alpha.value(), "0.05");
    let scaled = testid(&root, "drift-scaled").unchecked_into::<web_sys::HtmlInputElement>();
    assert!(!scaled.checked());
    let spec = drift_spec(entry);
    assert!(spec.features.is_empty() && spec.alpha == ALPHA);
}

#[wasm_bindgen_test]
async fn each_drift_field_changes_the_cell() {
    let (root, entry) = mount_editor();
    sleep(Duration::from_millis(50)).await;
    // Each edit lands after its event, as a person's would, one at a time.
    for (id, value) in [
        ("drift-reference", "data:charts_2024"),
        ("drift-current", "charts_2025"),
        ("drift-test", "ks"),
        ("drift-alpha", "0.01"),
        ("drift-features", " tempo, energy ,, danceability "),
        ("drift-scaled", "on"),
    ] {
        change(&testid(&root, id), value);
        sleep(Duration::from_millis(30)).await;
    }
    assert_eq!(
        drift_spec(entry),
        DriftSpec {
            reference: DriftReference::Dataset {
                name: "charts_2024".into()
            },
            current: "charts_2025".into(),
            current_scaled: true,
            features: vec!["tempo".into(), "energy".into(), "danceability".into()],
            test: DriftTest::KolmogorovSmirnov,
            alpha: 0.01,
        }
    );
    // α outside (0, 1) is not a significance level: the cell keeps 0.01.
    for bad in ["0", "1.5", "-0.05", "many"] {
        change(&testid(&root, "drift-alpha"), bad);
        sleep(Duration::from_millis(30)).await;
        assert_eq!(drift_spec(entry).alpha, 0.01, "{bad}");
        // ...and the field shows what the cell kept, not the refused text.
        let field = testid(&root, "drift-alpha").unchecked_into::<web_sys::HtmlInputElement>();
        assert_eq!(field.value(), "0.01", "after {bad}");
    }
    change(&testid(&root, "drift-reference"), "model:course_network");
    change(&testid(&root, "drift-scaled"), "off");
    sleep(Duration::from_millis(30)).await;
    let spec = drift_spec(entry);
    assert_eq!(
        spec.reference,
        DriftReference::Training {
            model: "course_network".into()
        }
    );
    assert!(!spec.current_scaled);
}

/// The row of `feature`: its cells' texts and `data-drifted` per test column.
fn row(root: &web_sys::Element, feature: &str) -> (Vec<String>, Vec<(String, bool)>) {
    let row = get(
        root,
        &format!("[data-testid=drift-row][data-feature={feature}]"),
    );
    let texts = all(&row, "th, td").iter().map(|c| text(c)).collect();
    let marks = all(&row, "td[data-test]")
        .iter()
        .map(|c| {
            let drifted = c.get_attribute("data-drifted").unwrap();
            (c.get_attribute("data-test").unwrap(), drifted == "true")
        })
        .collect();
    (texts, marks)
}

fn marks(flags: [bool; 5]) -> Vec<(String, bool)> {
    ["meanshift", "welch", "ks", "psi", "evidently"]
        .into_iter()
        .zip(flags)
        .map(|(t, f)| (t.to_string(), f))
        .collect()
}

#[wasm_bindgen_test]
fn drift_table_shows_every_test_per_feature_and_marks_drift() {
    let output = drift_output(drifted_features(), DriftTest::MeanShift);
    let root = mount(move || view! { <DriftView output=output/> });
    assert_eq!(
        text(&get(&root, "h3")),
        "`charts_2025` (1,200 rows) against training rows of `course_network` (5,000 rows)"
    );
    let features: Vec<String> = all(&root, "[data-testid=drift-row]")
        .iter()
        .map(|r| r.get_attribute("data-feature").unwrap())
        .collect();
    assert_eq!(features, ["tempo", "energy", "danceability"]);
    let (tempo, tempo_marks) = row(&root, "tempo");
    assert_eq!(
        tempo,
        [
            "tempo",
            "119.8",
            "126.3",
            "1.20e-12drift",
            "4.10e-12drift",
            "3.10e-11drift",
            "0.2410drift",
            "0.1340drift"
        ]
    );
    assert_eq!(tempo_marks, marks([true; 5]));
    let (energy, energy_marks) = row(&root, "energy");
    assert_eq!(
        energy,
        [
            "energy", "0.6520", "0.6490", "0.4010", "0.4070", "0.7720", "0.01200", "0.01800"
        ]
    );
    assert_eq!(energy_marks, marks([false; 5]));
    let (_, danceability_marks) = row(&root, "danceability");
    assert_eq!(
        danceability_marks,
        marks([false, false, true, false, false]),
        "KS alone sees its shape move"
    );
    // The chosen test's column stands out; a cell's title says how it was computed.
    let chosen: Vec<String> = all(&root, "td.drift-chosen")
        .iter()
        .map(|c| c.get_attribute("data-test").unwrap())
        .collect();
    assert_eq!(chosen, ["meanshift"; 3]);
    let ks = get(&root, "[data-feature=tempo] td[data-test=ks]");
    assert_eq!(
        ks.get_attribute("title").unwrap(),
        "ks: statistic 0.1120, p 3.10e-11 (ks_asymptotic)"
    );
    assert_eq!(
        text(&testid(&root, "drift-dataset")),
        "Dataset drift (Evidently's rule, ≥ 50 % of features): no — 33 % of features drifted"
    );
}

#[wasm_bindgen_test]
fn the_alert_names_the_features_the_chosen_test_finds_drifted() {
    let meanshift = drift_output(drifted_features(), DriftTest::MeanShift);
    let root = mount(move || view! { <DriftView output=meanshift/> });
    let alert = testid(&root, "cell-alert");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        text(&alert),
        "Drift in 1 of 3 features (meanshift, p ≤ 0.05): tempo. Retrain on recent data, or \
         check the data feeding the model."
    );
    let ks = drift_output(drifted_features(), DriftTest::KolmogorovSmirnov);
    let root = mount(move || view! { <DriftView output=ks/> });
    assert!(text(&testid(&root, "cell-alert")).contains("(ks, p ≤ 0.05): tempo, danceability."));
    let psi = drift_output(drifted_features(), DriftTest::Psi);
    let root = mount(move || view! { <DriftView output=psi/> });
    assert!(
        text(&testid(&root, "cell-alert")).starts_with("Drift in 1 of 3 features (psi, ≥ 0.2)")
    );
}

#[wasm_bindgen_test]
fn no_alert_when_only_other_tests_find_drift() {
    let calm: Vec<_> = drifted_features()
        .into_iter()
        .filter(|f| f.feature != "tempo")
        .collect();
    let output = drift_output(calm, DriftTest::MeanShift);
    let root = mount(move || view! { <DriftView output=output/> });
    assert!(find(&root, "[data-testid=cell-alert]").is_none());
    // KS still marks danceability in its column.
    let ks = get(&root, "[data-feature=danceability] td[data-test=ks]");
    assert_eq!(ks.get_attribute("data-drifted").as_deref(), Some("true"));
    assert!(find(&root, "[data-feature=danceability] .drift-badge").is_some());
}

#[wasm_bindgen_test]
async fn the_cell_output_follows_the_cells_last_run() {
    let entry = StoredValue::new(None::<CellEntry>);
    let root = mount(move || {
        let document = notebook_in_context(drift_notebook());
        let cell = document.entry(DRIFT_ID).unwrap();
        entry.set_value(Some(cell));
        view! { <DriftCellOutput entry=cell/> }
    });
    let entry = entry.get_value().unwrap();
    assert!(
        find(&root, "[data-testid=drift-view]").is_none(),
        "not run yet"
    );
    let drifted = drift_output(drifted_features(), DriftTest::MeanShift);
    entry
        .output
        .set(Some(CellOutput::Drifted(Box::new(drifted))));
    sleep(Duration::from_millis(30)).await;
    assert!(find(&root, "[data-testid=cell-alert]").is_some());
    let calm = drifted_features()
        .into_iter()
        .filter(|f| f.feature == "energy")
        .collect();
    let calm = drift_output(calm, DriftTest::MeanShift);
    entry.output.set(Some(CellOutput::Drifted(Box::new(calm))));
    sleep(Duration::from_millis(30)).await;
    assert_eq!(all(&root, "[data-testid=drift-row]").len(), 1);
    assert!(
        find(&root, "[data-testid=cell-alert]").is_none(),
        "a run without drift clears the alert"
    );
}

#[wasm_bindgen_test]
fn one_histogram_per_feature_overlays_reference_and_current() {
    let output = drift_output(drifted_features(), DriftTest::MeanShift);
    let root = mount(move || view! { <DriftView output=output/> });
    let histograms = all(&root, "[data-testid=drift-histogram]");
    let features: Vec<String> = histograms
        .iter()
        .map(|h| h.get_attribute("data-feature").unwrap())
        .collect();
    assert_eq!(features, ["tempo", "energy", "danceability"]);
    for histogram in &histograms {
        assert_eq!(all(histogram, "rect.hist-reference").len(), 30);
        assert_eq!(all(histogram, "rect.hist-current").len(), 30);
        // Every bar lies inside the drawing.
        for bar in all(histogram, "rect") {
            let number = |name: &str| -> f64 { bar.get_attribute(name).unwrap().parse().unwrap() };
            assert!(number("height") >= 0.0 && number("y") >= 0.0, "{bar:?}");
            assert!(number("y") + number("height") <= 80.0 + 1e-9);
            assert!(number("x") + number("width") <= 240.0 + 0.02);
        }
    }
    let tempo = &histograms[0];
    assert_eq!(text(&get(tempo, ".drift-histogram-range")), "60.00200.0");
    assert_eq!(
        get(tempo, "svg").get_attribute("aria-label").unwrap(),
        "tempo: reference and current distributions from 60.00 to 200.0"
    );
    // The tallest bar fills the height.
    let tallest = all(tempo, "rect")
        .iter()
        .map(|r| r.get_attribute("height").unwrap().parse::<f64>().unwrap())
        .fold(0.0, f64::max);
    assert_eq!(tallest, 80.0);
    assert!(
        find(&root, "[data-testid=drift-over-time]").is_none(),
        "no date column"
    );
}

#[wasm_bindgen_test]
async fn drift_per_week_is_drawn_when_the_current_rows_have_dates() {
    let mut output = drift_output(drifted_features(), DriftTest::MeanShift);
    output.over_time = Some(over_time());
    let root = mount_wide(800, move || view! { <DriftView output=output/> });
    sleep(Duration::from_millis(50)).await;
    let over_time = testid(&root, "drift-over-time");
    assert_eq!(over_time.get_attribute("data-weeks").as_deref(), Some("3"));
    let chart = get(&over_time, "[data-testid=chart]");
    assert_eq!(chart.get_attribute("data-kind").as_deref(), Some("line"));
    assert_eq!(
        get(&chart, "canvas").get_attribute("aria-label").unwrap(),
        "Drift per week of `snapshot_date`"
    );
    assert!(find(&chart, "[data-testid=chart-error]").is_none());
}
