//! Run ids, records, filters, sorts and comparisons on hand-made runs.

use super::*;
use crate::train::metrics::evaluate;
use crate::train::scaler::Scaler;
use crate::train::{
    Matrix, ModelSpec, NetworkParams, ScalerKind, SplitSizes, TrainReport, TrainSpec,
};

fn report(model: ModelSpec, validation_accuracy: f64) -> TrainReport {
    TrainReport {
        model: "mlp".into(),
        spec: TrainSpec {
            model,
            ..TrainSpec::default()
        },
        classes: vec!["DE".into(), "US".into()],
        sizes: SplitSizes {
            n_rows: 10,
            n_dropped: 0,
            n_train: 6,
            n_validation: 2,
            n_test: 2,
        },
        scaler: Scaler {
            kind: ScalerKind::MinMax,
            offset: vec![0.0],
            factor: vec![1.0],
        },
        history: Vec::new(),
        points: Vec::new(),
        validation_accuracy,
        test_accuracy: 0.0,
        cancelled: false,
    }
}

/// Test scores of two rows: both right (1.0), one right (0.5) or none.
fn scores(right: usize) -> Evaluation {
    let proba = Matrix::from_vec(2, 2, vec![0.9, 0.1, 0.2, 0.8]).unwrap();
    let y = match right {
        2 => [0, 1],
        1 => [0, 0],
        _ => [1, 0],
    };
    evaluate(&y, &proba, &["DE".into(), "US".into()], 0)
}

fn run(id: &str, model: ModelSpec, started_ms: f64, test_right: Option<usize>) -> RunRecord {
    let artifacts = RunArtifacts {
        datasets: Vec::new(),
        evaluation: test_right.map(scores),
        model: vec![1, 2, 3],
    };
    let origin = RunOrigin {
        notebook_id: "nb-1".into(),
        notebook_title: "Course".into(),
        cell_id: 4,
        input: "charts".into(),
        started_ms,
        ended_ms: started_ms + 1_000.0,
        user_agent: "test".into(),
    };
    record(id.into(), origin, report(model, 0.5), &artifacts)
}

fn network() -> ModelSpec {
    ModelSpec::Network(NetworkParams::default())
}

#[test]
fn run_ids_are_base36_start_and_six_random_digits_and_sort_by_start() {
    assert_eq!(new_run_id(1_700_000_000_000.0, 5), "run-loyw3v28-000005");
    // The random part keeps its six lowest base-36 digits.
    assert_eq!(
        new_run_id(1_700_000_000_000.0, 36_u64.pow(6) + 5),
        "run-loyw3v28-000005"
    );
    assert!(new_run_id(1_700_000_000_000.0, 999) < new_run_id(1_700_000_000_001.0, 0));
}

#[test]
fn a_record_takes_its_status_from_the_report_and_hashes_the_model_bytes() {
    let finished = run("a", network(), 10.0, Some(2));
    assert_eq!(finished.status, RunStatus::Finished);
    assert_eq!(
        finished.model_sha256,
        "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"
    );
    assert_eq!(finished.model_bytes, 3);
    assert_eq!(finished.model_name, "mlp");
    assert_eq!(finished.version, RUN_VERSION);
    let mut cancelled_report = finished.report.clone();
    cancelled_report.cancelled = true;
    let artifacts = RunArtifacts {
        datasets: Vec::new(),
        evaluation: None,
        model: Vec::new(),
    };
    let origin = RunOrigin {
        notebook_id: String::new(),
        notebook_title: String::new(),
        cell_id: 0,
        input: String::new(),
        started_ms: 0.0,
        ended_ms: 0.0,
        user_agent: String::new(),
    };
    let cancelled = record("b".into(), origin, cancelled_report, &artifacts);
    assert_eq!(cancelled.status, RunStatus::Cancelled);
}
