//! Run ids, records, filters, sorts and comparisons on hand-made runs.

use super::*;
use crate::train::metrics::evaluate;
use crate::train::scaler::Scaler;
use crate::train::{
    ForestParams, Matrix, ModelSpec, NetworkParams, ScalerKind, SplitSizes, TrainReport, TrainSpec,
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

fn ids(runs: &[&RunRecord]) -> Vec<String> {
    runs.iter().map(|r| r.id.clone()).collect()
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

fn sample_runs() -> Vec<RunRecord> {
    let mut a = run("a", network(), 100.0, Some(2));
    a.tags = vec!["baseline".into(), "course".into()];
    let mut b = run("b", ModelSpec::GaussianNb, 200.0, Some(1));
    b.note = "Try the BIG forest next".into();
    b.tags = vec!["course".into()];
    let mut c = run(
        "c",
        ModelSpec::RandomForest(ForestParams::default()),
        300.0,
        None,
    );
    c.status = RunStatus::Cancelled;
    c.report.validation_accuracy = 0.9;
    vec![a, b, c]
}

#[test]
fn filters_match_text_kinds_tags_status_dates_and_metric_ranges() {
    let runs = sample_runs();
    let only = |f: RunFilter| ids(&filter(&runs, &f));
    assert_eq!(only(RunFilter::default()), ["a", "b", "c"]);
    let text = |t: &str| RunFilter {
        text: t.into(),
        ..RunFilter::default()
    };
    assert_eq!(only(text("big FOREST")), ["b"]);
    assert_eq!(only(text("BASELINE")), ["a"]);
    assert_eq!(
        only(text("course")),
        ["a", "b", "c"],
        "the notebook title matches too"
    );
    let kinds = RunFilter {
        kinds: vec!["gaussian_nb".into(), "random_forest".into()],
        ..RunFilter::default()
    };
    assert_eq!(only(kinds), ["b", "c"]);
    let tags = RunFilter {
        tags: vec!["course".into(), "baseline".into()],
        ..RunFilter::default()
    };
    assert_eq!(only(tags), ["a"]);
    let cancelled = RunFilter {
        status: Some(RunStatus::Cancelled),
        ..RunFilter::default()
    };
    assert_eq!(only(cancelled), ["c"]);
    let dates = RunFilter {
        started_ms: Bounds {
            min: Some(150.0),
            max: Some(300.0),
        },
        ..RunFilter::default()
    };
    assert_eq!(only(dates), ["b", "c"]);
    let on_test = RunFilter {
        test_accuracy: Bounds {
            min: Some(0.5),
            max: None,
        },
        ..RunFilter::default()
    };
    assert_eq!(
        only(on_test),
        ["a", "b"],
        "a run without test scores is outside any range"
    );
    let validation = RunFilter {
        validation_accuracy: Bounds {
            min: None,
            max: Some(0.6),
        },
        ..RunFilter::default()
    };
    assert_eq!(only(validation), ["a", "b"]);
}

#[test]
fn sorts_keep_ties_in_order_and_put_missing_values_last() {
    let runs = sample_runs();
    let sorted = |key, descending| {
        let mut refs: Vec<&RunRecord> = runs.iter().collect();
        sort(&mut refs, RunSort { key, descending });
        ids(&refs)
    };
    assert_eq!(sorted(SortKey::Started, true), ["c", "b", "a"]);
    assert_eq!(sorted(SortKey::TestAccuracy, true), ["a", "b", "c"]);
    assert_eq!(sorted(SortKey::TestAccuracy, false), ["b", "a", "c"]);
    // Every duration is one second: the order stays as given, either way.
    assert_eq!(sorted(SortKey::Duration, false), ["a", "b", "c"]);
    assert_eq!(sorted(SortKey::Duration, true), ["a", "b", "c"]);
    assert_eq!(sorted(SortKey::ValidationAccuracy, true), ["c", "a", "b"]);
    assert_eq!(sorted(SortKey::Model, false), ["a", "b", "c"]);
    assert_eq!(sorted(SortKey::MacroF1, false), ["b", "a", "c"]);
}

#[test]
fn compare_marks_exactly_the_rows_that_differ() {
    let a = run("a", network(), 0.0, Some(2));
    let mut b = run("b", network(), 0.0, Some(2));
    if let ModelSpec::Network(p) = &mut b.report.spec.model {
        p.learning_rate = 0.01;
    }
    b.report.spec.seed = 7;
    let comparison = compare(&[&a, &b]);
    assert_eq!(comparison.runs, ["a", "b"]);
    let differing: Vec<&str> = comparison
        .settings
        .iter()
        .chain(&comparison.metrics)
        .filter(|r| r.differs)
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(differing, ["learning_rate", "Seed"]);
    let hidden = comparison
        .settings
        .iter()
        .find(|r| r.label == "hidden")
        .unwrap();
    assert_eq!(hidden.values, ["32, 64, 128, 256", "32, 64, 128, 256"]);
    let test = comparison
        .metrics
        .iter()
        .find(|r| r.label == "Test accuracy")
        .unwrap();
    assert_eq!(test.values, ["1.0000", "1.0000"]);
}

#[test]
fn compare_shows_a_dash_for_what_a_run_lacks() {
    let a = run("a", network(), 0.0, Some(1));
    let c = run(
        "c",
        ModelSpec::RandomForest(ForestParams::default()),
        0.0,
        None,
    );
    let comparison = compare(&[&a, &c]);
    let row = |label: &str| {
        comparison
            .settings
            .iter()
            .chain(&comparison.metrics)
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(row("n_trees").values, [MISSING_VALUE, "50"]);
    assert_eq!(row("batch_size").values, ["32", MISSING_VALUE]);
    assert_eq!(row("max_features").values, [MISSING_VALUE, "none"]);
    assert_eq!(row("Test accuracy").values, ["0.5000", MISSING_VALUE]);
    assert_eq!(row("Model").values, ["Dense network", "Random forest"]);
    assert!(row("Model").differs && row("n_trees").differs);
    assert!(!row("Target").differs);
}

const MISSING_VALUE: &str = compare::MISSING;
