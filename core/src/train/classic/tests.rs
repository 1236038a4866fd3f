#![allow(
    clippy::many_single_char_names,
    clippy::needless_range_loop,
    clippy::cast_possible_truncation
)]

use super::*;
use crate::parallel::ThreeThreadsBackwards;
use crate::train::{BoostingParams, ForestParams, KnnParams, LogisticParams, TreeParams};

/// Three separable blobs in two features, 30 rows, labels 0, 1 and 3 (class 2 absent).
fn blobs() -> (Matrix, Vec<u32>) {
    let mut data = Vec::new();
    let mut y = Vec::new();
    for (label, (cx, cy)) in [(0u32, (0.1f32, 0.1f32)), (1, (0.9, 0.1)), (3, (0.5, 0.9))] {
        for i in 0..10u8 {
            let d = f32::from(i) * 0.01;
            data.extend([cx + d, cy - d]);
            y.push(label);
        }
    }
    (Matrix::from_vec(30, 2, data).unwrap(), y)
}

fn all_specs() -> Vec<ModelSpec> {
    vec![
        ModelSpec::LogisticRegression(LogisticParams { alpha: 1.0 }),
        ModelSpec::DecisionTree(TreeParams::default()),
        ModelSpec::RandomForest(ForestParams {
            n_trees: 5,
            ..ForestParams::default()
        }),
        ModelSpec::Knn(KnnParams {
            k: 3,
            distance_weighted: true,
        }),
        ModelSpec::GaussianNb,
        // Ten rows per class: leaves of one row.
        ModelSpec::HistGradientBoosting(BoostingParams {
            min_samples_leaf: 1,
            ..BoostingParams::default()
        }),
    ]
}

fn fit(spec: &ModelSpec, train: (Matrix, Vec<u32>), seed: u64) -> ClassicModel {
    let mut t = ClassicTrainer::new(spec, train, 4, seed).unwrap();
    while !t.run_units(1).unwrap() {}
    t.into_model().unwrap()
}

#[test]
fn probabilities_have_a_column_per_class_rows_summing_to_one_and_zero_for_absent_classes() {
    let (x, y) = blobs();
    for spec in all_specs() {
        let proba = fit(&spec, (x.clone(), y.clone()), 7)
            .predict_proba(&x)
            .unwrap();
        assert_eq!((proba.n_rows, proba.n_cols), (30, 4), "{}", spec.label());
        for i in 0..proba.n_rows {
            let row = proba.row(i);
            let sum: f32 = row.iter().sum();
            assert!(
                (sum - 1.0).abs() < 1e-5,
                "{} row {i} sums to {sum}",
                spec.label()
            );
            assert!(
                row[2].abs() < 1e-12,
                "{}: absent class 2 has {}",
                spec.label(),
                row[2]
            );
            let best = (0..4).max_by(|&a, &b| row[a].total_cmp(&row[b])).unwrap();
            assert_eq!(
                best as u32,
                y[i],
                "{} misclassifies row {i} of separable blobs",
                spec.label()
            );
        }
    }
}

#[test]
fn forest_with_the_same_seed_predicts_the_same_and_another_seed_differs_in_its_trees() {
    let (x, mut y) = blobs();
    // Noisy labels so bootstraps matter.
    y.swap(0, 15);
    y.swap(5, 25);
    let spec = ModelSpec::RandomForest(ForestParams {
        n_trees: 9,
        ..ForestParams::default()
    });
    let a = fit(&spec, (x.clone(), y.clone()), 11)
        .predict_proba(&x)
        .unwrap();
    let b = fit(&spec, (x.clone(), y.clone()), 11)
        .predict_proba(&x)
        .unwrap();
    assert_eq!(a, b);
    let c = fit(&spec, (x.clone(), y), 12).predict_proba(&x).unwrap();
    assert_ne!(a, c, "seeds 11 and 12 grew identical forests");
}

