//! One cell: toolbar (kind, status, run, cancel, move, delete), editor, output.

use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use super::edit::CellEditor;
use super::output_view::CellOutputView;
use super::state::{CellEntry, CellStatus, NotebookState};
use crate::engine_client::Progress;
use crate::shell::format_count;

#[component]
pub fn CellView(entry: CellEntry, #[prop(into)] number: Signal<usize>) -> impl IntoView {
    let state = expect_context::<NotebookState>();
    let kind = move || entry.spec.with(CellSpec::kind);
    let running = move || {
        matches!(
            entry.status.get(),
            CellStatus::Running(_) | CellStatus::Queued
        )
    };
    view! {
        <article class="cell" data-testid="cell" data-kind=move || kind().to_lowercase().replace(' ', "-")
            data-state=move || entry.status.with(CellStatus::slug) data-cell-id=entry.id>
            <header class="cell-toolbar">
                <span class="cell-number" aria-hidden="true">{move || format!("[{}]", number.get())}</span>
                <h2 class="cell-kind">{kind}</h2>
                <CellStatusBadge status=entry.status/>
                <div class="cell-actions">
                    <button type="button" class="button button-quiet" data-testid="cell-run"
                        on:click=move |_| state.run(entry.id) title="Run this cell and the cells that use it">"▶ Run"</button>
                    <Show when=running>
                        <button type="button" class="button button-quiet" data-testid="cell-cancel"
                            on:click=move |_| state.cancel(entry.id)>"■ Cancel"</button>
                    </Show>
                    <button type="button" class="button button-quiet" aria-label="Move up"
                        on:click=move |_| state.move_cell(entry.id, -1)>"↑"</button>
                    <button type="button" class="button button-quiet" aria-label="Move down"
                        on:click=move |_| state.move_cell(entry.id, 1)>"↓"</button>
                    <button type="button" class="button button-quiet" aria-label="Delete cell" data-testid="cell-delete"
                        on:click=move |_| state.remove_cell(entry.id)>"✕"</button>
                </div>
            </header>
            <CellEditor entry=entry/>
            <CellProblem status=entry.status/>
            <CellOutputView entry=entry/>
        </article>
    }
}

/// `Done · 0.42 s`, a spinner with progress while running, or what went wrong.
#[component]
fn CellStatusBadge(status: RwSignal<CellStatus>) -> impl IntoView {
    let text = move || match status.get() {
        CellStatus::Idle => "Not run".to_string(),
        CellStatus::Queued => "Waiting…".to_string(),
        CellStatus::Running(None) => "Running…".to_string(),
        CellStatus::Running(Some(progress)) => progress_text(&progress),
        CellStatus::Done { wall_ms, .. } => format!("Done · {}", seconds(wall_ms)),
        CellStatus::Failed { .. } => "Failed".to_string(),
        CellStatus::Cancelled => "Cancelled".to_string(),
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
fn CellProblem(status: RwSignal<CellStatus>) -> impl IntoView {
    move || match status.get() {
        CellStatus::Failed { message } => Some(view! {
            <div class="cell-error" role="alert" data-testid="cell-error">{message}</div>
        }),
        _ => None,
    }
}
