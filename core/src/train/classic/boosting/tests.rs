#![allow(
    clippy::cast_precision_loss,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::many_single_char_names,
    clippy::needless_range_loop
)]

use super::*;
use crate::parallel::{Serial, ThreeThreadsBackwards};

fn params(max_iter: usize, max_leaf_nodes: usize, min_samples_leaf: usize) -> BoostingParams {
    BoostingParams {
        max_iter,
        max_leaf_nodes,
        min_samples_leaf,
        learning_rate: 0.5,
        ..BoostingParams::default()
    }
}

fn fit(x: &Matrix, y: &[u32], n_classes: usize, p: &BoostingParams) -> Boosted {
    let mut f = Fitting::new(x, y, n_classes, p, None);
    while !f.done() {
        f.iterate(&Serial);
    }
    f.model()
}

/// 48 rows of 6 distinct feature rows (as a song's daily chart entries), labels 0, 1, 2
/// mixed within each, two features with few values.
fn repeated() -> (Matrix, Vec<u32>) {
    let mut data = Vec::new();
    let mut y = Vec::new();
    for i in 0..48u32 {
        let song = i % 6;
        data.extend([song as f32 * 0.2, (song % 3) as f32]);
        y.push([0, 1, 2, 1, 0, 0, 2][((i * 5 + song) % 7) as usize]);
    }
    (Matrix::from_vec(48, 2, data).unwrap(), y)
}

#[test]
fn a_stump_is_the_best_split_of_the_rows_own_gradients() {
    // One iteration of two-leaf trees, grown here from the definition over the rows (each
    // row its own gradient p − [label], hessian p(1 − p), in f32, every cut between neighbouring
    // values tried, the first of equal gains kept) and compared with the grower's, which
    // works on merged rows and histograms.
    let (x, y) = repeated();
    let p = params(1, 2, 1);
    let model = fit(&x, &y, 3, &p);
    assert_eq!((model.trees.len(), model.per_iteration()), (3, 3));
    let counts: Vec<f64> = (0..3)
        .map(|c| y.iter().filter(|&&l| l == c).count() as f64)
        .collect();
    let logs: Vec<f64> = counts.iter().map(|n| (n / 48.0).ln()).collect();
    let mean = logs.iter().sum::<f64>() / 3.0;
    for (c, &base) in model.baseline.iter().enumerate() {
        assert!((base - (logs[c] - mean)).abs() < 1e-12);
    }
    for c in 0..3 {
        // The model's probability (the softmax of the baseline), each row's gradient and
        // hessian rounded to f32 as scikit-learn keeps them.
        let total_exp: f64 = model.baseline.iter().map(|b| b.exp()).sum();
        let pc = model.baseline[c].exp() / total_exp;
        let g: Vec<f64> = y
            .iter()
            .map(|&l| f64::from((pc - f64::from(u8::from(l as usize == c))) as f32))
            .collect();
        let h = f64::from((pc * (1.0 - pc)) as f32);
        let (gs, hs) = (g.iter().sum::<f64>(), h * 48.0);
        let mut best = (0.0, usize::MAX, 0.0, 0.0, 0.0);
        for f in 0..2 {
            let mut values: Vec<f32> = (0..48).map(|i| x.row(i)[f]).collect();
            values.sort_by(f32::total_cmp);
            values.dedup();
            for w in values.windows(2) {
                let cut = (f64::from(w[0]) + f64::from(w[1])) * 0.5;
                let left: Vec<usize> = (0..48).filter(|&i| f64::from(x.row(i)[f]) <= cut).collect();
                let gl: f64 = left.iter().map(|&i| g[i]).sum();
                let hl = h * left.len() as f64;
                let (gr, hr) = (gs - gl, hs - hl);
                let gain = gl * gl / hl + gr * gr / hr - gs * gs / hs;
                if gain > best.0 {
                    best = (
                        gain,
                        f,
                        cut,
                        -0.5 * gl / (hl + f64::EPSILON),
                        -0.5 * gr / (hr + f64::EPSILON),
                    );
                }
            }
        }
        let tree = &model.trees[c];
        assert_eq!(tree.len(), 3, "class {c}: a stump");
        assert_eq!(
            (tree[0].feature as usize, tree[0].threshold),
            (best.1, best.2),
            "class {c}"
        );
        let (left, right) = (tree[tree[0].left as usize], tree[tree[0].right as usize]);
        assert!(
            (left.value - best.3).abs() < 1e-12,
            "class {c}: {} vs {}",
            left.value,
            best.3
        );
        assert!(
            (right.value - best.4).abs() < 1e-12,
            "class {c}: {} vs {}",
            right.value,
            best.4
        );
    }
}

