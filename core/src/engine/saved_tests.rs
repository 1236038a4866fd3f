//! Runs from the engine's side: fingerprints of what was loaded, artifacts after a training,
//! restoring a saved run instead of training, and loading a run's model with or without its
//! data.

use super::*;
use crate::hash::sha256_hex;
use crate::prepare::PrepareStep;
use crate::protocol::SavedModel;
use crate::runs::RunArtifacts;
use crate::train::{EvalSplit, ForestParams, ModelSpec, NetworkParams, TrainReport, TrainSpec};

fn ask(engine: &mut Engine, body: RequestBody, bytes: Option<&[u8]>) -> ResponseBody {
    engine.handle(Request { id: 1, body }, bytes, &|| 0.0).body
}

fn engine_with_charts(seed: u64, n_songs: usize, n_days: usize) -> Engine {
    let mut engine = Engine::new();
    let config = DemoConfig {
        seed,
        n_songs,
        n_days,
        ..DemoConfig::default()
    };
    ask(&mut engine, RequestBody::LoadDemo { config }, None);
    let body = ask(
        &mut engine,
        RequestBody::Prepare {
            input: DEMO_RANKINGS.into(),
            steps: vec![
                PrepareStep::CourseMerge {
                    properties: DEMO_PROPERTIES.into(),
                },
                PrepareStep::DropNulls {
                    columns: Vec::new(),
                },
            ],
            output: "charts".into(),
        },
        None,
    );
    assert!(matches!(body, ResponseBody::Loaded { .. }), "{body:?}");
    engine
}

fn small_network() -> TrainSpec {
    TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![16],
            epochs: 1,
            ..NetworkParams::default()
        }),
        ..TrainSpec::default()
    }
}

/// Trains `spec` on `charts` as `output` (restoring `restore` when it fits); the reply's parts.
fn train(
    engine: &mut Engine,
    spec: TrainSpec,
    output: &str,
    restore: Option<SavedModel>,
) -> (TrainReport, Option<Box<RunArtifacts>>, Option<String>) {
    let body = ask(
        engine,
        RequestBody::Train {
            input: "charts".into(),
            spec,
            output: output.into(),
            restore: restore.map(Box::new),
        },
        None,
    );
    let ResponseBody::Trained {
        report,
        artifacts,
        restored_from,
        ..
    } = body
    else {
        panic!("expected a trained model, got {body:?}");
    };
    (report, artifacts, restored_from)
}

fn evaluate(engine: &mut Engine, model: &str, on: EvalSplit) -> ResponseBody {
    let body = RequestBody::Evaluate {
        model: model.into(),
        on,
    };
    ask(engine, body, None)
}

fn saved(run_id: &str, report: &TrainReport, artifacts: &RunArtifacts) -> SavedModel {
    SavedModel {
        run_id: run_id.into(),
        report: report.clone(),
        datasets: artifacts.datasets.clone(),
        model: artifacts.model.clone(),
    }
}

#[test]
fn a_training_hands_back_its_data_fingerprints_test_scores_and_model_bytes() {
    let mut engine = engine_with_charts(42, 400, 5);
    let (report, artifacts, restored_from) = train(&mut engine, small_network(), "mlp", None);
    let artifacts = artifacts.expect("a fresh training brings its artifacts");
    assert_eq!(restored_from, None);
    let names: Vec<&str> = artifacts.datasets.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["charts", DEMO_RANKINGS, DEMO_PROPERTIES]);
    let [charts, rankings, properties] = &artifacts.datasets[..] else {
        unreachable!()
    };
    assert_eq!(
        charts.origin,
        format!("prepared from {DEMO_RANKINGS}, {DEMO_PROPERTIES}")
    );
    assert_eq!(rankings.origin, "demo seed 42 v1");
    assert_ne!(rankings.sha256, properties.sha256);
    assert!(artifacts.datasets.iter().all(|d| d.sha256.len() == 64));
    assert_eq!(charts.rows, report.sizes.n_rows as u64);
    assert!(
        charts
            .columns
            .contains(&("danceability".into(), "f64".into()))
    );
    let ResponseBody::Evaluated { evaluation, .. } = evaluate(&mut engine, "mlp", EvalSplit::Test)
    else {
        panic!("evaluation failed");
    };
    assert_eq!(artifacts.evaluation, Some(evaluation));
    let decoded = crate::train::codec::decode(&artifacts.model, report.clone()).unwrap();
    assert_eq!(decoded.report, report);
}

