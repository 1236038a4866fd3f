//! The Runs page (`#/runs`): every training kept as a run, in a table to sort and filter;
//! tags and notes; delete with confirmation; 2–5 runs compared side by side; a run's model
//! opened in a Predict cell; a run exported as ONNX and pushed to a model registry (`publish`). Data and actions come from the [`RunsStore`] in context.

// Filters, sort and comparison rows are the core's (`jukebox_core::runs`).
pub use jukebox_core::runs::compare;
pub mod compare_view;
mod detail;
pub mod export;
pub mod filters;
pub mod format;
mod notes;
pub mod overlay;
pub mod publish;
mod push;
mod push_fields;
pub mod push_steps;
pub use jukebox_core::runs::query;
pub mod store;
mod table;

use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use compare_view::CompareView;
use filters::RunsFilters;
use format::run_label;
use query::{RunFilter, RunSort};
pub use store::RunsStore;
use table::{RunsTable, TableState};

/// How many runs a comparison takes.
pub const COMPARE_RUNS: std::ops::RangeInclusive<usize> = 2..=5;

#[component]
pub fn RunsPage() -> impl IntoView {
    let store = expect_context::<RunsStore>();
    let filter = RwSignal::new(RunFilter::default());
    let state = TableState {
        sort: RwSignal::new(RunSort::default()),
        selected: RwSignal::new(Vec::new()),
        expanded: RwSignal::new(None),
        confirm_delete: RwSignal::new(None),
    };
    let comparing = RwSignal::new(false);
    provide_context(publish::PublishSessions::new());
    let shown = Memo::new(move |_| {
        store.runs.with(|runs| {
            let mut rows = query::filter(runs, &filter.get());
            query::sort(&mut rows, state.sort.get());
            rows.into_iter().cloned().collect::<Vec<RunRecord>>()
        })
    });
    let choices = Memo::new(move |_| store.runs.with(|runs| query::choices(runs)));
    let versions = Memo::new(move |_| store.runs.with(|runs| query::dataset_versions(runs)));
    let count = move || {
        let total = store.runs.with(Vec::len);
        format!("{} of {total} runs", shown.with(Vec::len))
    };
    // A deleted run leaves the selection and the comparison.
    Effect::new(move |_| {
        let ids: Vec<String> = store
            .runs
            .with(|r| r.iter().map(|r| r.id.clone()).collect());
        state.selected.update(|s| s.retain(|id| ids.contains(id)));
    });
    view! {
        <section class="page runs-page" data-testid="runs-page" aria-labelledby="runs-title">
            <h1 id="runs-title">"Runs"</h1>
            <p class="page-lead">"Every training in a notebook, kept in this browser: settings, data fingerprints, curves, metrics and the model."</p>
            {move || store.error.get().map(|message| view! {
                <div class="card card-error" role="alert" data-testid="runs-error"><p>{message}</p></div>
            })}
            {move || if store.runs.with(Vec::is_empty) {
                view! {
                    <div class="card runs-empty" data-testid="runs-empty">
                        <p>"No runs yet — every training in a notebook is kept here."</p>
                        <p><a href="#/notebook">"Open the notebook"</a>" and run a Train cell."</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <RunsFilters filter=filter models=Signal::derive(move || choices.get().0)
                        tags=Signal::derive(move || choices.get().1) versions=versions/>
                    <div class="runs-toolbar">
                        <p class="runs-count" data-testid="runs-count" aria-live="polite">{count}</p>
                        <CompareButton selected=state.selected comparing=comparing/>
                    </div>
                    <DeleteConfirm pending=state.confirm_delete/>
                    <RunsTable rows=shown state=state/>
                    {move || comparing.get().then(|| compare_panel(store, state.selected, comparing))}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CompareButton(selected: RwSignal<Vec<String>>, comparing: RwSignal<bool>) -> impl IntoView {
    let n = move || selected.with(Vec::len);
    let hint = move || match n() {
        0 => "Pick 2 to 5 runs to compare".to_string(),
        1 => "Pick at least one more run".to_string(),
        k if k > *COMPARE_RUNS.end() => format!("{k} picked: compare at most 5"),
        k => format!("{k} picked"),
    };
    view! {
        <span class="runs-compare-hint" data-testid="runs-compare-hint">{hint}</span>
        <button type="button" class="button" data-testid="runs-compare"
            disabled=move || !COMPARE_RUNS.contains(&n())
            on:click=move |_| comparing.set(true)>"Compare"</button>
    }
}

/// The comparison of the picked runs, in the order they were picked; closes by itself when
/// fewer than two remain.
fn compare_panel(
    store: RunsStore,
    selected: RwSignal<Vec<String>>,
    comparing: RwSignal<bool>,
) -> impl IntoView {
    move || {
        let runs: Vec<RunRecord> = selected.with(|ids| {
            store.runs.with(|runs| {
                ids.iter()
                    .filter_map(|id| runs.iter().find(|r| &r.id == id).cloned())
                    .take(*COMPARE_RUNS.end())
                    .collect()
            })
        });
        (runs.len() >= *COMPARE_RUNS.start())
            .then(|| view! { <CompareView runs=runs on_close=move |()| comparing.set(false)/> })
    }
}

/// Asks before a run is deleted, naming it; the store hears of it only after "Delete".
#[component]
fn DeleteConfirm(pending: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<RunsStore>();
    // The dialog takes the focus, on "Cancel": Enter right after "Delete" keeps the run.
    let cancel = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel.get() {
            // Focus is a courtesy: a browser refusing it changes nothing else.
            let _ = button.focus();
        }
    });
    move || {
        let id = pending.get()?;
        let label = store
            .runs
            .with_untracked(|runs| runs.iter().find(|r| r.id == id).map(run_label))?;
        Some(view! {
            <div class="card run-delete-dialog" role="alertdialog" aria-modal="false"
                aria-labelledby="run-delete-title" data-testid="run-delete-dialog"
                on:keydown=move |ev| if ev.key() == "Escape" { pending.set(None) }>
                <p id="run-delete-title">{format!("Delete run “{label}”?")}</p>
                <p class="muted">"Its record and its model are removed from this browser; this cannot be undone."</p>
                <div class="run-delete-buttons">
                    <button type="button" class="button button-danger" data-testid="run-delete-confirm"
                        on:click=move |_| {
                            pending.set(None);
                            store.delete(&id);
                        }>"Delete"</button>
                    <button type="button" class="button button-quiet" data-testid="run-delete-cancel" node_ref=cancel
                        on:click=move |_| pending.set(None)>"Cancel"</button>
                </div>
            </div>
        })
    }
}
