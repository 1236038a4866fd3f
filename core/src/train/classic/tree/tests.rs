// Thresholds and shares are exact by construction (midpoints of small f32 values, n/5).
#![allow(clippy::float_cmp, clippy::cast_possible_truncation)]

use super::grow::{GrowParams, grow};
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
    let a = fit_forest_tree(&Groups::new(&x, &y), &y, 3, &p, 5, 2);
    assert_eq!(a, fit_forest_tree(&Groups::new(&x, &y), &y, 3, &p, 5, 2));
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
        .map(|k| fit_forest_tree(&Groups::new(&x, &y), &y, 3, &p, 9, k))
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

/// CART from its definition, on rows: at each node, for each feature in the grower's visiting
/// order, the node's rows sorted by that feature and every boundary between distinct values
/// scored from the two sides' class counts (Σ count² / weight per side, scikit-learn's gini
/// proxy); the first best score wins. Nodes and leaves are numbered as the grower numbers
/// them (children appended at the split, left subtree first).
struct Reference<'a> {
    x: &'a Matrix,
    y: &'a [u32],
    weights: &'a [u32],
    n_classes: usize,
    params: GrowParams,
    features: Vec<usize>,
    tree: Tree,
}

#[allow(clippy::many_single_char_names)] // p, n, a, b, f as in the sweep's formulas
impl Reference<'_> {
    #[allow(clippy::cast_precision_loss)]
    fn gini_proxy(counts: &[u64]) -> (f64, u64) {
        let w: u64 = counts.iter().sum();
        (counts.iter().map(|&c| (c * c) as f64).sum(), w)
    }

    fn counts(&self, rows: &[usize]) -> Vec<u64> {
        let mut counts = vec![0u64; self.n_classes];
        for &i in rows {
            counts[self.y[i] as usize] += u64::from(self.weights[i]);
        }
        counts
    }

    fn grow(&mut self, id: usize, rows: Vec<usize>, depth: usize, rng: &mut JukeboxRng) {
        let counts = self.counts(&rows);
        let p = &self.params;
        let may_split = depth < p.max_depth
            && rows.len() >= p.min_samples_split
            && rows.len() >= 2 * p.min_samples_leaf
            && counts.iter().filter(|&&c| c > 0).count() > 1;
        let mut best: Option<(f64, usize, f32, f32)> = None;
        if may_split {
            let n = self.features.len();
            if p.max_features < n {
                for k in (1..n).rev() {
                    self.features.swap(k, index_below(rng, k + 1));
                }
            }
            let (mut visited, mut non_constant) = (0, 0);
            for k in 0..n {
                if visited >= p.max_features && non_constant > 0 {
                    break;
                }
                visited += 1;
                let f = self.features[k];
                let mut sorted = rows.clone();
                sorted.sort_by(|&a, &b| self.x.row(a)[f].total_cmp(&self.x.row(b)[f]));
                let value = |k: usize| f64::from(self.x.row(sorted[k])[f]);
                if value(sorted.len() - 1) <= value(0) + 1e-7 {
                    continue;
                }
                non_constant += 1;
                for cut in p.min_samples_leaf.max(1)..=sorted.len() - p.min_samples_leaf.max(1) {
                    if value(cut) <= value(cut - 1) + 1e-7 {
                        continue;
                    }
                    let (l, w_l) = Self::gini_proxy(&self.counts(&sorted[..cut]));
                    let (r, w_r) = Self::gini_proxy(&self.counts(&sorted[cut..]));
                    #[allow(clippy::cast_precision_loss)]
                    let score = l / w_l as f64 + r / w_r as f64;
                    if best.is_none_or(|b| score > b.0) {
                        let below = self.x.row(sorted[cut - 1])[f];
                        let above = self.x.row(sorted[cut])[f];
                        best = Some((score, f, below, above));
                    }
                }
            }
        }
        let Some((_, feature, a, b)) = best else {
            let start = self.tree.classes.len();
            let total: u64 = counts.iter().sum();
            for (c, &n) in counts.iter().enumerate() {
                if n > 0 {
                    self.tree.classes.push(c as u32);
                    #[allow(clippy::cast_precision_loss)]
                    self.tree.shares.push((n as f64 / total as f64) as f32);
                }
            }
            self.tree.nodes[id] = Node {
                feature: LEAF,
                threshold: 0.0,
                left: start as u32,
                right: self.tree.classes.len() as u32,
            };
            return;
        };
        let mid = (f64::from(a) / 2.0 + f64::from(b) / 2.0) as f32;
        let threshold = if mid >= b || !mid.is_finite() { a } else { mid };
        let left = self.tree.nodes.len();
        self.tree.nodes.extend(
            [Node {
                feature: LEAF,
                threshold: 0.0,
                left: 0,
                right: 0,
            }; 2],
        );
        self.tree.nodes[id] = Node {
            feature: feature as u32,
            threshold,
            left: left as u32,
            right: left as u32 + 1,
        };
        let (l, r): (Vec<usize>, Vec<usize>) = rows
            .iter()
            .partition(|&&i| self.x.row(i)[feature] <= threshold);
        self.grow(left, l, depth + 1, rng);
        self.grow(left + 1, r, depth + 1, rng);
    }
}

