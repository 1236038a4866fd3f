// Test data and finite differences convert between f64 and f32 and index small sizes on purpose.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::many_single_char_names,
    clippy::float_cmp
)]
use super::batch::Backward;
use super::kernels::{
    bias_gradient, input_gradient, matmul_bias, softmax_rows, weight_gradient_rows,
};
use super::*;
use crate::parallel::Serial;
use crate::random::{normal, rng_from_seed};
use crate::train::CurvePoint;

mod bench;

fn params(hidden: &[usize], activation: Activation) -> NetworkParams {
    NetworkParams {
        hidden: hidden.to_vec(),
        activation,
        batch_size: 8,
        learning_rate: 0.01,
        epochs: 3,
        ..NetworkParams::default()
    }
}

/// `n` rows of `n_features` standard-normal features and a uniform label, from `seed`.
pub(super) fn random_data(
    n: usize,
    n_features: usize,
    n_classes: u32,
    seed: u64,
) -> (Matrix, Vec<u32>) {
    let mut rng = rng_from_seed(seed);
    #[allow(clippy::cast_possible_truncation)]
    let data = (0..n * n_features)
        .map(|_| normal(&mut rng, 0.0, 1.0) as f32)
        .collect();
    let y = (0..n).map(|_| rng.random_range(0..n_classes)).collect();
    (Matrix::from_vec(n, n_features, data).unwrap(), y)
}

/// Three well separated clusters in 2-D, one per class.
fn clusters(n: usize, seed: u64) -> (Matrix, Vec<u32>) {
    let centres = [(-2.0, -2.0), (2.0, -1.0), (0.0, 2.5)];
    let mut rng = rng_from_seed(seed);
    let mut data = Vec::new();
    let mut y = Vec::new();
    for i in 0..n {
        let class = i % 3;
        let (cx, cy) = centres[class];
        data.push(normal(&mut rng, cx, 0.5) as f32);
        data.push(normal(&mut rng, cy, 0.5) as f32);
        y.push(class as u32);
    }
    (Matrix::from_vec(n, 2, data).unwrap(), y)
}

/// The network in f64 with naive loops: mean cross-entropy of `x`, `y` (a reference for the
/// kernels and, by finite differences, for the gradients).
fn reference_loss(network: &Network, x: &[f64], y: &[u32]) -> f64 {
    let mut a: Vec<f64> = x.to_vec();
    let last = network.layers.len() - 1;
    for (l, layer) in network.layers.iter().enumerate() {
        let rows = a.len() / layer.n_in;
        let mut z = vec![0.0; rows * layer.n_out];
        for r in 0..rows {
            for j in 0..layer.n_out {
                let mut s = f64::from(layer.bias[j]);
                for k in 0..layer.n_in {
                    s += a[r * layer.n_in + k] * f64::from(layer.weights[k * layer.n_out + j]);
                }
                z[r * layer.n_out + j] = if l == last {
                    s
                } else {
                    match network.activation {
                        Activation::Relu => s.max(0.0),
                        Activation::Tanh => s.tanh(),
                        Activation::Sigmoid => 1.0 / (1.0 + (-s).exp()),
                    }
                };
            }
        }
        a = z;
    }
    let n_classes = network.n_classes();
    let rows = y.len();
    let mut total = 0.0;
    for (r, &label) in y.iter().enumerate() {
        let row = &a[r * n_classes..(r + 1) * n_classes];
        let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let log_sum = row.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
        total += -(row[label as usize] - max - log_sum);
    }
    total / rows as f64
}