#[test]
fn repeated_rows_give_the_model_of_the_rows_in_any_order() {
    // The same rows shuffled: the merged rows come in another order, the model is the same.
    let (x, y) = repeated();
    let order: Vec<usize> = (0..48).map(|i| (i * 29) % 48).collect();
    let xs = x.select_rows(&order);
    let ys: Vec<u32> = order.iter().map(|&i| y[i]).collect();
    let p = params(5, 4, 2);
    let (a, b) = (fit(&x, &y, 3, &p), fit(&xs, &ys, 3, &p));
    assert_eq!(a.trees.len(), b.trees.len());
    let (pa, pb) = (a.predict_proba(&x), b.predict_proba(&x));
    for (u, v) in pa.data.iter().zip(&pb.data) {
        assert!((u - v).abs() < 1e-6, "{u} vs {v}");
    }
}

#[test]
fn leaves_respect_the_limits_and_two_classes_grow_one_tree_per_iteration() {
    // 200 rows, one informative feature: y = 1 above 0.5 with a little noise.
    let x: Vec<f32> = (0..200u16)
        .flat_map(|i| [f32::from(i) / 200.0, f32::from(i % 7)])
        .collect();
    let x = Matrix::from_vec(200, 2, x).unwrap();
    let y: Vec<u32> = (0..200u32)
        .map(|i| u32::from((i >= 100) != (i % 37 == 0)))
        .collect();
    let p = BoostingParams {
        max_iter: 20,
        max_leaf_nodes: 5,
        min_samples_leaf: 10,
        max_depth: Some(2),
        ..BoostingParams::default()
    };
    let model = fit(&x, &y, 2, &p);
    assert_eq!((model.per_iteration(), model.trees.len()), (1, 20));
    assert_eq!(model.baseline[0], 0.0);
    for tree in &model.trees {
        let leaves = tree.iter().filter(|n| n.feature == LEAF).count();
        assert!(leaves <= 4, "depth 2 allows 4 leaves, {leaves}");
    }
    let proba = model.predict_proba(&x);
    let right = (0..200)
        .filter(|&i| u32::from(proba.row(i)[1] > 0.5) == u32::from(i >= 100))
        .count();
    assert!(right >= 196, "{right} of 200");
    for i in 0..200 {
        assert!((proba.row(i).iter().sum::<f32>() - 1.0).abs() < 1e-6);
    }
}

#[test]
fn early_stopping_ends_the_fit_when_the_validation_loss_stops_improving() {
    // Labels unrelated to the features: the validation loss stops improving soon.
    let x: Vec<f32> = (0..400u32)
        .flat_map(|i| [(i % 13) as f32, (i % 11) as f32])
        .collect();
    let x = Matrix::from_vec(400, 2, x).unwrap();
    let y: Vec<u32> = (0..400u32).map(|i| (i * 7919 / 3 + i / 5) % 3).collect();
    let (train, validation) = (
        x.select_rows(&(0..300).collect::<Vec<_>>()),
        x.select_rows(&(300..400).collect::<Vec<_>>()),
    );
    let p = BoostingParams {
        min_samples_leaf: 5,
        ..BoostingParams::default()
    };
    let mut f = Fitting::new(&train, &y[..300], 3, &p, Some((&validation, &y[300..])));
    while !f.done() {
        f.iterate(&Serial);
    }
    let n = f.iterations();
    assert!(
        n < 100 && n >= p.n_iter_no_change,
        "stopped after {n} iterations"
    );
    // The rule: none of the last 10 losses is below the one before them minus tol (the
    // losses are the one before the first iteration and one per iteration).
    assert_eq!(f.losses.len(), n + 1);
    let reference = f.losses[n - 10] - p.tol;
    assert!(f.losses[n + 1 - 10..].iter().all(|&l| l >= reference));
    // Without early stopping the same rows take every iteration.
    let mut all = Fitting::new(
        &train,
        &y[..300],
        3,
        &BoostingParams {
            early_stopping: false,
            ..p
        },
        Some((&validation, &y[300..])),
    );
    while !all.done() {
        all.iterate(&Serial);
    }
    assert_eq!(all.iterations(), 100);
}

#[test]
fn class_trees_grown_side_by_side_equal_those_grown_in_turn() {
    let (x, y) = repeated();
    let p = params(4, 3, 1);
    let mut threaded = Fitting::new(&x, &y, 3, &p, None);
    while !threaded.done() {
        threaded.iterate(&ThreeThreadsBackwards);
    }
    assert_eq!(threaded.model(), fit(&x, &y, 3, &p));
}

#[test]
fn the_stopping_rule_is_scikit_learns() {
    let (x, y) = repeated();
    let p = BoostingParams {
        n_iter_no_change: 2,
        tol: 0.1,
        ..BoostingParams::default()
    };
    let mut f = Fitting::new(&x, &y, 3, &p, None);
    // Initial loss, then two iterations within tol of it: stop.
    f.losses = vec![1.0, 0.95, 0.91];
    assert!(f.stopped_early());
    // One of the last two beats the reference by more than tol: go on.
    f.losses = vec![1.0, 0.95, 0.89];
    assert!(!f.stopped_early());
    f.losses = vec![1.0, 0.95];
    assert!(!f.stopped_early());
}
