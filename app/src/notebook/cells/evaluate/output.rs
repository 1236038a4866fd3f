//! An Evaluate cell's output: accuracy cards beside the chance and majority baselines,
//! averaged precision/recall/F1, the per-class table, the confusion matrix and the curves.

use jukebox_core::train::EvalSplit;
use jukebox_core::train::metrics::{Evaluation, Prf};
use leptos::prelude::*;

use super::per_class::PerClassTable;
use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::widgets::confusion::ConfusionMatrix;
use crate::notebook::widgets::curves::TrainingCurves;
use crate::notebook::widgets::percent::percent;
use crate::shell::format_count;

pub fn split_name(split: EvalSplit) -> &'static str {
    match split {
        EvalSplit::Test => "test",
        EvalSplit::Validation => "validation",
        EvalSplit::Train => "training",
    }
}

/// An Evaluate cell's output: its evaluation, once it has one.
#[component]
pub fn EvaluateCellOutput(entry: CellEntry) -> impl IntoView {
    let evaluation = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Evaluated(evaluation)) => Some(evaluation),
        _ => None,
    });
    let shown = Memo::new(move |_| evaluation.with(Option::is_some));
    view! {
        <Show when=move || shown.get()>
            <EvaluationView evaluation=evaluation/>
        </Show>
    }
}

#[component]
pub fn EvaluationView(#[prop(into)] evaluation: Signal<Option<Evaluation>>) -> impl IntoView {
    move || {
        evaluation
            .get()
            .map(|evaluation| view! { <EvaluationReport evaluation=evaluation/> })
    }
}

#[component]
fn MetricCard(
    label: String,
    value: f64,
    testid: &'static str,
    #[prop(optional)] baseline: bool,
) -> impl IntoView {
    view! {
        <div class="metric-card" class:metric-baseline=baseline data-testid=testid data-value=value>
            <span class="metric-label">{label}</span>
            <span class="metric-value">{percent(value)}</span>
        </div>
    }
}

#[component]
fn AverageRow(name: &'static str, prf: Prf) -> impl IntoView {
    view! {
        <tr data-average=name>
            <th scope="row">{name}</th>
            <td class="num">{percent(prf.precision)}</td>
            <td class="num">{percent(prf.recall)}</td>
            <td class="num">{percent(prf.f1)}</td>
        </tr>
    }
}

#[component]
fn EvaluationReport(evaluation: Evaluation) -> impl IntoView {
    let k = evaluation.classes.len();
    let history = evaluation.history.clone();
    let heading = format!(
        "{} on the {} part · {} rows · {k} classes",
        evaluation.model,
        split_name(evaluation.split),
        format_count(evaluation.n_rows)
    );
    let curves = (!history.is_empty()).then(|| {
        view! { <TrainingCurves points=Vec::new() history=history/> }
    });
    let unseen = jukebox_core::train::plan::evaluation_warning(&evaluation);
    view! {
        <section class="evaluation-view" data-testid="evaluation-view">
            <h3 class="model-title">{heading}</h3>
            {unseen.map(|warning| view! {
                <p class="notice notice-warning" role="alert" data-testid="eval-unseen-warning">{warning}</p>
            })}
            <div class="metric-cards">
                <MetricCard label="Accuracy".into() value=evaluation.accuracy testid="eval-accuracy"/>
                <MetricCard label="Top-5 accuracy".into() value=evaluation.top5_accuracy testid="eval-top5"/>
                <MetricCard label=format!("Chance (1/{k})") value=evaluation.chance_accuracy testid="eval-chance" baseline=true/>
                <MetricCard label="Majority class".into() value=evaluation.majority_accuracy testid="eval-majority" baseline=true/>
            </div>
            <table class="model-table model-averages" data-testid="eval-averages">
                <thead><tr><th></th><th>"Precision"</th><th>"Recall"</th><th>"F1"</th></tr></thead>
                <tbody>
                    <AverageRow name="macro" prf=evaluation.macro_avg/>
                    <AverageRow name="weighted" prf=evaluation.weighted_avg/>
                </tbody>
            </table>
            <PerClassTable rows=evaluation.per_class.clone()/>
            <ConfusionMatrix evaluation=evaluation/>
            {curves}
        </section>
    }
}
