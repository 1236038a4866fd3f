use std::collections::BTreeMap;

use super::{
    ARCHIVE_VERSION, Archive, ArchiveError, ArchivedDataset, ArchivedRun, from_bytes, to_bytes,
};
use crate::hash::sha256_hex;
use crate::notebook::{NOTEBOOK_VERSION, course_exploration};
use crate::runs::{DatasetFingerprint, RUN_VERSION, RunRecord, RunStatus};
use crate::store::{CachedDataset, StoredNotebook};
use crate::train::metrics::evaluate;
use crate::train::scaler::Scaler;
use crate::train::{
    CurvePoint, EpochRecord, Matrix, ScalerKind, SplitSizes, TrainReport, TrainSpec,
};

fn report(model: &str) -> TrainReport {
    TrainReport {
        model: model.into(),
        spec: TrainSpec::default(),
        classes: vec!["BR".into(), "DE".into(), "US".into()],
        sizes: SplitSizes {
            n_rows: 1000,
            n_dropped: 3,
            n_train: 637,
            n_validation: 160,
            n_test: 200,
        },
        scaler: Scaler {
            kind: ScalerKind::MinMax,
            offset: vec![0.0, -60.0, 0.1],
            factor: vec![1.0 / 3.0, 0.016_666_666_666_666_666, 7.3e-5],
        },
        history: vec![EpochRecord {
            epoch: 1,
            train_loss: 1.098_612_288_668_109_8,
            train_accuracy: 0.354,
            validation_loss: 1.05,
            validation_accuracy: 0.4,
        }],
        points: vec![CurvePoint {
            epoch: 0.25,
            loss: 1.1,
            accuracy: 0.3,
        }],
        validation_accuracy: 0.4,
        test_accuracy: 0.1 + 0.2,
        cancelled: false,
    }
}

fn run(id: &str, model: Vec<u8>) -> ArchivedRun {
    let classes: Vec<String> = vec!["BR".into(), "DE".into(), "US".into()];
    let proba =
        Matrix::from_vec(3, 3, vec![0.7, 0.2, 0.1, 0.1, 0.5, 0.4, 0.3, 0.3, 0.4]).expect("3 × 3");
    let record = RunRecord {
        version: RUN_VERSION,
        id: id.into(),
        notebook_id: "nb-1".into(),
        notebook_title: "Charts → model".into(),
        cell_id: 9,
        model_name: "mlp".into(),
        input: "charts".into(),
        started_ms: 1_764_000_000_123.0,
        ended_ms: 1_764_000_061_456.5,
        status: RunStatus::Finished,
        report: report("mlp"),
        datasets: vec![DatasetFingerprint {
            name: "charts".into(),
            origin: "demo seed 42 v1".into(),
            sha256: sha256_hex(b"demo 42 1"),
            columns: vec![("tempo".into(), "float64".into())],
            rows: 1000,
        }],
        evaluation: Some(evaluate(&[0, 1, 1], &proba, &classes, 1)),
        model_sha256: sha256_hex(&model),
        model_bytes: model.len() as u64,
        tags: vec!["baseline".into()],
        note: "first try, \"quoted\"\nand two lines".into(),
        app_version: crate::APP_VERSION.into(),
        user_agent: "Mozilla/5.0 (X11; Linux x86_64)".into(),
        registrations: Vec::new(),
        pushes: Vec::new(),
    };
    ArchivedRun { record, model }
}

/// A small archive: the course notebook, two runs, one kept file (also the engine's tests').
pub(crate) fn archive() -> Archive {
    let bytes = b"spotify_id,country\n1,US\n".to_vec();
    Archive {
        app_version: crate::APP_VERSION.into(),
        exported_ms: 1_764_000_100_000.0,
        notebooks: vec![StoredNotebook {
            id: "nb-1".into(),
            notebook: course_exploration(),
            created_ms: 1.0,
            updated_ms: 2.5,
            last_runs: BTreeMap::from([(9, "run-a".into())]),
            alerts: BTreeMap::new(),
            consent: crate::notebook::trust::Consent::default(),
        }],
        runs: vec![
            run("run-a", (0..=255).collect()),
            run("run-b", vec![7; 1000]),
        ],
        datasets: vec![ArchivedDataset {
            info: CachedDataset {
                sha256: sha256_hex(&bytes),
                file_name: "charts.csv".into(),
                size: bytes.len() as u64,
                stored_ms: 3.0,
            },
            bytes,
        }],
    }
}

