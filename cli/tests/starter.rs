//! The starter notebook run end to end, through the library and the built binary: every
//! output file there and readable, the run importable by the app, gates and exit codes,
//! deterministic results. Trainings are made small with `--set` to keep the tests quick.

// Helpers outside `#[test]` functions unwrap too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use jukebox_cli::args::RunArgs;
use jukebox_cli::error::exit;
use jukebox_cli::gate;
use jukebox_cli::progress::Reporter;
use jukebox_core::archive;
use jukebox_core::hash::sha256_hex;
use jukebox_core::onnx::ModelCard;
use jukebox_core::train::ModelSpec;

/// A small, quick training of the starter's network.
const SMALL: [&str; 2] = ["train.epochs=1", "train.max_train_rows=3000"];

/// A new empty folder under the system's temporary folder.
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

fn starter_args(out: &Path) -> RunArgs {
    RunArgs {
        notebook: "starter".into(),
        out: out.to_path_buf(),
        set: SMALL.iter().map(|s| (*s).to_string()).collect(),
        ..RunArgs::default()
    }
}

/// One run of the starter shared by the tests that only read its outputs.
fn shared_run() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("starter");
        jukebox_cli::run(&starter_args(&out), &mut Reporter::quiet()).unwrap();
        out
    })
}

fn read(out: &Path, name: &str) -> Vec<u8> {
    std::fs::read(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn metrics(out: &Path) -> BTreeMap<String, f64> {
    serde_json::from_slice(&read(out, "metrics.json")).unwrap()
}

#[test]
fn the_run_is_exported_as_the_app_imports_it() {
    let out = shared_run();
    let archive = archive::from_bytes(&read(out, "jukebox-export.json")).unwrap();
    assert_eq!(archive.runs.len(), 1);
    let run = &archive.runs[0];
    assert_eq!(run.record.model_name, "course_network");
    assert_eq!(run.record.model_sha256, sha256_hex(&run.model));
    assert!(run.record.evaluation.is_some());
    let [notebook] = archive.notebooks.as_slice() else {
        panic!("one notebook")
    };
    assert_eq!(
        notebook.notebook.title,
        jukebox_core::notebook::STARTER_TITLE
    );
    assert_eq!(
        notebook.last_runs.get(&run.record.cell_id),
        Some(&run.record.id)
    );
}

#[test]
fn the_model_and_its_card_describe_each_other() {
    let out = shared_run();
    let onnx = read(out, "model.onnx");
    let card: ModelCard = serde_json::from_slice(&read(out, "model-card.json")).unwrap();
    assert_eq!(card.onnx_sha256, sha256_hex(&onnx));
    assert_eq!(card.features.len(), 13);
    let metrics = metrics(out);
    for (name, value) in &card.metrics {
        assert_eq!(
            metrics.get(name),
            Some(value),
            "the card's {name} is in metrics.json"
        );
    }
}

#[test]
fn metrics_hold_the_test_accuracy_and_the_gates_use_them() {
    let metrics = metrics(shared_run());
    let accuracy = metrics["test_accuracy"];
    assert!((0.0..=1.0).contains(&accuracy), "{accuracy}");
    for name in ["validation_accuracy", "test_top5_accuracy", "test_macro_f1"] {
        assert!(metrics.contains_key(name), "{name} in {metrics:?}");
    }
    let passing = [gate::parse("test_accuracy>=0").unwrap()];
    gate::verdict(&gate::evaluate(&passing, &metrics, None), &metrics).unwrap();
    let failing = [gate::parse(&format!("test_accuracy>{accuracy}")).unwrap()];
    let error = gate::verdict(&gate::evaluate(&failing, &metrics, None), &metrics).unwrap_err();
    assert_eq!(error.exit_code(), exit::GATE_FAILED);
}

#[test]
fn tables_are_csv_with_labels_around_the_confusion_matrix() {
    let out = shared_run();
    let confusion = String::from_utf8(read(out, "confusion_matrix.csv")).unwrap();
    let lines: Vec<Vec<&str>> = confusion.lines().map(|l| l.split(',').collect()).collect();
    let classes = &lines[0][1..];
    assert_eq!(lines[0][0], "true/predicted");
    assert_eq!(lines.len(), classes.len() + 1);
    for (row, class) in lines[1..].iter().zip(classes) {
        assert_eq!(row[0], *class);
        assert_eq!(row.len(), classes.len() + 1);
        assert!(row[1..].iter().all(|n| n.parse::<u64>().is_ok()));
    }
    // The starter's Explore cells are at positions 6 (describe) and 7 (correlations).
    let describe = String::from_utf8(read(out, "explore-6.csv")).unwrap();
    assert!(
        describe.starts_with("column,count,mean,std,min,25%,50%,75%,max\n"),
        "{describe}"
    );
    assert!(
        describe.lines().any(|l| l.starts_with("tempo,")),
        "{describe}"
    );
    let correlations = String::from_utf8(read(out, "explore-7.csv")).unwrap();
    assert!(
        correlations.starts_with("column,popularity\n"),
        "{correlations}"
    );
}

#[test]
fn the_report_summarises_cells_data_training_and_evaluation() {
    let report = String::from_utf8(read(shared_run(), "report.md")).unwrap();
    for expected in [
        "# Jukebox: from charts to a model",
        "## Cells",
        "| 10 | Train `course_network` | done |",
        "## Datasets",
        "| `charts` |",
        "## Training",
        "### `course_network` — Dense network (cell 10)",
        "| Epoch | Loss | Accuracy | Validation loss | Validation accuracy |",
        "## Evaluation",
        "| Top-5 accuracy |",
        "| Class | Precision | Recall | F1 | Support |",
        "## Predictions",
        "## Charts",
        "- `model.onnx`",
    ] {
        assert!(
            report.contains(expected),
            "report.md lacks {expected:?}:\n{report}"
        );
    }
}

#[test]
fn two_runs_give_the_same_model_and_metrics() {
    let first = shared_run();
    let second = temp_dir("again");
    jukebox_cli::run(&starter_args(&second), &mut Reporter::quiet()).unwrap();
    assert_eq!(
        sha256_hex(&read(first, "model.onnx")),
        sha256_hex(&read(&second, "model.onnx"))
    );
    let model = |out: &Path| {
        archive::from_bytes(&read(out, "jukebox-export.json"))
            .unwrap()
            .runs[0]
            .record
            .model_sha256
            .clone()
    };
    assert_eq!(model(first), model(&second));
    assert_eq!(read(first, "metrics.json"), read(&second, "metrics.json"));
    let _ = std::fs::remove_dir_all(second);
}

/// The starter notebook's Train cell with `set` on `threads` threads: whether it trained
/// `model`, the SHA-256 of the model's bytes, and `metrics.json`.
fn trained_on(
    threads: usize,
    set: &[&str],
    model: fn(&ModelSpec) -> bool,
) -> (bool, String, Vec<u8>) {
    let out = temp_dir(&format!("threads-{threads}"));
    let args = RunArgs {
        set: set.iter().map(|s| (*s).to_string()).collect(),
        threads: std::num::NonZeroUsize::new(threads),
        ..starter_args(&out)
    };
    jukebox_cli::run(&args, &mut Reporter::quiet()).unwrap();
    let run = archive::from_bytes(&read(&out, "jukebox-export.json"))
        .unwrap()
        .runs
        .remove(0);
    let metrics = read(&out, "metrics.json");
    let _ = std::fs::remove_dir_all(out);
    (
        model(&run.record.report.spec.model),
        run.record.model_sha256,
        metrics,
    )
}

#[test]
fn a_forest_fitted_on_three_threads_is_the_forest_fitted_on_one() {
    let set = [
        "train.model=random_forest",
        "train.n_trees=7",
        "train.max_depth=6",
        "train.max_train_rows=3000",
    ];
    let forest = |m: &ModelSpec| matches!(m, ModelSpec::RandomForest(_));
    let one = trained_on(1, &set, forest);
    assert!(one.0, "the Train cell did not fit a forest");
    assert_eq!(one, trained_on(3, &set, forest));
}

#[test]
fn gradient_boosting_fitted_on_three_threads_is_the_one_fitted_on_one() {
    // Each iteration's class trees side by side, from the scores before the iteration.
    let set = [
        "train.model=hist_gradient_boosting",
        "train.max_iter=4",
        "train.max_train_rows=3000",
    ];
    let boosting = |m: &ModelSpec| matches!(m, ModelSpec::HistGradientBoosting(_));
    let one = trained_on(1, &set, boosting);
    assert!(one.0, "the Train cell did not fit gradient boosting");
    assert_eq!(one, trained_on(3, &set, boosting));
}

#[test]
fn a_network_trained_on_three_threads_is_the_network_trained_on_one() {
    // Batches of 7 rows on 3 threads: lanes of 3, 3 and 1 rows, and every layer's parameters
    // in several blocks.
    let set = [
        "train.epochs=1",
        "train.max_train_rows=2000",
        "train.batch_size=7",
    ];
    let network = |m: &ModelSpec| matches!(m, ModelSpec::Network(_));
    let one = trained_on(1, &set, network);
    assert!(one.0, "the Train cell did not train a network");
    assert_eq!(one, trained_on(3, &set, network));
}

#[test]
fn the_binary_exits_3_when_a_gate_fails_and_says_so_in_json() {
    let out = temp_dir("gate");
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["run", "starter", "--out"])
        .arg(&out)
        .args(SMALL.iter().flat_map(|s| ["--set", s]))
        .args([
            "--gate",
            "test_accuracy>=0",
            "--gate",
            "test_accuracy>1",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(exit::GATE_FAILED));
    let events: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let gates: Vec<bool> = events
        .iter()
        .filter(|e| e["event"] == "gate")
        .map(|e| e["passed"].as_bool().unwrap())
        .collect();
    assert_eq!(gates, [true, false]);
    assert!(events.iter().any(|e| e["event"] == "training"));
    let last = events.last().unwrap();
    assert_eq!(
        (last["event"].as_str(), last["exit_code"].as_i64()),
        (Some("finished"), Some(3))
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error: 1 of 2 quality gates failed"),
        "{stderr}"
    );
    assert!(out.join("report.md").is_file());
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn the_binary_refuses_zero_epochs_or_an_unknown_field_with_exit_2() {
    for (set, expected) in [
        (
            "train.epochs=0",
            "cell 10 (Train `course_network`), field `epochs`: Train cell: epochs 0 is outside",
        ),
        (
            "train.epoch=3",
            "cell 10 (Train `course_network`): it has no field `epoch`",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .args(["run", "starter", "--out", "unused", "--set", set])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(exit::BAD_INPUT), "{set}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(expected), "{set}: {stderr}");
        assert!(
            !Path::new("unused").exists(),
            "nothing is written before the run"
        );
    }
}

#[test]
fn the_binary_prints_its_version_and_exit_codes() {
    let version = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("jukebox {}", jukebox_cli::VERSION)
    );
    let help = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["run", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("3  a quality gate failed"), "{help}");
}

/// Each Chart cell and the Drift cell's weeks as a PNG drawn by the app's chart code, shown
/// in the report.
#[test]
fn charts_are_png_files_the_report_shows() {
    let out = shared_run();
    let report = String::from_utf8(read(out, "report.md")).unwrap();
    let html = String::from_utf8(read(out, "report.html")).unwrap();
    let notebook = jukebox_core::notebook::starter();
    let mut drawn = 0;
    for (position, cell) in notebook.cells.iter().enumerate() {
        let name = match &cell.spec {
            jukebox_core::notebook::CellSpec::Chart { .. } => format!("chart-{}.png", position + 1),
            jukebox_core::notebook::CellSpec::Drift(_) => format!("drift-{}.png", position + 1),
            _ => continue,
        };
        let bytes = read(out, &name);
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{name} is a PNG");
        assert!(
            bytes.len() > 5_000,
            "{name} has a drawing: {} bytes",
            bytes.len()
        );
        assert!(
            report.contains(&format!("]({name})")),
            "report.md shows {name}"
        );
        let inside = jukebox_core::report::png_data_url(&bytes);
        assert!(
            html.contains(&format!("<img src=\"{inside}\"")),
            "report.html holds {name} itself"
        );
        drawn += 1;
    }
    assert!(drawn >= 2, "the starter's chart and its drift: {drawn}");
}

/// `report.html` is `report.md`'s report as one page: the same sections, no script, no
/// request to any host.
#[test]
fn the_html_report_is_the_markdown_report_as_one_page() {
    let out = shared_run();
    let markdown = String::from_utf8(read(out, "report.md")).unwrap();
    let html = String::from_utf8(read(out, "report.html")).unwrap();
    let sections: Vec<&str> = markdown
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .collect();
    assert!(sections.len() >= 8, "{sections:?}");
    for section in sections {
        assert!(
            html.contains(&format!("<h2>{section}</h2>")),
            "report.html lacks the section {section:?}"
        );
    }
    assert!(html.contains("default-src 'none'; img-src data:"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("src=\"http"));
}

/// A Validate cell whose table breaks its contract stops the run there with exit 1: the
/// cells after it do not run, its anomalies are in validation-<n>.json and the report.
#[test]
fn a_validate_cell_that_fails_stops_the_run_with_exit_1() {
    use jukebox_core::contract::validate_cell::{ContractSource, ValidateSpec};
    use jukebox_core::notebook::{Cell, CellSpec, file::to_file_bytes};
    let mut notebook = jukebox_core::notebook::starter();
    let train = notebook
        .cells
        .iter()
        .position(|c| matches!(c.spec, CellSpec::Train { .. }))
        .unwrap();
    // The song properties checked against the charts: other columns.
    notebook.cells.insert(
        train,
        Cell::new(
            9_999,
            CellSpec::Validate(ValidateSpec {
                input: "song_properties".into(),
                against: ContractSource::Dataset {
                    name: "charts".into(),
                },
            }),
        ),
    );
    let dir = temp_dir("validate");
    let file = dir.join("validate.jukebox.json");
    std::fs::write(&file, to_file_bytes(&notebook)).unwrap();
    let out = dir.join("out");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args([
            "run",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(exit::CONTRACT), "{stderr}");
    assert!(stderr.contains("table `song_properties`"), "{stderr}");
    assert!(stderr.contains("SCHEMA_MISSING_COLUMN"), "{stderr}");
    let position = train + 1;
    let validation: serde_json::Value =
        serde_json::from_slice(&read(&out, &format!("validation-{position}.json"))).unwrap();
    assert_eq!(validation["contract_dataset"], "charts");
    let report = String::from_utf8(read(&out, "report.md")).unwrap();
    assert!(
        report.contains(&format!(
            "not run: cell {position}'s table `song_properties` breaks its data contract"
        )),
        "{report}"
    );
    assert!(!out.join("model.onnx").exists(), "nothing was trained");
}
