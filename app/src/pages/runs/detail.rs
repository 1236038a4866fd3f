//! An opened run: every setting, the datasets it read (short SHA-256, rows), the per-epoch
//! history, the test scores, the model kept (size, SHA-256) and where it ran; with its tags
//! and note editable; its ONNX export and pushes to model registries.

use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use crate::notebook::cells::train::HistoryTable;

use super::compare::{hyper_parameters, scaler, split};
use super::format::{bytes, local_date_time, short_sha};
use super::notes::RunNotes;
use super::publish::RunPublish;
use crate::notebook::widgets::percent::percent;
use crate::shell::format_count;

#[component]
pub fn RunDetail(run: RunRecord) -> impl IntoView {
    view! {
        <div class="run-detail" data-testid="run-detail">
            <RunNotes id=run.id.clone() tags=run.tags.clone() note=run.note.clone()/>
            <div class="run-detail-grid">
                <section>
                    <h3>"Settings"</h3>
                    {settings(&run)}
                </section>
                <section>
                    <h3>"Scores on the test part"</h3>
                    {scores(&run)}
                    <h3>"Model and environment"</h3>
                    {environment(&run)}
                </section>
            </div>
            <h3>"Datasets"</h3>
            {datasets(&run)}
            <h3>"History"</h3>
            {history(&run)}
            <h3>"ONNX export and model registries"</h3>
            <RunPublish run=run.clone()/>
        </div>
    }
}

fn settings(run: &RunRecord) -> impl IntoView + use<> {
    let spec = &run.report.spec;
    let sizes = run.report.sizes;
    let params = hyper_parameters(spec)
        .into_iter()
        .map(|(name, value)| view! { <dt><code>{name}</code></dt><dd>{value}</dd> })
        .collect_view();
    let sample = spec
        .max_train_rows
        .map_or_else(|| "all".to_string(), format_count);
    view! {
        <dl class="model-facts run-settings" data-testid="run-settings">
            <dt>"Model"</dt><dd>{spec.model.label()}" · "<code>{run.model_name.clone()}</code></dd>
            {params}
            <dt>"Features"</dt><dd>{format!("{}: {}", spec.features.len(), spec.features.join(", "))}</dd>
            <dt>"Target"</dt><dd><code>{spec.target.clone()}</code>{format!(" ({} classes)", run.report.classes.len())}</dd>
            <dt>"Split"</dt><dd>{split(spec)}</dd>
            <dt>"Rows"</dt><dd>{format!("{} ({} dropped with nulls) → train {} · validation {} · test {}",
                format_count(sizes.n_rows), format_count(sizes.n_dropped),
                format_count(sizes.n_train), format_count(sizes.n_validation), format_count(sizes.n_test))}</dd>
            <dt>"Scaler"</dt><dd>{scaler(spec.scaler)}</dd>
            <dt>"Seed"</dt><dd>{spec.seed}</dd>
            <dt>"Sample rows"</dt><dd>{sample}</dd>
            <dt>"Input"</dt><dd><code>{run.input.clone()}</code>{format!(" in “{}”", run.notebook_title)}</dd>
            <dt>"Ended"</dt><dd>{local_date_time(run.ended_ms)}</dd>
        </dl>
    }
}

fn scores(run: &RunRecord) -> impl IntoView + use<> {
    let Some(evaluation) = &run.evaluation else {
        return view! { <p class="muted">"No test part: the run was not scored on held-out rows."</p> }
            .into_any();
    };
    view! {
        <dl class="model-facts" data-testid="run-scores">
            <dt>"Accuracy"</dt><dd data-testid="run-score-accuracy">{percent(evaluation.accuracy)}</dd>
            <dt>"Top-5 accuracy"</dt><dd>{percent(evaluation.top5_accuracy)}</dd>
            <dt>"Macro F1"</dt><dd>{percent(evaluation.macro_avg.f1)}</dd>
            <dt>"Weighted F1"</dt><dd>{percent(evaluation.weighted_avg.f1)}</dd>
            <dt>"Chance"</dt><dd>{percent(evaluation.chance_accuracy)}</dd>
            <dt>"Rows scored"</dt><dd>{format_count(evaluation.n_rows)}</dd>
        </dl>
    }
    .into_any()
}

fn environment(run: &RunRecord) -> impl IntoView + use<> {
    view! {
        <dl class="model-facts" data-testid="run-environment">
            <dt>"Model bytes"</dt>
            <dd data-testid="run-model-bytes">{bytes(run.model_bytes)}" · sha256 "<code title=run.model_sha256.clone()>{short_sha(&run.model_sha256)}</code></dd>
            <dt>"App version"</dt><dd>{run.app_version.clone()}</dd>
            <dt>"Browser"</dt><dd class="run-user-agent">{run.user_agent.clone()}</dd>
            <dt>"Run id"</dt><dd><code>{run.id.clone()}</code></dd>
        </dl>
    }
}

fn datasets(run: &RunRecord) -> impl IntoView + use<> {
    let rows = run
        .datasets
        .iter()
        .map(|d| {
            let n_rows = usize::try_from(d.rows).unwrap_or(usize::MAX);
            view! {
                <tr data-testid="run-dataset">
                    <td><code>{d.name.clone()}</code></td>
                    <td>{d.origin.clone()}</td>
                    <td><code title=d.sha256.clone()>{short_sha(&d.sha256)}</code></td>
                    <td class="num">{format_count(n_rows)}</td>
                    <td class="num">{d.columns.len()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="model-table">
            <thead><tr><th>"Name"</th><th>"Origin"</th><th>"SHA-256"</th><th class="num">"Rows"</th><th class="num">"Columns"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn history(run: &RunRecord) -> impl IntoView + use<> {
    view! { <HistoryTable history=run.report.history.clone() testid="run-history"/> }
}
