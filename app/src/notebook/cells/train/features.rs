//! Which columns the model reads (checkboxes over the input's numeric and boolean columns,
//! the course's 13 first) and which it predicts.

use jukebox_core::course::FEATURES;
use jukebox_core::summary::TableSummary;
use jukebox_core::train::TrainSpec;
use leptos::prelude::*;

use super::settings::set_train;
use crate::notebook::cell_entry::CellEntry;

/// Whether a column of polars dtype `dtype` (as a summary prints it) can be a feature.
pub fn is_numeric_dtype(dtype: &str) -> bool {
    dtype == "bool"
        || ["i", "u", "f"].iter().any(|prefix| {
            dtype
                .strip_prefix(prefix)
                .is_some_and(|bits| !bits.is_empty() && bits.chars().all(|c| c.is_ascii_digit()))
        })
}

/// One checkbox: column name, checked, and whether the table lacks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureOption {
    pub name: String,
    pub checked: bool,
    pub missing: bool,
}

/// The checkboxes: the table's numeric columns but the target (all of them when the table
/// is not loaded yet: then just the chosen ones), then chosen features the table lacks.
pub fn feature_options(table: Option<&TableSummary>, spec: &TrainSpec) -> Vec<FeatureOption> {
    let chosen = |name: &str| spec.features.iter().any(|f| f == name);
    let Some(table) = table else {
        return spec
            .features
            .iter()
            .map(|name| FeatureOption {
                name: name.clone(),
                checked: true,
                missing: false,
            })
            .collect();
    };
    let mut options: Vec<FeatureOption> = table
        .columns
        .iter()
        .filter(|(name, dtype)| *name != spec.target && is_numeric_dtype(dtype))
        .map(|(name, _)| FeatureOption {
            name: name.clone(),
            checked: chosen(name),
            missing: false,
        })
        .collect();
    for name in &spec.features {
        if !table.columns.iter().any(|(n, _)| n == name) {
            options.push(FeatureOption {
                name: name.clone(),
                checked: true,
                missing: true,
            });
        }
    }
    options
}

#[component]
pub fn FeaturePicker(
    entry: CellEntry,
    #[prop(into)] table: Signal<Option<TableSummary>>,
    #[prop(into)] spec: Signal<TrainSpec>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<&'static str>);
    let options = move || spec.with(|spec| table.with(|t| feature_options(t.as_ref(), spec)));
    let toggle = move |ev: leptos::ev::Event, name: String| {
        let on = event_target_checked(&ev);
        let n_chosen = spec.with_untracked(|s| s.features.len());
        if !on && n_chosen <= 1 {
            // The last feature stays: a model needs at least one column to read.
            let target: web_sys::HtmlInputElement = event_target(&ev);
            target.set_checked(true);
            problem.set(Some("A model needs at least one feature."));
            return;
        }
        problem.set(None);
        set_train(entry, move |s| {
            s.features.retain(|f| *f != name);
            if on {
                s.features.push(name);
            }
        });
    };
    view! {
        <fieldset class="train-features" data-testid="train-features">
            <legend>
                {move || format!("Features ({} chosen)", spec.with(|s| s.features.len()))}
                <button type="button" class="button button-quiet" data-testid="train-course-features"
                    on:click=move |_| set_train(entry, |s| s.features = FEATURES.iter().map(|f| (*f).to_string()).collect())>
                    "course 13"
                </button>
            </legend>
            {move || options().into_iter().map(|option| {
                let name = option.name.clone();
                view! {
                    <label class="feature-option" class:feature-missing=option.missing>
                        <input type="checkbox" data-testid=format!("train-feature-{}", option.name)
                            prop:checked=option.checked on:change=move |ev| toggle(ev, name.clone())/>
                        <span>{option.name.clone()}</span>
                        {option.missing.then_some(" (not in the table)")}
                    </label>
                }
            }).collect_view()}
            {move || problem.get().map(|m| view! { <span class="field-error" role="alert">{m}</span> })}
        </fieldset>
    }
}

/// The column to predict: a select of the table's columns (default `country`).
#[component]
pub fn TargetField(
    entry: CellEntry,
    #[prop(into)] table: Signal<Option<TableSummary>>,
    #[prop(into)] spec: Signal<TrainSpec>,
) -> impl IntoView {
    let names = move || {
        let target = spec.with(|s| s.target.clone());
        let mut names: Vec<String> = table.with(|t| {
            t.as_ref()
                .map(|t| t.columns.iter().map(|(n, _)| n.clone()).collect())
                .unwrap_or_default()
        });
        if !names.contains(&target) {
            names.insert(0, target.clone());
        }
        names
            .into_iter()
            .map(|n| (n.clone(), n == target))
            .collect::<Vec<_>>()
    };
    view! {
        <label class="field">
            <span class="field-label">"Target"</span>
            <select data-testid="train-target"
                on:change=move |ev| {
                    let target = event_target_value(&ev);
                    set_train(entry, |s| {
                        s.features.retain(|f| *f != target);
                        s.target = target;
                    });
                }>
                {move || names().into_iter().map(|(name, selected)| view! {
                    <option value=name.clone() selected=selected>{name.clone()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
