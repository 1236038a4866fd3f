//! Browser tests of the Runs page (wasm-bindgen-test in headless Chromium): the table's
//! values and order, sorting by header, filters and the count, tags and notes, delete with
//! confirmation, Open in Predict, and the comparison (differing rows, overlaid curves).
//! Runs are built here as real `RunRecord`s; the store's callbacks record what they hear.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jukebox_app::pages::RunsPage;
use jukebox_app::pages::runs::RunsStore;
use jukebox_app::pages::runs::compare::{compare_rows, hyper_parameters};
use jukebox_app::pages::runs::format::{bytes, date_time, duration};
use jukebox_core::runs::{DatasetFingerprint, RUN_VERSION, RunRecord, RunStatus};
use jukebox_core::train::metrics::{ClassMetrics, Evaluation, Prf};
use jukebox_core::train::scaler::Scaler;
use jukebox_core::train::{
    CurvePoint, EpochRecord, EvalSplit, ModelSpec, NetworkParams, ScalerKind, SplitSizes,
    TrainReport, TrainSpec,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{document, sleep};

const CLASSES: [&str; 3] = ["DE", "FR", "GB"];

/// 2026-11-27 10:00:00 UTC.
const T0_MS: f64 = 1_795_773_600_000.0;
const HOUR_MS: f64 = 3_600_000.0;

fn history(n: usize, shift: f64) -> Vec<EpochRecord> {
    (1..=n)
        .map(|epoch| EpochRecord {
            epoch,
            train_loss: 1.1 - 0.2 * epoch as f64 + shift,
            train_accuracy: 0.4 + 0.1 * epoch as f64 - shift,
            validation_loss: 1.2 - 0.15 * epoch as f64 + shift,
            validation_accuracy: 0.35 + 0.1 * epoch as f64 - shift,
        })
        .collect()
}

/// Ten live points per epoch, at fractional epochs.
fn points(n_epochs: usize) -> Vec<CurvePoint> {
    (1..=n_epochs * 10)
        .map(|i| CurvePoint {
            epoch: i as f64 / 10.0,
            loss: 1.2 - 0.02 * i as f64,
            accuracy: 0.3 + 0.01 * i as f64,
        })
        .collect()
}

/// An evaluation with every score computed from `confusion` (rows: true class).
fn evaluation(confusion: Vec<Vec<u64>>) -> Evaluation {
    let n = confusion.len();
    let support: Vec<u64> = confusion.iter().map(|r| r.iter().sum()).collect();
    let predicted: Vec<u64> = (0..n)
        .map(|j| confusion.iter().map(|r| r[j]).sum())
        .collect();
    let total: u64 = support.iter().sum();
    let correct: u64 = (0..n).map(|i| confusion[i][i]).sum();
    let per_class: Vec<ClassMetrics> = (0..n)
        .map(|i| {
            let precision = confusion[i][i] as f64 / predicted[i] as f64;
            let recall = confusion[i][i] as f64 / support[i] as f64;
            ClassMetrics {
                label: CLASSES[i].into(),
                precision,
                recall,
                f1: 2.0 * precision * recall / (precision + recall),
                support: support[i],
            }
        })
        .collect();
    let mean = |f: fn(&ClassMetrics) -> f64| per_class.iter().map(f).sum::<f64>() / n as f64;
    let weighted = |f: fn(&ClassMetrics) -> f64| {
        per_class
            .iter()
            .map(|m| f(m) * m.support as f64)
            .sum::<f64>()
            / total as f64
    };
    Evaluation {
        model: "model".into(),
        split: EvalSplit::Test,
        n_rows: usize::try_from(total).unwrap(),
        classes: CLASSES.iter().map(|c| (*c).to_string()).collect(),
        accuracy: correct as f64 / total as f64,
        top5_accuracy: 1.0,
        chance_accuracy: 1.0 / n as f64,
        majority_accuracy: support.iter().copied().max().unwrap() as f64 / total as f64,
        macro_avg: Prf {
            precision: mean(|m| m.precision),
            recall: mean(|m| m.recall),
            f1: mean(|m| m.f1),
        },
        weighted_avg: Prf {
            precision: weighted(|m| m.precision),
            recall: weighted(|m| m.recall),
            f1: weighted(|m| m.f1),
        },
        per_class,
        confusion,
        history: Vec::new(),
    }
}

fn network(epochs: usize) -> ModelSpec {
    ModelSpec::Network(NetworkParams {
        epochs,
        ..NetworkParams::default()
    })
}

/// A finished two-epoch network run on the demo charts, started `hours` after `T0_MS` and
/// lasting `duration_ms`, scored on `confusion`.
fn run(id: &str, hours: f64, duration_ms: f64, confusion: Vec<Vec<u64>>) -> RunRecord {
    let evaluation = evaluation(confusion);
    let history = history(2, 0.0);
    let report = TrainReport {
        model: "model".into(),
        spec: TrainSpec {
            model: network(2),
            ..TrainSpec::default()
        },
        classes: evaluation.classes.clone(),
        sizes: SplitSizes {
            n_rows: 1_000,
            n_dropped: 10,
            n_train: 634,
            n_validation: 158,
            n_test: 198,
        },
        scaler: Scaler {
            kind: ScalerKind::MinMax,
            offset: vec![0.0; 13],
            factor: vec![1.0; 13],
        },
        validation_accuracy: history[1].validation_accuracy,
        history,
        points: points(2),
        test_accuracy: evaluation.accuracy,
        cancelled: false,
    };
    RunRecord {
        version: RUN_VERSION,
        id: id.into(),
        notebook_id: "nb-1".into(),
        notebook_title: "Jukebox: from charts to a model".into(),
        cell_id: 7,
        model_name: "model".into(),
        input: "train_table".into(),
        started_ms: T0_MS + hours * HOUR_MS,
        ended_ms: T0_MS + hours * HOUR_MS + duration_ms,
        status: RunStatus::Finished,
        report,
        datasets: vec![DatasetFingerprint {
            name: "charts".into(),
            origin: "demo seed 42 v1".into(),
            sha256: "3f2a9c01d4e5b6a7980f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566".into(),
            columns: vec![("country".into(), "object".into())],
            rows: 1_000,
        }],
        evaluation: Some(evaluation),
        model_sha256: "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12".into(),
        model_bytes: 1_234_567,
        tags: Vec::new(),
        note: String::new(),
        app_version: "0.5.0".into(),
        user_agent: "HeadlessChrome".into(),
        registrations: Vec::new(),
        pushes: Vec::new(),
    }
}

/// Three runs: `run-a` (oldest, 66 % test accuracy), `run-b` (newest, 80 %), `run-c`
/// (middle, 50 %, a random forest tagged `forest`).
fn three_runs() -> Vec<RunRecord> {
    let a = run(
        "run-a",
        0.0,
        12_300.0,
        vec![vec![50, 10, 6], vec![10, 40, 16], vec![8, 17, 41]],
    );
    let b = run(
        "run-b",
        2.0,
        95_000.0,
        vec![vec![60, 3, 3], vec![5, 50, 11], vec![4, 14, 48]],
    );
    let mut c = run(
        "run-c",
        1.0,
        850.0,
        vec![vec![40, 20, 6], vec![20, 30, 16], vec![8, 29, 29]],
    );
    c.report.spec.model = ModelSpec::RandomForest(jukebox_core::train::ForestParams::default());
    c.tags = vec!["forest".into()];
    c.note = "deeper trees next".into();
    [a, b, c].into()
}

/// What the store's callbacks heard.
#[derive(Default)]
struct Heard {
    notes: Vec<(String, Vec<String>, String)>,
    deleted: Vec<String>,
    opened: Vec<String>,
}

fn store(runs: Vec<RunRecord>) -> (RunsStore, Arc<Mutex<Heard>>) {
    let heard = Arc::new(Mutex::new(Heard::default()));
    let (h1, h2, h3) = (heard.clone(), heard.clone(), heard.clone());
    let store = RunsStore::new(
        Callback::new(move |notes| h1.lock().unwrap().notes.push(notes)),
        Callback::new(move |id| h2.lock().unwrap().deleted.push(id)),
        Callback::new(move |id| h3.lock().unwrap().opened.push(id)),
    );
    store.runs.set(runs);
    (store, heard)
}

fn mount_page(store: RunsStore) -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    container.style().set_property("width", "1400px").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(store);
        view! { <RunsPage/> }
    })
    .forget();
    container
}

