//! The request sequences of a first push to MLflow and to Kubeflow against the in-memory
//! fakes, and the model card the MLflow push uploads, each kept whole as an `insta` snapshot
//! (`snapshots/`): a reviewer sees every URL and body, and a change to any byte of them
//! fails here until the snapshot is reviewed.

use std::fmt::Write as _;

use super::fake::{FakeKubeflow, FakeMlflow};
use super::*;
use crate::onnx::{OnnxOptions, model_card};

/// Each request as `METHOD url` and its body, pretty-printed when it is JSON.
fn transcript(sent: &[HttpRequest]) -> String {
    let mut out = String::new();
    for (i, request) in sent.iter().enumerate() {
        let _ = writeln!(out, "#{} {:?} {}", i + 1, request.method, request.url);
        let body = match &request.body {
            Body::None => "(no body)".to_string(),
            Body::Json(value) => serde_json::to_string_pretty(value).unwrap(),
            Body::Onnx => "(model.onnx bytes)".to_string(),
            Body::Card => "(model-card.json bytes)".to_string(),
        };
        let _ = writeln!(out, "{body}\n");
    }
    out
}

#[test]
fn a_first_mlflow_push_sends_these_requests() {
    let mut server = FakeMlflow::default();
    let record = run_record();
    let options = PushOptions {
        alias: "champion".into(),
        ..default_options(&record)
    };
    let endpoint = endpoint(RegistryKind::Mlflow);
    let mut job = PushJob::start(&endpoint, &record, options, files(), None, 5.0);
    let (sent, end) = drive(&mut job, |r| server.handle(r));
    assert!(matches!(end, PushAction::Done(_)), "{end:?}");
    insta::assert_snapshot!(transcript(&sent));
}

#[test]
fn a_first_kubeflow_push_sends_these_requests() {
    let mut server = FakeKubeflow::default();
    let record = run_record();
    let options = PushOptions {
        artifact_uri: "s3://models/mlp/model.onnx".into(),
        author: "Ada".into(),
        license: "MIT".into(),
        description: "Course network".into(),
        ..default_options(&record)
    };
    let endpoint = endpoint(RegistryKind::Kubeflow);
    let mut job = PushJob::start(&endpoint, &record, options, files(), None, 9.0);
    let (sent, end) = drive(&mut job, |r| server.handle(r));
    assert!(matches!(end, PushAction::Done(_)), "{end:?}");
    insta::assert_snapshot!(transcript(&sent));
}

#[test]
fn the_model_card_of_a_push_holds_these_fields() {
    let card = model_card(&run_record(), &OnnxOptions::default(), &"cd".repeat(32));
    insta::assert_json_snapshot!(card);
}
