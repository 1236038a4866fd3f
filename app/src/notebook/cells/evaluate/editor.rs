//! The Evaluate cell's editor: which model, which part of its split.

use jukebox_core::notebook::CellSpec;
use jukebox_core::train::EvalSplit;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::SelectField;

fn split_slug(split: EvalSplit) -> &'static str {
    match split {
        EvalSplit::Test => "test",
        EvalSplit::Validation => "validation",
        EvalSplit::Train => "train",
    }
}

#[component]
pub fn EvaluateEditor(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let (model, split) = (
        Signal::derive(move || match entry.spec.get() {
            CellSpec::Evaluate { model, .. } => model,
            _ => String::new(),
        }),
        Signal::derive(move || match entry.spec.get() {
            CellSpec::Evaluate { on, .. } => split_slug(on).to_string(),
            _ => String::new(),
        }),
    );
    // The models trained above, and the current one even if it is not (yet) there.
    let models = move || {
        let mut models = document.models_before(entry.id);
        let current = model.get();
        if !current.is_empty() && !models.contains(&current) {
            models.push(current.clone());
        }
        models
            .into_iter()
            .map(|m| (m.clone(), m == current))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="cell-editor">
            <label class="field">
                <span class="field-label">"Model"</span>
                <select data-testid="evaluate-model"
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        edit(entry, |spec| if let CellSpec::Evaluate { model, .. } = spec { *model = name; });
                    }>
                    {move || models().into_iter().map(|(name, selected)| view! {
                        <option value=name.clone() selected=selected>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <SelectField label="Scored on" testid="evaluate-split" value=split
                options=vec![("test", "test part"), ("validation", "validation part"), ("train", "training part")]
                on_change=Callback::new(move |slug: String| edit(entry, move |spec| {
                    if let CellSpec::Evaluate { on, .. } = spec {
                        *on = match slug.as_str() {
                            "validation" => EvalSplit::Validation,
                            "train" => EvalSplit::Train,
                            _ => EvalSplit::Test,
                        };
                    }
                }))/>
        </div>
    }
}
