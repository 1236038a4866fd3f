//! Fit and predict seconds of each classic model on 100,000 course rows (80 % fit, 20 %
//! scored), for comparison with `scripts/sklearn_reference.py timing`. A benchmark, not an
//! assertion: `cargo test -p jukebox-core --release timing -- --ignored --nocapture`
//! (`CLASSIC_ONLY=decision_tree,random_forest` times only the models named).

// Native-only benchmark: wall-clock time is what it reports.
#![allow(clippy::disallowed_methods, clippy::cast_possible_truncation)]

use std::time::Instant;

use super::course_rows::course_rows;
use super::*;
use crate::train::{BoostingParams, ForestParams, KnnParams, LogisticParams, TreeParams};

#[test]
#[ignore = "benchmark: minutes; run by hand"]
fn timing_of_each_classic_model_on_100k_course_rows() {
    let Some(rows) = course_rows(100_000) else {
        return;
    };
    let specs = [
        ("gaussian_nb", ModelSpec::GaussianNb),
        ("knn", ModelSpec::Knn(KnnParams::default())),
        (
            "logistic_regression",
            ModelSpec::LogisticRegression(LogisticParams { alpha: 1.0 }),
        ),
        (
            "decision_tree",
            ModelSpec::DecisionTree(TreeParams::default()),
        ),
        (
            "random_forest",
            ModelSpec::RandomForest(ForestParams::default()),
        ),
        (
            "hist_gradient_boosting",
            ModelSpec::HistGradientBoosting(BoostingParams {
                early_stopping: false,
                ..BoostingParams::default()
            }),
        ),
    ];
    for (name, spec) in specs {
        if std::env::var("CLASSIC_ONLY").is_ok_and(|only| !only.split(',').any(|o| o == name)) {
            continue;
        }
        let start = Instant::now();
        let mut t = ClassicTrainer::new(&spec, rows.train.clone(), rows.n_classes, 42).unwrap();
        while !t.run_units(1).unwrap() {}
        let model = t.into_model().unwrap();
        let fitted = start.elapsed().as_secs_f64();
        let proba = model.predict_proba(&rows.test.0).unwrap();
        let total = start.elapsed().as_secs_f64();
        let hits = (0..proba.n_rows)
            .filter(|&i| {
                let row = proba.row(i);
                let best = (0..row.len()).fold(0, |b, c| if row[c] > row[b] { c } else { b });
                best as u32 == rows.test.1[i]
            })
            .count();
        println!(
            "{:24} fit {fitted:7.2} s  predict {:6.2} s  accuracy {:.4}",
            spec.label(),
            total - fitted,
            hits as f64 / proba.n_rows as f64
        );
    }
}
