//! Timings (ignored by default): one epoch of the course network; run with
//! `cargo test --release -p jukebox-core bench_one_epoch -- --ignored --nocapture`.
// Native timing of a test, never built for wasm32.
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

use super::random_data;
use crate::train::NetworkParams;
use crate::train::network::NetworkTrainer;

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn bench_one_epoch_of_the_course_network() {
    let rows = 128_000;
    let train = random_data(rows, 13, 72, 1);
    let validation = random_data(1_000, 13, 72, 2);
    let params = NetworkParams {
        epochs: 1,
        ..NetworkParams::default()
    };
    let mut trainer = NetworkTrainer::new(&params, train, validation, 72, 42).unwrap();
    let start = Instant::now();
    assert!(trainer.run_batches(usize::MAX));
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "one epoch, {rows} rows x 13 features, 13-32-64-128-256-72, batch 32: {seconds:.3} s ({:.0} rows/s); loss {:.4}",
        rows as f64 / seconds,
        trainer.history()[0].train_loss
    );
}
