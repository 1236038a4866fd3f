use std::cell::Cell;

use polars_core::prelude::*;

use super::*;
use crate::train::{
    BoostingParams, ForestParams, LogisticParams, SplitMethod, SplitSpec, TreeParams,
};

/// A table of `n_per_class` rows for each of `classes`, grouped by class (sorted by the
/// target) or interleaved, with two numeric features and one row with a null feature.
fn table(classes: &[&str], n_per_class: usize, grouped: bool) -> DataFrame {
    let mut labels = Vec::new();
    if grouped {
        for c in classes {
            labels.extend(std::iter::repeat_n(*c, n_per_class));
        }
    } else {
        for _ in 0..n_per_class {
            labels.extend(classes.iter().copied());
        }
    }
    let n = labels.len();
    let a: Vec<Option<f64>> = (0..n)
        .map(|i| if i == 3 { None } else { Some((i % 17) as f64) })
        .collect();
    let b: Vec<f64> = (0..n).map(|i| ((i * 7) % 11) as f64 / 11.0).collect();
    df!("a" => a, "b" => b, "country" => labels).unwrap()
}

fn spec(model: ModelSpec, method: SplitMethod) -> TrainSpec {
    TrainSpec {
        features: vec!["a".into(), "b".into()],
        target: "country".into(),
        split: SplitSpec {
            method,
            ..SplitSpec::default()
        },
        model,
        ..TrainSpec::default()
    }
}

/// A clock that advances 1 ms each time it is read: the calibration's arithmetic, not this
/// machine's speed, is what these tests check (the browser test sees real timings).
fn clock() -> impl Fn() -> f64 {
    let now = Cell::new(0.0);
    move || {
        now.set(now.get() + 1.0);
        now.get()
    }
}

fn small_network() -> ModelSpec {
    ModelSpec::Network(NetworkParams {
        hidden: vec![8],
        epochs: 1,
        ..NetworkParams::default()
    })
}

#[test]
fn a_table_sorted_by_country_warns_that_test_countries_never_appear_in_training() {
    // 10 countries × 50 rows, sorted: the course split's last 20 % are the last 2 countries.
    let classes = ["AR", "BR", "CA", "DE", "ES", "FR", "GB", "IT", "JP", "US"];
    let df = table(&classes, 50, true);
    let plan = plan(&spec(small_network(), SplitMethod::Course), &df, &clock()).unwrap();
    assert!(plan.sorted_by_target);
    let test = plan
        .unseen
        .iter()
        .find(|u| u.part == EvalSplit::Test)
        .unwrap();
    assert_eq!(test.classes, vec!["JP".to_string(), "US".to_string()]);
    assert_eq!(test.n_part_classes, 2);
    let warnings = plan.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .starts_with("2 of 2 countries in the test part never appear in training (JP, US)"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("the rows look sorted by country"));
    assert!(warnings[0].contains("use a shuffled split"));
}

#[test]
fn a_shuffled_split_of_the_same_table_leaves_no_class_unseen() {
    let classes = ["AR", "BR", "CA", "DE", "ES", "FR", "GB", "IT", "JP", "US"];
    let df = table(&classes, 50, true);
    let plan = plan(&spec(small_network(), SplitMethod::Shuffled), &df, &clock()).unwrap();
    assert!(plan.unseen.is_empty(), "{:?}", plan.unseen);
    assert!(plan.warnings().is_empty());
}

#[test]
fn an_interleaved_table_is_not_sorted_and_has_no_unseen_class() {
    let df = table(&["AR", "BR", "CA"], 100, false);
    let plan = plan(&spec(small_network(), SplitMethod::Course), &df, &clock()).unwrap();
    assert!(!plan.sorted_by_target);
    assert!(plan.unseen.is_empty());
}

#[test]
fn the_plan_counts_rows_after_dropping_nulls_and_each_part() {
    let df = table(&["AR", "BR", "CA", "DE"], 320, false);
    let plan = plan(&spec(small_network(), SplitMethod::Course), &df, &clock()).unwrap();
    // 1,280 rows, one with a null feature: 1,279 are used (the Train cell said 1,312 before).
    assert_eq!(plan.sizes.n_rows, 1280);
    assert_eq!(plan.sizes.n_dropped, 1);
    let used = plan.sizes.n_train + plan.sizes.n_validation + plan.sizes.n_test;
    assert_eq!(used, 1279);
    // The course split: test = ceil(0.2 × 1279) = 256, validation = ceil(0.2 × 1023) = 205.
    assert_eq!(plan.sizes.n_test, 256);
    assert_eq!(plan.sizes.n_validation, 205);
    // A sample caps the training part.
    let mut sampled = spec(small_network(), SplitMethod::Course);
    sampled.max_train_rows = Some(100);
    assert_eq!(plan_of(&sampled, &df).sizes.n_train, 100);
}

