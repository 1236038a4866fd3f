//! The runs the Runs page tests show, built as real `RunRecord`s (a two-epoch network on the
//! demo charts, scored on a given confusion matrix), the page mounted on a store whose
//! callbacks record what they hear, and reading its rows.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jukebox_app::pages::RunsPage;
use jukebox_app::pages::runs::RunsStore;
use jukebox_core::runs::{DatasetFingerprint, RUN_VERSION, RunRecord, RunStatus};
use jukebox_core::train::metrics::Evaluation;
use jukebox_core::train::scaler::Scaler;
use jukebox_core::train::{
    CurvePoint, EpochRecord, ModelSpec, NetworkParams, ScalerKind, SplitSizes, TrainReport,
    TrainSpec,
};
use leptos::prelude::*;

use crate::common::{all, get, mount_wide, scored, sleep};

pub const CLASSES: [&str; 3] = ["DE", "FR", "GB"];

/// 2026-11-27 10:00:00 UTC.
pub const T0_MS: f64 = 1_795_773_600_000.0;
pub const HOUR_MS: f64 = 3_600_000.0;

pub fn history(n: usize, shift: f64) -> Vec<EpochRecord> {
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
pub fn points(n_epochs: usize) -> Vec<CurvePoint> {
    (1..=n_epochs * 10)
        .map(|i| CurvePoint {
            epoch: i as f64 / 10.0,
            loss: 1.2 - 0.02 * i as f64,
            accuracy: 0.3 + 0.01 * i as f64,
        })
        .collect()
}

/// The test evaluation of the three classes' `confusion` (rows: true class).
pub fn evaluation(confusion: &[Vec<u64>]) -> Evaluation {
    scored(confusion, &CLASSES)
}

pub fn network(epochs: usize) -> ModelSpec {
    ModelSpec::Network(NetworkParams {
        epochs,
        ..NetworkParams::default()
    })
}

/// A finished two-epoch network run on the demo charts, started `hours` after `T0_MS` and
/// lasting `duration_ms`, scored on `confusion`.
pub fn run(id: &str, hours: f64, duration_ms: f64, confusion: Vec<Vec<u64>>) -> RunRecord {
    let evaluation = evaluation(&confusion);
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
pub fn three_runs() -> Vec<RunRecord> {
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
pub struct Heard {
    pub notes: Vec<(String, Vec<String>, String)>,
    pub deleted: Vec<String>,
    pub opened: Vec<String>,
}

pub fn store(runs: Vec<RunRecord>) -> (RunsStore, Arc<Mutex<Heard>>) {
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

pub fn mount_page(store: RunsStore) -> web_sys::HtmlElement {
    mount_wide(1400, move || {
        provide_context(store);
        view! { <RunsPage/> }
    })
}

pub async fn settle() {
    sleep(Duration::from_millis(30)).await;
}

pub fn row_ids(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, "[data-testid=run-row]")
        .iter()
        .map(|row| row.get_attribute("data-run-id").unwrap())
        .collect()
}

pub fn row(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    get(root, &format!("[data-testid=run-row][data-run-id={id}]"))
}

pub fn text(element: &web_sys::HtmlElement) -> String {
    element.text_content().unwrap()
}

/// The local `YYYY-MM-DD HH:MM` of `ms` as the browser's own `Date` reads it.
pub fn browser_local(ms: f64) -> String {
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

/// Two runs alike but for the epochs (2 vs 3) and the seed, with their own scores.
pub fn two_differing_runs() -> Vec<RunRecord> {
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