async fn settle() {
    sleep(Duration::from_millis(30)).await;
}

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn get(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn testid(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    get(root, &format!("[data-testid={id}]"))
}

fn text(element: &web_sys::HtmlElement) -> String {
    element.text_content().unwrap()
}

fn row_ids(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, "[data-testid=run-row]")
        .iter()
        .map(|row| row.get_attribute("data-run-id").unwrap())
        .collect()
}

fn row(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    get(root, &format!("[data-testid=run-row][data-run-id={id}]"))
}

/// Sets a field's value and fires `kind` (`input`, `change`, `blur`) on it.
fn fire(element: &web_sys::HtmlElement, value: Option<&str>, kind: &str) {
    if let Some(value) = value {
        js_sys::Reflect::set(element, &"value".into(), &value.into()).unwrap();
    }
    element
        .dispatch_event(&web_sys::Event::new(kind).unwrap())
        .unwrap();
}

/// The local `YYYY-MM-DD HH:MM` of `ms` as the browser's own `Date` reads it.
fn browser_local(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

#[wasm_bindgen_test]
async fn table_shows_one_row_per_run_with_formatted_values_newest_first() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-c", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "3 of 3 runs");
    let a = row(&root, "run-a");
    assert_eq!(
        text(&get(&a, "[data-testid=run-started]")),
        browser_local(T0_MS)
    );
    assert_eq!(
        text(&get(&a, "[data-testid=run-model]")),
        "Dense network · model"
    );
    assert_eq!(text(&get(&a, "[data-testid=run-duration]")), "12.3 s");
    assert_eq!(text(&get(&a, "[data-testid=run-epochs]")), "2 epochs");
    // Validation: the last epoch's 0.55; test: 131 of 198 right.
    assert_eq!(text(&get(&a, "[data-testid=run-validation]")), "55.0 %");
    assert_eq!(
        text(&get(&a, "[data-testid=run-test]")),
        format!("{:.1} %", 131.0 / 198.0 * 100.0)
    );
    let c = row(&root, "run-c");
    assert_eq!(text(&get(&c, "[data-testid=run-epochs]")), "50 trees");
    assert_eq!(text(&get(&c, "[data-testid=run-duration]")), "850 ms");
    assert_eq!(text(&get(&c, "[data-testid=run-tags]")), "forest");
    assert_eq!(
        text(&get(&row(&root, "run-b"), "[data-testid=run-duration]")),
        "1 min 35 s"
    );
    let started = get(&root, "th[aria-sort] [data-sort=started]")
        .parent_element()
        .unwrap();
    assert_eq!(started.get_attribute("aria-sort").unwrap(), "descending");
}

