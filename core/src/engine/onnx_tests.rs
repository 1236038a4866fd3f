//! The engine exporting a saved run's model as ONNX (`ExportOnnx`), as the page asks it to.

// The card copies the run's numbers: they compare exactly.
#![allow(clippy::float_cmp)]

use super::train_tests::{ask, engine_with_charts};
use super::*;
use crate::onnx::{InputLayout, OnnxOptions, model_card};
use crate::runs::{RunArtifacts, RunOrigin, record};
use crate::train::{ForestParams, ModelSpec, NetworkParams, TrainSpec};

/// Trains `spec` as model `name`; its report and `JBXM` bytes, as a run keeps them.
fn trained(engine: &mut Engine, spec: TrainSpec, name: &str) -> (TrainReport, Vec<u8>) {
    let (report, artifacts) = trained_run(engine, spec, name);
    (report, artifacts.model)
}

fn trained_run(engine: &mut Engine, spec: TrainSpec, name: &str) -> (TrainReport, RunArtifacts) {
    let body = ask(
        engine,
        RequestBody::Train {
            input: "charts".into(),
            spec,
            output: name.into(),
            restore: None,
        },
    );
    let ResponseBody::Trained {
        report,
        artifacts: Some(artifacts),
        ..
    } = body
    else {
        panic!("expected a trained model with its artifacts, got {body:?}");
    };
    (report, *artifacts)
}

fn export(engine: &mut Engine, report: TrainReport, model: Vec<u8>) -> ResponseBody {
    let options = OnnxOptions {
        inputs: InputLayout::Single,
        fold_scaler: true,
    };
    ask(
        engine,
        RequestBody::ExportOnnx {
            report: Box::new(report),
            model,
            options,
        },
    )
}

/// One hidden layer of 8 units, one epoch: quick, and enough for a real export.
fn small_network() -> TrainSpec {
    TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![8],
            epochs: 1,
            ..NetworkParams::default()
        }),
        ..TrainSpec::default()
    }
}

#[test]
fn a_saved_network_is_exported_as_an_onnx_model_with_its_classes() {
    let mut engine = engine_with_charts();
    let (report, bytes) = trained(&mut engine, small_network(), "net");
    let classes = serde_json::to_string(&report.classes).unwrap();
    let body = export(&mut engine, report, bytes);
    let ResponseBody::Exported { onnx, .. } = body else {
        panic!("expected the ONNX bytes, got {body:?}");
    };
    // ModelProto field 1 (ir_version) = 8, then producer_name "jukebox".
    assert_eq!(&onnx[..2], &[0x08, 8]);
    assert_eq!(&onnx[2..11], b"\x12\x07jukebox");
    let text = String::from_utf8_lossy(&onnx);
    assert!(text.contains("jukebox.classes") && text.contains(&classes));
}

#[test]
fn damaged_model_bytes_and_forests_fail_with_a_sentence() {
    let mut engine = engine_with_charts();
    let spec = TrainSpec {
        model: ModelSpec::RandomForest(ForestParams {
            n_trees: 2,
            max_depth: Some(3),
            ..ForestParams::default()
        }),
        ..TrainSpec::default()
    };
    let (report, bytes) = trained(&mut engine, spec, "forest");
    let body = export(&mut engine, report.clone(), bytes.clone());
    let ResponseBody::Failed { message } = body else {
        panic!("a forest is refused, got {body:?}");
    };
    assert!(
        message.starts_with("model `forest` was not exported: Random forest cannot be exported")
            && message.contains("TreeEnsembleClassifier"),
        "{message}"
    );
    let body = export(&mut engine, report, bytes[..bytes.len() / 2].to_vec());
    let ResponseBody::Failed { message } = body else {
        panic!("half a model is refused, got {body:?}");
    };
    assert!(
        message.starts_with("the model `forest` could not be read for the ONNX export:")
            && message.contains("end early"),
        "{message}"
    );
}

#[test]
fn the_model_card_carries_the_runs_metrics_scaler_datasets_and_settings() {
    let mut engine = engine_with_charts();
    let (report, artifacts) = trained_run(&mut engine, small_network(), "net");
    let origin = RunOrigin {
        notebook_id: "nb".into(),
        notebook_title: "Course".into(),
        cell_id: 3,
        input: "charts".into(),
        started_ms: 1_700_000_000_000.0,
        ended_ms: 1_700_000_004_000.0,
        user_agent: "test".into(),
    };
    let run = record("run-1".into(), origin, report.clone(), &artifacts);
    let options = OnnxOptions::default();
    let card = model_card(&run, &options, "abc123");
    let evaluation = artifacts.evaluation.unwrap();
    assert_eq!(
        (card.format.as_str(), card.version),
        ("jukebox-model-card", 1)
    );
    assert_eq!(
        (card.run_id.as_str(), card.model_name.as_str()),
        ("run-1", "net")
    );
    assert_eq!(card.model_kind, "Dense network");
    assert_eq!(card.hyper_parameters["model"], "network");
    assert_eq!(card.hyper_parameters["hidden"], serde_json::json!([8]));
    assert_eq!(card.hyper_parameters["split"]["test_ratio"], 0.2);
    assert_eq!(card.features, report.spec.features);
    assert_eq!(card.classes, report.classes);
    assert_eq!(card.scaler, "minmax");
    assert_eq!(card.scaler_offset, report.scaler.offset);
    assert_eq!((card.onnx, card.onnx_sha256.as_str()), (options, "abc123"));
    assert_eq!(card.metrics["test_accuracy"], report.test_accuracy);
    assert_eq!(
        card.metrics["validation_accuracy"],
        report.validation_accuracy
    );
    assert_eq!(card.metrics["test_top5_accuracy"], evaluation.top5_accuracy);
    assert_eq!(card.metrics["test_macro_f1"], evaluation.macro_avg.f1);
    assert_eq!(
        card.metrics["test_weighted_recall"],
        evaluation.weighted_avg.recall
    );
    assert_eq!(card.metrics.len(), 9);
    assert_eq!(card.datasets, artifacts.datasets);
    assert!(!card.datasets.is_empty());
    assert_eq!(
        (card.seed, card.app_version.as_str()),
        (42, crate::APP_VERSION)
    );
    let json = serde_json::to_string(&card).unwrap();
    assert_eq!(
        serde_json::from_str::<crate::onnx::ModelCard>(&json).unwrap(),
        card
    );
}
