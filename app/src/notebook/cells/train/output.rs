//! A Train cell's output: the model, where its rows went, its accuracies next to chance,
//! the per-epoch history and the curves.

use jukebox_core::train::{ModelSpec, ScalerKind, TrainReport};
use leptos::prelude::*;

use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::widgets::curves::TrainingCurves;
use crate::notebook::widgets::percent::percent;
use crate::shell::format_count;

fn scaler_name(kind: ScalerKind) -> &'static str {
    match kind {
        ScalerKind::MinMax => "MinMax (0–1, fitted on the training part)",
        ScalerKind::Standard => "Standard (mean 0, std 1, fitted on the training part)",
        ScalerKind::None => "none (raw features)",
    }
}

/// What a cancelled training kept, in words.
pub fn cancelled_note(report: &TrainReport) -> String {
    match report.spec.model {
        ModelSpec::Network(_) => format!(
            "Cancelled after epoch {}: the model is kept as it was then.",
            report.history.len()
        ),
        ModelSpec::RandomForest(_) => {
            "Cancelled: the forest keeps the trees fitted before the cancel.".to_string()
        }
        ModelSpec::HistGradientBoosting(_) => {
            "Cancelled: the boosting keeps the iterations fitted before the cancel.".to_string()
        }
        _ => "Cancelled before the end.".to_string(),
    }
}

/// A Train (or Model from run) cell's output: the report of its model.
#[component]
pub fn TrainCellOutput(entry: CellEntry) -> impl IntoView {
    let report = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Trained(report)) => Some(report),
        _ => None,
    });
    let shown = Memo::new(move |_| report.with(Option::is_some));
    view! {
        <Show when=move || shown.get()>
            <TrainedView report=report/>
        </Show>
    }
}

#[component]
pub fn TrainedView(#[prop(into)] report: Signal<Option<TrainReport>>) -> impl IntoView {
    move || {
        report
            .get()
            .map(|report| view! { <TrainedReport report=report/> })
    }
}

#[component]
fn TrainedReport(report: TrainReport) -> impl IntoView {
    let sizes = report.sizes;
    let n_classes = report.classes.len();
    let chance = 1.0 / n_classes.max(1) as f64;
    let sample = report
        .spec
        .max_train_rows
        .map(|n| format!(" (a sample of at most {})", format_count(n)));
    let cancelled = report.cancelled.then(|| cancelled_note(&report));
    let points = report.points.clone();
    let history = report.history.clone();
    view! {
        <section class="trained-view" data-testid="trained-view">
            <h3 class="model-title">{report.spec.model.label()}" · "<code>{report.model.clone()}</code></h3>
            {cancelled.map(|note| view! { <p class="model-cancelled" data-testid="trained-cancelled">{note}</p> })}
            <dl class="model-facts">
                <dt>"Rows"</dt>
                <dd data-testid="trained-rows">{format!("{} ({} dropped with nulls)", format_count(sizes.n_rows), format_count(sizes.n_dropped))}</dd>
                <dt>"Split"</dt>
                <dd data-testid="trained-split">{format!("train {} · validation {} · test {}",
                    format_count(sizes.n_train), format_count(sizes.n_validation), format_count(sizes.n_test))}{sample}</dd>
                <dt>"Scaler"</dt>
                <dd>{scaler_name(report.scaler.kind)}</dd>
                <dt>"Classes"</dt>
                <dd data-testid="trained-classes">{n_classes}</dd>
            </dl>
            <div class="metric-cards">
                <div class="metric-card" data-testid="trained-accuracy" data-value=report.test_accuracy>
                    <span class="metric-label">"Test accuracy"</span>
                    <span class="metric-value">{percent(report.test_accuracy)}</span>
                </div>
                <div class="metric-card" data-testid="trained-validation-accuracy" data-value=report.validation_accuracy>
                    <span class="metric-label">"Validation accuracy"</span>
                    <span class="metric-value">{percent(report.validation_accuracy)}</span>
                </div>
                <div class="metric-card metric-baseline" data-testid="trained-chance" data-value=chance>
                    <span class="metric-label">{format!("Chance (1/{n_classes})")}</span>
                    <span class="metric-value">{percent(chance)}</span>
                </div>
            </div>
            <HistoryTable history=report.history testid="trained-history"/>
            <TrainingCurves points=points history=history/>
        </section>
    }
}

/// The per-epoch history of a training (also in a run's details on the Runs page).
#[component]
pub fn HistoryTable(
    history: Vec<jukebox_core::train::EpochRecord>,
    testid: &'static str,
) -> impl IntoView {
    let rows = history
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="num">{r.epoch}</td>
                    <td class="num">{format!("{:.4}", r.train_loss)}</td>
                    <td class="num">{percent(r.train_accuracy)}</td>
                    <td class="num">{format!("{:.4}", r.validation_loss)}</td>
                    <td class="num">{percent(r.validation_accuracy)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="model-table" data-testid=testid>
            <thead>
                <tr>
                    <th>"Epoch"</th><th>"Loss"</th><th>"Accuracy"</th>
                    <th>"Validation loss"</th><th>"Validation accuracy"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
