//! Damaged Parquet, measured rather than required: polars-arrow 0.53 panics on some damaged
//! files, and now and then asks for an allocation of exabytes, which aborts the process
//! (the app's worker restarts either way). So the copies are read in a child process (this
//! test binary again) that is started again after the input that aborted it, as the app
//! restarts its worker. The test requires that no input hangs the reader and that every
//! refusal has words, and prints how many copies panic, abort, are refused and
//! (surprisingly) read.

use std::process::Command;
use std::sync::Arc;

use jukebox_core::io::read_parquet;

use crate::harness::{
    self, ACCEPTED, Maker, OUTCOME, PANICKED, REFUSED, Reader, Report, SplitMix, Verdict, campaign,
};
use crate::mutate::{self, Flavor};
use crate::{TIME_LIMIT, inputs, scaled};

/// The magic at the start, and the footer length and magic at the end.
const HEAD: usize = 4;
const TAIL: usize = 8;
const SEED: u64 = 0x9A4;
const NAME: &str = "parquet";
const TEST: &str = "parquet::damaged_parquet_files_never_hang_or_abort_and_the_panics_are_counted";
/// Set in a child process: the first input it reads.
const FROM: &str = "JUKEBOX_FUZZ_PARQUET_FROM";
/// What a child that finished prints last, before its slowest read in milliseconds.
const SLOWEST: &str = "fuzz parquet: slowest read (ms) ";

fn maker() -> Arc<Maker> {
    let files = inputs::parquet_files();
    Arc::new(move |rng: &mut SplitMix| {
        let mut recipe = Vec::new();
        let (name, bytes) = &files[rng.below(files.len())];
        recipe.push(name.clone());
        let donors: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
        let damaged = if rng.one_in(4) {
            mutate::bytes(rng, bytes, &donors, Flavor::Binary, &mut recipe)
        } else {
            // Damage inside the framing, which the core's own checks would otherwise catch.
            recipe.push("(between the magic and the footer length)".into());
            let body = &bytes[HEAD..bytes.len() - TAIL];
            let mut damaged = bytes[..HEAD].to_vec();
            damaged.extend(mutate::bytes(
                rng,
                body,
                &donors,
                Flavor::Binary,
                &mut recipe,
            ));
            damaged.extend_from_slice(&bytes[bytes.len() - TAIL..]);
            damaged
        };
        (damaged, recipe.join("; "))
    })
}

fn reader() -> Arc<Reader> {
    Arc::new(|bytes: &[u8]| match read_parquet("fuzz.parquet", bytes) {
        Ok(df) => {
            let _ = df.shape();
            Verdict::Accepted
        }
        Err(error) => Verdict::Refused(error.to_string()),
    })
}

#[test]
fn damaged_parquet_files_never_hang_or_abort_and_the_panics_are_counted() {
    let n = scaled(5_000);
    if let Some(from) = std::env::var(FROM).ok().and_then(|v| v.parse().ok()) {
        // A child: read from `from` on; the parent reads the traced outcomes.
        let report = campaign(NAME, SEED, from..n, TIME_LIMIT, maker(), reader());
        eprintln!("{SLOWEST}{}", report.slowest_ms);
        return;
    }
    for (name, bytes) in &inputs::parquet_files() {
        // The LZO and unknown-codec fixtures are refused by design; the others read.
        let read = read_parquet(name, bytes);
        assert!(
            read.is_ok() || name.contains("lzo") || name.contains("unknown"),
            "{name}: {read:?}"
        );
    }
    let (report, aborts) = in_children(n);
    report.print();
    for abort in &aborts {
        eprintln!("  aborted: {abort}");
    }
    eprintln!(
        "fuzz parquet: of {n} damaged copies, {} panicked, {} aborted the process, {} were refused ({} with a debug dump of polars' error in the message), {} read",
        report.panics,
        aborts.len(),
        report.refused,
        report.mute_refusals,
        report.accepted
    );
    assert_eq!(report.tried + aborts.len(), n);
}

/// Runs inputs `0..n` in child processes, one after another: a child that aborts is
/// followed by one starting after the input it was reading. The outcomes, and the aborts.
#[allow(clippy::disallowed_methods)] // native timing of a test, never built for wasm32
fn in_children(n: usize) -> (Report, Vec<String>) {
    let started = std::time::Instant::now();
    let mut report = Report {
        name: NAME.into(),
        ..Report::default()
    };
    let mut aborts = Vec::new();
    let mut from = 0;
    while from < n {
        let exe = std::env::current_exe().expect("the test binary's path");
        let output = Command::new(exe)
            .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(FROM, from.to_string())
            .env(harness::TRACE, "1")
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("the test binary runs again");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let unfinished = tally(&stderr, &mut report);
        if output.status.success() {
            break;
        }
        assert!(
            !stderr.contains("not finished after"),
            "a damaged Parquet file hangs the reader:\n{stderr}"
        );
        let Some((index, started)) = unfinished else {
            panic!("the child process failed without an abort:\n{stderr}");
        };
        let cause = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty() && !l.starts_with("fuzz ") && !l.starts_with("note:"))
            .unwrap_or("no message");
        aborts.push(format!("{started} — {cause}"));
        from = index + 1;
    }
    report.elapsed_s = started.elapsed().as_secs_f64();
    (report, aborts)
}

/// Adds a child's traced outcomes to `report`; the input it started and did not finish, if
/// any (its index and its trace line).
fn tally(stderr: &str, report: &mut Report) -> Option<(usize, String)> {
    let prefix = format!("fuzz {NAME}: input ");
    let mut unfinished = None;
    for line in stderr.lines() {
        if let Some(ms) = line.strip_prefix(SLOWEST).and_then(|ms| ms.parse().ok()) {
            report.slowest_ms = report.slowest_ms.max(ms);
        }
        let Some(rest) = line.strip_prefix(&prefix) else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(index) = digits.parse::<usize>() else {
            continue;
        };
        let Some((_, outcome)) = rest.split_once(OUTCOME) else {
            unfinished = Some((index, line.to_string()));
            continue;
        };
        unfinished = None;
        if outcome == ACCEPTED {
            report.count_accepted();
        } else if let Some(message) = outcome.strip_prefix(REFUSED) {
            let problem = harness::not_words(message);
            // polars' error text is part of the message: some is a debug dump of a
            // flatbuffer error inside otherwise plain words. Counted; anything else fails.
            assert!(
                problem.is_none_or(|p| p.contains("debug dump")),
                "input {index} refused without words: {message:?}"
            );
            report.count_refused(message, problem.is_some());
        } else if let Some(panic) = outcome.strip_prefix(PANICKED) {
            let (site, message) = panic.split_once(": ").unwrap_or((panic, ""));
            report.count_panic(site, message);
        }
    }
    unfinished
}
