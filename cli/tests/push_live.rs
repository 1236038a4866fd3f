//! `jukebox push` against real registries: an `mlflow server` from the project's `.venv` and
//! Prism mocking the Kubeflow Model Registry from its OpenAPI spec (a request that breaks the
//! spec is answered 4xx). `make test-registry` starts both and sets `JUKEBOX_MLFLOW_URL` /
//! `JUKEBOX_KUBEFLOW_URL`; without them these tests are ignored.

// Helpers outside `#[test]` functions unwrap too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use jukebox_cli::args::RunArgs;
use jukebox_cli::error::exit;
use jukebox_cli::progress::Reporter;
use jukebox_core::archive;

fn env_url(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("set {name} (make test-registry does)"))
}

/// A small run of the starter notebook, trained once for these tests.
fn starter_out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("jukebox-push-live-{}", std::process::id()));
        let args = RunArgs {
            notebook: "starter".into(),
            out: out.clone(),
            set: vec!["train.epochs=1".into(), "train.max_train_rows=3000".into()],
            ..RunArgs::default()
        };
        jukebox_cli::run(&args, &mut Reporter::quiet()).unwrap();
        out
    })
}

/// A copy of the starter's outputs, so each push keeps its own state and export.
fn copy_of(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jukebox-push-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["jukebox-export.json", "model.onnx", "model-card.json"] {
        std::fs::copy(starter_out().join(file), dir.join(file)).unwrap();
    }
    dir
}

fn jukebox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(args)
        .env("JUKEBOX_REGISTRY_TOKEN", "jukebox-test")
        .output()
        .unwrap()
}

/// `jukebox push DIR --registry REGISTRY --url URL …`, expected to exit with `code`; its stderr.
fn push(dir: &Path, registry: &str, url: &str, more: &[&str], code: i32) -> String {
    let mut args = vec![
        "push",
        dir.to_str().unwrap(),
        "--registry",
        registry,
        "--url",
        url,
    ];
    args.extend_from_slice(more);
    let out = jukebox(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

fn get_json(url: &str) -> serde_json::Value {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().unwrap();
    assert_eq!(response.status().as_u16(), 200, "GET {url}");
    serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
}

#[test]
#[ignore = "needs a live MLflow server: make test-registry"]
fn a_run_is_registered_in_mlflow_with_its_alias_and_recorded_in_the_export() {
    let base = env_url("JUKEBOX_MLFLOW_URL");
    let dir = copy_of("mlflow");
    let model = format!("cli_course_network_{}", std::process::id());
    let stderr = push(
        &dir,
        "mlflow",
        &base,
        &["--model", &model, "--alias", "champion"],
        exit::PASSED,
    );
    assert!(
        stderr.contains(&format!("Registered {model} version 1 in mlflow")),
        "{stderr}"
    );
    let version = get_json(&format!(
        "{base}/api/2.0/mlflow/registered-models/alias?name={model}&alias=champion"
    ));
    assert_eq!(version["model_version"]["version"], "1");
    let archive =
        archive::from_bytes(&std::fs::read(dir.join("jukebox-export.json")).unwrap()).unwrap();
    let record = &archive.runs.last().unwrap().record;
    assert_eq!(record.registrations.len(), 1);
    assert_eq!(record.registrations[0].model_name, model);
    assert!(record.pushes.is_empty());
    assert!(
        !dir.join("push-mlflow.json").exists(),
        "the finished push leaves no state behind"
    );
    // The MLflow run holds the app's metric names.
    let run_id = version["model_version"]["run_id"].as_str().unwrap();
    let run = get_json(&format!("{base}/api/2.0/mlflow/runs/get?run_id={run_id}"));
    let metrics: Vec<&str> = run["run"]["data"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect();
    assert!(metrics.contains(&"test_accuracy"), "{metrics:?}");
}

/// Kubeflow stores no model bytes: without `--artifact-uri` the push stops at the version
/// with the sentence saying what to give. (The whole Kubeflow request sequence is checked
/// against Prism in `core/tests/registry_live.rs`; Prism's made-up ids cannot carry a push
/// through on their own.)
#[test]
#[ignore = "needs Prism mocking the Kubeflow Model Registry: make test-registry"]
fn a_kubeflow_push_without_an_artifact_uri_says_one_is_needed() {
    let base = env_url("JUKEBOX_KUBEFLOW_URL");
    let dir = copy_of("kubeflow");
    let stderr = push(&dir, "kubeflow", &base, &[], exit::REGISTRY);
    assert!(stderr.contains("artifact URI"), "{stderr}");
    assert!(dir.join("push-kubeflow.json").exists());
}

/// A registry that cannot be reached: exit 4, the step and what to do, and the progress
/// kept for the next try.
#[test]
#[ignore = "runs with the live registry tests: make test-registry"]
fn an_unreachable_registry_is_exit_4_with_the_progress_kept() {
    let dir = copy_of("unreachable");
    let stderr = push(&dir, "mlflow", "http://127.0.0.1:9", &[], exit::REGISTRY);
    assert!(stderr.contains("could not be reached"), "{stderr}");
    assert!(
        stderr.contains("run the same command again to resume"),
        "{stderr}"
    );
    assert!(dir.join("push-mlflow.json").exists());
}

/// `jukebox run --gate "test_accuracy>=champion"`: the same notebook trained again scores what
/// the champion behind the MLflow alias scored (the training is deterministic), so `>=` holds
/// and `>` fails with exit 3; a model without the alias is exit 4 with what to do.
#[test]
#[ignore = "needs a live MLflow server: make test-registry"]
fn a_gate_compares_with_the_champion_behind_an_mlflow_alias() {
    let base = env_url("JUKEBOX_MLFLOW_URL");
    let dir = copy_of("champion");
    let model = format!("cli_champion_{}", std::process::id());
    push(
        &dir,
        "mlflow",
        &base,
        &["--model", &model, "--alias", "champion"],
        exit::PASSED,
    );
    let run = |gate: &str, model: &str, code: i32| {
        let out_dir = std::env::temp_dir().join(format!(
            "jukebox-champion-run-{}-{code}",
            std::process::id()
        ));
        let out = jukebox(&[
            "run",
            "starter",
            "--out",
            out_dir.to_str().unwrap(),
            "--set",
            "train.epochs=1",
            "--set",
            "train.max_train_rows=3000",
            "--gate",
            gate,
            "--registry",
            "mlflow",
            "--registry-url",
            &base,
            "--registry-model",
            model,
        ]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(code), "{text}");
        (text, out_dir)
    };
    let (text, out_dir) = run("test_accuracy>=champion", &model, exit::PASSED);
    assert!(
        text.contains(&format!(
            "vs the champion's {:.4}, version 1 of {model} (alias champion)",
            read_metric("test_accuracy")
        )),
        "{text}"
    );
    let report = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
    assert!(report.contains("test_accuracy>=champion"), "{report}");
    let (text, _) = run("test_accuracy>champion", &model, exit::GATE_FAILED);
    assert!(
        text.contains("gate test_accuracy>champion: failed"),
        "{text}"
    );
    let (text, _) = run(
        "test_accuracy>=champion",
        "no_such_model_here",
        exit::REGISTRY,
    );
    assert!(
        text.contains("has no alias 'champion' on a model 'no_such_model_here'"),
        "{text}"
    );
}

/// A metric of the starter run's metrics.json.
fn read_metric(name: &str) -> f64 {
    let text = std::fs::read_to_string(starter_out().join("metrics.json")).unwrap();
    let metrics: serde_json::Value = serde_json::from_str(&text).unwrap();
    metrics[name].as_f64().unwrap()
}
