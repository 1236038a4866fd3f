//! A Drift cell's output: the alert, every feature's tests side by side (drift marked), the
//! overlaid histograms, and the chosen test per week of the current data.

use jukebox_core::format::{grouped, p_value, statistic};
use jukebox_core::monitor::drift::{DriftTest, FeatureDrift};
use jukebox_core::monitor::drift_cell::DriftOutput;
use leptos::prelude::*;

use super::histograms::DriftHistograms;
use super::over_time::DriftOverTimeChart;
use crate::notebook::cell_entry::{CellEntry, CellOutput};

/// The tests in the table's column order.
const COLUMNS: [DriftTest; 5] = [
    DriftTest::MeanShift,
    DriftTest::Welch,
    DriftTest::KolmogorovSmirnov,
    DriftTest::Psi,
    DriftTest::Evidently,
];

#[component]
pub fn DriftCellOutput(entry: CellEntry) -> impl IntoView {
    let output = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Drifted(output)) => Some(*output),
        _ => None,
    });
    move || {
        output
            .get()
            .map(|output| view! { <DriftView output=output/> })
    }
}

#[component]
pub fn DriftView(output: DriftOutput) -> impl IntoView {
    let heading = format!(
        "{} ({} rows) against {} ({} rows)",
        output.current_label,
        grouped(output.n_current),
        output.reference_label,
        grouped(output.n_reference)
    );
    let alert = output.alert();
    let dataset = format!(
        "Dataset drift (Evidently's rule, ≥ 50 % of features): {} — {:.0} % of features drifted",
        if output.report.dataset_drift {
            "yes"
        } else {
            "no"
        },
        output.report.drifted_share * 100.0
    );
    let rows = output
        .report
        .features
        .iter()
        .map(|f| view! { <DriftRow feature=f.clone() chosen=output.test/> })
        .collect_view();
    let histograms = output.histograms.clone();
    let over_time = output.over_time.clone();
    view! {
        <section class="drift-view" data-testid="drift-view">
            <h3 class="model-title">{heading}</h3>
            {alert.map(|text| view! {
                <p class="notice notice-alert" role="alert" data-testid="cell-alert">{text}</p>
            })}
            <p class="drift-dataset" data-testid="drift-dataset" data-drift=output.report.dataset_drift.to_string()>{dataset}</p>
            <div class="table-scroll">
                <table class="model-table drift-table" data-testid="drift-table">
                    <thead><tr>
                        <th scope="col">"Feature"</th>
                        <th scope="col" class="num">"Reference mean"</th>
                        <th scope="col" class="num">"Current mean"</th>
                        <th scope="col" class="num">"MeanShift p"</th>
                        <th scope="col" class="num">"Welch p"</th>
                        <th scope="col" class="num">"KS p"</th>
                        <th scope="col" class="num">"PSI"</th>
                        <th scope="col" class="num">"Evidently"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <DriftHistograms histograms=histograms/>
            {over_time.map(|over_time| view! { <DriftOverTimeChart over_time=over_time/> })}
        </section>
    }
}

#[component]
fn DriftRow(feature: FeatureDrift, chosen: DriftTest) -> impl IntoView {
    let cells = COLUMNS
        .into_iter()
        .map(|test| {
            let outcome = feature.outcome(test);
            let text = match outcome.p_value {
                Some(p) => p_value(p),
                None => statistic(outcome.statistic),
            };
            let title = format!(
                "{}: statistic {}{}{}",
                test.word(),
                statistic(outcome.statistic),
                outcome.p_value.map_or_else(String::new, |p| format!(", p {}", p_value(p))),
                if outcome.method.is_empty() { String::new() } else { format!(" ({})", outcome.method) }
            );
            view! {
                <td class="num drift-cell" class:drift-yes=outcome.drifted class:drift-chosen=test == chosen
                    data-test=test.word() data-drifted=outcome.drifted.to_string() title=title
                    data-statistic=outcome.statistic.to_string() data-p-value=outcome.p_value.map(|p| p.to_string())
                    data-method=outcome.method.clone()>
                    {text}
                    {outcome.drifted.then(|| view! { <span class="drift-badge">"drift"</span> })}
                </td>
            }
        })
        .collect_view();
    view! {
        <tr data-testid="drift-row" data-feature=feature.feature.clone()>
            <th scope="row">{feature.feature.clone()}</th>
            <td class="num">{statistic(feature.reference_mean)}</td>
            <td class="num">{statistic(feature.current_mean)}</td>
            {cells}
        </tr>
    }
}
