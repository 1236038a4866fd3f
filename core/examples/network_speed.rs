//! Times the course network's training on synthetic rows, natively, for kernel work
//! (issue 18): `cargo run --release -p jukebox-core --example network_speed -- [rows] [epochs]
//! [threads]` (threads: each batch's rows, then its parameters, split over a rayon pool).
//!
//! Prints rows per second, the achieved multiply-add rate and a SHA-256 of the trained weights,
//! so a change to the kernels shows both its speed and whether it kept the same bits.

// A native timing tool: it reads the clock, and stops at once when the pool cannot start.
#![allow(clippy::disallowed_methods, clippy::expect_used)]

use std::time::Instant;

use jukebox_core::parallel::Parallel;
use jukebox_core::train::network::NetworkTrainer;
use jukebox_core::train::{Matrix, NetworkParams};
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

const FEATURES: usize = 13;
const CLASSES: u32 = 72;

fn synthetic(rows: usize, seed: u64) -> (Matrix, Vec<u32>) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let data = (0..rows * FEATURES)
        .map(|_| rng.random::<f32>() * 2.0 - 1.0)
        .collect();
    let labels = (0..rows).map(|_| rng.random_range(0..CLASSES)).collect();
    (
        Matrix {
            n_rows: rows,
            n_cols: FEATURES,
            data,
        },
        labels,
    )
}

/// A rayon pool of `threads` threads (as the CLI's `Cores`).
struct Threads(usize, rayon::ThreadPool);

impl Parallel for Threads {
    fn width(&self) -> usize {
        self.0
    }

    fn for_each(&self, n: usize, piece: &(dyn Fn(usize) + Sync)) {
        self.1.install(|| (0..n).into_par_iter().for_each(piece));
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let epochs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let threads: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let threads = Threads(threads, pool);
    let params = NetworkParams {
        epochs,
        ..NetworkParams::default()
    };
    let mut trainer = NetworkTrainer::new(
        &params,
        synthetic(rows, 1),
        synthetic(2_000, 2),
        CLASSES as usize,
        7,
    )
    .expect("valid parameters");
    let started = Instant::now();
    // Inside the pool, as the CLI trains: the split pieces start on threads already awake.
    threads
        .1
        .install(|| while !trainer.run_batches_on(1_000, &threads) {});
    let seconds = started.elapsed().as_secs_f64();
    let network = trainer.network();
    let macs: usize = network.layers.iter().map(|l| l.n_in * l.n_out).sum();
    let mut hash = Sha256::new();
    for layer in &network.layers {
        for v in layer.weights.iter().chain(&layer.bias) {
            hash.update(v.to_le_bytes());
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let work = (rows * epochs) as f64;
    println!(
        "{rows} rows × {epochs} epoch(s) on {} thread(s): {seconds:.2} s, {:.0} rows/s, {:.2} GFLOP/s (forward+backward ≈ 6 flops per weight), weights {:x}",
        threads.0,
        work / seconds,
        work * 6.0 * macs as f64 / seconds / 1e9,
        hash.finalize()
    );
}
