//! The Drift cell's editor: reference, current rows, features, the test that alerts, α.

use jukebox_core::monitor::drift::DriftTest;
use jukebox_core::monitor::drift_cell::{DriftReference, DriftSpec};
use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::{
    CheckField, DatasetField, DecimalField, SelectField, TextField, split_list,
};

/// The reference as the select names it: `model:NAME` or `data:NAME`.
fn reference_key(reference: &DriftReference) -> String {
    match reference {
        DriftReference::Training { model } => format!("model:{model}"),
        DriftReference::Dataset { name } => format!("data:{name}"),
    }
}

fn reference_of(key: &str) -> Option<DriftReference> {
    if let Some(model) = key.strip_prefix("model:") {
        return Some(DriftReference::Training {
            model: model.into(),
        });
    }
    key.strip_prefix("data:")
        .map(|name| DriftReference::Dataset { name: name.into() })
}

/// Changes the Drift settings of `entry`.
fn edit_drift(entry: CellEntry, change: impl FnOnce(&mut DriftSpec) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Drift(drift) = spec {
            change(drift);
        }
    });
}

/// A part of the Drift settings, as a signal.
fn part<T: Clone + Default + Send + Sync + 'static>(
    entry: CellEntry,
    pick: fn(&DriftSpec) -> T,
) -> Signal<T> {
    Signal::derive(move || {
        entry.spec.with(|spec| match spec {
            CellSpec::Drift(drift) => pick(drift),
            _ => T::default(),
        })
    })
}

const TESTS: [(&str, &str); 5] = [
    ("meanshift", "MeanShift (TrustyAI): p ≤ α"),
    ("welch", "Welch's t-test: p ≤ α"),
    ("ks", "Kolmogorov–Smirnov: p ≤ α"),
    ("psi", "PSI over the reference's deciles: ≥ 0.2"),
    ("evidently", "Evidently's default rule: ≥ 0.1 / p < 0.05"),
];

#[component]
pub fn DriftEditor(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let reference = part(entry, |d| reference_key(&d.reference));
    let current = part(entry, |d| d.current.clone());
    let features = part(entry, |d| d.features.join(", "));
    let test = part(entry, |d| d.test.word().to_string());
    let alpha = part(entry, |d| d.alpha);
    let scaled = part(entry, |d| d.current_scaled);
    // Models trained above (their training rows) and datasets above, and the current choice.
    // The names above include models as `model:NAME` (no dataset name has a `:`).
    let references = move || {
        let datasets = document
            .names_before(entry.id)
            .into_iter()
            .filter(|n| !n.contains(':'));
        let mut keys: Vec<(String, String)> = document
            .models_before(entry.id)
            .into_iter()
            .map(|m| (format!("model:{m}"), format!("training rows of model {m}")))
            .chain(datasets.map(|n| (format!("data:{n}"), format!("dataset {n}"))))
            .collect();
        let chosen = reference.get();
        if !keys.iter().any(|(k, _)| *k == chosen) {
            keys.push((chosen.clone(), chosen.replacen(':', " ", 1)));
        }
        keys
    };
    view! {
        <div class="cell-editor drift-editor">
            <label class="field">
                <span class="field-label">"Reference"</span>
                <select data-testid="drift-reference" on:change=move |ev| {
                    if let Some(r) = reference_of(&event_target_value(&ev)) {
                        edit_drift(entry, move |d| d.reference = r);
                    }
                }>
                    {move || references().into_iter().map(|(key, text)| {
                        let selected = key == reference.get();
                        view! { <option value=key selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </label>
            <DatasetField label="Current rows" cell_id=entry.id value=current testid="drift-current"
                on_change=Callback::new(move |name: String| edit_drift(entry, move |d| d.current = name))/>
            <CheckField label="Current rows are the model's scaled inputs (a request log)" value=scaled testid="drift-scaled"
                on_change=Callback::new(move |on: bool| edit_drift(entry, move |d| d.current_scaled = on))/>
            <TextField label="Features" value=features testid="drift-features"
                placeholder="the model's (else the course's 13)"
                on_change=Callback::new(move |text: String| edit_drift(entry, move |d| d.features = split_list(&text)))/>
            <SelectField label="Alert on" testid="drift-test" value=test options=TESTS.to_vec()
                on_change=Callback::new(move |word: String| {
                    if let Ok(t) = DriftTest::from_word(&word) {
                        edit_drift(entry, move |d| d.test = t);
                    }
                })/>
            <DecimalField label="α (significance)" value=alpha testid="drift-alpha" step="0.01"
                on_change=Callback::new(move |a: f64| {
                    if a > 0.0 && a < 1.0 {
                        edit_drift(entry, move |d| d.alpha = a);
                    }
                })/>
        </div>
    }
}