#[test]
fn gradients_match_finite_differences_for_each_activation() {
    for activation in [Activation::Relu, Activation::Tanh, Activation::Sigmoid] {
        let network = Network::new(3, &params(&[4, 5], activation), 3, 11).unwrap();
        let (x, y) = random_data(6, 3, 3, 5);
        let mut backward = Backward::new(&network, 6);
        backward.run(&network, &x.data, &y, &Serial);
        let x64: Vec<f64> = x.data.iter().map(|&v| f64::from(v)).collect();
        // Central differences of the f64 reference loss. The weights are f32, so the step
        // (1e-3) is applied in f32 and the step actually taken is measured. Truncation error
        // is ~step² ≈ 1e-6 relative; the analytic gradients carry f32 rounding of sums of a few
        // dozen products (~1e-6 relative). A relative tolerance of 1e-3 (with a floor of 1e-4
        // for gradients near zero) is far above both and far below any real mistake, which
        // shows up as an error of order 1.
        let step = 1e-3_f64;
        let mut worst = 0.0_f64;
        for l in 0..network.layers.len() {
            let n_weights = network.layers[l].weights.len();
            for i in 0..n_weights + network.layers[l].n_out {
                let loss_at = |delta: f64| {
                    let mut probe = network.clone();
                    let layer = &mut probe.layers[l];
                    let slot = if i < n_weights {
                        &mut layer.weights[i]
                    } else {
                        &mut layer.bias[i - n_weights]
                    };
                    let before = *slot;
                    *slot = (f64::from(before) + delta) as f32;
                    let taken = f64::from(*slot) - f64::from(before);
                    (reference_loss(&probe, &x64, &y), taken)
                };
                let ((up, step_up), (down, step_down)) = (loss_at(step), loss_at(-step));
                let numeric = (up - down) / (step_up - step_down);
                let grad = &backward.gradients[l];
                let analytic = f64::from(if i < n_weights {
                    grad.weights[i]
                } else {
                    grad.bias[i - n_weights]
                });
                let error = (numeric - analytic).abs() / (1e-4 + analytic.abs().max(numeric.abs()));
                worst = worst.max(error);
                assert!(
                    error < 1e-3,
                    "{activation:?} layer {l} parameter {i}: numeric {numeric}, analytic {analytic}"
                );
            }
        }
        println!("{activation:?}: worst relative gradient error {worst:.2e}");
    }
}

#[test]
fn forward_matches_the_f64_reference_on_random_weights() {
    let network = Network::new(5, &params(&[17, 33], Activation::Tanh), 4, 3).unwrap();
    let (x, y) = random_data(11, 5, 4, 8);
    let (loss, _) = network.loss_and_accuracy(&x, &y);
    let x64: Vec<f64> = x.data.iter().map(|&v| f64::from(v)).collect();
    let reference = reference_loss(&network, &x64, &y);
    assert!(
        (loss - reference).abs() < 1e-5 * reference,
        "{loss} vs {reference}"
    );
}

/// Naive f64 products for the kernels' shapes.
fn naive(a: &[f32], b: &[f32], rows: usize, inner: usize, cols: usize) -> Vec<f64> {
    let mut out = vec![0.0; rows * cols];
    for r in 0..rows {
        for j in 0..cols {
            out[r * cols + j] = (0..inner)
                .map(|k| f64::from(a[r * inner + k]) * f64::from(b[k * cols + j]))
                .sum();
        }
    }
    out
}

fn transpose(m: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    (0..rows * cols)
        .map(|i| m[(i % rows) * cols + i / rows])
        .collect()
}

fn assert_close(got: &[f32], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            (f64::from(g) - w).abs() < 1e-5 * (1.0 + w.abs()),
            "{what}[{i}]: {g} vs {w}"
        );
    }
}

#[test]
fn kernels_match_naive_products_on_ragged_shapes() {
    let mut rng = rng_from_seed(4);
    for (rows, n_in, n_out) in [
        (1, 1, 1),
        (3, 2, 5),
        (4, 3, 16),
        (5, 13, 32),
        (9, 7, 33),
        (32, 20, 72),
    ] {
        let mut values =
            |n: usize| -> Vec<f32> { (0..n).map(|_| rng.random::<f32>() - 0.5).collect() };
        let (x, w, bias, dz) = (
            values(rows * n_in),
            values(n_in * n_out),
            values(n_out),
            values(rows * n_out),
        );
        let mut out = vec![0.0; rows * n_out];
        matmul_bias(&x, n_in, &w, &bias, &mut out);
        let mut want = naive(&x, &w, rows, n_in, n_out);
        for (i, v) in want.iter_mut().enumerate() {
            *v += f64::from(bias[i % n_out]);
        }
        assert_close(&out, &want, &format!("x·W+b {rows}x{n_in}x{n_out}"));

        let (mut dw, mut db) = (vec![9.0; n_in * n_out], vec![9.0; n_out]);
        weight_gradient_rows(&x, n_in, &dz, 0, &mut dw);
        bias_gradient(&dz, &mut db);
        let x_t = transpose(&x, rows, n_in);
        let want_dw = naive(&x_t, &dz, n_in, rows, n_out);
        assert_close(&dw, &want_dw, "xᵀ·dz");
        // A block of the gradient's later rows is those rows of the whole.
        let first_k = n_in / 2;
        let mut block = vec![9.0; (n_in - first_k) * n_out];
        weight_gradient_rows(&x, n_in, &dz, first_k, &mut block);
        assert_eq!(block, dw[first_k * n_out..], "rows {first_k}.. of xᵀ·dz");
        let ones = vec![1.0; rows];
        assert_close(&db, &naive(&ones, &dz, 1, rows, n_out), "Σ dz");

        let mut da = vec![9.0; rows * n_in];
        input_gradient(&dz, &w, n_out, &mut da);
        let w_t = transpose(&w, n_in, n_out);
        assert_close(&da, &naive(&dz, &w_t, rows, n_out, n_in), "dz·Wᵀ");
    }
}

