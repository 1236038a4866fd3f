//! Notebooks that read local files: the file beside the notebook, the file given with
//! `--data` instead, and the sentence when neither is there. A small made-up CSV (three
//! countries whose songs differ in danceability and tempo) keeps the trainings instant.

// Helpers outside `#[test]` functions unwrap too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jukebox_cli::args::RunArgs;
use jukebox_cli::error::exit;
use jukebox_cli::progress::Reporter;
use jukebox_core::archive;
use jukebox_core::course::FEATURES;
use jukebox_core::hash::sha256_hex;
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook, Source};
use jukebox_core::train::{EvalSplit, LogisticParams, ModelSpec, SplitMethod, TrainSpec};

fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir =
        std::env::temp_dir().join(format!("jukebox-cli-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `n_rows` songs of three countries; `seed` varies the values.
fn songs_csv(n_rows: usize, seed: u64) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut csv = format!("{},country\n", FEATURES.join(","));
    for row in 0..n_rows {
        let class = row % 3;
        let values: Vec<String> = FEATURES
            .iter()
            .map(|f| match *f {
                "danceability" => format!("{:.4}", 0.2 + 0.3 * class as f64 + 0.1 * next()),
                "tempo" => format!("{:.2}", 90.0 + 20.0 * class as f64 + 5.0 * next()),
                _ => format!("{:.4}", next()),
            })
            .collect();
        let country = ["DE", "FR", "US"][class];
        writeln!(csv, "{},{country}", values.join(",")).unwrap();
    }
    csv
}

/// Load `charts` from `songs.csv`, train a logistic regression, evaluate it.
fn notebook() -> Notebook {
    let spec = TrainSpec {
        split: jukebox_core::train::SplitSpec {
            method: SplitMethod::Shuffled,
            ..Default::default()
        },
        model: ModelSpec::LogisticRegression(LogisticParams::default()),
        ..TrainSpec::default()
    };
    let specs = [
        CellSpec::Source {
            source: Source::File {
                name: "charts".into(),
                file_name: "songs.csv".into(),
                size: 0,
                sha256: String::new(),
            },
        },
        CellSpec::Train {
            input: "charts".into(),
            spec,
            output: "logreg".into(),
        },
        CellSpec::Evaluate {
            model: "logreg".into(),
            on: EvalSplit::Test,
        },
    ];
    Notebook {
        version: NOTEBOOK_VERSION,
        title: "Three countries".into(),
        cells: specs
            .into_iter()
            .zip(1..)
            .map(|(s, id)| Cell::new(id, s))
            .collect(),
    }
}

fn write_notebook(dir: &Path) -> PathBuf {
    let path = dir.join("three.jukebox.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&notebook()).unwrap()).unwrap();
    path
}

fn args(notebook: &Path, out: &Path, data: &[String]) -> RunArgs {
    RunArgs {
        notebook: notebook.display().to_string(),
        out: out.to_path_buf(),
        data: data.to_vec(),
        gate: vec!["test_accuracy>=0.5".into()],
        ..RunArgs::default()
    }
}

/// The SHA-256 the exported notebook's source and the run's fingerprint hold.
fn hashes(out: &Path) -> (String, String) {
    let archive =
        archive::from_bytes(&std::fs::read(out.join("jukebox-export.json")).unwrap()).unwrap();
    let source = match &archive.notebooks[0].notebook.cells[0].spec {
        CellSpec::Source {
            source: Source::File { sha256, .. },
        } => sha256.clone(),
        other => panic!("a file source, not {other:?}"),
    };
    (source, archive.runs[0].record.datasets[0].sha256.clone())
}

#[test]
fn a_file_beside_the_notebook_is_read_and_kept_by_its_hash() {
    let dir = temp_dir("beside");
    let csv = songs_csv(600, 1);
    std::fs::write(dir.join("songs.csv"), &csv).unwrap();
    let out = dir.join("out");
    let outcome = jukebox_cli::run(
        &args(&write_notebook(&dir), &out, &[]),
        &mut Reporter::quiet(),
    )
    .unwrap();
    assert!(outcome.gates[0].passed(), "{:?}", outcome.gates);
    let (source, _) = hashes(&out);
    assert_eq!(source, sha256_hex(csv.as_bytes()));
    // A logistic regression exports as ONNX.
    assert!(out.join("model.onnx").is_file() && out.join("model-card.json").is_file());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn data_replaces_the_file_a_source_reads() {
    let dir = temp_dir("data");
    std::fs::write(dir.join("songs.csv"), songs_csv(600, 1)).unwrap();
    let other = songs_csv(900, 2);
    let other_path = dir.join("other.csv");
    std::fs::write(&other_path, &other).unwrap();
    let out = dir.join("out");
    let data = [format!("charts={}", other_path.display())];
    let outcome = jukebox_cli::run(
        &args(&write_notebook(&dir), &out, &data),
        &mut Reporter::quiet(),
    )
    .unwrap();
    let (source, fingerprint) = hashes(&out);
    assert_eq!(source, sha256_hex(other.as_bytes()));
    assert_ne!(fingerprint, "", "the run says what data it read");
    assert_eq!(outcome.run.runs[0].record.report.sizes.n_rows, 900);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_missing_file_says_to_pass_it_with_data_before_anything_runs() {
    let dir = temp_dir("missing");
    let out = dir.join("out");
    let error = jukebox_cli::run(
        &args(&write_notebook(&dir), &out, &[]),
        &mut Reporter::quiet(),
    )
    .unwrap_err();
    assert_eq!(error.exit_code(), exit::BAD_INPUT);
    let text = error.to_string();
    assert!(
        text.starts_with(
            "cell 1 (Data source `charts`: file songs.csv): it reads the local file `songs.csv`"
        ),
        "{text}"
    );
    assert!(
        text.contains("Pass the file with --data charts=PATH"),
        "{text}"
    );
    assert!(!out.exists(), "nothing is written");
    let wrong = [format!("charts={}", dir.join("nope.csv").display())];
    let text = jukebox_cli::run(
        &args(&write_notebook(&dir), &out, &wrong),
        &mut Reporter::quiet(),
    )
    .unwrap_err()
    .to_string();
    assert!(text.contains("there is no file"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The CI case: a run records its input's contract; the next run on new data of the same
/// shape passes `--contract`; data with a column broken stops before training with exit 1,
/// the anomaly in words, in `validation.json` and in `report.md`.
#[test]
fn a_run_records_its_data_contract_and_the_next_run_is_gated_on_it() {
    let dir = temp_dir("contract");
    let notebook = write_notebook(&dir);
    std::fs::write(dir.join("songs.csv"), songs_csv(600, 1)).unwrap();
    let first = dir.join("first");
    jukebox_cli::run(&args(&notebook, &first, &[]), &mut Reporter::quiet()).unwrap();
    let contract = first.join("data-contract.json");
    let recorded =
        jukebox_core::contract::parse_contract(&std::fs::read_to_string(&contract).unwrap())
            .unwrap();
    assert_eq!(recorded.rows, 600);
    assert_eq!(recorded.columns.len(), FEATURES.len() + 1);
    let (_, run_version) = hashes(&first);
    assert_eq!(
        recorded.dataset_version, run_version,
        "the contract's version is the run's dataset fingerprint"
    );

    // New data of the same kind passes.
    std::fs::write(dir.join("new.csv"), songs_csv(600, 2)).unwrap();
    let second = dir.join("second");
    let mut gated = args(
        &notebook,
        &second,
        &[format!("charts={}", dir.join("new.csv").display())],
    );
    gated.contract = Some(contract.clone());
    let outcome = jukebox_cli::run(&gated, &mut Reporter::quiet()).unwrap();
    assert!(
        outcome.run.contracts[0]
            .validation
            .as_ref()
            .unwrap()
            .passed()
    );
    assert!(second.join("validation.json").exists());

    // A tempo column that became text: exit 1, nothing trained.
    let broken = songs_csv(600, 3).replacen(",9", ",fast 9", 5);
    std::fs::write(dir.join("broken.csv"), broken).unwrap();
    let third = dir.join("third");
    let mut gated = args(
        &notebook,
        &third,
        &[format!("charts={}", dir.join("broken.csv").display())],
    );
    gated.contract = Some(contract);
    let error = jukebox_cli::run(&gated, &mut Reporter::quiet()).unwrap_err();
    assert_eq!(error.exit_code(), exit::CONTRACT);
    let message = error.to_string();
    assert!(
        message.contains("UNEXPECTED_DATA_TYPE in `tempo`: expected float (f64), found text (str)"),
        "{message}"
    );
    assert!(
        !third.join("jukebox-export.json").exists(),
        "nothing was trained"
    );
    let validation: serde_json::Value =
        serde_json::from_slice(&std::fs::read(third.join("validation.json")).unwrap()).unwrap();
    assert_eq!(validation["anomalies"][0]["kind"], "UNEXPECTED_DATA_TYPE");
    let report = std::fs::read_to_string(third.join("report.md")).unwrap();
    assert!(
        report
            .contains("| **error** | `UNEXPECTED_DATA_TYPE` | tempo | float (f64) | text (str) |"),
        "{report}"
    );
}

/// `jukebox contract` and `jukebox validate` on files: exit 0 when the table keeps the
/// contract, 1 with the anomaly on stderr when it does not, 2 when the contract is not one.
#[test]
fn contract_and_validate_commands_write_check_and_exit_as_documented() {
    let dir = temp_dir("validate");
    let (good, bad) = (dir.join("good.csv"), dir.join("bad.csv"));
    std::fs::write(&good, songs_csv(300, 1)).unwrap();
    // Fewer rows than a tenth, and a new column.
    let mut small = songs_csv(20, 2).replacen(",country\n", ",country,extra\n", 1);
    small = small
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("{l},1")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&bad, small).unwrap();
    let contract = dir.join("contract.json");
    let jukebox = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .args(args)
            .output()
            .unwrap()
    };
    let made = jukebox(&[
        "contract",
        good.to_str().unwrap(),
        "-o",
        contract.to_str().unwrap(),
    ]);
    assert_eq!(
        made.status.code(),
        Some(exit::PASSED),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let passed = jukebox(&[
        "validate",
        good.to_str().unwrap(),
        "--contract",
        contract.to_str().unwrap(),
    ]);
    assert_eq!(passed.status.code(), Some(exit::PASSED));
    assert!(String::from_utf8_lossy(&passed.stderr).contains("passed: 0 errors, 0 warnings"));
    let failed = jukebox(&[
        "validate",
        bad.to_str().unwrap(),
        "--contract",
        contract.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(failed.status.code(), Some(exit::CONTRACT));
    let json: serde_json::Value = serde_json::from_slice(&failed.stdout).unwrap();
    let kinds: Vec<&str> = json["anomalies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["SCHEMA_NEW_COLUMN", "DATASET_LOW_NUM_EXAMPLES"]);
    assert!(
        String::from_utf8_lossy(&failed.stderr)
            .contains("expected at least 30 rows, found 20 rows")
    );
    let not_one = jukebox(&[
        "validate",
        good.to_str().unwrap(),
        "--contract",
        good.to_str().unwrap(),
    ]);
    assert_eq!(not_one.status.code(), Some(exit::BAD_INPUT));
    assert!(String::from_utf8_lossy(&not_one.stderr).contains("is not a Jukebox data contract"));
}
