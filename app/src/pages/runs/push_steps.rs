//! What a push shows: its steps with their states (pending, running, done with what it found
//! or made, skipped, failed with the server's message), and where a run was registered.

use jukebox_core::registry::{PushProgress, Registration, StepKind, StepStatus};
use leptos::prelude::*;

use super::format::local_date_time;
use crate::shell::{Icon, IconKind};

/// `StepKind` as serde writes it (`log_batch`), for `data-step`.
pub fn step_slug(kind: StepKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `pending`, `running`, `done`, `skipped` or `failed`.
pub fn state_slug(status: &StepStatus) -> &'static str {
    match status {
        StepStatus::Pending => "pending",
        StepStatus::Running => "running",
        StepStatus::Done { .. } => "done",
        StepStatus::Skipped => "skipped",
        StepStatus::Failed { .. } => "failed",
    }
}

/// The steps of `progress`, in order.
#[component]
pub fn PushSteps(#[prop(into)] progress: Signal<Option<PushProgress>>) -> impl IntoView {
    move || {
        progress.get().map(|progress| {
            let steps = progress
                .steps
                .into_iter()
                .map(|step| {
                    let state = state_slug(&step.status);
                    let detail = match step.status {
                        StepStatus::Pending => "waiting".to_owned(),
                        StepStatus::Running => "running…".to_owned(),
                        StepStatus::Done { detail } => detail,
                        StepStatus::Skipped => "not needed".to_owned(),
                        StepStatus::Failed { message } => message,
                    };
                    view! {
                        <li class=format!("push-step push-step-{state}") data-testid="push-step"
                            data-step=step_slug(step.kind) data-state=state>
                            <span class="push-step-mark" aria-hidden="true"><Icon kind=mark(state)/></span>
                            <span class="push-step-label">{step.kind.label()}</span>
                            <span class="push-step-detail">{detail}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ol class="push-steps" data-testid="push-steps"
                    aria-label=format!("Push to {}", progress.base_url)>{steps}</ol>
            }
        })
    }
}

fn mark(state: &str) -> IconKind {
    match state {
        "done" => IconKind::Check,
        "running" => IconKind::Ellipsis,
        "skipped" => IconKind::Minus,
        "failed" => IconKind::Close,
        _ => IconKind::Circle,
    }
}

/// Where the run was registered, newest first.
#[component]
pub fn Registrations(#[prop(into)] registrations: Signal<Vec<Registration>>) -> impl IntoView {
    let items = move || {
        registrations
            .get()
            .into_iter()
            .rev()
            .map(|r| {
                view! {
                    <li class="run-registration" data-testid="run-registration">
                        <span class="chip">{r.kind.label()}</span>
                        <code>{r.model_name.clone()}</code>
                        <span>{format!("version {}", r.version)}</span>
                        <a href=r.url.clone() target="_blank" rel="noopener noreferrer">"Open in the registry"</a>
                        <span class="muted">{local_date_time(r.registered_ms)}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul class="run-registrations" data-testid="run-registrations">{items}</ul>
        {move || registrations.with(Vec::is_empty).then(|| view! {
            <p class="muted">"Not registered yet."</p>
        })}
    }
}