/// Rows drawn from a few distinct feature vectors (many rows share one), random labels.
fn with_duplicates(seed: u64, n_rows: usize) -> (Matrix, Vec<u32>) {
    let mut rng = rng_from_seed(seed);
    let songs: Vec<[f32; 3]> = (0..40)
        .map(|_| {
            [
                index_below(&mut rng, 2) as f32,
                index_below(&mut rng, 7) as f32 * 0.25,
                index_below(&mut rng, 1000) as f32 / 997.0,
            ]
        })
        .collect();
    let mut data = Vec::new();
    let mut y = Vec::new();
    for _ in 0..n_rows {
        let song = index_below(&mut rng, songs.len());
        data.extend_from_slice(&songs[song]);
        // Each song charts mostly in a few classes of its own.
        y.push(((song + index_below(&mut rng, 3)) % 5) as u32);
    }
    (Matrix::from_vec(n_rows, 3, data).unwrap(), y)
}

#[test]
fn trees_grown_on_merged_identical_rows_equal_cart_grown_on_the_rows() {
    for seed in 0..12u64 {
        let (x, y) = with_duplicates(seed, 400);
        let mut rng = rng_from_seed(seed + 100);
        // A bootstrap (some rows absent, some counted twice) on odd seeds, all rows once on even.
        let weights = if seed % 2 == 1 {
            bootstrap_counts(&mut rng, y.len())
        } else {
            vec![1; y.len()]
        };
        let params = || GrowParams {
            max_depth: [3, 6, usize::MAX][(seed % 3) as usize],
            min_samples_split: 2 + (seed % 4) as usize,
            min_samples_leaf: 1 + (seed % 3) as usize,
            criterion: SplitCriterion::Gini,
            max_features: 1 + (seed % 3) as usize,
        };
        let grown = grow(
            Bag::new(&Groups::new(&x, &y), &y, &weights),
            5,
            3,
            &params(),
            &mut rng_from_seed(seed),
        );
        let mut reference = Reference {
            x: &x,
            y: &y,
            weights: &weights,
            n_classes: 5,
            params: params(),
            features: (0..3).collect(),
            tree: Tree {
                nodes: vec![Node {
                    feature: LEAF,
                    threshold: 0.0,
                    left: 0,
                    right: 0,
                }],
                classes: vec![],
                shares: vec![],
                n_features: 3,
            },
        };
        let rows: Vec<usize> = (0..y.len()).filter(|&i| weights[i] > 0).collect();
        reference.grow(0, rows, 0, &mut rng_from_seed(seed));
        assert!(grown.nodes.len() > 3, "seed {seed}: a tree worth comparing");
        assert_eq!(grown, reference.tree, "seed {seed}");
    }
}