#[wasm_bindgen_test]
async fn a_cancelled_run_is_marked_and_counts_its_epochs() {
    let mut runs = three_runs();
    runs[0].status = RunStatus::Cancelled;
    runs[0].report.spec.model = network(3);
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let a = row(&root, "run-a");
    assert!(a.class_list().contains("run-cancelled"));
    assert_eq!(text(&get(&a, "[data-testid=run-status]")), "cancelled");
    assert_eq!(text(&get(&a, "[data-testid=run-epochs]")), "2 of 3 epochs");
}

#[wasm_bindgen_test]
async fn clicking_a_header_sorts_and_a_second_click_reverses() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&root, "[data-sort=test]").click();
    settle().await;
    // Test accuracies: b 158/198, a 131/198, c 99/198.
    assert_eq!(row_ids(&root), ["run-b", "run-a", "run-c"]);
    let header = get(&root, "[data-sort=test]").parent_element().unwrap();
    assert_eq!(header.get_attribute("aria-sort").unwrap(), "descending");
    get(&root, "[data-sort=test]").click();
    settle().await;
    assert_eq!(row_ids(&root), ["run-c", "run-a", "run-b"]);
    assert_eq!(header.get_attribute("aria-sort").unwrap(), "ascending");
    get(&root, "[data-sort=duration]").click();
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-a", "run-c"]);
    assert_eq!(header.get_attribute("aria-sort").unwrap(), "none");
    get(&root, "[data-sort=model]").click();
    settle().await;
    // A→Z: "Dense network" before "Random forest"; equal names keep newest first.
    assert_eq!(row_ids(&root), ["run-b", "run-a", "run-c"]);
}