#[test]
fn the_same_data_gets_the_same_fingerprint_and_other_data_another() {
    let a = engine_with_charts(42, 300, 3).datasets_of("charts");
    let b = engine_with_charts(42, 300, 3).datasets_of("charts");
    let c = engine_with_charts(7, 300, 3).datasets_of("charts");
    assert_eq!(a, b);
    assert_ne!(a[0].sha256, c[0].sha256);
    assert_eq!(c[1].origin, "demo seed 7 v1");

    let mut engine = Engine::new();
    let csv = b"tempo,country\n120.5,US\n98.0,DE\n";
    let body = RequestBody::LoadFile {
        name: "mine".into(),
        file_name: "mine.csv".into(),
    };
    ask(&mut engine, body, Some(csv));
    let [mine] = &engine.datasets_of("mine")[..] else {
        panic!("one fingerprint for a loaded file");
    };
    assert_eq!(mine.sha256, sha256_hex(csv));
    assert_eq!(mine.origin, "file mine.csv");
    assert_eq!(mine.rows, 2);
    assert_eq!(mine.columns[1], ("country".into(), "str".into()));
}

#[test]
fn restoring_a_run_with_unchanged_settings_and_data_installs_it_and_evaluates_identically() {
    let mut original = engine_with_charts(42, 400, 5);
    let (report, artifacts, _) = train(&mut original, small_network(), "mlp", None);
    let saved = saved("run-1", &report, &artifacts.unwrap());

    let mut fresh = engine_with_charts(42, 400, 5);
    let (restored, artifacts, restored_from) =
        train(&mut fresh, small_network(), "mlp", Some(saved));
    assert_eq!(restored_from.as_deref(), Some("run-1"));
    assert!(artifacts.is_none(), "nothing new to record");
    assert_eq!(restored, report);
    for on in [EvalSplit::Test, EvalSplit::Validation, EvalSplit::Train] {
        let before = evaluate(&mut original, "mlp", on);
        assert!(
            matches!(before, ResponseBody::Evaluated { .. }),
            "{before:?}"
        );
        assert_eq!(evaluate(&mut fresh, "mlp", on), before);
    }
}

#[test]
fn changed_settings_or_data_train_again_instead_of_restoring() {
    let mut engine = engine_with_charts(42, 400, 5);
    let (report, artifacts, _) = train(&mut engine, small_network(), "mlp", None);
    let saved = saved("run-1", &report, &artifacts.unwrap());
    let other_seed = TrainSpec {
        seed: 7,
        ..small_network()
    };
    let (_, artifacts, restored_from) = train(&mut engine, other_seed, "mlp", Some(saved.clone()));
    assert_eq!(restored_from, None);
    assert!(artifacts.is_some());

    let mut other_data = engine_with_charts(43, 400, 5);
    let (_, artifacts, restored_from) = train(&mut other_data, small_network(), "mlp", Some(saved));
    assert_eq!(restored_from, None);
    assert!(artifacts.is_some());
}

