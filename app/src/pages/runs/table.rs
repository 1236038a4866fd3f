//! The runs table: one row per run (start, model, notebook, input, duration, epochs or trees,
//! accuracies, macro F1, status, tags), headers that sort, a checkbox to pick runs for
//! comparison, and the row's actions; an opened row shows its detail beneath.

use jukebox_core::runs::{RunRecord, RunStatus};
use leptos::prelude::*;

use super::detail::RunDetail;
use super::format::{
    duration, epochs_or_trees, local_date_time, macro_f1, maybe_percent, test_accuracy,
};
use super::query::{RunSort, SortKey};
use super::store::RunsStore;
use jukebox_core::runs::format::short_sha;

/// The table's columns: sort key (if sortable), slug, title.
const COLUMNS: [(Option<SortKey>, &str, &str); 11] = [
    (Some(SortKey::Started), "started", "Started"),
    (Some(SortKey::Model), "model", "Model"),
    (None, "notebook", "Notebook"),
    (None, "input", "Input"),
    (Some(SortKey::Duration), "duration", "Duration"),
    (None, "epochs", "Epochs / trees"),
    (
        Some(SortKey::ValidationAccuracy),
        "validation",
        "Validation acc.",
    ),
    (Some(SortKey::TestAccuracy), "test", "Test acc."),
    (Some(SortKey::MacroF1), "macro-f1", "Macro F1"),
    (None, "status", "Status"),
    (None, "tags", "Tags"),
];

/// What the table shares with the page: order, picked runs, the opened row, and where a
/// delete goes to be confirmed.
#[derive(Clone, Copy)]
pub struct TableState {
    pub sort: RwSignal<RunSort>,
    pub selected: RwSignal<Vec<String>>,
    pub expanded: RwSignal<Option<String>>,
    pub confirm_delete: RwSignal<Option<String>>,
}

#[component]
pub fn RunsTable(#[prop(into)] rows: Signal<Vec<RunRecord>>, state: TableState) -> impl IntoView {
    let headers = COLUMNS
        .into_iter()
        .map(|(key, slug, title)| header(state.sort, key, slug, title))
        .collect_view();
    let body = move || {
        rows.get()
            .into_iter()
            .map(|run| view! { <RunRow run=run state=state/> })
            .collect_view()
    };
    view! {
        <div class="runs-scroll">
            <table class="model-table runs-table" data-testid="runs-table">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">"Compare"</span></th>
                        {headers}
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn header(
    sort: RwSignal<RunSort>,
    key: Option<SortKey>,
    slug: &'static str,
    title: &'static str,
) -> impl IntoView + use<> {
    let Some(key) = key else {
        return view! { <th scope="col">{title}</th> }.into_any();
    };
    let aria = move || match sort.get() {
        RunSort { key: k, descending } if k == key && descending => "descending",
        RunSort { key: k, .. } if k == key => "ascending",
        _ => "none",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort-header" data-sort=slug
                on:click=move |_| sort.update(|s| *s = s.clicked(key))>{title}</button>
        </th>
    }
    .into_any()
}

impl TableState {
    /// Picks run `id` for comparison (at the end of the picks) or unpicks it.
    fn pick(self, id: &str, on: bool) {
        self.selected.update(|s| {
            s.retain(|x| x != id);
            if on {
                s.push(id.to_string());
            }
        });
    }

    /// Opens run `id`'s detail (closing any other), or closes it when open.
    fn toggle_open(self, id: &str) {
        self.expanded.update(|e| {
            *e = if e.as_deref() == Some(id) {
                None
            } else {
                Some(id.to_string())
            };
        });
    }
}

#[component]
fn RunRow(run: RunRecord, state: TableState) -> impl IntoView {
    let store = expect_context::<RunsStore>();
    let id = StoredValue::new(run.id.clone());
    let is_open = Memo::new(move |_| {
        state
            .expanded
            .with(|e| id.with_value(|id| e.as_deref() == Some(id.as_str())))
    });
    let checked = move || state.selected.with(|s| id.with_value(|id| s.contains(id)));
    let detail = run.clone();
    view! {
        <tr data-testid="run-row" data-run-id=run.id.clone()
            class:run-cancelled=run.status == RunStatus::Cancelled class:run-open=move || is_open.get()>
            <td><input type="checkbox" data-testid="run-select" aria-label="Pick for comparison"
                prop:checked=checked
                on:change=move |ev| id.with_value(|id| state.pick(id, event_target_checked(&ev)))/></td>
            {cells(&run)}
            <td class="run-actions">
                <button type="button" class="button button-quiet" data-testid="run-details"
                    aria-expanded=move || is_open.get().to_string()
                    on:click=move |_| id.with_value(|id| state.toggle_open(id))>
                    {move || if is_open.get() { "Hide" } else { "Details" }}
                </button>
                <button type="button" class="button button-quiet" data-testid="run-open-predict"
                    title="Open this run's model in a Predict cell of the notebook"
                    on:click=move |_| id.with_value(|id| store.open_in_predict(id))>"Predict"</button>
                <button type="button" class="button button-quiet run-delete" data-testid="run-delete"
                    on:click=move |_| state.confirm_delete.set(Some(id.get_value()))>"Delete"</button>
            </td>
        </tr>
        {move || is_open.get().then(|| view! {
            <tr class="run-detail-row"><td colspan=COLUMNS.len() + 2><RunDetail run=detail.clone()/></td></tr>
        })}
    }
}

/// The row's values, in the order of [`COLUMNS`].
fn cells(run: &RunRecord) -> impl IntoView + use<> {
    let status = if run.status == RunStatus::Cancelled {
        view! { <span class="run-status-cancelled">"cancelled"</span> }.into_any()
    } else {
        "finished".into_any()
    };
    let tags = run
        .tags
        .iter()
        .map(|t| view! { <span class="chip">{t.clone()}</span> })
        .collect_view();
    let validation = Some(run.report.validation_accuracy).filter(|v| v.is_finite());
    view! {
        <td class="num" data-testid="run-started">{local_date_time(run.started_ms)}</td>
        <td data-testid="run-model">{run.report.spec.model.label()}" · "<code>{run.model_name.clone()}</code></td>
        <td>{run.notebook_title.clone()}</td>
        <td><code>{run.input.clone()}</code>{run.dataset_version().map(|v| view! {
            " "<code class="muted" data-testid="run-data-version" title=format!("Data version (SHA-256): {v}")>{short_sha(v)}</code>
        })}</td>
        <td class="num" data-testid="run-duration">{duration(run.ended_ms - run.started_ms)}</td>
        <td class="num" data-testid="run-epochs">{epochs_or_trees(run)}</td>
        <td class="num" data-testid="run-validation">{maybe_percent(validation)}</td>
        <td class="num" data-testid="run-test">{maybe_percent(test_accuracy(run))}</td>
        <td class="num" data-testid="run-macro-f1">{maybe_percent(macro_f1(run))}</td>
        <td data-testid="run-status">{status}</td>
        <td data-testid="run-tags">{tags}</td>
    }
}