#[wasm_bindgen_test]
async fn text_and_metric_filters_narrow_the_rows_and_the_count() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    fire(&testid(&root, "runs-filter-text"), Some("Forest"), "input");
    settle().await;
    assert_eq!(row_ids(&root), ["run-c"]);
    assert_eq!(text(&testid(&root, "runs-count")), "1 of 3 runs");
    fire(
        &testid(&root, "runs-filter-text"),
        Some("deeper next"),
        "input",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-c"], "words of the note, in any order");
    fire(&testid(&root, "runs-filter-text"), Some(""), "input");
    // At least 60 %: a (66.2 %) and b (79.8 %).
    fire(&testid(&root, "runs-filter-min-test"), Some("60"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "2 of 3 runs");
    fire(&testid(&root, "runs-filter-max-test"), Some("70"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-a"]);
    fire(&testid(&root, "runs-filter-min-test"), Some(""), "change");
    fire(&testid(&root, "runs-filter-max-test"), Some(""), "change");
    fire(
        &testid(&root, "runs-filter-model"),
        Some("Dense network"),
        "change",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-b", "run-a"]);
    fire(&testid(&root, "runs-filter-model"), Some(""), "change");
    fire(&testid(&root, "runs-filter-tag"), Some("forest"), "change");
    settle().await;
    assert_eq!(row_ids(&root), ["run-c"]);
}

#[wasm_bindgen_test]
async fn date_filters_keep_the_runs_started_on_those_local_days() {
    let mut runs = three_runs();
    runs[1].started_ms = T0_MS + 48.0 * HOUR_MS;
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let day = |ms: f64| browser_local(ms)[..10].to_string();
    fire(
        &testid(&root, "runs-filter-from"),
        Some(&day(T0_MS + 48.0 * HOUR_MS)),
        "change",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-b"]);
    fire(&testid(&root, "runs-filter-from"), Some(""), "change");
    fire(
        &testid(&root, "runs-filter-to"),
        Some(&day(T0_MS + HOUR_MS)),
        "change",
    );
    settle().await;
    assert_eq!(row_ids(&root), ["run-c", "run-a"]);
}

#[wasm_bindgen_test]
async fn details_show_settings_fingerprints_history_scores_and_the_model() {
    let (store, _) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-a"), "[data-testid=run-details]").click();
    settle().await;
    let detail = testid(&root, "run-detail");
    let settings = text(&get(&detail, "[data-testid=run-settings]"));
    assert!(settings.contains("learning_rate0.001"), "{settings}");
    assert!(settings.contains("hidden32, 64, 128, 256"), "{settings}");
    assert!(settings.contains("Seed42"), "{settings}");
    assert!(text(&get(&detail, "[data-testid=run-dataset]")).contains("3f2a9c01d4e5"));
    assert_eq!(all(&detail, "[data-testid=run-history] tbody tr").len(), 2);
    assert_eq!(
        text(&get(&detail, "[data-testid=run-score-accuracy]")),
        format!("{:.1} %", 131.0 / 198.0 * 100.0)
    );
    assert_eq!(
        text(&get(&detail, "[data-testid=run-model-bytes]")),
        "1.2 MB · sha256 ab12cd34ef56"
    );
}

#[wasm_bindgen_test]
async fn tags_and_note_edits_call_back_with_the_run_id() {
    let (store, heard) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-a"), "[data-testid=run-details]").click();
    settle().await;
    fire(
        &testid(&root, "run-tags-input"),
        Some(" fast, baseline, ,fast"),
        "change",
    );
    settle().await;
    assert_eq!(
        heard.lock().unwrap().notes,
        [(
            "run-a".to_string(),
            vec!["fast".to_string(), "baseline".to_string()],
            String::new()
        )]
    );
    assert_eq!(
        text(&get(&row(&root, "run-a"), "[data-testid=run-tags]")),
        "fastbaseline"
    );
    let note = testid(&root, "run-note");
    fire(&note, Some("lr too high?"), "input");
    assert_eq!(
        heard.lock().unwrap().notes.len(),
        1,
        "typing alone saves nothing"
    );
    fire(&note, None, "blur");
    settle().await;
    assert_eq!(
        heard.lock().unwrap().notes[1],
        (
            "run-a".to_string(),
            vec!["fast".to_string(), "baseline".to_string()],
            "lr too high?".to_string()
        )
    );
    assert_eq!(
        store
            .runs
            .with_untracked(|r| r.iter().find(|r| r.id == "run-a").unwrap().note.clone()),
        "lr too high?"
    );
}

#[wasm_bindgen_test]
async fn delete_asks_for_confirmation_and_calls_back_only_after_confirming() {
    let (store, heard) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-c"), "[data-testid=run-delete]").click();
    settle().await;
    let dialog = text(&testid(&root, "run-delete-dialog"));
    assert!(
        dialog.contains(&format!("“model · {}”", browser_local(T0_MS + HOUR_MS))),
        "{dialog}"
    );
    assert!(heard.lock().unwrap().deleted.is_empty());
    let focused = document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("data-testid").unwrap(),
        "run-delete-cancel"
    );
    testid(&root, "run-delete-cancel").click();
    settle().await;
    assert!(
        root.query_selector("[data-testid=run-delete-dialog]")
            .unwrap()
            .is_none()
    );
    assert_eq!(row_ids(&root).len(), 3);
    assert!(heard.lock().unwrap().deleted.is_empty());
    get(&row(&root, "run-c"), "[data-testid=run-delete]").click();
    settle().await;
    testid(&root, "run-delete-confirm").click();
    settle().await;
    assert_eq!(heard.lock().unwrap().deleted, ["run-c"]);
    assert_eq!(row_ids(&root), ["run-b", "run-a"]);
    assert_eq!(text(&testid(&root, "runs-count")), "2 of 2 runs");
}

#[wasm_bindgen_test]
async fn open_in_predict_calls_back_with_the_run_id() {
    let (store, heard) = store(three_runs());
    let root = mount_page(store);
    settle().await;
    get(&row(&root, "run-b"), "[data-testid=run-open-predict]").click();
    assert_eq!(heard.lock().unwrap().opened, ["run-b"]);
}

#[wasm_bindgen_test]
async fn compare_is_enabled_for_two_to_five_picked_runs() {
    let runs: Vec<RunRecord> = (0..6)
        .map(|i| {
            run(
                &format!("run-{i}"),
                f64::from(i),
                1_000.0,
                vec![vec![5, 1], vec![1, 5]],
            )
        })
        .collect();
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    let button = testid(&root, "runs-compare");
    let enabled = || {
        !button
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    };
    let mut picked = Vec::new();
    for (i, checkbox) in all(&root, "[data-testid=run-select]")
        .into_iter()
        .enumerate()
    {
        checkbox.click();
        settle().await;
        picked.push(enabled());
        assert_eq!(picked[i], (1..=4).contains(&i), "{} picked", i + 1);
    }
}

/// Two runs alike but for the epochs (2 vs 3) and the seed, with their own scores.
fn two_differing_runs() -> Vec<RunRecord> {
    let a = run(
        "run-a",
        0.0,
        12_300.0,
        vec![vec![50, 10, 6], vec![10, 40, 16], vec![8, 17, 41]],
    );
    let mut b = run(
        "run-b",
        1.0,
        18_400.0,
        vec![vec![60, 3, 3], vec![5, 50, 11], vec![4, 14, 48]],
    );
    b.report.spec.model = network(3);
    b.report.spec.seed = 7;
    b.report.history = history(3, 0.02);
    b.report.points = points(3);
    b.report.validation_accuracy = b.report.history[2].validation_accuracy;
    vec![a, b]
}

#[wasm_bindgen_test]
async fn compare_marks_exactly_the_rows_whose_values_differ() {
    let (store, _) = store(two_differing_runs());
    let root = mount_page(store);
    settle().await;
    for id in ["run-a", "run-b"] {
        get(&row(&root, id), "[data-testid=run-select]").click();
    }
    settle().await;
    testid(&root, "runs-compare").click();
    settle().await;
    let view = testid(&root, "compare-view");
    let differing: Vec<String> = all(&view, "[data-testid=compare-row][data-differs=true]")
        .iter()
        .map(|r| r.get_attribute("data-label").unwrap())
        .collect();
    assert_eq!(
        differing,
        [
            "epochs",
            "Seed",
            "Validation accuracy",
            "Test accuracy",
            "Macro F1",
            "Weighted F1",
            "Duration",
            "Epochs / trees"
        ]
    );
    for r in all(&view, "[data-testid=compare-row].differs") {
        assert_eq!(r.get_attribute("data-differs").unwrap(), "true");
    }
    let seed = get(&view, "[data-testid=compare-row][data-label=Seed]");
    assert_eq!(text(&seed), "Seed427");
    let same = get(&view, "[data-testid=compare-row][data-label=learning_rate]");
    assert_eq!(same.get_attribute("data-differs").unwrap(), "false");
    assert!(!same.hidden());
    testid(&root, "compare-only-differences").click();
    settle().await;
    let shown = all(&view, "[data-testid=compare-row]")
        .into_iter()
        .filter(|r| !r.hidden())
        .count();
    assert_eq!(shown, differing.len());
    assert!(same.hidden());
}

#[wasm_bindgen_test]
async fn the_overlay_draws_one_path_per_run_with_its_validation_markers() {
    let mut runs = two_differing_runs();
    runs.push(three_runs().remove(2));
    let (store, _) = store(runs);
    let root = mount_page(store);
    settle().await;
    for id in ["run-a", "run-b", "run-c"] {
        get(&row(&root, id), "[data-testid=run-select]").click();
    }
    settle().await;
    testid(&root, "runs-compare").click();
    settle().await;
    for chart in ["compare-loss", "compare-accuracy"] {
        let svg = testid(&root, chart);
        let paths = all(&svg, "path.overlay-line");
        assert_eq!(paths.len(), 3, "{chart}");
        // run-b has 30 live points: 1 move and 29 line commands.
        let b = get(&svg, "g[data-run-id=run-b] path")
            .get_attribute("d")
            .unwrap();
        assert_eq!(b.matches('L').count(), 29, "{chart}");
        assert_eq!(all(&svg, "g[data-run-id=run-b] circle").len(), 3, "{chart}");
        assert_eq!(all(&svg, "g[data-run-id=run-a] circle").len(), 2, "{chart}");
        assert!(
            get(&svg, "g[data-run-id=run-c]")
                .class_list()
                .contains("run-colour-2")
        );
    }
    let legend: Vec<String> = all(&testid(&root, "compare-legend"), "li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(legend.len(), 3);
    assert_eq!(legend[0], format!("model · {}", browser_local(T0_MS)));
}

#[wasm_bindgen_test]
async fn without_runs_the_page_says_where_they_come_from() {
    let (store, _) = store(Vec::new());
    let root = mount_page(store);
    settle().await;
    let empty = testid(&root, "runs-empty");
    assert!(text(&empty).contains("No runs yet — every training in a notebook is kept here"));
    assert_eq!(
        get(&empty, "a").get_attribute("href").unwrap(),
        "#/notebook"
    );
    assert!(
        root.query_selector("[data-testid=runs-table]")
            .unwrap()
            .is_none()
    );
}

#[wasm_bindgen_test]
fn date_time_is_printed_in_the_zone_given() {
    assert_eq!(date_time(T0_MS, 0.0), "2026-11-27 10:00");
    assert_eq!(date_time(T0_MS, 60.0), "2026-11-27 11:00");
    assert_eq!(date_time(T0_MS, -630.0), "2026-11-26 23:30");
    assert_eq!(date_time(f64::NAN, 0.0), "—");
}

#[wasm_bindgen_test]
fn durations_and_sizes_read_as_people_say_them() {
    assert_eq!(duration(999.0), "999 ms");
    assert_eq!(duration(59_940.0), "59.9 s");
    assert_eq!(duration(245_000.0), "4 min 05 s");
    assert_eq!(duration(3_725_000.0), "1 h 02 min");
    assert_eq!(duration(-5.0), "—");
    assert_eq!(bytes(812), "812 B");
    assert_eq!(bytes(45_300), "45.3 kB");
}

#[wasm_bindgen_test]
fn hyper_parameters_are_the_model_spec_fields_flattened() {
    let forest = TrainSpec {
        model: ModelSpec::RandomForest(jukebox_core::train::ForestParams::default()),
        ..TrainSpec::default()
    };
    let params = hyper_parameters(&forest);
    assert!(params.contains(&("n_trees".to_string(), "50".to_string())));
    assert!(params.contains(&("max_features".to_string(), "none".to_string())));
    assert!(
        hyper_parameters(&TrainSpec {
            model: ModelSpec::GaussianNb,
            ..TrainSpec::default()
        })
        .is_empty()
    );
    // A forest next to a network: each one's parameters, "—" where a run has none.
    let runs = two_differing_runs();
    let mut c = runs[0].clone();
    c.report.spec = forest;
    let rows = compare_rows(&[&runs[0], &c]);
    let trees = rows.iter().find(|r| r.label == "n_trees").unwrap();
    assert_eq!(trees.values, ["—", "50"]);
    assert!(trees.differs);
}
