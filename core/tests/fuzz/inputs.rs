//! The valid inputs the damage starts from, made by the product's own encoders: the starter
//! notebook's share link and file, models trained on the demo data (each kind, small), an
//! export holding them, the demo tables as CSV and Parquet. Built once per test binary.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use polars_core::prelude::DataFrame;
use polars_io::SerWriter;
use polars_io::csv::write::CsvWriter;
use polars_io::parquet::write::{ParquetCompression, ParquetWriter};

use jukebox_core::archive::{self, Archive, ArchivedDataset, ArchivedRun};
use jukebox_core::demo::{self, DemoConfig};
use jukebox_core::engine::Engine;
use jukebox_core::hash::sha256_hex;
use jukebox_core::notebook::{self, DEMO_PROPERTIES, DEMO_RANKINGS, Notebook};
use jukebox_core::prepare::PrepareStep;
use jukebox_core::protocol::{Request, RequestBody, ResponseBody};
use jukebox_core::runs::{self, RunOrigin};
use jukebox_core::store::{CachedDataset, StoredNotebook};
use jukebox_core::train::{
    ForestParams, KnnParams, LogisticParams, ModelSpec, NetworkParams, TrainReport, TrainSpec,
    TreeParams,
};

/// A model as a run keeps it: its report (JSON beside the bytes) and its `JBXM` bytes.
pub struct SavedModel {
    pub report: TrainReport,
    pub bytes: Vec<u8>,
    pub artifacts: runs::RunArtifacts,
}

/// The starter notebook and the course exploration (another real notebook, for splices).
pub fn notebooks() -> [Notebook; 2] {
    [notebook::starter(), notebook::course_exploration()]
}

/// Every model kind, trained small on the merged demo data (about a second in all).
pub fn models() -> &'static [SavedModel] {
    static MODELS: OnceLock<Vec<SavedModel>> = OnceLock::new();
    MODELS.get_or_init(train_models)
}

fn ask(engine: &mut Engine, body: RequestBody) -> ResponseBody {
    engine.handle(Request { id: 1, body }, None, &|| 0.0).body
}

fn train_models() -> Vec<SavedModel> {
    let mut engine = Engine::new();
    let config = DemoConfig {
        n_songs: 300,
        n_days: 3,
        ..DemoConfig::default()
    };
    let steps = vec![
        PrepareStep::CourseMerge {
            properties: DEMO_PROPERTIES.into(),
        },
        PrepareStep::DropNulls {
            columns: Vec::new(),
        },
    ];
    for body in [
        RequestBody::LoadDemo { config },
        RequestBody::Prepare {
            input: DEMO_RANKINGS.into(),
            steps,
            output: "charts".into(),
        },
    ] {
        let reply = ask(&mut engine, body);
        assert!(matches!(reply, ResponseBody::Loaded { .. }), "{reply:?}");
    }
    let specs = [
        ModelSpec::Network(NetworkParams {
            hidden: vec![8],
            epochs: 1,
            ..NetworkParams::default()
        }),
        ModelSpec::LogisticRegression(LogisticParams { alpha: 1.0 }),
        ModelSpec::DecisionTree(TreeParams {
            max_depth: Some(5),
            ..TreeParams::default()
        }),
        ModelSpec::RandomForest(ForestParams {
            n_trees: 3,
            max_depth: Some(4),
            ..ForestParams::default()
        }),
        ModelSpec::Knn(KnnParams {
            k: 3,
            distance_weighted: true,
        }),
        ModelSpec::GaussianNb,
    ];
    specs
        .into_iter()
        .map(|model| {
            let spec = TrainSpec {
                model,
                max_train_rows: Some(120),
                ..TrainSpec::default()
            };
            let body = RequestBody::Train {
                input: "charts".into(),
                spec,
                output: "model".into(),
                restore: None,
            };
            match ask(&mut engine, body) {
                ResponseBody::Trained {
                    report,
                    artifacts: Some(artifacts),
                    ..
                } => SavedModel {
                    report,
                    bytes: artifacts.model.clone(),
                    artifacts: *artifacts,
                },
                other => panic!("training failed: {other:?}"),
            }
        })
        .collect()
}

/// An export of both notebooks, a run of every model and a cached CSV file, as the app's
/// "Export everything" writes it.
pub fn export() -> &'static [u8] {
    static EXPORT: OnceLock<Vec<u8>> = OnceLock::new();
    EXPORT.get_or_init(|| archive::to_bytes(&export_archive()))
}