#[test]
fn forest_fitted_tree_by_tree_equals_one_run() {
    let (x, y) = blobs();
    let spec = ModelSpec::RandomForest(ForestParams {
        n_trees: 6,
        ..ForestParams::default()
    });
    let mut stepped = ClassicTrainer::new(&spec, (x.clone(), y.clone()), 4, 3).unwrap();
    assert_eq!((stepped.total_units(), stepped.unit()), (6, "tree"));
    let mut steps = 0;
    while !stepped.run_units(1).unwrap() {
        steps += 1;
        assert_eq!(stepped.done_units(), steps);
    }
    let mut once = ClassicTrainer::new(&spec, (x.clone(), y), 4, 3).unwrap();
    assert!(once.run_units(100).unwrap());
    let a = stepped.into_model().unwrap().predict_proba(&x).unwrap();
    let b = once.into_model().unwrap().predict_proba(&x).unwrap();
    assert_eq!(a, b);
}

#[test]
fn boosting_fitted_iteration_by_iteration_equals_one_run_and_early_stopping_ends_it() {
    let (x, y) = blobs();
    // Validation rows: the blobs again with every label moved on, so the validation loss
    // rises from the first iteration and early stopping ends the fit after ten.
    let shifted: Vec<u32> = y.iter().map(|&c| [1, 3, 0, 0][c as usize]).collect();
    let spec = ModelSpec::HistGradientBoosting(BoostingParams {
        max_iter: 30,
        min_samples_leaf: 1,
        ..BoostingParams::default()
    });
    let trainer = || {
        ClassicTrainer::new(&spec, (x.clone(), y.clone()), 4, 0)
            .unwrap()
            .with_validation((x.clone(), shifted.clone()))
    };
    let mut stepped = trainer();
    assert_eq!((stepped.total_units(), stepped.unit()), (30, "iteration"));
    let mut steps = 0;
    while !stepped.run_units(1).unwrap() {
        steps += 1;
        assert_eq!(stepped.done_units(), steps);
    }
    assert_eq!(steps, 9, "stopped after the tenth iteration");
    assert_eq!(
        stepped.done_units(),
        30,
        "a fit stopped early counts as done"
    );
    let mut once = trainer();
    assert!(once.run_units(100).unwrap());
    let a = stepped.into_model().unwrap().predict_proba(&x).unwrap();
    let b = once.into_model().unwrap().predict_proba(&x).unwrap();
    assert_eq!(a.data, b.data);
}

#[test]
fn a_forest_fitted_on_threads_equals_the_one_fitted_tree_after_tree() {
    let (x, y) = blobs();
    let spec = ModelSpec::RandomForest(ForestParams {
        n_trees: 7,
        ..ForestParams::default()
    });
    let mut threaded = ClassicTrainer::new(&spec, (x.clone(), y.clone()), 4, 5).unwrap();
    // 3 + 3 + 1 trees: the last step takes only what is left.
    assert!(!threaded.run_units_on(3, &ThreeThreadsBackwards).unwrap());
    assert_eq!(threaded.done_units(), 3);
    assert!(!threaded.run_units_on(3, &ThreeThreadsBackwards).unwrap());
    assert!(threaded.run_units_on(3, &ThreeThreadsBackwards).unwrap());
    assert_eq!(threaded.done_units(), 7);
    let serial = fit(&spec, (x.clone(), y), 5).predict_proba(&x).unwrap();
    let on_threads = threaded.into_model().unwrap().predict_proba(&x).unwrap();
    assert_eq!(serial.data, on_threads.data);
}

#[test]
fn a_forest_stopped_after_some_trees_is_kept_and_one_stopped_before_any_is_an_error() {
    let (x, y) = blobs();
    let spec = ModelSpec::RandomForest(ForestParams {
        n_trees: 10,
        ..ForestParams::default()
    });
    let mut t = ClassicTrainer::new(&spec, (x.clone(), y.clone()), 4, 1).unwrap();
    assert!(!t.run_units(3).unwrap());
    assert_eq!(t.done_units(), 3);
    let proba = t.into_model().unwrap().predict_proba(&x).unwrap();
    assert_eq!(proba.n_rows, 30);
    let err = ClassicTrainer::new(&spec, (x, y), 4, 1)
        .unwrap()
        .into_model()
        .unwrap_err();
    assert!(
        err.to_string().contains("no tree of the forest was fitted"),
        "{err}"
    );
}

