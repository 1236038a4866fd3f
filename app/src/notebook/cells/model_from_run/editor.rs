//! The "Model from run" cell's editor: which saved run, and the model name it is kept as
//! (Evaluate and Predict cells below pick it like a trained model).

use jukebox_core::notebook::CellSpec;
use jukebox_core::runs::{RunRecord, RunStatus};
use leptos::prelude::*;

use crate::browser::clock::local_time;
use crate::notebook::cell_entry::CellEntry;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::TextField;
use crate::storage::StorageSlot;

#[component]
pub fn LoadRunEditor(entry: CellEntry) -> impl IntoView {
    let slot = expect_context::<StorageSlot>();
    let (run, output) = (
        Signal::derive(move || match entry.spec.get() {
            CellSpec::LoadRun { run, .. } => run,
            _ => String::new(),
        }),
        Signal::derive(move || match entry.spec.get() {
            CellSpec::LoadRun { output, .. } => output,
            _ => String::new(),
        }),
    );
    let runs = LocalResource::new(move || {
        slot.track();
        let storage = slot.get();
        async move {
            match storage {
                Some(storage) => storage.runs().await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let options = move || {
        let current = run.get();
        let mut list: Vec<(String, String)> = runs
            .get()
            .unwrap_or_default()
            .iter()
            .map(|r| (r.id.clone(), run_label(r)))
            .collect();
        if !current.is_empty() && !list.iter().any(|(id, _)| *id == current) {
            list.push((current.clone(), format!("{current} (not in this browser)")));
        }
        list.into_iter()
            .map(|(id, label)| {
                let selected = id == current;
                view! { <option value=id selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="cell-editor">
            <label class="field field-wide">
                <span class="field-label">"Run"</span>
                <select data-testid="load-run-run"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        edit(entry, |spec| if let CellSpec::LoadRun { run, .. } = spec { *run = id; });
                    }>
                    <option value="" disabled selected=move || run.get().is_empty()>"Choose a saved run…"</option>
                    {options}
                </select>
            </label>
            <TextField label="Model name" testid="load-run-output" value=output
                on_change=Callback::new(move |name: String| edit(entry, |spec| {
                    if let CellSpec::LoadRun { output, .. } = spec { *output = name; }
                }))/>
        </div>
    }
}

/// "`course_network` · network · test 0.142 · 27/11/2026, 21:30".
pub fn run_label(run: &RunRecord) -> String {
    let accuracy = format!("test {:.3}", run.report.test_accuracy);
    let cancelled = if run.status == RunStatus::Cancelled {
        " · cancelled"
    } else {
        ""
    };
    format!(
        "{} · {} · {accuracy}{cancelled} · {}",
        run.model_name,
        run.report.spec.model.label(),
        local_time(run.started_ms)
    )
}
