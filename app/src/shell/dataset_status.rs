//! The header's badge: what the engine holds right now.

use leptos::prelude::*;

use std::collections::BTreeMap;

use crate::engine_client::{EngineClient, EngineStatus};
use crate::notebook::state::NotebookState;

/// `1234567` → `1,234,567`.
pub fn format_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A one-line status of the engine and the datasets it holds, with a state for styling
/// and tests.
#[component]
pub fn DatasetStatus() -> impl IntoView {
    let engine = expect_context::<EngineClient>();
    let notebook = expect_context::<NotebookState>();
    let state = move || match engine.status.get() {
        EngineStatus::Starting => "loading",
        EngineStatus::Ready if notebook.datasets.with(BTreeMap::is_empty) => "loading",
        EngineStatus::Ready => "ready",
        EngineStatus::Failed { .. } => "failed",
    };
    let text = move || match engine.status.get() {
        EngineStatus::Starting => "Starting the engine…".to_string(),
        EngineStatus::Ready => notebook.datasets.with(|d| {
            if d.is_empty() {
                "Loading data…".to_string()
            } else {
                let rows: usize = d.values().map(|t| t.n_rows).sum();
                format!("{} datasets · {} rows", d.len(), format_count(rows))
            }
        }),
        EngineStatus::Failed { .. } => "Engine failed — see the notebook".to_string(),
    };
    view! {
        <p class="dataset-status" data-state=state data-testid="dataset-status" role="status">
            <span class="dataset-status-dot" aria-hidden="true"></span>
            <span class="dataset-status-text">{text}</span>
        </p>
    }
}
