//! Seeded fuzzing of every reader of outside bytes (issue 17, "a shared notebook is safe to
//! open"): the CSV reader, the share-link decoder, the notebook file reader, the export
//! importer and the model codec never panic, and refuse in words; damaged Parquet is
//! measured (polars-arrow can panic, which the worker survives by restarting).
//!
//! The inputs are mostly valid ones made by the product's encoders and then damaged
//! (`mutate`), some random. Every input has its own seed; a failure names it, the recipe
//! of the damage, and saves the input under the target's temporary directory. Each
//! campaign prints its figures (`cargo test -p jukebox-core --test fuzz -- --nocapture`);
//! `JUKEBOX_FUZZ_SCALE=20` runs twenty times as many inputs (new seeds included), and
//! `JUKEBOX_FUZZ_TRACE=1` prints each input's seed before it is read and its outcome after
//! (after an abort, the last input printed is the culprit).

// A test file: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod archive;
mod codec;
mod csv;
mod harness;
mod inputs;
mod mutate;
mod notebook_file;
mod parquet;
mod share;
#[path = "../../src/testdata.rs"]
#[allow(dead_code)]
mod testdata;

use std::time::Duration;

/// A campaign not finished within this is taken for a hang (debug builds on a loaded
/// two-core CI machine run each in a few seconds).
pub const TIME_LIMIT: Duration = Duration::from_secs(180);

/// `n` inputs, times `JUKEBOX_FUZZ_SCALE` when it is set (for longer runs by hand).
pub fn scaled(n: usize) -> usize {
    let scale = std::env::var("JUKEBOX_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1);
    n * scale.max(1)
}