fn export_archive() -> Archive {
    let notebooks = notebooks()
        .iter()
        .zip(1_u32..)
        .map(|(notebook, n)| {
            let last_runs = BTreeMap::from([(10, "run-m3k2y0-000001")]);
            let alerts = BTreeMap::from([(14, "drift in tempo")]);
            stored(&format!("nb-m3k2x{n}-a7f3"), notebook, &last_runs, &alerts)
        })
        .collect();
    let runs = models()
        .iter()
        .zip(1_u64..)
        .map(|(model, n)| {
            let started_ms = 1_764_270_000_000.0 + n as f64 * 60_000.0;
            let origin = RunOrigin {
                notebook_id: "nb-m3k2x1-a7f3".into(),
                notebook_title: notebook::STARTER_TITLE.into(),
                cell_id: 10,
                input: "charts".into(),
                started_ms,
                ended_ms: started_ms + 1_234.5,
                user_agent: "Mozilla/5.0 (X11; Linux x86_64)".into(),
            };
            let id = runs::new_run_id(started_ms, n);
            let mut record = runs::record(id, origin, model.report.clone(), &model.artifacts);
            // Scores of 72 classes are most of a record's size: two runs keep theirs (as
            // runs of a split without test rows have none), so each import takes a
            // millisecond, not five.
            if n % 3 != 1 {
                record.evaluation = None;
            }
            ArchivedRun {
                record,
                model: model.bytes.clone(),
            }
        })
        .collect();
    let bytes = csv_files().last().cloned().unwrap_or_default();
    Archive {
        app_version: jukebox_core::APP_VERSION.into(),
        exported_ms: 1_764_280_000_000.0,
        notebooks,
        runs,
        datasets: vec![ArchivedDataset {
            info: CachedDataset {
                sha256: sha256_hex(&bytes),
                file_name: "charts.csv".into(),
                size: bytes.len() as u64,
                stored_ms: 1_764_270_000_000.0,
            },
            bytes,
        }],
    }
}

/// A notebook as the page saves it (made from its JSON, so that fields added later with a
/// default need no change here).
fn stored(
    id: &str,
    notebook: &Notebook,
    last_runs: &BTreeMap<u64, &str>,
    alerts: &BTreeMap<u64, &str>,
) -> StoredNotebook {
    let saved = serde_json::json!({
        "id": id,
        "notebook": notebook,
        "created_ms": 1_764_260_000_000.0,
        "updated_ms": 1_764_273_700_000.0,
        "last_runs": last_runs,
        "alerts": alerts,
    });
    serde_json::from_value(saved).expect("a saved notebook reads")
}

/// The demo tables, small.
fn demo_tables() -> [DataFrame; 2] {
    let config = DemoConfig {
        n_songs: 100,
        n_days: 2,
        ..DemoConfig::default()
    };
    let tables = demo::generate(&config).expect("the demo generates");
    [
        tables.song_properties.head(Some(40)),
        tables.song_rankings.head(Some(40)),
    ]
}

/// CSV files: the demo tables as polars writes them, the head of the course's Kaggle-layout
/// sample (when `../shared/data` is there), and one with quoting, delimiters and line ends
/// a hand-made file has.
pub fn csv_files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files: Vec<Vec<u8>> = demo_tables()
            .into_iter()
            .map(|mut df| {
                let mut bytes = Vec::new();
                CsvWriter::new(&mut bytes)
                    .finish(&mut df)
                    .expect("the demo writes as CSV");
                bytes
            })
            .collect();
        if let Some(sample) = crate::testdata::shared_data("universal_top_spotify_songs_sample.csv")
        {
            let head: Vec<&[u8]> = sample.split(|&b| b == b'\n').take(30).collect();
            files.push(head.join(&b'\n'));
        }
        files.push(
            "\u{feff}id;name;\"note\";when;at;flag;big\r\n\
             1;\"a; \"\"quoted\"\" name\";\"two\nlines\";2024-03-06;2024-03-06T10:00:00;true;12345678901234567890\r\n\
             2;é;;03/06/2024;;False;-1.5e3\r\n\
             3;\"\";NA;;2024-03-06 10:00:00.123;;\r\n"
                .as_bytes()
                .to_vec(),
        );
        files
    })
}

/// Parquet files: the demo tables as polars writes them (zstd, the default, and snappy),
/// the committed codec fixtures, and the course's `fav_new_song_properties.parquet`.
pub fn parquet_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (mut df, (codec, compression)) in demo_tables().into_iter().zip([
        ("zstd", ParquetCompression::default()),
        ("snappy", ParquetCompression::Snappy),
    ]) {
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes)
            .with_compression(compression)
            .finish(&mut df)
            .expect("the demo writes as Parquet");
        files.push((format!("demo ({codec})"), bytes));
    }
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/src/io/parquet/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(fixtures)
        .expect("the codec fixtures are committed")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "parquet"))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(&path).expect("a committed fixture reads");
        files.push((name.unwrap_or_default(), bytes));
    }
    if let Some(bytes) = crate::testdata::shared_data("fav_new_song_properties.parquet") {
        files.push(("fav_new_song_properties.parquet".into(), bytes));
    }
    files
}

/// Notebook files: both notebooks as "Download notebook" writes them, a saved notebook
/// (`{"notebook": …}`) and an export of one notebook.
pub fn notebook_files() -> Vec<Vec<u8>> {
    let [starter, course] = notebooks();
    let saved = stored(
        "nb-m3k2x1-a7f3",
        &starter,
        &BTreeMap::new(),
        &BTreeMap::new(),
    );
    let one = Archive {
        app_version: jukebox_core::APP_VERSION.into(),
        exported_ms: 1_764_280_000_000.0,
        notebooks: vec![saved.clone()],
        runs: Vec::new(),
        datasets: Vec::new(),
    };
    vec![
        notebook::file::to_file_bytes(&starter),
        notebook::file::to_file_bytes(&course),
        serde_json::to_vec(&saved).expect("a saved notebook is JSON"),
        archive::to_bytes(&one),
    ]
}
