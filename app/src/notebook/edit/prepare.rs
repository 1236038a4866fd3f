//! Editor of a Prepare cell: input dataset, a list of steps, the output name. The course's
//! merge is one click ("Course merge").

use jukebox_core::notebook::CellSpec;
use jukebox_core::prepare::PrepareStep;
use leptos::prelude::*;

use super::edit;
use super::step::{StepEditor, condition_kind, default_step};
use crate::notebook::fields::{ColumnList, DatasetField, TextField};
use crate::notebook::state::{CellEntry, NotebookState};

/// Changes the steps of a Prepare cell.
pub(super) fn set_steps(entry: CellEntry, change: impl FnOnce(&mut Vec<PrepareStep>)) {
    edit(entry, |spec| {
        if let CellSpec::Prepare { steps, .. } = spec {
            change(steps);
        }
    });
}

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
    let state = expect_context::<NotebookState>();
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
    let course_merge = move |_| {
        // The properties: the newest dataset above named like them.
        let properties = state
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
    };
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
                    shape.track();
                    steps().into_iter().enumerate().map(|(index, step)| view! {
                        <li class="step"><StepEditor entry=entry index=index step=step/></li>
                    }).collect_view()
                }}
            </ol>
            <div class="editor-row">
                <button type="button" class="button" data-testid="course-merge" on:click=course_merge>
                    "Course merge (rankings ⋈ properties, drop nulls)"
                </button>
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
            </div>
        </div>
    }
}
