//! Timings of `read_csv` beside polars-io's CSV reader (one thread, as in the browser) on
//! the Kaggle-layout sample and a synthetic million-row file. Figures are printed, never
//! asserted. Run optimised:
//! `cargo test -p jukebox-core --config 'profile.dev.package.jukebox-core.opt-level=3'
//!  reads_csv_as_fast_as_polars -- --ignored --nocapture`

// A native benchmark, never built for wasm32, where `Instant::now` is banned.
#![allow(clippy::disallowed_methods)]

use std::fmt::Write as _;
use std::io::Cursor;
use std::time::Instant;

use polars_core::prelude::DataFrame;
use polars_io::SerReader;
use polars_io::csv::read::CsvReadOptions;
use rand::Rng;

use super::read_csv;
use crate::random::rng_from_seed;

/// A CSV like the charts export: ids, quoted names with commas, ints, floats, booleans, dates.
fn synthetic_csv(n_rows: usize) -> String {
    let mut rng = rng_from_seed(11);
    let mut text =
        String::from("spotify_id,name,daily_rank,is_explicit,snapshot_date,tempo,loudness\n");
    for row in 0..n_rows {
        let day = 1 + row % 28;
        let _ = writeln!(
            text,
            "{:022x},\"Song {}, part {}\",{},{},2024-02-{day:02},{:.3},{:e}",
            rng.random::<u64>(),
            row % 977,
            row % 3,
            1 + row % 50,
            if rng.random::<bool>() {
                "True"
            } else {
                "False"
            },
            rng.random_range(60.0..200.0),
            -rng.random_range(1e-6..30.0),
        );
    }
    text
}

fn best_of_three_ms(read: impl Fn() -> DataFrame) -> (f64, DataFrame) {
    let mut best = f64::INFINITY;
    let mut df = DataFrame::empty();
    for _ in 0..3 {
        let start = Instant::now();
        df = read();
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
    }
    (best, df)
}

fn compare(label: &str, bytes: &[u8]) {
    let (ours_ms, ours) = best_of_three_ms(|| read_csv(label, bytes).unwrap());
    let (polars_ms, theirs) = best_of_three_ms(|| {
        CsvReadOptions::default()
            .with_has_header(true)
            .with_n_threads(Some(1))
            .with_infer_schema_length(None)
            .into_reader_with_file_handle(Cursor::new(bytes))
            .finish()
            .unwrap()
    });
    let mib = bytes.len() as f64 / (1024.0 * 1024.0);
    println!(
        "{label}: {} rows x {} cols, {mib:.1} MiB; read_csv {ours_ms:.0} ms ({:.0} MiB/s), \
         polars-io 1 thread {polars_ms:.0} ms ({:.0} MiB/s); frame {:.1} MiB",
        ours.height(),
        ours.width(),
        mib / ours_ms * 1e3,
        mib / polars_ms * 1e3,
        ours.estimated_size() as f64 / (1024.0 * 1024.0),
    );
    assert_eq!(ours.shape(), theirs.shape(), "{label}");
}

#[test]
#[ignore = "benchmark: prints timings; run optimised with --ignored --nocapture"]
fn reads_csv_as_fast_as_polars() {
    let name = "universal_top_spotify_songs_sample.csv";
    if let Some(bytes) = crate::testdata::shared_data(name) {
        compare(name, &bytes);
    }
    compare("synthetic 1M rows", synthetic_csv(1_000_000).as_bytes());
}
