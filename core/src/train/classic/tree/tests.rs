// Thresholds and shares are exact by construction (midpoints of small f32 values, n/5).
#![allow(clippy::float_cmp, clippy::cast_possible_truncation)]

use super::*;

/// One feature 1..=8 with labels 0,2,0,1,0,1,1,1 (three classes). Impurity decreases per
/// split position (rows to the left), computed by hand (`1 - Σ p²`, `-Σ p ln p`):
/// gini 0.0938, 0.1354, 0.2271, 0.0938, **0.2438** (5 left), 0.1354, 0.0580;
/// entropy 0.1381, 0.3236, **0.4229** (3 left), 0.1733, 0.3804, 0.2158, 0.0956.
fn toy() -> (Matrix, Vec<u32>) {
    let x = Matrix::from_vec(8, 1, (1..=8u8).map(f32::from).collect()).unwrap();
    (x, vec![0, 2, 0, 1, 0, 1, 1, 1])
}

fn stump(criterion: SplitCriterion, min_samples_leaf: usize) -> Tree {
    let (x, y) = toy();
    let p = TreeParams {
        max_depth: Some(1),
        min_samples_split: 2,
        min_samples_leaf,
        criterion,
    };
    fit_tree(&x, &y, 3, &p)
}

fn depth(tree: &Tree, node: usize) -> usize {
    let n = tree.nodes[node];
    if n.feature == LEAF {
        0
    } else {
        1 + depth(tree, n.left as usize).max(depth(tree, n.right as usize))
    }
}

#[test]
fn the_root_split_is_the_largest_impurity_decrease_for_gini_and_for_entropy() {
    assert_eq!(stump(SplitCriterion::Gini, 1).nodes[0].threshold, 5.5);
    assert_eq!(stump(SplitCriterion::Entropy, 1).nodes[0].threshold, 3.5);
}

#[test]
fn min_samples_leaf_leaves_only_splits_with_enough_rows_on_both_sides() {
    // Four rows per side: only the split after row 4 is allowed.
    assert_eq!(stump(SplitCriterion::Gini, 4).nodes[0].threshold, 4.5);
    // Five per side is impossible with eight rows: the root is a leaf.
    assert_eq!(stump(SplitCriterion::Gini, 5).nodes[0].feature, LEAF);
}

#[test]
fn leaves_hold_class_shares_and_a_tree_predicts_them() {
    let tree = stump(SplitCriterion::Gini, 1);
    let forest = Forest::new(vec![tree], 3);
    let x = Matrix::from_vec(2, 1, vec![2.0, 7.0]).unwrap();
    let proba = forest.predict_proba(&x).unwrap();
    // Left of 5.5: labels 0,2,0,1,0; right: 1,1,1.
    assert_eq!(proba.row(0), &[0.6, 0.2, 0.2]);
    assert_eq!(proba.row(1), &[0.0, 1.0, 0.0]);
}

#[test]
fn thresholds_fall_between_distinct_values_even_where_the_label_does_not_change() {
    // Equal values with different labels, then a boundary inside one label (smartcore's CART
    // only tries thresholds where the label changes and misses it): 0.1 → {0, 1}, 0.2 → {1}.
    let x = Matrix::from_vec(4, 1, vec![0.1, 0.1, 0.2, 0.2]).unwrap();
    let tree = fit_tree(&x, &[0, 1, 1, 1], 2, &TreeParams::default());
    let root = tree.nodes[0];
    assert_eq!(
        root.threshold,
        (f64::from(0.1f32) / 2.0 + f64::from(0.2f32) / 2.0) as f32
    );
    assert!(root.threshold > 0.1 && root.threshold < 0.2);
    let proba = Forest::new(vec![tree], 2).predict_proba(&x).unwrap();
    assert_eq!(proba.row(0), &[0.5, 0.5]);
    assert_eq!(proba.row(3), &[0.0, 1.0]);
}

