//! A run's values as people read them: start time in a given zone, duration, epochs or
//! trees, short hashes, sizes. Shown by the Runs page and its comparison; the CLI prints the
//! same words.

use super::RunRecord;
use crate::calendar::iso_date;
use crate::train::ModelSpec;

const MS_PER_DAY: f64 = 86_400_000.0;

/// `YYYY-MM-DD HH:MM` of `ms` since 1970 (UTC) in a zone `offset_minutes` ahead of UTC
/// (CET: 60). Not a finite time: `—`.
pub fn date_time(ms: f64, offset_minutes: f64) -> String {
    if !ms.is_finite() || !offset_minutes.is_finite() {
        return "—".to_string();
    }
    let local = ms + offset_minutes * 60_000.0;
    let days = (local / MS_PER_DAY).floor();
    let minute_of_day = ((local - days * MS_PER_DAY) / 60_000.0).floor();
    // Any date a browser can show is within ±275,000 years of 1970: far inside i32 days;
    // a minute of the day is 0..1440.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (days, minute_of_day) = (
        days.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32,
        minute_of_day as u32,
    );
    format!(
        "{} {:02}:{:02}",
        iso_date(days),
        minute_of_day / 60,
        minute_of_day % 60
    )
}

/// `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`.
pub fn duration(ms: f64) -> String {
    if !ms.is_finite() || ms < 0.0 {
        return "—".to_string();
    }
    if ms < 1_000.0 {
        return format!("{ms:.0} ms");
    }
    let seconds = ms / 1_000.0;
    if seconds < 60.0 {
        return format!("{seconds:.1} s");
    }
    // Non-negative and finite (checked above); whole seconds fit in u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = seconds.round() as u64;
    if whole < 3_600 {
        format!("{} min {:02} s", whole / 60, whole % 60)
    } else {
        format!("{} h {:02} min", whole / 3_600, (whole % 3_600) / 60)
    }
}

/// How far the model got: `2 epochs`, `1 of 3 epochs` (cancelled), `50 trees`, `1 tree`;
/// `—` for models fitted in one go.
pub fn epochs_or_trees(run: &RunRecord) -> String {
    match &run.report.spec.model {
        ModelSpec::Network(params) => {
            let done = run.report.history.len();
            if done < params.epochs {
                format!("{done} of {} epochs", params.epochs)
            } else if done == 1 {
                "1 epoch".to_string()
            } else {
                format!("{done} epochs")
            }
        }
        ModelSpec::RandomForest(params) => format!("{} trees", params.n_trees),
        ModelSpec::DecisionTree(_) => "1 tree".to_string(),
        // Early stopping may end it sooner; the run keeps the limit, not the count.
        ModelSpec::HistGradientBoosting(params) if params.early_stopping => {
            format!("≤ {} iterations", params.max_iter)
        }
        ModelSpec::HistGradientBoosting(params) => format!("{} iterations", params.max_iter),
        _ => "—".to_string(),
    }
}

/// The first 12 hex digits of a SHA-256: enough to tell runs' data apart at a glance.
pub fn short_sha(sha256: &str) -> String {
    sha256.chars().take(12).collect()
}

/// `812 B`, `45.3 kB`, `1.2 MB` (powers of 1000, as browsers report storage).
pub fn bytes(n: u64) -> String {
    // Sizes shown to one decimal; f64 is exact far past any model's size.
    #[allow(clippy::cast_precision_loss)]
    let n_f = n as f64;
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} kB", n_f / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", n_f / 1e6),
        _ => format!("{:.1} GB", n_f / 1e9),
    }
}