#[test]
fn bad_inputs_are_errors_in_words() {
    let (x, y) = blobs();
    let knn = ModelSpec::Knn(KnnParams {
        k: 31,
        distance_weighted: false,
    });
    let err = ClassicTrainer::new(&knn, (x.clone(), y.clone()), 4, 0).unwrap_err();
    assert!(
        err.to_string().contains("k is 31 (with 30 training rows)"),
        "{err}"
    );

    let one_class = vec![1u32; 30];
    let err =
        ClassicTrainer::new(&ModelSpec::GaussianNb, (x.clone(), one_class), 4, 0).unwrap_err();
    assert!(err.to_string().contains("same class (1)"), "{err}");

    let mut nan = x.clone();
    nan.row_mut(4)[1] = f32::NAN;
    let err = ClassicTrainer::new(&ModelSpec::GaussianNb, (nan, y.clone()), 4, 0).unwrap_err();
    assert!(err.to_string().contains("training row 4"), "{err}");

    let lr = ModelSpec::LogisticRegression(LogisticParams { alpha: -1.0 });
    let err = ClassicTrainer::new(&lr, (x.clone(), y.clone()), 4, 0).unwrap_err();
    assert!(err.to_string().contains("alpha is -1"), "{err}");

    let forest = ModelSpec::RandomForest(ForestParams {
        max_features: Some(3),
        ..ForestParams::default()
    });
    let err = ClassicTrainer::new(&forest, (x, y), 4, 0).unwrap_err();
    assert!(err.to_string().contains("max_features"), "{err}");
}

#[test]
fn gaussian_nb_survives_a_feature_constant_within_a_class() {
    // Feature 1 is constant in every class: scikit-learn's smoothing keeps variances > 0.
    let x = Matrix::from_vec(4, 2, vec![0.0, 1.0, 0.1, 1.0, 0.9, 0.0, 1.0, 0.0]).unwrap();
    let proba = fit(&ModelSpec::GaussianNb, (x.clone(), vec![0, 0, 1, 1]), 0)
        .predict_proba(&x)
        .unwrap();
    assert!(proba.data.iter().all(|p| p.is_finite()));
    assert!(proba.row(0)[0] > 0.99 && proba.row(3)[1] > 0.99);
}

#[test]
fn knn_refuses_values_whose_squared_distances_overflow_instead_of_overflowing_the_stack() {
    // Found by `core/tests/fuzz`: one byte of a saved kNN model's rows made a value of about
    // -1e32. smartcore (the kNN of the time) squared coordinate differences in f32, so the distance was infinite
    // and its cover tree recursed without end (a stack overflow aborts the worker). Raw
    // features (no scaler) of that size reach `fit` the same way.
    let (mut x, y) = blobs();
    x.row_mut(7)[1] = -8.1e31;
    let knn = ModelSpec::Knn(KnnParams {
        k: 3,
        distance_weighted: true,
    });
    let err = ClassicTrainer::new(&knn, (x.clone(), y.clone()), 4, 0)
        .and_then(|mut t| t.run_units(1).and_then(|_| t.into_model()))
        .unwrap_err();
    assert!(err.to_string().contains("training row 7"), "{err}");
    assert!(err.to_string().contains("scale the features"), "{err}");
    // Just inside the bound, the neighbours are found as before.
    x.row_mut(7)[1] = -1e18;
    fit(&knn, (x.clone(), y), 0).predict_proba(&x).unwrap();
}

#[test]
fn repeated_rows_are_scored_once_and_every_row_gets_its_own_probabilities() {
    let (x, y) = blobs();
    // Rows 0..30 then 0, 5, 10, … again, interleaved with rows never seen in training.
    let mut rows: Vec<usize> = (0..30).collect();
    rows.extend((0..30).step_by(5));
    let mut repeated = x.select_rows(&rows);
    repeated.data.extend([0.3, 0.4, 0.3, 0.4, 0.7, 0.2]);
    repeated.n_rows += 3;
    for spec in all_specs() {
        let model = fit(&spec, (x.clone(), y.clone()), 3);
        let once = model.predict_proba(&repeated).unwrap();
        let each = model.predict_rows(&repeated).unwrap();
        assert_eq!(once, each, "{}", spec.label());
        assert_eq!(once.row(30), once.row(0), "{}", spec.label());
        assert_eq!(once.row(36), once.row(37), "{}", spec.label());
    }
}