fn plan_of(spec: &TrainSpec, df: &DataFrame) -> TrainingPlan {
    plan(spec, df, &clock()).unwrap()
}

#[test]
fn the_estimate_is_measured_and_grows_with_epochs_rows_and_trees() {
    let df = table(&["AR", "BR", "CA", "DE"], 2_000, false);
    let one = plan_of(&spec(small_network(), SplitMethod::Course), &df);
    assert_eq!(one.basis, EstimateBasis::Measured);
    assert!(one.seconds > 0.0, "{}", one.seconds);
    let ten_epochs = ModelSpec::Network(NetworkParams {
        hidden: vec![8],
        epochs: 10,
        ..NetworkParams::default()
    });
    let ten = plan_of(&spec(ten_epochs, SplitMethod::Course), &df);
    // Timings vary run to run; ten epochs cost several times one, never less.
    assert!(
        ten.seconds > 3.0 * one.seconds,
        "{} vs {}",
        ten.seconds,
        one.seconds
    );

    let forest = |n_trees| {
        ModelSpec::RandomForest(ForestParams {
            n_trees,
            ..ForestParams::default()
        })
    };
    let few = plan_of(&spec(forest(2), SplitMethod::Course), &df);
    assert_eq!(few.basis, EstimateBasis::Measured);
    assert!(few.seconds > 0.0);
    for model in [
        ModelSpec::LogisticRegression(LogisticParams::default()),
        ModelSpec::DecisionTree(TreeParams::default()),
        ModelSpec::GaussianNb,
    ] {
        let planned = plan_of(&spec(model.clone(), SplitMethod::Course), &df);
        assert!(
            planned.seconds.is_finite() && planned.seconds >= 0.0,
            "{model:?}"
        );
    }
}

#[test]
fn models_that_merge_identical_rows_are_estimated_by_their_distinct_rows() {
    // About 4,800 training rows of at most 187 distinct feature pairs: the calibration
    // sample already holds all of them, so the fit costs what the sample's did (1 ms on
    // this clock), where scaling by rows would have said 2.4 times as much.
    let df = table(&["AR", "BR", "CA", "DE"], 2_000, false);
    let merging = [
        ModelSpec::LogisticRegression(LogisticParams::default()),
        ModelSpec::DecisionTree(TreeParams::default()),
        ModelSpec::HistGradientBoosting(BoostingParams {
            max_iter: 1,
            ..BoostingParams::default()
        }),
    ];
    for model in merging {
        let planned = plan_of(&spec(model.clone(), SplitMethod::Course), &df);
        assert!(
            (planned.seconds - 0.001).abs() < 1e-12,
            "{model:?}: {}",
            planned.seconds
        );
    }
    // Naive Bayes works row by row: its estimate grows with the rows.
    let nb = plan_of(&spec(ModelSpec::GaussianNb, SplitMethod::Course), &df);
    assert!(nb.seconds > 0.002, "{}", nb.seconds);
}

#[test]
fn a_bad_setting_fails_the_plan_with_the_trainings_own_error() {
    let df = table(&["AR", "BR"], 50, false);
    let mut bad = spec(small_network(), SplitMethod::Course);
    bad.split.test_ratio = 1.5;
    let error = plan(&bad, &df, &clock()).unwrap_err().to_string();
    assert!(error.contains("test_ratio"), "{error}");
}

#[test]
fn unseen_classes_lists_only_classes_of_the_part_missing_from_training() {
    let classes: Vec<String> = ["a", "b", "c", "d"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    let unseen =
        unseen_classes(EvalSplit::Validation, &[0, 1, 1], &[1, 2, 3, 3], &classes).unwrap();
    assert_eq!(unseen.classes, vec!["c".to_string(), "d".to_string()]);
    assert_eq!(unseen.n_part_classes, 3);
    assert_eq!(
        unseen_classes(EvalSplit::Test, &[0, 1], &[1, 0], &classes),
        None
    );
    assert!(grouped_by_label(&[0, 0, 1, 1, 2]));
    assert!(!grouped_by_label(&[0, 1, 0]));
    assert!(!grouped_by_label(&[3, 3, 3]));
}