#[test]
fn softmax_rows_sum_to_one_even_for_huge_logits() {
    let mut values = vec![1000.0, 999.0, -1000.0, 0.0, 0.0, 0.0, -3e38, 3e38, 1.0];
    softmax_rows(&mut values, 3);
    for row in values.chunks_exact(3) {
        let sum: f32 = row.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6, "row {row:?} sums to {sum}");
        assert!(row.iter().all(|p| p.is_finite() && *p >= 0.0), "{row:?}");
    }
    let e = 1.0_f32.exp();
    assert!((values[0] - e / (e + 1.0)).abs() < 1e-6);
    assert!((values[3] - 1.0 / 3.0).abs() < 1e-6);
    assert!((values[7] - 1.0).abs() < 1e-6);
}

#[test]
fn glorot_weights_stay_within_their_limit_and_biases_start_at_zero() {
    let network = Network::new(13, &NetworkParams::default(), 72, 42).unwrap();
    let shapes: Vec<(usize, usize)> = network.layers.iter().map(|l| (l.n_in, l.n_out)).collect();
    assert_eq!(
        shapes,
        [(13, 32), (32, 64), (64, 128), (128, 256), (256, 72)]
    );
    for layer in &network.layers {
        let limit = (6.0 / (layer.n_in + layer.n_out) as f32).sqrt();
        assert!(layer.weights.iter().all(|w| w.abs() <= limit));
        assert!(layer.bias.iter().all(|&b| b == 0.0));
        // A uniform draw on [-limit, limit] has variance limit² / 3.
        let var = layer.weights.iter().map(|w| w * w).sum::<f32>() / layer.weights.len() as f32;
        assert!(
            (var / (limit * limit / 3.0) - 1.0).abs() < 0.1,
            "variance {var}"
        );
    }
}

#[test]
fn adam_first_step_moves_each_weight_by_about_the_learning_rate() {
    // After one step m̂ = g and v̂ = g², so Keras' update is lr · g / (|g| + ε̂) ≈ lr · sign(g).
    let network = Network::new(2, &params(&[3], Activation::Relu), 2, 1).unwrap();
    let mut layers = network.layers.clone();
    let mut gradients = network.layers.clone();
    for g in &mut gradients {
        g.weights
            .iter_mut()
            .enumerate()
            .for_each(|(i, w)| *w = if i % 2 == 0 { 0.5 } else { -0.02 });
        g.bias.fill(0.0);
    }
    let mut adam = adam::Adam::new(&layers, 0.01, 0.9, 0.999, 1e-7);
    adam.update(&mut layers, &gradients);
    for (after, before) in layers.iter().zip(&network.layers) {
        for (i, (a, b)) in after.weights.iter().zip(&before.weights).enumerate() {
            let expected = if i % 2 == 0 { -0.01 } else { 0.01 };
            assert!(
                (a - b - expected).abs() < 1e-5,
                "weight {i}: moved {}",
                a - b
            );
        }
        assert_eq!(
            after.bias, before.bias,
            "a zero gradient leaves the bias alone"
        );
    }
}

fn trainer(data: (Matrix, Vec<u32>), p: &NetworkParams, seed: u64) -> NetworkTrainer {
    let validation = (data.0.clone(), data.1.clone());
    NetworkTrainer::new(p, data, validation, 3, seed).unwrap()
}

