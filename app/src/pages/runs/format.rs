//! A run's values as the Runs page prints them: local start time (the browser's zone), a
//! share or `—`, a run's label; the rest is the core's words (`jukebox_core::runs::format`).

use jukebox_core::runs::RunRecord;
pub use jukebox_core::runs::format::{bytes, date_time, duration, epochs_or_trees, short_sha};
pub use jukebox_core::runs::{macro_f1, test_accuracy};

/// The browser's offset from UTC at `ms`, in minutes ahead (CET: 60; it changes with DST).
pub fn local_offset_minutes(ms: f64) -> f64 {
    -js_sys::Date::new(&ms.into()).get_timezone_offset()
}

/// A start time in the browser's zone.
pub fn local_date_time(ms: f64) -> String {
    date_time(ms, local_offset_minutes(ms))
}

/// A share with one decimal, or `—` when the run has none.
pub fn maybe_percent(share: Option<f64>) -> String {
    share.map_or_else(
        || "—".to_string(),
        crate::notebook::widgets::percent::percent,
    )
}

/// How a run is named in legends and dialogs: its model name and local start time.
pub fn run_label(run: &RunRecord) -> String {
    format!("{} · {}", run.model_name, local_date_time(run.started_ms))
}