/// `to_bytes` of `archive` after `change` is applied to the file's JSON text.
fn edited(archive: &Archive, change: impl FnOnce(String) -> String) -> Vec<u8> {
    let text = String::from_utf8(to_bytes(archive)).expect("utf-8");
    change(text).into_bytes()
}

#[test]
fn export_round_trips_byte_for_byte() {
    let original = archive();
    let bytes = to_bytes(&original);
    println!("archive of 2 runs and 1 dataset: {} bytes", bytes.len());
    let back = from_bytes(&bytes).expect("import");
    assert_eq!(back, original);
    assert_eq!(to_bytes(&back), bytes);
}

#[test]
fn the_file_says_what_it_is_and_carries_the_content_hash() {
    let bytes = to_bytes(&archive());
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(value["format"], "jukebox-archive");
    assert_eq!(value["version"], ARCHIVE_VERSION);
    let content = serde_json::to_string(&archive()).expect("json");
    assert_eq!(value["sha256"], sha256_hex(content.as_bytes()));
}

#[test]
fn files_that_are_not_exports_are_refused_with_a_reason() {
    let error = from_bytes(b"PAR1\xff\x00binary").expect_err("binary");
    assert_eq!(error, ArchiveError::NotText { at: 4 });
    assert!(
        error
            .to_string()
            .starts_with("this is not a Jukebox export"),
        "{error}"
    );
    let error = from_bytes(b"spotify_id,country\n1,US\n").expect_err("csv");
    assert!(
        matches!(&error, ArchiveError::NotAnExport { reason } if reason.contains("line 1 column 1")),
        "{error:?}"
    );
    assert_eq!(
        from_bytes(br#"{"name":"x"}"#),
        Err(ArchiveError::NotAnExport {
            reason: "it has no `format` field".into()
        })
    );
    let error = from_bytes(br#"{"format":"lab-notebook","version":1}"#).expect_err("other");
    assert_eq!(
        error,
        ArchiveError::OtherFormat {
            format: "lab-notebook".into()
        }
    );
    assert!(
        error.to_string().contains("its format is `lab-notebook`"),
        "{error}"
    );
}

#[test]
fn an_export_from_a_newer_jukebox_is_refused() {
    let bytes = edited(&archive(), |t| {
        t.replacen("\"version\":1,", "\"version\":2,", 1)
    });
    let error = from_bytes(&bytes).expect_err("newer");
    assert_eq!(
        error,
        ArchiveError::NewerVersion {
            version: 2,
            supported: 1
        }
    );
    assert!(
        error.to_string().contains("made by a newer Jukebox"),
        "{error}"
    );
}

#[test]
fn a_changed_byte_fails_the_checksum() {
    let bytes = edited(&archive(), |t| t.replacen("first try", "first trY", 1));
    let error = from_bytes(&bytes).expect_err("changed");
    assert_eq!(error, ArchiveError::ChecksumMismatch);
    assert!(
        error
            .to_string()
            .contains("changed or damaged after export"),
        "{error}"
    );
    // A change the content's types do not accept is reported the same way.
    let bytes = edited(&archive(), |t| {
        t.replacen("\"app_version\":\"", "\"app_version\":7,\"x\":\"", 1)
    });
    assert_eq!(from_bytes(&bytes), Err(ArchiveError::ChecksumMismatch));
}

#[test]
fn a_cut_or_broken_export_is_called_damaged() {
    let bytes = to_bytes(&archive());
    let error = from_bytes(&bytes[..bytes.len() / 2]).expect_err("cut");
    assert!(
        matches!(&error, ArchiveError::Damaged { reason } if reason.contains("EOF")),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("the export is damaged ("),
        "{error}"
    );
    let bytes = edited(&archive(), |t| {
        t.replacen("\"notebooks\":[", "\"notebooks\":{", 1)
    });
    assert!(matches!(
        from_bytes(&bytes),
        Err(ArchiveError::Damaged { .. })
    ));
}

#[test]
fn a_tampered_model_byte_names_its_run() {
    let original = archive();
    let model_b64 = base64_of(&original.runs[1].model);
    let tampered = model_b64.replacen("BwcH", "BwcI", 1);
    assert_ne!(tampered, model_b64);
    let bytes = edited(&original, |t| t.replacen(&model_b64, &tampered, 1));
    let error = from_bytes(&bytes).expect_err("tampered");
    assert_eq!(
        error,
        ArchiveError::ModelMismatch {
            run: "run-b".into(),
            model: "mlp".into(),
            reason: "its SHA-256 differs".into(),
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("the model of run `run-b` (mlp)"),
        "{error}"
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn a_model_or_file_that_does_not_match_its_record_is_refused_even_with_a_fresh_checksum() {
    let mut shorter = archive();
    shorter.runs[0].model.pop();
    let error = from_bytes(&to_bytes(&shorter)).expect_err("short model");
    assert_eq!(
        error,
        ArchiveError::ModelMismatch {
            run: "run-a".into(),
            model: "mlp".into(),
            reason: "255 bytes instead of 256".into(),
        }
    );
    let mut changed = archive();
    changed.datasets[0].bytes[0] = b'S';
    let error = from_bytes(&to_bytes(&changed)).expect_err("changed file");
    assert_eq!(
        error,
        ArchiveError::DatasetMismatch {
            file_name: "charts.csv".into(),
            reason: "its SHA-256 differs".into(),
        }
    );
    assert!(
        error.to_string().contains("cached file `charts.csv`"),
        "{error}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let mut twice = archive();
    twice.runs[1].record.id = "run-a".into();
    let error = from_bytes(&to_bytes(&twice)).expect_err("duplicate run");
    assert_eq!(
        error,
        ArchiveError::DuplicateId {
            kind: "run",
            id: "run-a".into()
        }
    );
    assert!(
        error.to_string().contains("two runs with id `run-a`"),
        "{error}"
    );
    let mut twice = archive();
    twice.notebooks.push(twice.notebooks[0].clone());
    assert_eq!(
        from_bytes(&to_bytes(&twice)),
        Err(ArchiveError::DuplicateId {
            kind: "notebook",
            id: "nb-1".into()
        })
    );
    let mut twice = archive();
    twice.datasets.push(twice.datasets[0].clone());
    let sha = twice.datasets[0].info.sha256.clone();
    assert_eq!(
        from_bytes(&to_bytes(&twice)),
        Err(ArchiveError::DuplicateId {
            kind: "dataset",
            id: sha
        })
    );
}

#[test]
fn notebooks_and_runs_from_a_newer_jukebox_are_refused() {
    let mut newer = archive();
    newer.notebooks[0].notebook.version = NOTEBOOK_VERSION + 1;
    let error = from_bytes(&to_bytes(&newer)).expect_err("newer notebook");
    assert_eq!(
        error,
        ArchiveError::NewerItem {
            kind: "notebook",
            id: "nb-1".into(),
            version: NOTEBOOK_VERSION + 1,
            supported: NOTEBOOK_VERSION,
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("notebook `nb-1` was saved by a newer Jukebox"),
        "{error}"
    );
    let mut newer = archive();
    newer.runs[0].record.version = RUN_VERSION + 1;
    assert!(matches!(
        from_bytes(&to_bytes(&newer)),
        Err(ArchiveError::NewerItem { kind: "run", .. })
    ));
}

#[test]
fn an_empty_archive_round_trips() {
    let empty = Archive {
        app_version: "0.0.1".into(),
        exported_ms: 0.0,
        notebooks: Vec::new(),
        runs: Vec::new(),
        datasets: Vec::new(),
    };
    assert_eq!(from_bytes(&to_bytes(&empty)), Ok(empty));
}

#[test]
fn every_cut_of_an_export_is_refused_as_damaged() {
    let mut with_accents = archive();
    with_accents.notebooks[0].notebook.title = "Étude — charts 🎵".into();
    let bytes = to_bytes(&with_accents);
    let prefix = br#"{"format":"jukebox-archive","#.len();
    for cut in prefix..bytes.len() {
        match from_bytes(&bytes[..cut]) {
            Err(ArchiveError::Damaged { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn an_imported_notebook_gets_the_checks_every_notebook_gets() {
    let mut huge = archive();
    huge.notebooks[0]
        .notebook
        .cells
        .push(crate::notebook::Cell::new(
            999,
            crate::notebook::CellSpec::Chart {
                input: "charts".into(),
                chart: crate::chart::ChartSpec::Histogram {
                    column: "tempo".into(),
                    bins: 1_000_000_000,
                },
            },
        ));
    let error = from_bytes(&to_bytes(&huge)).unwrap_err().to_string();
    assert!(
        error.starts_with("notebook `nb-1` was not imported: the notebook asks for more than Jukebox allows (Chart (id 999) cell: bins 1,000,000,000"),
        "{error}"
    );
}