#[test]
fn loss_falls_each_epoch_on_separable_data_and_accuracy_ends_high() {
    let p = NetworkParams {
        epochs: 5,
        ..params(&[8, 8], Activation::Relu)
    };
    let mut t = trainer(clusters(300, 1), &p, 7);
    assert_eq!(
        t.total_batches(),
        5 * 38,
        "300 rows in batches of 8: 37 full and 1 partial"
    );
    assert!(t.run_batches(usize::MAX));
    assert_eq!(t.done_batches(), t.total_batches());
    let history = t.history();
    assert_eq!(
        history.iter().map(|h| h.epoch).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    for pair in history.windows(2) {
        assert!(pair[1].train_loss < pair[0].train_loss, "{history:?}");
    }
    let last = history[4];
    assert!(
        last.train_accuracy > 0.97 && last.validation_accuracy > 0.97,
        "{last:?}"
    );
    // The history's validation figures are the network's own.
    let (x, y) = clusters(300, 1);
    assert_eq!(
        t.network().loss_and_accuracy(&x, &y),
        (last.validation_loss, last.validation_accuracy)
    );
}

#[test]
fn training_is_deterministic_for_a_seed_and_differs_between_seeds() {
    let p = params(&[6], Activation::Tanh);
    let run = |seed| {
        let mut t = trainer(clusters(90, 2), &p, seed);
        t.run_batches(usize::MAX);
        (t.history().to_vec(), t.points().to_vec(), t.into_network())
    };
    let (a, b, c) = (run(5), run(5), run(6));
    assert_eq!(a, b);
    assert_ne!(a.2.layers[0].weights, c.2.layers[0].weights);
    assert_ne!(a.0, c.0);
}

#[test]
fn chunked_stepping_matches_one_long_run_bit_for_bit() {
    let p = params(&[5, 7], Activation::Sigmoid);
    let mut whole = trainer(clusters(100, 3), &p, 9);
    assert!(whole.run_batches(usize::MAX));
    let mut chunked = trainer(clusters(100, 3), &p, 9);
    let mut calls = 0;
    for size in [1, 2, 3, 5, 8, 13].into_iter().cycle() {
        calls += 1;
        if chunked.run_batches(size) {
            break;
        }
    }
    assert!(calls > 6, "stepped in several chunks");
    assert!(!chunked.run_batches(0) || chunked.done_batches() == chunked.total_batches());
    assert_eq!(bits(whole.network()), bits(chunked.network()));
    assert_eq!(whole.history(), chunked.history());
    assert_eq!(whole.points(), chunked.points());
}

#[test]
fn training_on_threads_gives_the_bits_of_training_on_one() {
    // Batches of 7 rows: lanes of 3, 3 and 1 rows on three threads; the 80 × 60 layer's
    // weights split into two blocks of whole rows.
    let p = NetworkParams {
        batch_size: 7,
        ..params(&[80, 60], Activation::Relu)
    };
    let mut serial = trainer(clusters(100, 3), &p, 9);
    assert!(serial.run_batches(usize::MAX));
    let mut threaded = trainer(clusters(100, 3), &p, 9);
    assert!(threaded.run_batches_on(usize::MAX, &crate::parallel::ThreeThreadsBackwards));
    assert_eq!(bits(serial.network()), bits(threaded.network()));
    assert_eq!(serial.history(), threaded.history());
    assert_eq!(serial.points(), threaded.points());
    // Scoring: 1,000 rows are four chunks of 256, in groups on three threads.
    let (x, y) = clusters(1_000, 5);
    let network = serial.network();
    let on_threads = crate::parallel::ThreeThreadsBackwards;
    assert_eq!(
        network.predict_proba(&x).data,
        network.predict_proba_on(&x, &on_threads).data
    );
    let (loss, accuracy) = network.loss_and_accuracy_on(&x, &y, &on_threads);
    assert_eq!(network.loss_and_accuracy(&x, &y), (loss, accuracy));
    assert!(loss.is_finite() && accuracy > 0.5, "{loss} {accuracy}");
}

#[test]
fn curve_has_about_fifty_points_per_epoch_and_stays_capped() {
    let p = NetworkParams {
        batch_size: 1,
        epochs: 2,
        ..params(&[4], Activation::Relu)
    };
    let mut t = trainer(clusters(120, 4), &p, 1);
    t.run_batches(usize::MAX);
    // 120 batches an epoch: a point every 3 batches, 40 per epoch, the last at each epoch end.
    let epochs: Vec<f64> = t.points().iter().map(|c: &CurvePoint| c.epoch).collect();
    assert_eq!(epochs.len(), 80);
    assert!((epochs[0] - 3.0 / 120.0).abs() < 1e-12 && epochs[39] == 1.0 && epochs[79] == 2.0);
    let first_epoch_end = t.points()[39];
    assert_eq!(
        (first_epoch_end.loss, first_epoch_end.accuracy),
        (t.history()[0].train_loss, t.history()[0].train_accuracy)
    );

    let many = NetworkParams { epochs: 30, ..p };
    let mut t = trainer(clusters(120, 4), &many, 1);
    t.run_batches(usize::MAX);
    let n = t.points().len();
    assert!((250..=500).contains(&n), "{n} points");
    assert_eq!(t.points().last().map(|c| c.epoch), Some(30.0));
    assert!(t.points().windows(2).all(|w| w[0].epoch < w[1].epoch));
}

fn error_of(p: &NetworkParams, train: (Matrix, Vec<u32>), n_classes: usize) -> String {
    let validation = clusters(6, 1);
    match NetworkTrainer::new(p, train, validation, n_classes, 1) {
        Ok(_) => "accepted".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn rejects_bad_parameters_with_named_fields() {
    let base = params(&[4], Activation::Relu);
    let cases = [
        (
            NetworkParams {
                batch_size: 0,
                ..base.clone()
            },
            "batch size is 0",
        ),
        (
            NetworkParams {
                epochs: 0,
                ..base.clone()
            },
            "epochs is 0",
        ),
        (
            NetworkParams {
                learning_rate: 0.0,
                ..base.clone()
            },
            "learning rate is 0",
        ),
        (
            NetworkParams {
                learning_rate: f64::NAN,
                ..base.clone()
            },
            "learning rate is NaN",
        ),
        (
            NetworkParams {
                beta1: 1.0,
                ..base.clone()
            },
            "beta1 is 1",
        ),
        (
            NetworkParams {
                epsilon: -1.0,
                ..base.clone()
            },
            "epsilon is -1",
        ),
        (
            NetworkParams {
                hidden: vec![4, 0],
                ..base.clone()
            },
            "hidden layer size is 0 (layer 2 of 2)",
        ),
    ];
    for (p, expected) in cases {
        let message = error_of(&p, clusters(6, 1), 3);
        assert!(message.starts_with(expected), "{message}");
    }
    assert_eq!(error_of(&base, clusters(6, 1), 3), "accepted");
}

#[test]
fn rejects_data_that_cannot_train_with_what_to_do() {
    let base = params(&[4], Activation::Relu);
    let (x, mut y) = clusters(6, 1);
    assert!(error_of(&base, (x.clone(), y.clone()), 1).contains("a classifier needs at least 2"));
    assert!(
        error_of(&base, (Matrix::zeros(0, 2), vec![]), 3).contains("training part has no rows")
    );
    assert!(error_of(&base, (Matrix::zeros(0, 0), vec![]), 3).contains("no input features"));
    assert!(
        error_of(&base, (x.clone(), y[..5].to_vec()), 3).contains("6 feature rows but 5 labels")
    );
    assert!(
        error_of(&base, (Matrix::zeros(6, 3), y.clone()), 3)
            .contains("validation part has 2 feature columns but the network takes 3")
    );
    y[4] = 3;
    assert!(error_of(&base, (x, y), 3).contains("label at row 4 is class 3"));
}

#[test]
fn predictions_are_probabilities_of_the_right_shape() {
    let network = Network::new(3, &params(&[5], Activation::Sigmoid), 4, 2).unwrap();
    let (x, _) = random_data(300, 3, 4, 1);
    let p = network.predict_proba(&x);
    assert_eq!((p.n_rows, p.n_cols), (300, 4));
    for row in p.data.chunks_exact(4) {
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
    // Chunking (256 rows at a time) does not change a row's result.
    let single = network.predict_proba(&x.select_rows(&[299]));
    assert_eq!(single.data, p.row(299));
    let (loss, accuracy) = network.loss_and_accuracy(&Matrix::zeros(0, 3), &[]);
    assert!(loss.is_nan() && accuracy.is_nan());
}

/// Every weight and bias of `network`, as bits.
fn bits(network: &Network) -> Vec<u32> {
    network
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().chain(&l.bias))
        .map(|w| w.to_bits())
        .collect()
}

#[test]
fn a_row_scores_the_same_anywhere_in_a_batch_so_repeats_can_be_scored_once() {
    // 4-row tiles and the remainder rows take different code paths in `matmul_bias`; a row's
    // output must not depend on which one it went through (nor on its neighbours).
    let network = Network::new(13, &NetworkParams::default(), 72, 42).unwrap();
    let mut rng = rng_from_seed(5);
    let songs: Vec<Vec<f32>> = (0..4)
        .map(|_| (0..13).map(|_| normal(&mut rng, 0.0, 1.0) as f32).collect())
        .collect();
    let order = [0, 1, 2, 3, 0, 2, 1, 1, 3, 0, 2];
    let data: Vec<f32> = order.iter().flat_map(|&s| songs[s].clone()).collect();
    let x = Matrix::from_vec(order.len(), 13, data).unwrap();
    let proba = network.predict_proba(&x);
    for (i, &s) in order.iter().enumerate() {
        let first = order.iter().position(|&o| o == s).unwrap();
        assert_eq!(proba.row(i), proba.row(first), "row {i} (song {s})");
    }
    let once =
        crate::train::distinct::score_distinct(&x, |d| Ok::<_, ()>(network.predict_proba(d)))
            .unwrap();
    assert_eq!(once, proba);
}
