//! The Train cell's editor: input, output model name, features, target, split, scaler,
//! seed, sample, the model and its hyper-parameters, and the time estimate.

use jukebox_core::notebook::CellSpec;
use jukebox_core::summary::TableSummary;
use jukebox_core::train::{ScalerKind, SplitMethod, TrainSpec};
use leptos::prelude::*;

use super::checked::{COUNT, CheckedField, parse_optional_count, parse_ratio, parse_seed};
use super::estimate::TrainEstimate;
use super::features::{FeaturePicker, TargetField};
use super::params::ModelFields;
use super::settings::set_train;
use crate::notebook::cell_entry::CellEntry;
use crate::notebook::document::Document;
use crate::notebook::run::{Runner, edit};
use crate::notebook::widgets::fields::{DatasetField, SelectField, TextField};

fn scaler_slug(kind: ScalerKind) -> &'static str {
    match kind {
        ScalerKind::MinMax => "min_max",
        ScalerKind::Standard => "standard",
        ScalerKind::None => "none",
    }
}

#[component]
pub fn TrainEditor(entry: CellEntry) -> impl IntoView {
    let document = expect_context::<Document>();
    let runner = expect_context::<Runner>();
    let input = Signal::derive(move || match entry.spec.get() {
        CellSpec::Train { input, .. } => input,
        _ => String::new(),
    });
    let output = Signal::derive(move || match entry.spec.get() {
        CellSpec::Train { output, .. } => output,
        _ => String::new(),
    });
    let spec = Signal::derive(move || match entry.spec.get() {
        CellSpec::Train { spec, .. } => spec,
        _ => TrainSpec::default(),
    });
    let table: Signal<Option<TableSummary>> =
        Signal::derive(move || document.datasets.with(|d| d.get(&input.get()).cloned()));
    let field = move |get: fn(&TrainSpec) -> String| Signal::derive(move || spec.with(get));
    view! {
        <div class="cell-editor cell-editor-train">
            <div class="train-row">
                <DatasetField label="Dataset" cell_id=entry.id value=input testid="train-input"
                    on_change=Callback::new(move |name: String| edit(entry, |spec| {
                        if let CellSpec::Train { input, .. } = spec { *input = name; }
                    }))/>
                <TextField label="Model name" value=output testid="train-output"
                    on_change=Callback::new(move |name: String| edit(entry, |spec| {
                        if let CellSpec::Train { output, .. } = spec { *output = name; }
                    }))/>
                <TargetField entry=entry table=table spec=spec/>
                <SelectField label="Split" testid="train-split"
                    options=vec![("course", "course (test = last rows)"), ("shuffled", "shuffled")]
                    value=field(|s| if s.split.method == SplitMethod::Shuffled { "shuffled" } else { "course" }.into())
                    on_change=Callback::new(move |m: String| set_train(entry, move |s| {
                        s.split.method = if m == "shuffled" { SplitMethod::Shuffled } else { SplitMethod::Course };
                    }))/>
                <CheckedField label="Test share" value=field(|s| s.split.test_ratio.to_string()) parse=parse_ratio
                    testid="train-test-ratio"
                    on_change=Callback::new(move |r: f64| set_train(entry, move |s| s.split.test_ratio = r))/>
                <CheckedField label="Validation share" value=field(|s| s.split.validation_ratio.to_string()) parse=parse_ratio
                    testid="train-validation-ratio"
                    on_change=Callback::new(move |r: f64| set_train(entry, move |s| s.split.validation_ratio = r))/>
                <SelectField label="Scaler" testid="train-scaler"
                    options=vec![("min_max", "MinMax"), ("standard", "Standard"), ("none", "none")]
                    value=field(|s| scaler_slug(s.scaler).into())
                    on_change=Callback::new(move |k: String| set_train(entry, move |s| {
                        s.scaler = match k.as_str() {
                            "standard" => ScalerKind::Standard,
                            "none" => ScalerKind::None,
                            _ => ScalerKind::MinMax,
                        };
                    }))/>
                <CheckedField label="Seed" value=field(|s| s.seed.to_string()) parse=parse_seed testid="train-seed"
                    on_change=Callback::new(move |seed: u64| set_train(entry, move |s| s.seed = seed))/>
                <CheckedField label="Train on a sample of N rows" placeholder="all rows"
                    value=field(|s| s.max_train_rows.map(|n| n.to_string()).unwrap_or_default())
                    parse=parse_optional_count range=COUNT.range() testid="train-sample"
                    on_change=Callback::new(move |n: Option<usize>| set_train(entry, move |s| s.max_train_rows = n))/>
            </div>
            <FeaturePicker entry=entry table=table spec=spec/>
            <div class="train-row">
                <ModelFields entry=entry model=Signal::derive(move || spec.with(|s| s.model.clone()))/>
            </div>
            <TrainEstimate entry=entry input=input table=table spec=spec/>
            <Show when=move || !entry.armed.get()>
                <div class="notice train-waiting" role="status" data-testid="train-waiting">
                    <span>"Nothing is trained until you start it: choose the settings, then press Train."</span>
                    <button type="button" class="button" data-testid="train-start"
                        on:click=move |_| runner.run(entry.id)>"Train"</button>
                </div>
            </Show>
        </div>
    }
}
