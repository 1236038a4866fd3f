//! Browser tests of the Train cell (wasm-bindgen-test in headless Chromium): the Train
//! editor's fields and checks, the live training panel and the trained report (the
//! evaluation's views are in `model_evaluate.rs`). The engine is not running here: every
//! report is built in the test.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]
// Shares compared here are set by the tests and read back unchanged.
#![allow(clippy::float_cmp)]

use std::collections::BTreeMap;
use std::time::Duration;

use jukebox_app::engine_client::Progress;
use jukebox_app::notebook::cells::editor::CellEditor;
use jukebox_app::notebook::cells::output::CellOutputView;
use jukebox_app::notebook::cells::train::estimate::{
    TrainPlanView, offered_sample, training_rows, warning_text,
};
use jukebox_app::notebook::cells::train::{TrainedView, TrainingLive};
use jukebox_app::notebook::{CellEntry, CellStatus, Document};
use jukebox_core::countries::COUNTRIES;
use jukebox_core::course::FEATURES;
use jukebox_core::notebook::{Cell, CellSpec, Source};
use jukebox_core::summary::TableSummary;
use jukebox_core::train::plan::{EstimateBasis, TrainingPlan, UnseenClasses};
use jukebox_core::train::scaler::Scaler;
use jukebox_core::train::{
    CurvePoint, EpochRecord, EvalSplit, ModelSpec, ScalerKind, SplitMethod, SplitSizes,
    TrainProgress, TrainReport, TrainSpec,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common;
use common::{find, get, mount_wide, notebook_in_context, sleep, testid, testid_text};

fn input_value(root: &web_sys::HtmlElement, id: &str) -> String {
    testid(root, id)
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

/// Types `value` into a field or select and fires `change`, as leaving the field does.
fn change(root: &web_sys::HtmlElement, id: &str, value: &str) {
    let element = testid(root, id);
    js_sys::Reflect::set(&element, &"value".into(), &value.into()).unwrap();
    let event = web_sys::Event::new("change").unwrap();
    element.dispatch_event(&event).unwrap();
}

/// The Train cell's id in [`train_notebook`].
const TRAIN_ID: u64 = 2;

/// A notebook with a data source `tracks` and a Train cell on it, its state provided as
/// context, and `tracks`' columns known (no rows, so no time estimate is asked for).
fn train_notebook() -> Document {
    let state = notebook_in_context(vec![
        Cell::new(
            1,
            CellSpec::Source {
                source: Source::Url {
                    name: "tracks".into(),
                    url: String::new(),
                },
            },
        ),
        Cell::new(
            TRAIN_ID,
            CellSpec::Train {
                input: "tracks".into(),
                spec: TrainSpec::default(),
                output: "model".into(),
            },
        ),
    ]);
    let mut columns: Vec<(String, String)> = FEATURES
        .iter()
        .map(|f| ((*f).to_string(), "f64".to_string()))
        .collect();
    columns.push(("country".into(), "str".into()));
    columns.push(("name".into(), "str".into()));
    columns.push(("popularity".into(), "i64".into()));
    state.datasets.set(BTreeMap::from([(
        "tracks".to_string(),
        TableSummary {
            name: "tracks".into(),
            n_rows: 0,
            n_columns: columns.len(),
            columns,
            date_range: None,
        },
    )]));
    state
}

fn train_entry(state: &Document) -> CellEntry {
    state
        .cells
        .get_untracked()
        .into_iter()
        .find(|c| c.id == TRAIN_ID)
        .unwrap()
}

fn train_spec(entry: CellEntry) -> TrainSpec {
    match entry.spec.get_untracked() {
        CellSpec::Train { spec, .. } => spec,
        other => panic!("not a Train cell: {other:?}"),
    }
}

fn mount_train_editor() -> (web_sys::HtmlElement, CellEntry) {
    let entry = StoredValue::new(None);
    let root = mount_wide(900, move || {
        let state = train_notebook();
        let cell = train_entry(&state);
        entry.set_value(Some(cell));
        view! { <CellEditor entry=cell/> }
    });
    (root, entry.get_value().unwrap())
}

#[wasm_bindgen_test]
async fn train_editor_shows_the_network_fields_and_switching_the_model_changes_them() {
    let (root, entry) = mount_train_editor();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(input_value(&root, "train-hidden"), "32, 64, 128, 256");
    assert_eq!(input_value(&root, "train-epochs"), "2");
    assert_eq!(input_value(&root, "train-batch"), "32");
    assert_eq!(input_value(&root, "train-lr"), "0.001");
    assert!(find(&root, "[data-testid=train-trees]").is_none());
    // The course's 13 are ticked, other numeric columns offered, text columns not.
    let checked = |name: &str| {
        testid(&root, &format!("train-feature-{name}"))
            .unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    };
    assert!(FEATURES.iter().all(|f| checked(f)));
    assert!(!checked("popularity"));
    assert!(find(&root, "[data-testid=train-feature-country]").is_none());
    assert!(find(&root, "[data-testid=train-feature-name]").is_none());

    change(&root, "train-model", "random_forest");
    sleep(Duration::from_millis(50)).await;
    assert!(matches!(
        train_spec(entry).model,
        ModelSpec::RandomForest(p) if p.n_trees == 50 && p.max_depth == Some(16)
    ));
    assert_eq!(input_value(&root, "train-trees"), "50");
    assert_eq!(input_value(&root, "train-depth"), "16");
    assert!(find(&root, "[data-testid=train-hidden]").is_none());

    change(&root, "train-trees", "120");
    sleep(Duration::from_millis(50)).await;
    assert!(matches!(train_spec(entry).model, ModelSpec::RandomForest(p) if p.n_trees == 120));

    change(&root, "train-model", "hist_gradient_boosting");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(input_value(&root, "train-iterations"), "100");
    assert_eq!(input_value(&root, "train-leaves"), "31");
    assert_eq!(input_value(&root, "train-min-leaf"), "20");
    assert!(find(&root, "[data-testid=train-trees]").is_none());
    change(&root, "train-iterations", "40");
    testid(&root, "train-early-stopping")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    sleep(Duration::from_millis(50)).await;
    assert!(matches!(
        train_spec(entry).model,
        ModelSpec::HistGradientBoosting(p) if p.max_iter == 40 && !p.early_stopping
    ));

    change(&root, "train-model", "knn");
    sleep(Duration::from_millis(50)).await;
    assert_eq!(input_value(&root, "train-k"), "5");
    assert!(find(&root, "[data-testid=train-trees]").is_none());
}

#[wasm_bindgen_test]
async fn an_invalid_hidden_layer_text_shows_an_error_and_leaves_the_spec_alone() {
    let (root, entry) = mount_train_editor();
    change(&root, "train-hidden", "32, abc");
    sleep(Duration::from_millis(50)).await;
    assert!(
        testid_text(&root, "train-hidden-error").contains("`abc` is not a whole number"),
        "{}",
        testid_text(&root, "train-hidden-error")
    );
    let ModelSpec::Network(params) = train_spec(entry).model else {
        panic!("the model changed");
    };
    assert_eq!(params.hidden, vec![32, 64, 128, 256]);

    change(&root, "train-hidden", "16, 8");
    sleep(Duration::from_millis(50)).await;
    assert!(find(&root, "[data-testid=train-hidden-error]").is_none());
    let ModelSpec::Network(params) = train_spec(entry).model else {
        panic!("the model changed kind");
    };
    assert_eq!(params.hidden, vec![16, 8]);
}

#[wasm_bindgen_test]
async fn unticking_a_feature_drops_it_and_course_13_puts_them_back() {
    let (root, entry) = mount_train_editor();
    let tempo = testid(&root, "train-feature-tempo");
    tempo.click();
    sleep(Duration::from_millis(50)).await;
    let features = train_spec(entry).features;
    assert_eq!(features.len(), 12);
    assert!(!features.iter().any(|f| f == "tempo"));
    testid(&root, "train-course-features").click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(
        train_spec(entry).features,
        FEATURES.map(String::from).to_vec()
    );
}

#[wasm_bindgen_test]
fn a_slow_estimate_offers_the_largest_sample_that_takes_under_a_minute() {
    // The course's 1,118,750 rows: test 20 %, then validation 20 % of the rest → 64 %.
    let rows = training_rows(1_118_750, &TrainSpec::default());
    assert_eq!(rows, 716_000);
    assert_eq!(offered_sample(360.0, rows), Some(100_000));
    assert_eq!(
        warning_text(360.0, rows, 100_000),
        "≈ 6 min on 716,000 training rows — train on a 100,000-row sample?"
    );
    // 20 min: 100,000 rows would take 168 s, 50,000 84 s, 20,000 34 s.
    assert_eq!(offered_sample(1200.0, rows), Some(20_000));
    assert_eq!(offered_sample(45.0, rows), None);
    let sampled = TrainSpec {
        max_train_rows: Some(50_000),
        ..TrainSpec::default()
    };
    assert_eq!(training_rows(1_118_750, &sampled), 50_000);
}

/// A plan as the engine answers it: 1,280 rows, one with a null, measured at 16.6 s.
fn plan(unseen: Vec<UnseenClasses>) -> TrainingPlan {
    TrainingPlan {
        sizes: SplitSizes {
            n_rows: 1280,
            n_dropped: 1,
            n_train: 818,
            n_validation: 205,
            n_test: 256,
        },
        target: "country".into(),
        n_classes: 40,
        unseen,
        sorted_by_target: true,
        seconds: 16.6,
        basis: EstimateBasis::Measured,
    }
}

fn mount_plan(plan: TrainingPlan) -> (web_sys::HtmlElement, CellEntry) {
    let entry = StoredValue::new(None);
    let root = mount_wide(900, move || {
        let state = train_notebook();
        let cell = train_entry(&state);
        entry.set_value(Some(cell));
        view! { <TrainPlanView entry=cell plan=plan.clone()/> }
    });
    (root, entry.get_value().unwrap())
}

#[wasm_bindgen_test]
fn the_estimate_says_the_measured_time_and_the_rows_left_after_dropping_nulls() {
    let (root, _) = mount_plan(plan(Vec::new()));
    assert_eq!(
        testid_text(&root, "train-estimate")
            .split(" · measured")
            .next()
            .unwrap(),
        "Training: ≈ 17 s on 818 rows"
    );
    assert!(testid_text(&root, "train-estimate").contains("· measured on this device"));
    assert_eq!(
        testid_text(&root, "train-rows"),
        "1,279 of 1,280 rows have every value (1 dropped) → 818 training, 205 validation, 256 test"
    );
    assert_eq!(
        testid(&root, "train-estimate")
            .get_attribute("data-seconds")
            .unwrap(),
        "16.6"
    );
    assert!(find(&root, "[data-testid=train-unseen-warning]").is_none());
}

#[wasm_bindgen_test]
async fn unseen_countries_are_named_and_the_shuffled_split_is_one_click() {
    let unseen = UnseenClasses {
        part: EvalSplit::Test,
        classes: (0..8).map(|i| COUNTRIES[i].code.to_string()).collect(),
        n_part_classes: 8,
    };
    let (root, entry) = mount_plan(plan(vec![unseen]));
    let warning = testid_text(&root, "train-unseen-warning");
    assert!(
        warning.starts_with("8 of 8 countries in the test part never appear in training"),
        "{warning}"
    );
    assert!(
        warning.contains("the rows look sorted by country"),
        "{warning}"
    );
    assert_eq!(train_spec(entry).split.method, SplitMethod::Course);
    testid(&root, "train-use-shuffled")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(train_spec(entry).split.method, SplitMethod::Shuffled);
}

fn history(n: usize) -> Vec<EpochRecord> {
    (1..=n)
        .map(|epoch| EpochRecord {
            epoch,
            train_loss: 3.5 - 0.4 * epoch as f64,
            train_accuracy: 0.1 + 0.05 * epoch as f64,
            validation_loss: 3.6 - 0.35 * epoch as f64,
            validation_accuracy: 0.09 + 0.04 * epoch as f64,
        })
        .collect()
}

fn curve(n: usize) -> Vec<CurvePoint> {
    (1..=n)
        .map(|i| CurvePoint {
            epoch: i as f64 / 10.0,
            loss: 4.0 - i as f64 * 0.05,
            accuracy: 0.02 * i as f64,
        })
        .collect()
}

fn progress(n_points: usize) -> TrainProgress {
    TrainProgress {
        stage: "epoch 1 of 2".into(),
        done: 1_200,
        total: 4_000,
        unit: "batch".into(),
        points: curve(n_points),
        history: history(1),
    }
}

fn polyline_points(root: &web_sys::HtmlElement, class: &str) -> usize {
    get(
        root,
        &format!("[data-testid=train-curves] polyline.{class}"),
    )
    .get_attribute("points")
    .unwrap()
    .split_whitespace()
    .count()
}

#[wasm_bindgen_test]
async fn live_panel_shows_units_done_and_draws_the_points_as_they_arrive() {
    let live = RwSignal::new(progress(7));
    let root = mount_wide(800, move || view! { <TrainingLive progress=live/> });
    let bar = testid(&root, "train-progress");
    assert_eq!(bar.get_attribute("data-done").unwrap(), "1200");
    assert_eq!(bar.get_attribute("data-total").unwrap(), "4000");
    assert!(
        bar.text_content()
            .unwrap()
            .contains("epoch 1 of 2 · batch 1,200 of 4,000")
    );
    // 7 training points and the validation point of epoch 1.
    let curves = testid(&root, "train-curves");
    assert_eq!(curves.get_attribute("data-points").unwrap(), "8");
    assert_eq!(polyline_points(&root, "curve-training"), 7);
    live.set(progress(12));
    sleep(Duration::from_millis(30)).await;
    let same = testid(&root, "train-curves");
    assert!(curves.is_same_node(Some(&same)), "curves update in place");
    assert_eq!(same.get_attribute("data-points").unwrap(), "13");
    assert_eq!(polyline_points(&root, "curve-training"), 12);
}

#[wasm_bindgen_test]
async fn a_cell_shows_the_live_panel_only_while_its_training_runs() {
    let entry = StoredValue::new(None);
    let root = mount_wide(800, move || {
        let state = train_notebook();
        let cell = train_entry(&state);
        entry.set_value(Some(cell));
        view! { <CellOutputView entry=cell/> }
    });
    let entry: CellEntry = entry.get_value().unwrap();
    assert!(find(&root, "[data-testid=train-progress]").is_none());
    entry.status.set(CellStatus::Running(Some(Progress {
        stage: "epoch 1 of 2".into(),
        done_bytes: 1_200,
        total_bytes: Some(4_000),
        training: Some(progress(5)),
    })));
    sleep(Duration::from_millis(30)).await;
    assert_eq!(
        testid(&root, "train-curves")
            .get_attribute("data-points")
            .unwrap(),
        "6"
    );
    entry.status.set(CellStatus::Done {
        elapsed_ms: 1.0,
        wall_ms: 1.0,
    });
    sleep(Duration::from_millis(30)).await;
    assert!(find(&root, "[data-testid=train-progress]").is_none());
}

fn report(cancelled: bool) -> TrainReport {
    TrainReport {
        model: "model".into(),
        spec: TrainSpec::default(),
        classes: COUNTRIES.iter().map(|c| c.code.to_string()).collect(),
        sizes: SplitSizes {
            n_rows: 1_146_100,
            n_dropped: 27_350,
            n_train: 716_000,
            n_validation: 179_000,
            n_test: 223_750,
        },
        scaler: Scaler {
            kind: ScalerKind::MinMax,
            offset: vec![0.0; 13],
            factor: vec![1.0; 13],
        },
        history: history(2),
        points: curve(20),
        validation_accuracy: 0.1712,
        test_accuracy: 0.1534,
        cancelled,
    }
}

#[wasm_bindgen_test]
fn trained_view_shows_sizes_accuracies_against_chance_and_the_history() {
    let root = mount_wide(800, || view! { <TrainedView report=Some(report(false))/> });
    testid(&root, "trained-view");
    assert_eq!(
        testid_text(&root, "trained-rows"),
        "1,146,100 (27,350 dropped with nulls)"
    );
    assert_eq!(
        testid_text(&root, "trained-split"),
        "train 716,000 · validation 179,000 · test 223,750"
    );
    let accuracy = testid(&root, "trained-accuracy");
    assert_eq!(accuracy.get_attribute("data-value").unwrap(), "0.1534");
    assert!(accuracy.text_content().unwrap().contains("15.3 %"));
    assert!(testid_text(&root, "trained-validation-accuracy").contains("17.1 %"));
    // 1/72 = 0.0139.
    assert!(testid_text(&root, "trained-chance").contains("Chance (1/72)1.4 %"));
    let rows = root
        .query_selector_all("[data-testid=trained-history] tbody tr")
        .unwrap();
    assert_eq!(rows.length(), 2);
    let second = rows.item(1).unwrap().text_content().unwrap();
    // Epoch 2: loss 3.5 - 0.8, accuracy 0.1 + 0.1, validation 3.6 - 0.7 and 0.09 + 0.08.
    assert_eq!(second, "22.700020.0 %2.900017.0 %");
    assert!(find(&root, "[data-testid=trained-cancelled]").is_none());
    assert_eq!(
        testid(&root, "train-curves")
            .get_attribute("data-points")
            .unwrap(),
        "22"
    );
}

#[wasm_bindgen_test]
fn a_cancelled_training_says_after_which_epoch() {
    let mut cancelled = report(true);
    cancelled.history = history(1);
    let root = mount_wide(800, move || view! { <TrainedView report=Some(cancelled)/> });
    assert_eq!(
        testid_text(&root, "trained-cancelled"),
        "Cancelled after epoch 1: the model is kept as it was then."
    );
}
