//! The Fairness cell's editor: model, rows scored, protected attribute and privileged value,
//! the country, the favourable outcome, the bounds.

use jukebox_core::monitor::fairness::{FAVOURABLE_HELP, Favourable};
use jukebox_core::monitor::fairness_cell::FairnessSpec;
use jukebox_core::notebook::CellSpec;
use jukebox_core::notebook::limits;
use jukebox_core::train::EvalSplit;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::{DecimalField, NumberField, SelectField, TextField};

fn edit_fairness(entry: CellEntry, change: impl FnOnce(&mut FairnessSpec) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Fairness(fairness) = spec {
            change(fairness);
        }
    });
}

fn part<T: Clone + Default + Send + Sync + 'static>(
    entry: CellEntry,
    pick: fn(&FairnessSpec) -> T,
) -> Signal<T> {
    Signal::derive(move || {
        entry.spec.with(|spec| match spec {
            CellSpec::Fairness(fairness) => pick(fairness),
            _ => T::default(),
        })
    })
}

fn split_slug(split: EvalSplit) -> String {
    match split {
        EvalSplit::Test => "test",
        EvalSplit::Validation => "validation",
        EvalSplit::Train => "train",
    }
    .into()
}

#[component]
pub fn FairnessEditor(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let model = part(entry, |f| f.model.clone());
    let on = part(entry, |f| split_slug(f.on));
    let attribute = part(entry, |f| f.attribute.clone());
    let privileged = part(entry, |f| f.privileged);
    let country = part(entry, |f| f.country.clone());
    let favourable = part(entry, |f| match f.favourable {
        Favourable::TopClass => "top".to_string(),
        Favourable::AtLeast { .. } => "at_least".to_string(),
    });
    let threshold = part(entry, |f| match f.favourable {
        Favourable::AtLeast { threshold } => threshold,
        Favourable::TopClass => 0.5,
    });
    let spd = part(entry, |f| f.bounds.spd_upper);
    let dir_lower = part(entry, |f| f.bounds.dir_lower);
    let dir_upper = part(entry, |f| f.bounds.dir_upper);
    let min_rows = part(entry, |f| f.bounds.min_group_rows);
    let models = move || {
        let mut models = document.models_before(entry.id);
        let current = model.get();
        if !current.is_empty() && !models.contains(&current) {
            models.push(current);
        }
        models
    };
    view! {
        <div class="cell-editor fairness-editor">
            <label class="field">
                <span class="field-label">"Model"</span>
                <select data-testid="fairness-model" on:change=move |ev| {
                    let name = event_target_value(&ev);
                    edit_fairness(entry, move |f| f.model = name);
                }>
                    {move || models().into_iter().map(|m| {
                        let selected = m == model.get();
                        view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <SelectField label="Rows" testid="fairness-split" value=on
                options=vec![("test", "test part"), ("validation", "validation part"), ("train", "training part")]
                on_change=Callback::new(move |slug: String| edit_fairness(entry, move |f| {
                    f.on = match slug.as_str() {
                        "validation" => EvalSplit::Validation,
                        "train" => EvalSplit::Train,
                        _ => EvalSplit::Test,
                    };
                }))/>
            <TextField label="Protected attribute" value=attribute testid="fairness-attribute"
                on_change=Callback::new(move |a: String| edit_fairness(entry, move |f| f.attribute = a))/>
            <DecimalField label="Privileged value" value=privileged testid="fairness-privileged"
                on_change=Callback::new(move |v: f64| edit_fairness(entry, move |f| f.privileged = v))/>
            <TextField label="Country" value=country testid="fairness-country" placeholder="any (all alert)"
                on_change=Callback::new(move |c: String| edit_fairness(entry, move |f| f.country = c.to_uppercase()))/>
            <SelectField label="Favourable outcome" testid="fairness-favourable" value=favourable
                options=vec![("top", "top prediction is the country"), ("at_least", "P(country) ≥ threshold")]
                on_change=Callback::new(move |kind: String| edit_fairness(entry, move |f| {
                    f.favourable = if kind == "at_least" {
                        Favourable::AtLeast { threshold: 0.05 }
                    } else {
                        Favourable::TopClass
                    };
                }))/>
            <Show when=move || favourable.get() == "at_least">
                <DecimalField label="Threshold" value=threshold testid="fairness-threshold" step="0.01"
                    on_change=Callback::new(move |t: f64| {
                        if t > 0.0 && t <= 1.0 {
                            edit_fairness(entry, move |f| f.favourable = Favourable::AtLeast { threshold: t });
                        }
                    })/>
            </Show>
            <DecimalField label="SPD within ±" value=spd testid="fairness-spd-bound" step="0.01"
                on_change=Callback::new(move |b: f64| {
                    if b > 0.0 {
                        edit_fairness(entry, move |f| { f.bounds.spd_lower = -b; f.bounds.spd_upper = b; });
                    }
                })/>
            <DecimalField label="DIR from" value=dir_lower testid="fairness-dir-lower" step="0.05"
                on_change=Callback::new(move |b: f64| edit_fairness(entry, move |f| f.bounds.dir_lower = b))/>
            <DecimalField label="DIR to" value=dir_upper testid="fairness-dir-upper" step="0.05"
                on_change=Callback::new(move |b: f64| edit_fairness(entry, move |f| f.bounds.dir_upper = b))/>
            <NumberField label="Warn below rows per group" value=min_rows testid="fairness-min-rows" bounds=limits::GROUP_ROWS
                on_change=Callback::new(move |n: usize| edit_fairness(entry, move |f| f.bounds.min_group_rows = n))/>
            <p class="field-help" data-testid="fairness-help">{FAVOURABLE_HELP}</p>
        </div>
    }
}
