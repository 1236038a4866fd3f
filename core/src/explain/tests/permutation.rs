//! Permutation importance against scikit-learn 1.9's `permutation_importance`.

use super::fixture::{Mlp, floats, matrix, quiet, reference};
use crate::explain::{ExplainError, permutation_importance, permutation_importance_with};

fn case() -> (crate::train::Matrix, Vec<u32>, Vec<Vec<usize>>) {
    let case = &reference()["permutation"];
    let x = matrix(&case["x"]);
    let y = case["y"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| u32::try_from(v.as_u64().unwrap()).unwrap())
        .collect();
    let permutations = case["permutations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_array()
                .unwrap()
                .iter()
                .map(|i| usize::try_from(i.as_u64().unwrap()).unwrap())
                .collect()
        })
        .collect();
    (x, y, permutations)
}

#[test]
fn permutation_importance_matches_scikit_learn_with_its_shuffles() {
    let (x, y, permutations) = case();
    let got = permutation_importance_with(&Mlp::reference(), &x, &y, &permutations, &mut quiet())
        .unwrap();
    let case = &reference()["permutation"];
    assert!((got.baseline_accuracy - case["baseline"].as_f64().unwrap()).abs() < 1e-12);
    let (mean, std) = (floats(&case["mean"]), floats(&case["std"]));
    assert_eq!(got.features.len(), 13);
    for (j, feature) in got.features.iter().enumerate() {
        let drops = floats(&case["importances"][j]);
        for (got, expected) in feature.drops.iter().zip(&drops) {
            assert!(
                (got - expected).abs() < 1e-12,
                "feature {j}: {got} vs {expected}"
            );
        }
        assert!((feature.mean - mean[j]).abs() < 1e-12, "feature {j} mean");
        assert!((feature.std - std[j]).abs() < 1e-12, "feature {j} std");
    }
}

#[test]
fn seeded_permutation_importance_is_deterministic() {
    let (x, y, _) = case();
    let model = Mlp::reference();
    let a = permutation_importance(&model, &x, &y, 3, 5, &mut quiet()).unwrap();
    assert_eq!(
        a,
        permutation_importance(&model, &x, &y, 3, 5, &mut quiet()).unwrap()
    );
    assert_ne!(
        a,
        permutation_importance(&model, &x, &y, 3, 6, &mut quiet()).unwrap()
    );
    assert!(a.features.iter().all(|f| f.drops.len() == 3));
    // The feature scikit-learn ranks first matters most with our shuffles too.
    let top = |means: Vec<f64>| {
        (0..means.len())
            .max_by(|&p, &q| means[p].total_cmp(&means[q]))
            .unwrap()
    };
    assert_eq!(
        top(a.features.iter().map(|f| f.mean).collect()),
        top(floats(&reference()["permutation"]["mean"]))
    );
}

#[test]
fn rejects_shuffles_and_labels_that_do_not_fit_the_rows() {
    let (x, y, mut permutations) = case();
    let model = Mlp::reference();
    let err =
        permutation_importance_with(&model, &x, &y[1..], &permutations, &mut quiet()).unwrap_err();
    assert!(matches!(
        err,
        ExplainError::LabelCount {
            labels: 299,
            rows: 300
        }
    ));
    permutations[1][4] = permutations[1][5];
    let err = permutation_importance_with(&model, &x, &y, &permutations, &mut quiet()).unwrap_err();
    assert!(
        matches!(
            err,
            ExplainError::BadPermutation {
                repeat: 1,
                rows: 300,
                ..
            }
        ),
        "{err}"
    );
    let err = permutation_importance(&model, &x, &y, 0, 5, &mut quiet()).unwrap_err();
    assert!(matches!(err, ExplainError::BadSetting { .. }));
}

#[test]
fn a_cancel_stops_permutation_importance() {
    let (x, y, _) = case();
    let mut calls = 0;
    let mut cancel = |done: usize, total: usize| {
        calls += 1;
        assert_eq!(total, 1 + 13 * 2);
        done < 5
    };
    let result = permutation_importance(&Mlp::reference(), &x, &y, 2, 5, &mut cancel);
    assert!(matches!(result, Err(ExplainError::Cancelled)));
    assert_eq!(calls, 6);
}
