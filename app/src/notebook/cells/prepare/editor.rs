//! Editor of a Prepare cell: input dataset, a list of steps, the output name. The course's
//! merge is one click ("Course merge").

use jukebox_core::notebook::CellSpec;
use jukebox_core::prepare::PrepareStep;
use leptos::prelude::*;

use super::step::{StepEditor, condition_kind, default_step, set_steps};
use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::{ColumnList, DatasetField, TextField};

const STEP_KINDS: [(&str, &str); 10] = [
    ("join", "Join"),
    ("course_merge", "Course merge"),
    ("drop_nulls", "Drop nulls"),
    ("select", "Select columns"),
    ("drop", "Drop columns"),
    ("rename", "Rename"),
    ("filter", "Filter rows"),
    ("label_encode", "Label-encode"),
    ("head", "Head"),
    ("sample", "Sample"),
];

#[component]
pub fn PrepareEditor(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let field = move |get: fn(&CellSpec) -> Option<String>| {
        Signal::derive(move || entry.spec.with(get).unwrap_or_default())
    };
    let input = field(|s| match s {
        CellSpec::Prepare { input, .. } => Some(input.clone()),
        _ => None,
    });
    let output = field(|s| match s {
        CellSpec::Prepare { output, .. } => Some(output.clone()),
        _ => None,
    });
    let steps = move || match entry.spec.get_untracked() {
        CellSpec::Prepare { steps, .. } => steps,
        _ => Vec::new(),
    };
    let shape = Memo::new(move |_| {
        entry.spec.with(|spec| match spec {
            CellSpec::Prepare { steps, .. } => steps
                .iter()
                .map(|s| match s {
                    // A filter's operator decides which fields it shows.
                    PrepareStep::Filter { condition, .. } => condition_kind(condition).to_string(),
                    other => other.op_name().to_string(),
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    view! {
        <div class="cell-editor cell-editor-prepare">
            <div class="editor-row">
                <DatasetField label="Dataset" cell_id=entry.id value=input testid="prepare-input"
                    on_change=Callback::new(move |name: String| edit(entry, |spec| {
                        if let CellSpec::Prepare { input, .. } = spec { *input = name; }
                    }))/>
                <TextField label="Save as" value=output testid="prepare-output"
                    on_change=Callback::new(move |name: String| edit(entry, |spec| {
                        if let CellSpec::Prepare { output, .. } = spec { *output = name; }
                    }))/>
                <ColumnList cell_id=entry.id dataset=input/>
            </div>
            <ol class="step-list" data-testid="step-list">
                {move || {
                    // Rebuilt when steps are added, removed or change kind, not on each edit.
                    // Read, not `track()`ed: tracking a memo nobody reads never computes it,
                    // so it never subscribed to the settings and new steps never showed.
                    shape.with(|_| ());
                    steps().into_iter().enumerate().map(|(index, step)| view! {
                        <li class="step"><StepEditor entry=entry index=index step=step/></li>
                    }).collect_view()
                }}
            </ol>
            <div class="editor-row">
                <button type="button" class="button" data-testid="course-merge" on:click=move |_| course_merge(document, entry)>
                    "Course merge (rankings ⋈ properties, drop nulls)"
                </button>
                <AddStep entry=entry/>
            </div>
        </div>
    }
}

/// The course's merge: rankings joined with the newest dataset above named like the
/// properties, then rows with nulls dropped.
fn course_merge(document: Document, entry: CellEntry) {
    let properties = document
        .names_before(entry.id)
        .into_iter()
        .rev()
        .find(|n| n.contains("propert"))
        .unwrap_or_else(|| "song_properties".into());
    set_steps(entry, |steps| {
        steps.push(PrepareStep::CourseMerge { properties });
        steps.push(PrepareStep::DropNulls {
            columns: Vec::new(),
        });
    });
}

/// "Add step": a new step of the kind chosen, with its default settings.
#[component]
fn AddStep(entry: CellEntry) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">"Add step"</span>
            <select data-testid="add-step" on:change=move |ev| {
                let kind = event_target_value(&ev);
                if let Some(step) = default_step(&kind) {
                    set_steps(entry, |steps| steps.push(step));
                }
            }>
                <option value="" selected=true>"—"</option>
                {STEP_KINDS.iter().map(|(v, t)| view! { <option value=*v>{*t}</option> }).collect_view()}
            </select>
        </label>
    }
}
