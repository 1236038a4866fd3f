//! A Chart cell's output: its chart drawn on a canvas (`crate::chart::ChartView`).

use leptos::prelude::*;

use crate::chart::ChartView;
use crate::notebook::cell_entry::{CellEntry, CellOutput};

#[component]
pub fn ChartCellOutput(entry: CellEntry) -> impl IntoView {
    let chart = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Charted(chart)) => Some(chart),
        _ => None,
    });
    move || chart.get().map(|chart| view! { <ChartView chart=chart/> })
}
