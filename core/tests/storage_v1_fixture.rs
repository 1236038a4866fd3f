//! The browser storage's schema-v1 fixture (`app/tests/fixtures/storage_v1.json`): what a
//! first release wrote to IndexedDB — two notebooks and two runs with their model bytes
//! inline — built from real records (small trainings on the demo data). The app's browser
//! test writes it into a v1 database and checks the upgrade to v2.
//!
//! Regenerate (only if version 1's shape was described wrongly; the file is a frozen record
//! of what v1 wrote): `cargo test -p jukebox-core writes_storage_v1_fixture -- --ignored`.

// A test file: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use rand::RngCore;
use sha2::{Digest, Sha256};

use std::collections::BTreeMap;

use jukebox_core::demo::DemoConfig;
use jukebox_core::engine::Engine;
use jukebox_core::notebook::{DEMO_PROPERTIES, DEMO_RANKINGS};
use jukebox_core::prepare::PrepareStep;
use jukebox_core::protocol::{Request, RequestBody, ResponseBody};
use jukebox_core::runs::{DatasetFingerprint, RUN_VERSION, RunRecord, RunStatus};
use jukebox_core::store::StoredNotebook;
use jukebox_core::train::{EvalSplit, LogisticParams, ModelSpec, NetworkParams, TrainSpec};

const FIXTURE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../app/tests/fixtures/storage_v1.json"
);

fn ask(engine: &mut Engine, body: RequestBody) -> ResponseBody {
    engine.handle(Request { id: 1, body }, None, &|| 0.0).body
}