#[test]
fn a_loaded_model_predicts_without_its_data_and_evaluates_once_its_data_is_loaded() {
    let mut original = engine_with_charts(42, 400, 5);
    let spec = TrainSpec {
        model: ModelSpec::RandomForest(ForestParams {
            n_trees: 4,
            ..ForestParams::default()
        }),
        ..TrainSpec::default()
    };
    let (report, artifacts, _) = train(&mut original, spec, "forest", None);
    let saved = saved("run-7", &report, &artifacts.unwrap());
    let load = |engine: &mut Engine| {
        let body = RequestBody::LoadModel {
            name: "old".into(),
            saved: Box::new(saved.clone()),
        };
        ask(engine, body, None)
    };

    let mut bare = Engine::new();
    let body = load(&mut bare);
    let ResponseBody::Trained { restored_from, .. } = body else {
        panic!("expected the model installed, got {body:?}");
    };
    assert_eq!(restored_from.as_deref(), Some("run-7"));
    let song = crate::train::songs::presets(None).remove(0).features;
    let predict = |engine: &mut Engine, model: &str| {
        let body = RequestBody::Predict {
            model: model.into(),
            song: song.clone(),
        };
        ask(engine, body, None)
    };
    let ResponseBody::Predicted { prediction, .. } = predict(&mut bare, "old") else {
        panic!("a loaded model predicts");
    };
    let ResponseBody::Predicted {
        prediction: same, ..
    } = predict(&mut original, "forest")
    else {
        panic!("the original predicts");
    };
    assert_eq!(prediction.ranked, same.ranked);
    let ResponseBody::Failed { message } = evaluate(&mut bare, "old", EvalSplit::Test) else {
        panic!("evaluating without data must fail");
    };
    let short = &saved.datasets[0].sha256[..12];
    assert_eq!(
        message,
        format!(
            "model `old` was loaded from run `run-7` without its data: load dataset `charts` (sha256 {short}…) to evaluate it"
        )
    );

    let mut with_data = engine_with_charts(42, 400, 5);
    load(&mut with_data);
    let ResponseBody::Evaluated { evaluation, .. } =
        evaluate(&mut with_data, "old", EvalSplit::Test)
    else {
        panic!("evaluation with the data loaded");
    };
    let ResponseBody::Evaluated {
        evaluation: before, ..
    } = evaluate(&mut original, "forest", EvalSplit::Test)
    else {
        panic!("evaluation of the original");
    };
    assert_eq!(evaluation.confusion, before.confusion);
    assert_eq!(evaluation.accuracy.to_bits(), before.accuracy.to_bits());
}

#[test]
fn a_damaged_saved_model_fails_with_a_sentence_naming_the_run() {
    let mut engine = engine_with_charts(42, 400, 5);
    let (report, artifacts, _) = train(&mut engine, small_network(), "mlp", None);
    let mut saved = saved("run-9", &report, &artifacts.unwrap());
    saved.model.truncate(saved.model.len() / 2);
    let body = RequestBody::LoadModel {
        name: "m".into(),
        saved: Box::new(saved.clone()),
    };
    let ResponseBody::Failed { message } = ask(&mut engine, body, None) else {
        panic!("a damaged model must fail");
    };
    assert!(
        message.starts_with("the model of run `run-9` could not be installed"),
        "{message}"
    );
    let body = ask(
        &mut engine,
        RequestBody::Train {
            input: "charts".into(),
            spec: small_network(),
            output: "mlp".into(),
            restore: Some(Box::new(saved)),
        },
        None,
    );
    assert!(matches!(body, ResponseBody::Failed { ref message } if message.contains("run-9")));
}

#[test]
fn a_cancelled_training_still_hands_back_artifacts() {
    let mut engine = engine_with_charts(42, 400, 5);
    let mut job = engine
        .start_training("charts", small_network(), "mlp")
        .unwrap();
    job.step(&mut || false).unwrap();
    let body = engine.finish_training("mlp", job, true);
    let ResponseBody::Trained {
        report, artifacts, ..
    } = body
    else {
        panic!("expected the model so far, got {body:?}");
    };
    assert!(report.cancelled);
    let artifacts = artifacts.unwrap();
    assert_eq!(artifacts.datasets[0].name, "charts");
    assert!(artifacts.evaluation.is_some());
}

/// Not a check: the cost of building the artifacts (test scores + encoding), reported.
#[test]
#[allow(clippy::disallowed_methods)] // native timing of a test, never built for wasm32
fn building_artifacts_costs_milliseconds() {
    let engine = engine_with_charts(42, 1_600, 12);
    for model in [
        ModelSpec::Network(NetworkParams {
            epochs: 1,
            ..NetworkParams::default()
        }),
        ModelSpec::RandomForest(ForestParams::default()),
    ] {
        let spec = TrainSpec {
            model,
            max_train_rows: Some(20_000),
            ..TrainSpec::default()
        };
        let label = spec.model.label();
        let mut job = engine.start_training("charts", spec, "m").unwrap();
        while let crate::train::job::JobState::Running(_) = job.step(&mut || true).unwrap() {}
        let datasets = job.datasets().to_vec();
        let run = job.finish(false).unwrap();
        let started = std::time::Instant::now();
        let artifacts = saved::artifacts("m", &run, datasets);
        println!(
            "{label}: artifacts in {:.1} ms ({} test rows, {} model bytes)",
            started.elapsed().as_secs_f64() * 1e3,
            run.test.1.len(),
            artifacts.model.len()
        );
        assert_eq!(
            artifacts.evaluation.map(|e| e.n_rows),
            Some(run.test.1.len())
        );
    }
}
