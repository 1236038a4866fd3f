//! The push state machines against in-memory fakes of MLflow and the Kubeflow registry that
//! keep what was created: each step's request, resuming after a failure at every step, the
//! version-name refusal, and "Test connection" explanations. Native only: the spec check's
//! crates are native dev-dependencies.
#![cfg(not(target_arch = "wasm32"))]

mod champion_tests;
mod fake;
mod kubeflow_tests;
mod mlflow_tests;
mod probe_tests;
mod snapshots;
mod spec;

use super::*;
use crate::runs::{DatasetFingerprint, RunArtifacts, RunOrigin, record};
use crate::train::metrics::evaluate;
use crate::train::scaler::Scaler;
use crate::train::{EpochRecord, Matrix, ScalerKind, SplitSizes, TrainReport, TrainSpec};

/// A run like a short course training: two epochs of history, test scores on four rows,
/// one dataset fingerprint.
pub(super) fn run_record() -> RunRecord {
    let epoch = |epoch, loss, acc| EpochRecord {
        epoch,
        train_loss: loss,
        train_accuracy: acc,
        validation_loss: loss + 0.1,
        validation_accuracy: acc - 0.125,
    };
    let report = TrainReport {
        model: "mlp".into(),
        spec: TrainSpec::default(),
        classes: vec!["DE".into(), "US".into()],
        sizes: SplitSizes {
            n_rows: 20,
            n_dropped: 0,
            n_train: 12,
            n_validation: 4,
            n_test: 4,
        },
        scaler: Scaler {
            kind: ScalerKind::MinMax,
            offset: vec![0.0],
            factor: vec![1.0],
        },
        history: vec![epoch(1, 0.69, 0.625), epoch(2, 0.52, 0.875)],
        points: Vec::new(),
        validation_accuracy: 0.7,
        test_accuracy: 0.75,
        cancelled: false,
    };
    let proba = Matrix::from_vec(4, 2, vec![0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7]).unwrap();
    let evaluation = evaluate(&[0, 1, 1, 1], &proba, &report.classes, 1);
    let artifacts = RunArtifacts {
        datasets: vec![DatasetFingerprint {
            name: "charts".into(),
            origin: "demo seed 42 v1".into(),
            sha256: "ab".repeat(32),
            columns: vec![("danceability".into(), "f64".into())],
            rows: 20,
        }],
        evaluation: Some(evaluation),
        model: vec![7; 64],
    };
    let origin = RunOrigin {
        notebook_id: "nb-1".into(),
        notebook_title: "Course".into(),
        cell_id: 4,
        input: "charts".into(),
        started_ms: 1_700_000_000_000.0,
        ended_ms: 1_700_000_060_000.0,
        user_agent: "test".into(),
    };
    record("run-lmn0p-123456".into(), origin, report, &artifacts)
}

pub(super) fn endpoint(kind: RegistryKind) -> Endpoint {
    Endpoint {
        id: "reg-1".into(),
        kind,
        label: "team".into(),
        base_url: "http://127.0.0.1:5000/".into(),
    }
}

pub(super) fn files() -> PushFiles {
    PushFiles {
        onnx_sha256: "cd".repeat(32),
        onnx_bytes: 1234,
    }
}

pub(super) fn reply(status: u16, body: &str) -> HttpReply {
    HttpReply {
        status,
        body: body.into(),
    }
}

/// Runs `job` against `server` until it is done or fails; the requests sent, and the end.
pub(super) fn drive(
    job: &mut PushJob,
    mut server: impl FnMut(&HttpRequest) -> HttpReply,
) -> (Vec<HttpRequest>, PushAction) {
    let mut sent = Vec::new();
    let mut action = job.next(None);
    while let PushAction::Send(request) = action {
        let answer = server(&request);
        sent.push(request);
        assert!(sent.len() < 200, "the push does not end");
        action = job.next(Some(answer));
    }
    (sent, action)
}
