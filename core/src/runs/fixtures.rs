//! Runs for the tests, built as real records as the Runs page tests build them
//! (`app/tests/run_records`): a two-epoch network on the demo charts, scored on a given
//! confusion matrix.

// Test data: a panic is the failure report (the module is gated on two conditions, which
// clippy's test detection does not see through).
#![allow(clippy::unwrap_used)]

use super::{DatasetFingerprint, RUN_VERSION, RunRecord, RunStatus};
use crate::train::metrics::{Evaluation, evaluate};
use crate::train::scaler::Scaler;
use crate::train::{
    CurvePoint, EpochRecord, ForestParams, Matrix, ModelSpec, NetworkParams, ScalerKind,
    SplitSizes, TrainReport, TrainSpec,
};

pub const CLASSES: [&str; 3] = ["DE", "FR", "GB"];

/// 2026-11-27 10:00:00 UTC.
pub const T0_MS: f64 = 1_795_773_600_000.0;
pub const HOUR_MS: f64 = 3_600_000.0;

pub fn history(n: usize, shift: f64) -> Vec<EpochRecord> {
    (1..=n)
        .map(|epoch| EpochRecord {
            epoch,
            train_loss: 1.1 - 0.2 * epoch as f64 + shift,
            train_accuracy: 0.4 + 0.1 * epoch as f64 - shift,
            validation_loss: 1.2 - 0.15 * epoch as f64 + shift,
            validation_accuracy: 0.35 + 0.1 * epoch as f64 - shift,
        })
        .collect()
}

fn points(n_epochs: usize) -> Vec<CurvePoint> {
    (1..=n_epochs * 10)
        .map(|i| CurvePoint {
            epoch: i as f64 / 10.0,
            loss: 1.2 - 0.02 * i as f64,
            accuracy: 0.3 + 0.01 * i as f64,
        })
        .collect()
}

/// The test evaluation of the three classes' `confusion` (rows: true class), the biggest
/// class as the majority baseline.
pub fn evaluation(confusion: &[Vec<u64>]) -> Evaluation {
    let n_classes = CLASSES.len();
    let (mut y_true, mut proba) = (Vec::new(), Vec::new());
    for (truth, row) in (0_u32..).zip(confusion) {
        for (predicted, &count) in row.iter().enumerate() {
            for _ in 0..count {
                y_true.push(truth);
                proba.extend((0..n_classes).map(|c| if c == predicted { 1.0 } else { 0.0 }));
            }
        }
    }
    let supports: Vec<u64> = confusion.iter().map(|row| row.iter().sum()).collect();
    let biggest = supports.iter().copied().max().unwrap_or_default();
    let majority = (0_u32..)
        .zip(&supports)
        .find(|(_, s)| **s == biggest)
        .map_or(0, |(i, _)| i);
    let proba = Matrix::from_vec(y_true.len(), n_classes, proba).unwrap();
    let labels: Vec<String> = CLASSES.iter().map(|l| (*l).to_owned()).collect();
    let mut evaluation = evaluate(&y_true, &proba, &labels, majority);
    evaluation.model = "model".into();
    evaluation
}

pub fn network(epochs: usize) -> ModelSpec {
    ModelSpec::Network(NetworkParams {
        epochs,
        ..NetworkParams::default()
    })
}

/// A finished two-epoch network run started `hours` after [`T0_MS`], lasting
/// `duration_ms`, scored on `confusion`.
pub fn run(id: &str, hours: f64, duration_ms: f64, confusion: &[Vec<u64>]) -> RunRecord {
    let evaluation = evaluation(confusion);
    let history = history(2, 0.0);
    let report = TrainReport {
        model: "model".into(),
        spec: TrainSpec {
            model: network(2),
            ..TrainSpec::default()
        },
        classes: evaluation.classes.clone(),
        sizes: SplitSizes {
            n_rows: 1_000,
            n_dropped: 10,
            n_train: 634,
            n_validation: 158,
            n_test: 198,
        },
        scaler: Scaler {
            kind: ScalerKind::MinMax,
            offset: vec![0.0; 13],
            factor: vec![1.0; 13],
        },
        validation_accuracy: history[1].validation_accuracy,
        history,
        points: points(2),
        test_accuracy: evaluation.accuracy,
        cancelled: false,
    };
    RunRecord {
        version: RUN_VERSION,
        id: id.into(),
        notebook_id: "nb-1".into(),
        notebook_title: "Jukebox: from charts to a model".into(),
        cell_id: 7,
        model_name: "model".into(),
        input: "train_table".into(),
        started_ms: T0_MS + hours * HOUR_MS,
        ended_ms: T0_MS + hours * HOUR_MS + duration_ms,
        status: RunStatus::Finished,
        report,
        datasets: vec![DatasetFingerprint {
            name: "charts".into(),
            origin: "demo seed 42 v1".into(),
            sha256: "3f2a9c01d4e5b6a7980f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566".into(),
            columns: vec![("country".into(), "object".into())],
            rows: 1_000,
        }],
        evaluation: Some(evaluation),
        model_sha256: "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12".into(),
        model_bytes: 1_234_567,
        tags: Vec::new(),
        note: String::new(),
        app_version: "0.5.0".into(),
        user_agent: "HeadlessChrome".into(),
        registrations: Vec::new(),
        pushes: Vec::new(),
    }
}

/// Three runs: `run-a` (oldest, 66 % test accuracy), `run-b` (newest, 80 %), `run-c`
/// (middle, 50 %, a random forest tagged `forest`).
pub fn three_runs() -> Vec<RunRecord> {
    let a = run(
        "run-a",
        0.0,
        12_300.0,
        &[vec![50, 10, 6], vec![10, 40, 16], vec![8, 17, 41]],
    );
    let b = run(
        "run-b",
        2.0,
        95_000.0,
        &[vec![60, 3, 3], vec![5, 50, 11], vec![4, 14, 48]],
    );
    let mut c = run(
        "run-c",
        1.0,
        850.0,
        &[vec![40, 20, 6], vec![20, 30, 16], vec![8, 29, 29]],
    );
    c.report.spec.model = ModelSpec::RandomForest(ForestParams::default());
    c.tags = vec!["forest".into()];
    c.note = "deeper trees next".into();
    vec![a, b, c]
}

/// Two runs alike but for the epochs (2 vs 3) and the seed, with their own scores.
pub fn two_differing_runs() -> Vec<RunRecord> {
    let a = run(
        "run-a",
        0.0,
        12_300.0,
        &[vec![50, 10, 6], vec![10, 40, 16], vec![8, 17, 41]],
    );
    let mut b = run(
        "run-b",
        1.0,
        18_400.0,
        &[vec![60, 3, 3], vec![5, 50, 11], vec![4, 14, 48]],
    );
    b.report.spec.model = network(3);
    b.report.spec.seed = 7;
    b.report.history = history(3, 0.02);
    b.report.points = points(3);
    b.report.validation_accuracy = b.report.history[2].validation_accuracy;
    vec![a, b]
}
