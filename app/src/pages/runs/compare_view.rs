//! The comparison of 2–5 runs side by side: settings and metrics, one column per run, rows
//! whose values differ highlighted (optionally alone), then the curves overlaid.

use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use super::compare::{CompareRow, RowGroup, compare_rows};
use super::format::run_label;
use super::overlay::CurvesOverlay;

#[component]
pub fn CompareView(runs: Vec<RunRecord>, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let only_differences = RwSignal::new(false);
    let refs: Vec<&RunRecord> = runs.iter().collect();
    let rows = compare_rows(&refs);
    let n_differ = rows.iter().filter(|r| r.differs).count();
    let heads = runs
        .iter()
        .enumerate()
        .map(|(colour, run)| {
            view! {
                <th scope="col" data-run-id=run.id.clone()>
                    <span class=format!("overlay-swatch run-colour-{colour}") aria-hidden="true"></span>
                    {run_label(run)}
                </th>
            }
        })
        .collect_view();
    let n_columns = runs.len() + 1;
    let group = move |group: RowGroup, title: &'static str| {
        let rows: Vec<CompareRow> = rows.iter().filter(|r| r.group == group).cloned().collect();
        view! {
            <tbody>
                <tr class="compare-group"><th scope="rowgroup" colspan=n_columns>{title}</th></tr>
                {rows.into_iter().map(|row| view! { <CompareLine row=row only_differences=only_differences/> }).collect_view()}
            </tbody>
        }
    };
    let settings = group(RowGroup::Settings, "Settings");
    let metrics = group(RowGroup::Metrics, "Metrics");
    view! {
        <section class="card compare-view" data-testid="compare-view" aria-labelledby="compare-title">
            <header class="compare-header">
                <h2 id="compare-title">{format!("Comparing {} runs", runs.len())}</h2>
                <label class="compare-toggle">
                    <input type="checkbox" data-testid="compare-only-differences"
                        prop:checked=move || only_differences.get()
                        on:change=move |ev| only_differences.set(event_target_checked(&ev))/>
                    {format!(" Only differences ({n_differ})")}
                </label>
                <button type="button" class="button button-quiet" data-testid="compare-close"
                    on:click=move |_| on_close.run(())>"Close"</button>
            </header>
            <div class="compare-scroll">
                <table class="model-table compare-table" data-testid="compare-table">
                    <thead><tr><th scope="col">"Run"</th>{heads}</tr></thead>
                    {settings}
                    {metrics}
                </table>
            </div>
            <CurvesOverlay runs=runs/>
        </section>
    }
}

#[component]
fn CompareLine(row: CompareRow, only_differences: RwSignal<bool>) -> impl IntoView {
    let differs = row.differs;
    let label = row.label.clone();
    let cells = row
        .values
        .into_iter()
        .map(|value| view! { <td>{value}</td> })
        .collect_view();
    view! {
        <tr data-testid="compare-row" data-label=label
            class:differs=differs data-differs=differs.to_string()
            hidden=move || only_differences.get() && !differs>
            <th scope="row">{row.label}</th>
            {cells}
        </tr>
    }
}