fn hex_sha256(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// A run of `spec` on the merged demo, with `n_model_bytes` seeded bytes as its model
/// (every byte value occurs, so a lossy copy shows).
fn run(
    engine: &mut Engine,
    spec: TrainSpec,
    id: &str,
    started_ms: f64,
    n_model_bytes: usize,
) -> (RunRecord, Vec<u8>) {
    let body = ask(
        engine,
        RequestBody::Train {
            input: "charts".into(),
            spec,
            output: "model".into(),
            restore: None,
        },
    );
    let ResponseBody::Trained { report, .. } = body else {
        panic!("training failed: {body:?}")
    };
    let body = ask(
        engine,
        RequestBody::Evaluate {
            model: "model".into(),
            on: EvalSplit::Test,
        },
    );
    let ResponseBody::Evaluated { evaluation, .. } = body else {
        panic!("evaluation failed: {body:?}")
    };
    let mut model = vec![0_u8; n_model_bytes];
    jukebox_core::random::rng_from_seed(started_ms.to_bits()).fill_bytes(&mut model);
    let demo = DatasetFingerprint {
        name: "charts".into(),
        origin: "demo seed 42 v1".into(),
        sha256: hex_sha256(b"demo seed 42 v1"),
        columns: vec![
            ("country".into(), "object".into()),
            ("danceability".into(), "float64".into()),
        ],
        rows: report.sizes.n_rows as u64,
    };
    let record = RunRecord {
        version: RUN_VERSION,
        id: id.into(),
        notebook_id: "nb-m3k2x1-a7f3".into(),
        notebook_title: "Spotify charts: exploration".into(),
        cell_id: 7,
        model_name: "model".into(),
        input: "charts".into(),
        started_ms,
        ended_ms: started_ms + 1234.5,
        status: RunStatus::Finished,
        report,
        datasets: vec![demo],
        evaluation: Some(evaluation),
        model_sha256: hex_sha256(&model),
        model_bytes: model.len() as u64,
        tags: vec!["baseline".into()],
        note: "first try — ünïcode kept".into(),
        app_version: "0.1.0".into(),
        user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156".into(),
        registrations: Vec::new(),
        pushes: Vec::new(),
    };
    (record, model)
}

fn fixture() -> serde_json::Value {
    let mut engine = Engine::new();
    let config = DemoConfig {
        n_songs: 300,
        n_days: 4,
        ..DemoConfig::default()
    };
    ask(&mut engine, RequestBody::LoadDemo { config });
    let steps = vec![
        PrepareStep::CourseMerge {
            properties: DEMO_PROPERTIES.into(),
        },
        PrepareStep::DropNulls {
            columns: Vec::new(),
        },
    ];
    let body = ask(
        &mut engine,
        RequestBody::Prepare {
            input: DEMO_RANKINGS.into(),
            steps,
            output: "charts".into(),
        },
    );
    assert!(matches!(body, ResponseBody::Loaded { .. }), "{body:?}");
    let network = TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![8],
            epochs: 2,
            ..NetworkParams::default()
        }),
        ..TrainSpec::default()
    };
    let logistic = TrainSpec {
        model: ModelSpec::LogisticRegression(LogisticParams::default()),
        ..TrainSpec::default()
    };
    let runs = [
        run(
            &mut engine,
            network,
            "run-m3k2y0-0001",
            1_764_270_000_000.0,
            700,
        ),
        run(
            &mut engine,
            logistic,
            "run-m3k2z9-0002",
            1_764_273_600_000.0,
            300,
        ),
    ];
    let notebook = jukebox_core::notebook::course_exploration();
    let first = StoredNotebook {
        id: "nb-m3k2x1-a7f3".into(),
        notebook: notebook.clone(),
        created_ms: 1_764_260_000_000.0,
        updated_ms: 1_764_273_700_000.0,
        last_runs: BTreeMap::from([(7, "run-m3k2z9-0002".to_owned())]),
        alerts: BTreeMap::new(),
        consent: jukebox_core::notebook::trust::Consent::default(),
    };
    let mut renamed = notebook;
    renamed.title = "Copy of the exploration".into();
    renamed.cells.truncate(2);
    let second = StoredNotebook {
        id: "nb-m3k30a-19bc".into(),
        notebook: renamed,
        created_ms: 1_764_265_000_000.0,
        updated_ms: 1_764_266_000_000.0,
        last_runs: BTreeMap::new(),
        alerts: BTreeMap::new(),
        consent: jukebox_core::notebook::trust::Consent::default(),
    };
    // v1 kept each run's model inline, as the record's `model` field (an array of bytes).
    let runs: Vec<serde_json::Value> = runs
        .iter()
        .map(|(record, model)| {
            let mut value = serde_json::to_value(record).unwrap();
            value["model"] = serde_json::to_value(model).unwrap();
            value
        })
        .collect();
    serde_json::json!({ "schema_version": 1, "notebooks": [first, second], "runs": runs })
}

#[test]
#[ignore = "writes the fixture file; run by hand"]
fn writes_storage_v1_fixture() {
    // Compact: the confusion matrices (72 classes) would make 14,000 lines pretty-printed.
    let text = serde_json::to_string(&fixture()).unwrap();
    std::fs::create_dir_all(std::path::Path::new(FIXTURE_PATH).parent().unwrap()).unwrap();
    std::fs::write(FIXTURE_PATH, text + "\n").unwrap();
}

/// Records written by version 1 must keep reading as today's types; when a type changes
/// incompatibly, the storage upgrade has to convert them (and this test says so).
#[test]
fn storage_v1_fixture_reads_as_current_records() {
    let text = std::fs::read_to_string(FIXTURE_PATH).unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(fixture["schema_version"], 1);
    let notebooks: Vec<StoredNotebook> =
        serde_json::from_value(fixture["notebooks"].clone()).unwrap();
    assert_eq!(notebooks.len(), 2);
    let runs = fixture["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for value in runs {
        let model: Vec<u8> = serde_json::from_value(value["model"].clone()).unwrap();
        let record: RunRecord = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(record.model_bytes, model.len() as u64, "run {}", record.id);
        assert_eq!(record.model_sha256, hex_sha256(&model), "run {}", record.id);
        assert!(record.evaluation.is_some(), "run {}", record.id);
    }
}