#[test]
fn the_midpoint_threshold_falls_back_to_the_lower_value_when_it_rounds_to_the_upper() {
    let a = 1.0f32;
    let b = f32::from_bits(a.to_bits() + 1);
    // Adjacent f32 values are closer than scikit-learn's 1e-7 feature threshold near 0.1, so
    // use values of about 4 where one ulp (4.8e-7) is a distinct value.
    let (a, b) = (4.0f32 * a, 4.0f32 * b);
    let x = Matrix::from_vec(2, 1, vec![a, b]).unwrap();
    let tree = fit_tree(&x, &[0, 1], 2, &TreeParams::default());
    assert_eq!(tree.nodes[0].threshold, a);
    let proba = Forest::new(vec![tree], 2).predict_proba(&x).unwrap();
    assert_eq!((proba.row(0)[0], proba.row(1)[1]), (1.0, 1.0));
}

#[test]
fn max_depth_bounds_the_tree_and_pure_nodes_are_not_split() {
    let x = Matrix::from_vec(64, 1, (0..64u8).map(f32::from).collect()).unwrap();
    // Alternating labels need 6 levels to separate.
    let y: Vec<u32> = (0..64).map(|i| i % 2).collect();
    for max in [1u16, 3, 5] {
        let p = TreeParams {
            max_depth: Some(max),
            ..TreeParams::default()
        };
        assert_eq!(depth(&fit_tree(&x, &y, 2, &p), 0), usize::from(max));
    }
    let unbounded = TreeParams {
        max_depth: None,
        ..TreeParams::default()
    };
    let full = fit_tree(&x, &y, 2, &unbounded);
    // Every run of two or more rows is mixed: 64 pure leaves of one row each, and no more.
    assert_eq!(full.nodes.iter().filter(|n| n.feature == LEAF).count(), 64);
    let pure = fit_tree(&x, &[1; 64], 2, &TreeParams::default());
    assert_eq!(pure.nodes.len(), 1);
}

#[test]
fn min_samples_split_keeps_small_nodes_as_leaves() {
    let (x, y) = toy();
    let p = TreeParams {
        min_samples_split: 9,
        ..TreeParams::default()
    };
    assert_eq!(fit_tree(&x, &y, 3, &p).nodes.len(), 1);
}

#[test]
fn a_forest_tree_is_deterministic_and_fits_its_bootstrap_counts() {
    let (x, y) = toy();
    let p = ForestParams::default();
    let a = fit_forest_tree(&x, &y, 3, &p, 5, 2);
    assert_eq!(a, fit_forest_tree(&x, &y, 3, &p, 5, 2));
    // Leaf shares are of the bootstrap's weighted counts: all multiples of 1/count.
    let mut rng = rng_from_seed(tree_seed(5, 2));
    let counts = bootstrap_counts(&mut rng, 8);
    assert_eq!(counts.iter().sum::<u32>(), 8);
    let proba = Forest::new(vec![a], 3).predict_proba(&x).unwrap();
    for i in 0..8 {
        let sum: f32 = proba.row(i).iter().sum();
        assert!((sum - 1.0).abs() < 1e-6, "row {i} sums to {sum}");
    }
}

#[test]
fn a_forest_averages_its_trees_leaf_shares() {
    let (x, y) = toy();
    let p = ForestParams::default();
    let trees: Vec<Tree> = (0..4)
        .map(|k| fit_forest_tree(&x, &y, 3, &p, 9, k))
        .collect();
    let mean = Forest::new(trees.clone(), 3).predict_proba(&x).unwrap();
    let mut sum = Matrix::zeros(8, 3);
    for t in trees {
        let one = Forest::new(vec![t], 3).predict_proba(&x).unwrap();
        sum.data
            .iter_mut()
            .zip(&one.data)
            .for_each(|(s, o)| *s += o);
    }
    for (m, s) in mean.data.iter().zip(&sum.data) {
        assert!((m - s / 4.0).abs() < 1e-6);
    }
}

#[test]
fn scoring_rows_with_another_number_of_features_is_an_error() {
    let forest = Forest::new(vec![stump(SplitCriterion::Gini, 1)], 3);
    let err = forest.predict_proba(&Matrix::zeros(1, 2)).unwrap_err();
    assert!(err.to_string().contains("2 features given"), "{err}");
}
