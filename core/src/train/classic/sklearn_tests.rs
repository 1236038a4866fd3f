//! Test accuracies of the classic models against scikit-learn's on the same course rows:
//! `../fixtures/classic_reference.json`, written by `scripts/sklearn_reference.py classic`
//! (its header names the versions; each model lists the settings of both sides). Skipped,
//! with a note, without `../shared/data`. `CLASSIC_ONLY=decision_tree,knn` checks only the
//! models named.

use serde_json::Value;

use super::course_rows::course_rows;
use super::*;
use crate::train::metrics::evaluate;
use crate::train::{
    BoostingParams, ForestParams, KnnParams, LogisticParams, SplitCriterion, TreeParams,
};

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/classic_reference.json")).unwrap()
}

/// Our spec for a fixture entry's `params`.
fn spec(name: &str, p: &Value) -> ModelSpec {
    let n = |k: &str| usize::try_from(p[k].as_u64().unwrap()).unwrap();
    let depth = |k: &str| p[k].as_u64().map(|d| u16::try_from(d).unwrap());
    match name {
        "logistic_regression" => ModelSpec::LogisticRegression(LogisticParams {
            alpha: p["alpha"].as_f64().unwrap(),
        }),
        "decision_tree" | "decision_tree_entropy" => ModelSpec::DecisionTree(TreeParams {
            max_depth: depth("max_depth"),
            min_samples_split: n("min_samples_split"),
            min_samples_leaf: n("min_samples_leaf"),
            criterion: if p["criterion"] == "entropy" {
                SplitCriterion::Entropy
            } else {
                SplitCriterion::Gini
            },
        }),
        "random_forest" => ModelSpec::RandomForest(ForestParams {
            n_trees: n("n_trees"),
            max_depth: depth("max_depth"),
            min_samples_split: n("min_samples_split"),
            min_samples_leaf: n("min_samples_leaf"),
            max_features: p["max_features"]
                .as_u64()
                .map(|m| usize::try_from(m).unwrap()),
        }),
        "knn" | "knn_distance" => ModelSpec::Knn(KnnParams {
            k: n("k"),
            distance_weighted: p["distance_weighted"].as_bool().unwrap(),
        }),
        "gaussian_nb" => ModelSpec::GaussianNb,
        "hist_gradient_boosting" => ModelSpec::HistGradientBoosting(BoostingParams {
            learning_rate: p["learning_rate"].as_f64().unwrap(),
            max_iter: n("max_iter"),
            max_leaf_nodes: n("max_leaf_nodes"),
            min_samples_leaf: n("min_samples_leaf"),
            early_stopping: p["early_stopping"].as_bool().unwrap(),
            ..BoostingParams::default()
        }),
        other => panic!("fixture model {other} has no spec here"),
    }
}

#[test]
fn test_accuracy_of_each_model_is_within_a_point_of_scikit_learn() {
    let fx = fixture();
    let n_rows = usize::try_from(fx["n_rows"].as_u64().unwrap()).unwrap();
    let Some(rows) = course_rows(n_rows) else {
        return;
    };
    // Same rows on both sides: sizes, classes and label sums agree.
    assert_eq!(rows.train.1.len() as u64, fx["n_train"].as_u64().unwrap());
    assert_eq!(rows.test.1.len() as u64, fx["n_test"].as_u64().unwrap());
    assert_eq!(rows.n_classes as u64, fx["n_classes"].as_u64().unwrap());
    let sum = |y: &[u32]| y.iter().map(|&c| u64::from(c)).sum::<u64>();
    assert_eq!(sum(&rows.train.1), fx["train_label_sum"].as_u64().unwrap());
    assert_eq!(sum(&rows.test.1), fx["test_label_sum"].as_u64().unwrap());
    let classes: Vec<String> = (0..rows.n_classes).map(|c| c.to_string()).collect();
    let mut failures = Vec::new();
    for m in fx["models"].as_array().unwrap() {
        let name = m["name"].as_str().unwrap();
        if std::env::var("CLASSIC_ONLY").is_ok_and(|only| !only.split(',').any(|o| o == name)) {
            continue;
        }
        let spec = spec(name, &m["params"]);
        let model = if let ModelSpec::LogisticRegression(p) = spec {
            // The fixture's settings (scikit-learn's defaults are 100 and 1e-4).
            let (x, y) = &rows.train;
            ClassicModel::Logistic(logistic::fit_with(x, y, rows.n_classes, p, 1000, 1e-8))
        } else {
            let mut trainer =
                ClassicTrainer::new(&spec, rows.train.clone(), rows.n_classes, 42).unwrap();
            while !trainer.run_units(8).unwrap() {}
            trainer.into_model().unwrap()
        };
        let proba = model.predict_proba(&rows.test.0).unwrap();
        let ours = evaluate(&rows.test.1, &proba, &classes, 0).accuracy;
        let theirs = m["test_accuracy"].as_f64().unwrap();
        println!(
            "{name}: ours {ours:.4}, scikit-learn {theirs:.4} ({})",
            m["sklearn"]
        );
        if (ours - theirs).abs() > 0.01 {
            failures.push(format!("{name}: ours {ours:.4}, scikit-learn {theirs:.4}"));
        }
    }
    assert!(
        failures.is_empty(),
        "beyond ±0.01 of scikit-learn: {failures:?}"
    );
}
