//! The chosen test per week of the current data, one line per feature, with the threshold.

use jukebox_core::monitor::drift_cell::DriftOverTime;
use leptos::prelude::*;

use crate::chart::ChartView;

#[component]
pub fn DriftOverTimeChart(over_time: DriftOverTime) -> impl IntoView {
    let weeks = over_time.weeks.len();
    let chart = over_time.chart();
    view! {
        <div class="drift-over-time" data-testid="drift-over-time" data-weeks=weeks.to_string()>
            <ChartView chart=Signal::derive(move || chart.clone())/>
        </div>
    }
}
