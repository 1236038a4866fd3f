//! A cell's status in its toolbar — `Done · 0.42 s`, a spinner with progress while running —
//! and, below the editor, what went wrong.

use leptos::prelude::*;

use crate::engine_client::Progress;
use crate::notebook::cell_entry::CellStatus;
use crate::shell::format_count;

/// `Done · 0.42 s`, a spinner with progress while running, or what went wrong.
#[component]
pub(super) fn CellStatusBadge(status: RwSignal<CellStatus>) -> impl IntoView {
    let text = move || match status.get() {
        CellStatus::Idle => "Not run".to_string(),
        CellStatus::Queued => "Waiting…".to_string(),
        CellStatus::Running(None) => "Running…".to_string(),
        CellStatus::Running(Some(progress)) => progress_text(&progress),
        CellStatus::Done { wall_ms, .. } => format!("Done · {}", seconds(wall_ms)),
        CellStatus::Failed { .. } => "Failed".to_string(),
        CellStatus::Cancelled => "Cancelled".to_string(),
        CellStatus::Stale => "Stale: an input changed".to_string(),
        CellStatus::AwaitingConsent { hosts } => {
            format!("Waits for you: it contacts {}", hosts.join(", "))
        }
    };
    let fraction = move || match status.get() {
        CellStatus::Running(Some(Progress {
            done_bytes,
            total_bytes: Some(total),
            ..
        })) if total > 0 => Some(done_bytes as f64 / total as f64),
        _ => None,
    };
    let timing = move |engine: bool| match status.get() {
        CellStatus::Done {
            elapsed_ms,
            wall_ms,
        } => Some(format!("{:.1}", if engine { elapsed_ms } else { wall_ms })),
        _ => None,
    };
    view! {
        <span class="cell-status" data-testid="cell-status" role="status"
            data-elapsed-ms=move || timing(true) data-wall-ms=move || timing(false)>
            {text}
            {move || fraction().map(|f| view! {
                <progress class="cell-progress" data-testid="cell-progress" max="1" value=f.to_string()></progress>
            })}
        </span>
    }
}

fn seconds(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn progress_text(progress: &Progress) -> String {
    let stage = &progress.stage;
    if let Some(training) = &progress.training {
        if training.unit == jukebox_core::train::SCORING_UNIT {
            return format!("{stage}…");
        }
        let count = |n: u64| format_count(usize::try_from(n).unwrap_or(usize::MAX));
        return format!(
            "{stage} · {} {} of {}",
            training.unit,
            count(training.done),
            count(training.total)
        );
    }
    match (progress.done_bytes, progress.total_bytes) {
        (0, None) => format!("{stage}…"),
        (done, Some(total)) if stage == jukebox_core::explain::explain_cell::EXPLAIN_STAGE => {
            #[allow(clippy::cast_precision_loss)] // a share for display
            let share = done.min(total) as f64 / total.max(1) as f64;
            format!("{stage} · {:.0} %", share * 100.0)
        }
        (done, Some(total)) if stage == "parsing" => {
            format!("parsing {}…", megabytes(done.min(total)))
        }
        (done, Some(total)) => format!("{stage} {} of {}", megabytes(done), megabytes(total)),
        (done, None) => format!(
            "{stage} {} ({} bytes)",
            megabytes(done),
            format_count(usize::try_from(done).unwrap_or(usize::MAX))
        ),
    }
}

/// The error of a failed cell, in words, where the user acted.
#[component]
pub(super) fn CellProblem(status: RwSignal<CellStatus>) -> impl IntoView {
    move || match status.get() {
        CellStatus::Failed { message } => Some(view! {
            <div class="cell-error" role="alert" data-testid="cell-error">{message}</div>
        }),
        _ => None,
    }
}
